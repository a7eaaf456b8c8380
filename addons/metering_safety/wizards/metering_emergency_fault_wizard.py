# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class MeteringEmergencyFaultWizard(models.TransientModel):
    """Creates the fault repair orders of an emergency in one go, one per
    affected metering point."""

    _name = "metering.emergency.fault.wizard"
    _description = "Fault Orders for an Emergency"

    emergency_id = fields.Many2one("metering.emergency", required=True)
    location_ids = fields.Many2many(
        "fsm.location", string="Affected Metering Points", required=True
    )
    description = fields.Text(help="Copied on every order: what the crews look for.")
    existing_count = fields.Integer(
        "Already Ordered",
        compute="_compute_existing_count",
        help="Affected points that already have a fault order of this emergency: "
        "no second order is created for them.",
    )

    @api.depends("emergency_id", "location_ids")
    def _compute_existing_count(self):
        for wizard in self:
            wizard.existing_count = len(wizard._already_ordered())

    def _already_ordered(self):
        return (
            self.env["fsm.order"]
            .search(
                [
                    ("emergency_id", "=", self.emergency_id.id),
                    ("location_id", "in", self.location_ids.ids),
                ]
            )
            .location_id
        )

    def action_create_orders(self):
        self.ensure_one()
        if self.emergency_id.state != "active":
            raise UserError(
                self.env._(
                    "Emergency %(emergency)s is closed: no more repair orders.",
                    emergency=self.emergency_id.name,
                )
            )
        fault = self.env.ref("metering_service.fsm_order_type_fault")
        locations = self.location_ids - self._already_ordered()
        orders = self.env["fsm.order"].create(
            [
                {
                    "type": fault.id,
                    "location_id": location.id,
                    "emergency_id": self.emergency_id.id,
                    "description": self.description,
                    "company_id": self.emergency_id.company_id.id,
                    "priority": "3",
                }
                for location in locations
            ]
        )
        self.emergency_id.message_post(
            body=self.env._("%(count)s fault repair orders created.", count=len(orders))
        )
        return self.emergency_id.action_view_orders()
