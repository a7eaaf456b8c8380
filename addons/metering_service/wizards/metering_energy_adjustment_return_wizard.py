# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class MeteringEnergyAdjustmentReturnWizard(models.TransientModel):
    """A team leader or the center manager refuses submitted calculations,
    saying what the author must correct."""

    _name = "metering.energy.adjustment.return.wizard"
    _description = "Refuse Refund / Make-up Calculations"

    adjustment_ids = fields.Many2many(
        "metering.energy.adjustment",
        "metering_adjustment_return_wizard_rel",
        "wizard_id",
        "adjustment_id",
        string="Calculations",
        required=True,
    )
    reason = fields.Text(required=True)

    def action_return(self):
        self.ensure_one()
        self.adjustment_ids.action_reset_to_draft(reason=self.reason)
        return {"type": "ir.actions.act_window_close"}
