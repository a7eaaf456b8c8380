# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields, models


class MeteringShowcaseRole(models.Model):
    """A task of the reception preparation team (manual 6.5): welcoming,
    guiding, revising the narration script or the big-screen content,
    narrating, photographing. Each has its preparation window before the
    visit and the employees qualified for it."""

    _name = "metering.showcase.role"
    _description = "Reception Role"
    _inherit = ["metering.earned.mixin"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    lead_hours = fields.Float(
        "Starts Before the Visit (Hours)",
        default=0.5,
        help="How long before the visit the assignee's window starts.",
    )
    during_visit = fields.Boolean(
        "Works During the Visit",
        default=True,
        help="The window runs until the end of the visit; otherwise it lasts "
        "the preparation time only (e.g. revising the narration script).",
    )
    preparation_hours = fields.Float(
        "Preparation (Hours)",
        default=0.0,
        help="Length of the window of a role that does not work during the visit.",
    )
    employee_ids = fields.Many2many(
        "hr.employee",
        string="Qualified Employees",
        help="The employees proposed for this role.",
    )
    description = fields.Text(translate=True)

    _times_positive = models.Constraint(
        "CHECK(lead_hours >= 0 AND preparation_hours >= 0)",
        "The preparation times of a role cannot be negative.",
    )

    def write(self, vals):
        if "employee_ids" not in vals or self.env.su:
            return super().write(vals)
        # Qualifying staff is the role's business, not the employee's file:
        # whoever may change the role (the center manager) links employees
        # he cannot read in full (the HR officers' hr.employee).
        self.check_access("write")
        vals = dict(vals)
        employees = vals.pop("employee_ids")
        result = super().write(vals) if vals else True
        self.sudo().write({"employee_ids": employees})
        return result

    def _window(self, visit_start, visit_stop):
        """The assignee's (start, stop) for a visit."""
        self.ensure_one()
        start = visit_start - timedelta(hours=self.lead_hours)
        if self.during_visit:
            return start, visit_stop
        return start, start + timedelta(hours=self.preparation_hours or 1.0)
