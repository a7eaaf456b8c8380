# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from odoo.addons.metering_service.tools.xlsx import XlsxTable


class ReportMeteringEvaluationRankingXlsx(models.AbstractModel):
    """The ranking of the selected evaluations: per period and scorecard,
    by total score (equal scores share their rank)."""

    _name = "report.metering_showcase.evaluation_ranking_xlsx"
    _description = "Evaluation Ranking (xlsx)"
    _inherit = "report.report_xlsx.abstract"

    def generate_xlsx_report(self, workbook, data, objs):
        self = self.with_context(lang=self.env.user.lang)
        objs = objs.with_context(lang=self.env.user.lang)
        _ = self.env._
        states = dict(objs._fields["state"]._description_selection(self.env))
        sheet = workbook.add_worksheet(_("Ranking"))
        table = XlsxTable(
            workbook,
            sheet,
            [
                (_("Period"), 12, "text"),
                (_("Scorecard"), 28, "text"),
                (_("Rank"), 8, "integer"),
                (_("Evaluated"), 28, "text"),
                (_("Total Score"), 12, "score"),
                (_("Status"), 12, "text"),
                (_("Signed off by"), 16, "text"),
                (_("Signed off on"), 18, "datetime"),
            ],
        )
        table.header()
        groups = objs.grouped(lambda e: (e.date_from, e.period_label, e.template_id))
        for (_start, label, template), evaluations in sorted(
            groups.items(), key=lambda item: (item[0][0], item[0][2].id)
        ):
            rank, previous = 0, None
            ordered = evaluations.sorted(lambda e: (-e.score, e.name))
            for position, evaluation in enumerate(ordered, start=1):
                if evaluation.score != previous:
                    rank, previous = position, evaluation.score
                table.row(
                    [
                        label,
                        template.display_name,
                        rank,
                        (evaluation.team_id or evaluation.employee_id).display_name,
                        evaluation.score,
                        states[evaluation.state],
                        evaluation.signed_by_id.name or None,
                        evaluation.signed_on
                        and fields.Datetime.context_timestamp(
                            self, evaluation.signed_on
                        ).replace(tzinfo=None),
                    ]
                )
        table.finish()
