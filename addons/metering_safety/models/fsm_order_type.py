# Copyright 2026 Metering Compliance Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class FsmOrderType(models.Model):
    _inherit = "fsm.order.type"

    required_qualification_type_ids = fields.Many2many(
        "metering.qualification.type",
        string="Required Qualifications",
        help="Every worker assigned to an order of this type must hold a valid "
        "qualification of each of these types.",
    )
