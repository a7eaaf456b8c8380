# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class MeteringTestPoint(models.Model):
    """One load point of an on-site or lab verification, with the relative
    error the test found there."""

    _name = "metering.test.point"
    _description = "Metering Test Point"
    _inherit = ["metering.earned.mixin"]
    _order = "order_id, sequence, id"

    order_id = fields.Many2one(
        "fsm.order", "Work Order", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="order_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(
        "Load Point",
        required=True,
        help="Test condition, e.g. Ib cos φ=1.0, Imax, 0.1Ib cos φ=0.5L.",
    )
    error_percent = fields.Float(
        "Error (%)", digits=(16, 3), help="Relative error found at this load point."
    )
