# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class MeteringEvaluationGenerateWizard(models.TransientModel):
    """Generate a period's evaluations of every team or employee at once."""

    _name = "metering.evaluation.generate.wizard"
    _description = "Generate Evaluations"

    template_id = fields.Many2one(
        "metering.scorecard.template",
        "Scorecard",
        required=True,
        domain="[('state', '=', 'published')]",
    )
    period_type = fields.Selection(
        [("month", "Month"), ("quarter", "Quarter"), ("year", "Year")],
        "Period",
        required=True,
        default="month",
    )
    date = fields.Date(
        "Any Day of the Period", required=True, default=fields.Date.context_today
    )

    def action_generate(self):
        self.ensure_one()
        evaluations = self.env["metering.evaluation"]._generate(
            self.template_id, self.period_type, self.date
        )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "metering_showcase.metering_evaluation_action"
        )
        action["domain"] = [("id", "in", evaluations.ids)]
        return action
