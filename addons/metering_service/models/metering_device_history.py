# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class MeteringDeviceHistory(models.Model):
    """Where and when a metering device was installed or removed, with the
    reading taken at that moment."""

    _name = "metering.device.history"
    _description = "Metering Device History"
    _inherit = ["metering.earned.mixin"]
    _order = "date desc, id desc"

    equipment_id = fields.Many2one(
        "fsm.equipment",
        "Device",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="equipment_id.company_id", store=True)
    event = fields.Selection(
        [("installed", "Installed"), ("removed", "Removed")],
        required=True,
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    location_id = fields.Many2one(
        "fsm.location", "Metering Point", required=True, index=True
    )
    reading = fields.Float(digits=(16, 2))
    seals = fields.Char(help="Numbers of the seals taken off or put on.")
    order_id = fields.Many2one("fsm.order", "Work Order", index="btree_not_null")
    user_id = fields.Many2one(
        "res.users", "Recorded by", default=lambda self: self.env.user
    )
