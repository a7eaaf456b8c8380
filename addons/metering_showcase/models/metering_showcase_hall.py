# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import uuid

from odoo import api, fields, models


class MeteringShowcaseHall(models.Model):
    """An exhibition hall: how many visitors it takes, when it is open (a
    working calendar, whose leaves are the company's holidays) and how long
    it needs between two visits."""

    _name = "metering.showcase.hall"
    _description = "Exhibition Hall"
    _inherit = ["metering.earned.mixin"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    capacity = fields.Integer(
        "Capacity (Visitors)", required=True, default=30, help="Visitors at once."
    )
    resource_calendar_id = fields.Many2one(
        "resource.calendar",
        "Opening Hours",
        required=True,
        default=lambda self: self.env.company.resource_calendar_id,
        help="A visit lies inside these hours; the calendar's leaves and the "
        "statutory holidays close the hall.",
    )
    buffer_minutes = fields.Integer(
        "Buffer Between Visits (Minutes)",
        default=30,
        help="Time kept free in the hall before and after every visit.",
    )
    location = fields.Char(translate=True)
    lead_id = fields.Many2one(
        "res.users",
        "Reception Lead",
        domain=lambda self: [
            (
                "all_group_ids",
                "in",
                self.env.ref("metering_showcase.group_reception_team").ids,
            )
        ],
        help="Leads the visits requested through the hall's link and is asked to "
        "answer them.",
    )
    desk_partner_id = fields.Many2one(
        "res.partner",
        "Security Desk",
        help="The security / reception desk (its email address) told of every "
        "visit confirmed, changed or cancelled in this hall: date, time, "
        "organisation, visitors, vehicles, identity check and lead. None: no "
        "notice is sent.",
    )
    request_token = fields.Char(readonly=True, copy=False, groups="base.group_user")
    request_url = fields.Char("Request Link", compute="_compute_request_url")

    _capacity_positive = models.Constraint(
        "CHECK(capacity > 0)", "The capacity of a hall is at least one visitor."
    )
    _buffer_positive = models.Constraint(
        "CHECK(buffer_minutes >= 0)", "The buffer between visits cannot be negative."
    )

    def _compute_request_url(self):
        base = self[:1].get_base_url() if self else ""
        for hall in self:
            hall.request_url = (
                f"{base}/showcase/request/{hall.sudo().request_token}"
                if hall.id and hall.sudo().request_token
                else False
            )

    def _metering_create_values(self, vals_list):
        for vals in vals_list:
            vals["request_token"] = uuid.uuid4().hex
        return super()._metering_create_values(vals_list)

    @api.model
    def _by_request_token(self, token):
        if not token:
            return self.browse()
        return self.sudo().search([("request_token", "=", token)], limit=1)
