# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class MeteringEmergencyRoster(models.Model):
    """Who does what during an emergency: crews go to site, the rest stand by
    at the center, and everyone is on call."""

    _name = "metering.emergency.roster"
    _description = "Emergency On-Call Roster"
    _inherit = ["metering.earned.mixin"]
    _order = "emergency_id, duty, id"

    emergency_id = fields.Many2one(
        "metering.emergency", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="emergency_id.company_id", store=True)
    employee_id = fields.Many2one(
        "hr.employee",
        required=True,
        domain="[('company_id', 'in', (company_id, False))]",
    )
    duty = fields.Selection(
        [
            ("site", "Site Crew"),
            ("standby", "Standby at the Center"),
            ("on_call", "On Call"),
        ],
        required=True,
        default="site",
    )
    phone = fields.Char(
        compute="_compute_phone",
        store=True,
        readonly=False,
        help="Where the person is reached 24 hours a day.",
    )
    note = fields.Char()

    _employee_once = models.Constraint(
        "UNIQUE(emergency_id, employee_id)",
        "A person is on the roster of an emergency only once.",
    )

    @api.constrains("employee_id", "phone")
    def _check_reachable(self):
        for line in self:
            if not line.phone:
                raise ValidationError(
                    self.env._(
                        "Everyone on the roster of %(emergency)s must be reachable "
                        "24 hours a day: %(name)s has no phone number.",
                        emergency=line.emergency_id.name,
                        name=line.employee_id.name,
                    )
                )

    @api.depends("employee_id")
    def _compute_phone(self):
        for line in self:
            line.phone = line.employee_id.mobile_phone or line.employee_id.work_phone
