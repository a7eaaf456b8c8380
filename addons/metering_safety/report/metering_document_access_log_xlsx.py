# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from odoo.addons.metering_service.tools.xlsx import XlsxTable


class ReportMeteringDocumentAccessLogXlsx(models.AbstractModel):
    """The access log lines selected by the records officer, as he files
    them: one row per event, with the level of the document then. The
    workbook carries the highest level of the logged documents. Only the
    records officer exports the log (as its export_data)."""

    _name = "report.metering_safety.document_access_log_xlsx"
    _description = "Document Access Log (xlsx)"
    _inherit = "report.report_xlsx.abstract"

    def create_xlsx_report(self, docids, data):
        self.env["metering.classification.level"]._metering_check_records_officer()
        return super().create_xlsx_report(docids, data)

    def generate_xlsx_report(self, workbook, data, objs):
        self = self.with_context(lang=self.env.user.lang)
        objs = objs.with_context(lang=self.env.user.lang)
        _ = self.env._
        events = dict(objs._fields["event"]._description_selection(self.env))
        sheet = workbook.add_worksheet(_("Access Log"))
        table = XlsxTable(
            workbook,
            sheet,
            [
                (_("Date"), 18, "datetime"),
                (_("User"), 16, "text"),
                (_("Login"), 16, "text"),
                (_("Document"), 36, "text"),
                (_("Classification"), 10, "text"),
                (_("Event"), 12, "text"),
                (_("Refused"), 8, "text"),
                (_("Reason"), 24, "text"),
                (_("Address"), 16, "text"),
            ],
        )
        table.header()
        for log in objs.sorted(lambda line: (line.date, line.id)):
            table.row(
                [
                    fields.Datetime.context_timestamp(self, log.date).replace(
                        tzinfo=None
                    ),
                    log.user_id.name or None,
                    log.user_id.login or None,
                    log.file_name or None,
                    log.level_id.name or None,
                    events.get(log.event),
                    _("Yes") if log.refused else None,
                    log.detail or None,
                    log.ip_address or None,
                ]
            )
        table.finish()
