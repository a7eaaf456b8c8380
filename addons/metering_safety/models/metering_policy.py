# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class MeteringPolicy(models.Model):
    _name = "metering.policy"
    _inherit = ["metering.policy", "metering.earned.mixin"]

    briefing_validity_hours = fields.Integer(
        "Safety Briefing Validity (hours)",
        default=12,
        help="How long after it is held a safety briefing clears the start of work.",
    )
