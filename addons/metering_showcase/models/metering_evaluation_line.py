# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools.safe_eval import safe_eval

# What the evaluator writes on a manual line.
MANUAL_FIELDS = {"manual_score", "level_id", "not_applicable", "comment"}


class MeteringEvaluationLine(models.Model):
    """The score of one criterion in an evaluation: the KPI's value and the
    records it came from, or the evaluator's score and comment."""

    _name = "metering.evaluation.line"
    _description = "Evaluation Criterion"
    _inherit = ["metering.earned.mixin"]
    _order = "evaluation_id, sequence, id"

    evaluation_id = fields.Many2one(
        "metering.evaluation", required=True, ondelete="cascade", index=True
    )
    criterion_id = fields.Many2one(
        "metering.scorecard.criterion",
        "Scorecard Criterion",
        required=True,
        readonly=True,
        index=True,
    )
    sequence = fields.Integer(readonly=True)
    display_type = fields.Selection(related="criterion_id.display_type")
    name = fields.Char(related="criterion_id.name")
    source = fields.Selection(related="criterion_id.source", store=True)
    scale = fields.Selection(related="criterion_id.scale")
    kpi_code = fields.Selection(related="criterion_id.kpi_code", store=True)
    weight = fields.Float(related="criterion_id.weight", store=True)
    comment_threshold = fields.Float(related="criterion_id.comment_threshold")
    state = fields.Selection(related="evaluation_id.state")
    date_from = fields.Date(related="evaluation_id.date_from", store=True)
    period_label = fields.Char(
        "Period Name", related="evaluation_id.period_label", store=True
    )
    team_id = fields.Many2one(related="evaluation_id.team_id", store=True)
    employee_id = fields.Many2one(related="evaluation_id.employee_id", store=True)
    company_id = fields.Many2one(related="evaluation_id.company_id", store=True)
    kpi_value = fields.Float("KPI Value", readonly=True, digits=(16, 2))
    kpi_count = fields.Integer(
        "Records", readonly=True, help="How many records the KPI was computed from."
    )
    kpi_model = fields.Char(readonly=True)
    kpi_domain = fields.Char(readonly=True)
    manual_score = fields.Float("Score Given", digits=(16, 2))
    level_id = fields.Many2one(
        "metering.scorecard.level",
        domain="[('criterion_id', '=', criterion_id)]",
    )
    not_applicable = fields.Boolean(
        "N/A",
        help="The criterion does not apply in this period (an automatic KPI "
        "without any record): it drops out of the weights.",
    )
    comment = fields.Text()
    score = fields.Float(
        compute="_compute_score", store=True, digits=(16, 2), aggregator="avg"
    )

    @api.depends(
        "source", "kpi_value", "manual_score", "level_id.points", "not_applicable"
    )
    def _compute_score(self):
        for line in self:
            if line.display_type or line.not_applicable:
                line.score = 0.0
            elif line.source == "automatic":
                line.score = line.criterion_id._kpi_score(line.kpi_value)
            elif line.scale == "levels":
                line.score = line.level_id.points
            else:
                line.score = line.manual_score

    def write(self, vals):
        if not self.env.su and set(vals) & MANUAL_FIELDS:
            self._check_evaluator()
        return super().write(vals)

    # Business methods -------------------------------------------------------

    def _weighted_score(self):
        """Weighted average of the applicable criteria among these lines."""
        scored = self.filtered(
            lambda line: not line.display_type and not line.not_applicable
        )
        weight = sum(scored.mapped("weight"))
        if not weight:
            return 0.0
        return sum(line.score * line.weight for line in scored) / weight

    def _check_evaluator(self):
        """Only a team leader scores the manual criteria, of an evaluation
        still to score, and not his own."""
        if not self.env.user.has_group("metering_service.group_team_leader"):
            raise AccessError(
                self.env._("Only a team leader scores the criteria of an evaluation.")
            )
        for line in self:
            if line.source != "manual" or line.display_type:
                raise UserError(
                    self.env._(
                        "Criterion %(criterion)s of %(evaluation)s is computed from "
                        "its KPI, not scored by hand.",
                        criterion=line.name,
                        evaluation=line.evaluation_id.name,
                    )
                )
            if line.evaluation_id.state != "draft":
                raise UserError(
                    self.env._(
                        "Evaluation %(evaluation)s was submitted: its scores are "
                        "kept as they are.",
                        evaluation=line.evaluation_id.name,
                    )
                )
            if line.evaluation_id.employee_id.user_id == self.env.user:
                raise AccessError(
                    self.env._(
                        "Evaluation %(evaluation)s is your own: another team leader "
                        "scores it.",
                        evaluation=line.evaluation_id.name,
                    )
                )

    def _check_scored(self):
        """Every manual criterion has its score; a low score its comment."""
        for line in self.filtered(
            lambda line: line.source == "manual" and not line.display_type
        ):
            if line.not_applicable:
                continue
            if line.scale == "levels" and not line.level_id:
                raise UserError(
                    self.env._(
                        "Evaluation %(evaluation)s: choose the level of %(criterion)s.",
                        evaluation=line.evaluation_id.name,
                        criterion=line.name,
                    )
                )
            if line.score < line.comment_threshold and not (line.comment or "").strip():
                raise UserError(
                    self.env._(
                        "Evaluation %(evaluation)s: %(criterion)s scored %(score)s, "
                        "below %(threshold)s; say why in its comment.",
                        evaluation=line.evaluation_id.name,
                        criterion=line.name,
                        score=f"{line.score:g}",
                        threshold=f"{line.comment_threshold:g}",
                    )
                )

    def _compute_kpis(self):
        """Compute the automatic lines, each KPI once for all evaluations."""
        automatic = self.filtered(
            lambda line: (
                line.source == "automatic" and not line.display_type and line.kpi_code
            )
        )
        for code, lines in automatic.grouped("kpi_code").items():
            results = getattr(self.env["metering.evaluation"], f"_kpi_{code}")(
                lines.evaluation_id
            )
            for line in lines:
                result = results.get(line.evaluation_id)
                line.sudo().write(
                    {
                        "kpi_value": (result and result["value"]) or 0.0,
                        "kpi_count": result["count"] if result else 0,
                        "kpi_model": result and result["model"],
                        "kpi_domain": result and repr(result["domain"]),
                        "not_applicable": not result or result["value"] is None,
                    }
                )

    def action_open_records(self):
        """The records the KPI was computed from."""
        self.ensure_one()
        if not self.kpi_model:
            return False
        return {
            "type": "ir.actions.act_window",
            "name": self.name,
            "res_model": self.kpi_model,
            "view_mode": "list,form",
            "views": [(False, "list"), (False, "form")],
            "domain": safe_eval(self.kpi_domain or "[]"),
        }
