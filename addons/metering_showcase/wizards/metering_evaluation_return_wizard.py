# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class MeteringEvaluationReturnWizard(models.TransientModel):
    """The center manager returns submitted evaluations with his reason."""

    _name = "metering.evaluation.return.wizard"
    _description = "Return Evaluations"

    evaluation_ids = fields.Many2many("metering.evaluation", required=True)
    reason = fields.Text(required=True)

    def action_return(self):
        self.ensure_one()
        self.evaluation_ids._return(self.reason)
        return {"type": "ir.actions.act_window_close"}
