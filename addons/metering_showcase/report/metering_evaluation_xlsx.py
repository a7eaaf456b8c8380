# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from xlsxwriter.utility import xl_rowcol_to_cell

from odoo import fields, models

from odoo.addons.metering_service.tools.xlsx import XlsxTable


def sheet_name(index, name):
    """A unique sheet name Excel accepts (31 characters, no []:*?/\\)."""
    return re.sub(r"[\[\]:*?/\\]", " ", f"{index}. {name}")[:31]


class ReportMeteringEvaluationXlsx(models.AbstractModel):
    """The scorecard of each evaluation on its own sheet: its criteria with
    the KPI values, the weights that count, and the total as a formula."""

    _name = "report.metering_showcase.evaluation_xlsx"
    _description = "Scorecard (xlsx)"
    _inherit = "report.report_xlsx.abstract"

    def generate_xlsx_report(self, workbook, data, objs):
        self = self.with_context(lang=self.env.user.lang)
        objs = objs.with_context(lang=self.env.user.lang)
        _ = self.env._
        bold = workbook.add_format({"bold": True})
        title = workbook.add_format({"bold": True, "font_size": 14})
        states = dict(objs._fields["state"]._description_selection(self.env))
        sources = dict(objs.line_ids._fields["source"]._description_selection(self.env))
        for index, evaluation in enumerate(objs, start=1):
            sheet = workbook.add_worksheet(sheet_name(index, evaluation.name))
            sheet.write(0, 0, _("Scorecard"), title)
            sheet.write(0, 1, evaluation.name, title)
            facts = [
                (_("Scorecard"), evaluation.template_id.display_name),
                (
                    _("Evaluated"),
                    (evaluation.team_id or evaluation.employee_id).display_name,
                ),
                (
                    _("Period"),
                    f"{evaluation.period_label} ({evaluation.date_from} - "
                    f"{evaluation.date_to})",
                ),
                (_("Status"), states[evaluation.state]),
                (_("Evaluator"), evaluation.evaluator_id.name or ""),
                (_("Signed off by"), evaluation.signed_by_id.name or ""),
            ]
            for row, (label, value) in enumerate(facts, start=1):
                sheet.write(row, 0, label, bold)
                sheet.write(row, 1, value)
            table = XlsxTable(
                workbook,
                sheet,
                [
                    (_("Section"), 18, "text"),
                    (_("Criterion"), 36, "text"),
                    (_("Source"), 16, "text"),
                    (_("KPI Value"), 12, "number"),
                    (_("Records"), 10, "integer"),
                    (_("Weight"), 10, "number"),
                    (_("Weight Counted"), 12, "number"),
                    (_("Score"), 10, "score"),
                    (_("Weighted Score"), 14, "score"),
                    (_("Comment"), 40, "text"),
                ],
                first_row=len(facts) + 2,
            )
            table.header()
            first = table.next_row
            section = ""
            for line in evaluation.line_ids:
                if line.display_type:
                    section = line.name
                    continue
                counted = 0.0 if line.not_applicable else line.weight
                row = table.next_row
                table.row(
                    [
                        section,
                        line.name,
                        sources.get(line.source, ""),
                        line.kpi_value if line.source == "automatic" else None,
                        line.kpi_count if line.source == "automatic" else None,
                        line.weight,
                        counted,
                        None if line.not_applicable else line.score,
                        None,
                        line.comment or (_("N/A") if line.not_applicable else ""),
                    ]
                )
                sheet.write_formula(
                    row,
                    8,
                    f"={xl_rowcol_to_cell(row, 6)}*{xl_rowcol_to_cell(row, 7)}",
                    table.formats["score"],
                    counted * line.score,
                )
            last = table.next_row - 1
            total_row = table.finish()
            sheet.write(total_row, 7, _("Total"), bold)
            weights = f"{xl_rowcol_to_cell(first, 6)}:{xl_rowcol_to_cell(last, 6)}"
            points = f"{xl_rowcol_to_cell(first, 8)}:{xl_rowcol_to_cell(last, 8)}"
            sheet.write_formula(
                total_row,
                8,
                f"=IF(SUM({weights})=0,0,SUM({points})/SUM({weights}))",
                workbook.add_format({"bold": True, "num_format": "0.00"}),
                evaluation.score,
            )
            sheet.write(
                total_row + 2,
                0,
                _("Printed on %(date)s", date=fields.Date.context_today(self)),
            )
