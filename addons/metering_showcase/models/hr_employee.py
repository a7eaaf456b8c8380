# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class HrEmployee(models.Model):
    _name = "hr.employee"
    _inherit = ["hr.employee", "metering.evaluation.subject.mixin"]
    _metering_evaluation_field = "employee_id"

    metering_evaluation_ids = fields.One2many(
        "metering.evaluation",
        "employee_id",
        "Latest Evaluations",
        groups="metering_service.group_team_leader",
    )
