# Copyright 2026 Metering Compliance Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class FsmOrderType(models.Model):
    _name = "fsm.order.type"
    _inherit = ["fsm.order.type", "metering.earned.mixin"]

    required_qualification_type_ids = fields.Many2many(
        "metering.qualification.type",
        string="Required Qualifications",
        help="Every worker assigned to an order of this type must hold a valid "
        "qualification of each of these types.",
    )
    requires_safety_briefing = fields.Boolean(
        help="Work on orders of this type starts only after a completed pre-job "
        "safety briefing covering the order and its whole crew.",
    )
    hazard_ids = fields.Many2many(
        "metering.hazard",
        "fsm_order_type_metering_hazard_rel",
        "type_id",
        "hazard_id",
        string="Hazards",
        help="Proposed with their control measures on the safety briefings of "
        "orders of this type.",
    )
