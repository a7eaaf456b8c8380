# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class HrEmployeePublic(models.Model):
    """The profile a team leader without HR rights opens: it shows the
    evaluations too (the public profile has the employee's id)."""

    _name = "hr.employee.public"
    _inherit = ["hr.employee.public", "metering.evaluation.subject.mixin"]
    _metering_evaluation_field = "employee_id"
