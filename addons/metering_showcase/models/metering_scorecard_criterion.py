# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class MeteringScorecardCriterion(models.Model):
    """One criterion of a scorecard, or a section heading (display_type) that
    groups the criteria after it. An automatic criterion is scored from a
    KPI of the suite's data; a manual one by the evaluator."""

    _name = "metering.scorecard.criterion"
    _description = "Scorecard Criterion"
    _inherit = ["metering.earned.mixin"]
    _order = "template_id, sequence, id"

    template_id = fields.Many2one(
        "metering.scorecard.template", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    display_type = fields.Selection([("line_section", "Section")])
    name = fields.Char("Criterion", required=True, translate=True)
    description = fields.Text(translate=True, help="How the criterion is judged.")
    weight = fields.Float(default=1.0, help="Weight of the criterion in the total.")
    source = fields.Selection(
        [("automatic", "Automatic (KPI)"), ("manual", "Manual (Evaluator)")],
        default="manual",
        required=True,
    )
    kpi_code = fields.Selection(
        selection="_selection_kpi_code",
        string="KPI",
        help="The indicator computed from the suite's records.",
    )
    penalty = fields.Float(
        "Points per Occurrence",
        default=10.0,
        help="For a KPI that counts occurrences (lower is better): points taken "
        "off 100 for each.",
    )
    scale = fields.Selection(
        [("percent", "Score 0-100"), ("levels", "Levels")],
        default="percent",
        required=True,
        help="Levels: the evaluator chooses a level worth its points.",
    )
    level_ids = fields.One2many(
        "metering.scorecard.level", "criterion_id", "Levels", copy=True
    )
    comment_threshold = fields.Float(
        "Comment Required Below",
        default=60.0,
        help="A manual score below this requires the evaluator's comment.",
    )

    _weight_positive = models.Constraint(
        "CHECK(weight >= 0)", "The weight of a criterion cannot be negative."
    )

    @api.model
    def _selection_kpi_code(self):
        return [
            (code, label)
            for code, label, _kind in self.env["metering.evaluation"]._kpi_registry()
        ]

    @api.constrains("source", "scale")
    def _check_scale(self):
        for criterion in self.filtered(lambda c: not c.display_type):
            if criterion.source == "automatic" and criterion.scale == "levels":
                raise ValidationError(
                    self.env._(
                        "Criterion %(criterion)s: an automatic criterion is scored "
                        "0-100 from its KPI, not by levels.",
                        criterion=criterion.name,
                    )
                )

    def _check_complete(self):
        """What a criterion must have before its scorecard is published."""
        for criterion in self.filtered(lambda c: not c.display_type):
            if criterion.source == "automatic" and not criterion.kpi_code:
                raise UserError(
                    self.env._(
                        "Criterion %(criterion)s of %(template)s: choose its KPI.",
                        criterion=criterion.name,
                        template=criterion.template_id.display_name,
                    )
                )
            if criterion.scale == "levels" and not criterion.level_ids:
                raise UserError(
                    self.env._(
                        "Criterion %(criterion)s of %(template)s: define its levels.",
                        criterion=criterion.name,
                        template=criterion.template_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        self.env["metering.scorecard.template"].browse(
            [vals["template_id"] for vals in vals_list if vals.get("template_id")]
        )._check_editable()
        return super().create(vals_list)

    def write(self, vals):
        self.template_id._check_editable()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_frozen(self):
        self.template_id._check_editable()

    def _kpi_score(self, value):
        """The 0-100 score of a KPI value for this automatic criterion."""
        self.ensure_one()
        kinds = {
            code: kind
            for code, _label, kind in self.env["metering.evaluation"]._kpi_registry()
        }
        if kinds.get(self.kpi_code) == "count":
            return max(0.0, 100.0 - self.penalty * value)
        return min(100.0, max(0.0, value))
