# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class MeteringScorecardLevel(models.Model):
    """A level an evaluator may choose for a criterion, worth its points
    (e.g. 优秀 100, 良好 80, 合格 60, 不合格 0)."""

    _name = "metering.scorecard.level"
    _description = "Scorecard Level"
    _inherit = ["metering.earned.mixin"]
    _order = "criterion_id, points desc, id"

    criterion_id = fields.Many2one(
        "metering.scorecard.criterion", required=True, ondelete="cascade", index=True
    )
    name = fields.Char(required=True, translate=True)
    points = fields.Float(required=True, help="Score of the level, 0-100.")

    _points_range = models.Constraint(
        "CHECK(points >= 0 AND points <= 100)", "A level is worth 0 to 100 points."
    )

    @api.model_create_multi
    def create(self, vals_list):
        self.env["metering.scorecard.criterion"].browse(
            [vals["criterion_id"] for vals in vals_list if vals.get("criterion_id")]
        ).template_id._check_editable()
        return super().create(vals_list)

    def write(self, vals):
        self.criterion_id.template_id._check_editable()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_frozen(self):
        self.criterion_id.template_id._check_editable()
