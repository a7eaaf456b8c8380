# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class MeteringSelfCheck(models.Model):
    """An employee's daily self-check (e.g. the service clerk's pre-shift
    check): one a day per employee and template, created each morning."""

    _name = "metering.self.check"
    _description = "Daily Self-Check"
    _inherit = ["metering.checklist.target.mixin", "metering.earned.mixin"]
    _order = "date desc, id desc"

    employee_id = fields.Many2one(
        "hr.employee", required=True, readonly=True, index=True
    )
    user_id = fields.Many2one(related="employee_id.user_id", store=True, index=True)
    date = fields.Date(required=True, readonly=True, default=fields.Date.context_today)
    assignment_id = fields.Many2one(
        "metering.checklist.assignment",
        required=True,
        readonly=True,
        ondelete="cascade",
    )
    template_id = fields.Many2one(related="assignment_id.template_id")
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, default=lambda s: s.env.company
    )

    _one_a_day = models.Constraint(
        "UNIQUE(employee_id, assignment_id, date)",
        "An employee has one self-check a day per template.",
    )

    @api.depends("employee_id", "template_id", "date")
    def _compute_display_name(self):
        for check in self:
            check.display_name = (
                f"{check.template_id.name} · {check.employee_id.name} · {check.date}"
            )

    def _checklist_assignments(self):
        return {check: check.assignment_id for check in self}

    def _checklist_responsible_user(self):
        return self.employee_id.parent_id.user_id

    @api.model_create_multi
    def create(self, vals_list):
        checks = super().create(vals_list)
        checks._checklist_sync()
        return checks

    @api.model
    def _cron_create_daily(self):
        """Today's self-checks for every employee whose user has the role of a
        published daily assignment; running twice creates nothing twice."""
        today = fields.Date.context_today(self)
        assignments = self.env["metering.checklist.assignment"].search(
            [
                ("target_model", "=", self._name),
                ("template_id.state", "=", "published"),
                ("group_id", "!=", False),
            ]
        )
        existing = {
            (c.employee_id.id, c.assignment_id.id)
            for c in self.search([("date", "=", today)])
        }
        vals_list = []
        for assignment in assignments:
            # the role itself, not the roles that include it (a team leader
            # is also a service clerk, but runs no clerk's pre-shift check)
            including = assignment.group_id.all_implied_by_ids - assignment.group_id
            employees = self.env["hr.employee"].search(
                [
                    ("user_id.all_group_ids", "in", assignment.group_id.ids),
                    ("user_id.all_group_ids", "not in", including.ids),
                ]
            )
            vals_list += [
                {
                    "employee_id": employee.id,
                    "assignment_id": assignment.id,
                    "date": today,
                    "company_id": employee.company_id.id,
                }
                for employee in employees
                if (employee.id, assignment.id) not in existing
            ]
        return self.create(vals_list)
