# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from ..tools.xlsx import XlsxTable


class ReportMeteringChecklistXlsx(models.AbstractModel):
    """The checklist results of the selected work orders, one row per
    answer, with the template version each checklist was filled on."""

    _name = "report.metering_service.checklist_xlsx"
    _description = "Checklist Results (xlsx)"
    _inherit = "report.report_xlsx.abstract"

    def _answer_value(self, answer, labels):
        kind = answer.kind
        if kind == "pass_fail":
            return labels["pass_fail"].get(answer.value_pass_fail)
        if kind == "yes_no_na":
            return labels["yes_no"].get(answer.value_yes_no)
        if kind == "number":
            return answer.value_number if answer.result != "unanswered" else None
        if kind == "choice":
            return answer.choice_id.name
        if kind == "text":
            return answer.value_text
        return bool(answer.attachment_ids or answer.signature) and "✓" or None

    def generate_xlsx_report(self, workbook, data, objs):
        self = self.with_context(lang=self.env.user.lang)
        objs = objs.with_context(lang=self.env.user.lang)
        _ = self.env._
        Answer = self.env["metering.checklist.answer"]
        labels = {
            name: dict(Answer._fields[field]._description_selection(self.env))
            for name, field in (
                ("pass_fail", "value_pass_fail"),
                ("yes_no", "value_yes_no"),
                ("result", "result"),
            )
        }
        checklist_results = dict(
            self.env["metering.checklist"]
            ._fields["result"]
            ._description_selection(self.env)
        )
        sheet = workbook.add_worksheet(_("Checklist Results"))
        table = XlsxTable(
            workbook,
            sheet,
            [
                (_("Work Order"), 16, "text"),
                (_("Metering Point"), 24, "text"),
                (_("Team"), 16, "text"),
                (_("Checklist"), 24, "text"),
                (_("Version"), 8, "integer"),
                (_("Section"), 18, "text"),
                (_("Item"), 36, "text"),
                (_("Critical"), 8, "text"),
                (_("Answer"), 14, "number"),
                (_("Result"), 12, "text"),
                (_("Note"), 30, "text"),
                (_("Answered by"), 14, "text"),
                (_("Answered on"), 18, "datetime"),
                (_("Checklist Score (%)"), 12, "score"),
                (_("Checklist Result"), 12, "text"),
            ],
        )
        table.header()
        checklists = objs.checklist_ids.sorted(lambda c: (c.res_id, c.id))
        orders = {order.id: order for order in objs}
        for checklist in checklists:
            order = orders.get(checklist.res_id, objs.browse())
            for answer in checklist.answer_ids.filtered(lambda a: a.result != "hidden"):
                value = self._answer_value(answer, labels)
                table.row(
                    [
                        order.name,
                        order.location_id.display_name,
                        checklist.team_id.name or None,
                        checklist.template_id.name,
                        checklist.template_id.version,
                        answer.section_name or None,
                        answer.name,
                        _("Yes") if answer.critical else None,
                        value,
                        labels["result"].get(answer.result),
                        answer.note or None,
                        answer.answered_by_id.name or None,
                        answer.answered_on
                        and fields.Datetime.context_timestamp(
                            self, answer.answered_on
                        ).replace(tzinfo=None),
                        checklist.score,
                        checklist_results.get(checklist.result),
                    ]
                )
        table.finish()
