# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    metering_evaluation_count = fields.Integer(
        "Evaluations",
        compute="_compute_metering_evaluation_count",
        groups="metering_service.group_team_leader",
    )

    def _compute_metering_evaluation_count(self):
        counts = dict(
            self.env["metering.evaluation"]._read_group(
                [("employee_id", "in", self.ids)], ["employee_id"], ["__count"]
            )
        )
        for employee in self:
            employee.metering_evaluation_count = counts.get(employee, 0)

    def action_open_metering_evaluations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "metering_showcase.metering_evaluation_action"
        )
        action["domain"] = [("employee_id", "=", self.id)]
        return action
