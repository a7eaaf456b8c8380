# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class MeteringHazard(models.Model):
    """A hazard of metering field work with its control measures: the library
    from which each briefing's hazards are proposed, per order type."""

    _name = "metering.hazard"
    _description = "Hazard"
    _inherit = ["metering.earned.mixin"]
    _order = "sequence, id"

    sequence = fields.Integer(default=10)
    name = fields.Char("Hazard", required=True, translate=True)
    control_measures = fields.Text(required=True, translate=True)
    order_type_ids = fields.Many2many(
        "fsm.order.type",
        "fsm_order_type_metering_hazard_rel",
        "hazard_id",
        "type_id",
        string="Order Types",
        help="The briefings of orders of these types propose this hazard.",
    )
    company_id = fields.Many2one(
        "res.company",
        default=lambda self: self.env.company,
        help="Leave empty to share the hazard between companies.",
    )
    active = fields.Boolean(default=True)

    def _briefing_text(self):
        """The lines a briefing proposes: each hazard with its controls."""
        return "\n".join(
            f"{hazard.name}: {hazard.control_measures}" for hazard in self.sorted()
        )
