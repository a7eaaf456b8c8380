# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from io import BytesIO

import xlsxwriter

from odoo import models


class ReportXlsxAbstract(models.AbstractModel):
    """Every xlsx report carries the classification of its report action:
    the workbook knows it before the report writes a sheet, so that
    ``XlsxTable`` puts it in the header row; each sheet also prints it in its
    page header and the workbook holds it as a document property."""

    _inherit = "report.report_xlsx.abstract"

    def _metering_report_action(self):
        report_name = self._name.removeprefix("report.")
        return self.env["ir.actions.report"].sudo()._get_report_from_name(report_name)

    def create_xlsx_report(self, docids, data):
        # report_xlsx's own body, with the workbook marked before the report
        # writes it (the workbook is made here: no hook of report_xlsx comes
        # between its creation and the report's writing).
        objs = self._get_objs_for_report(docids, data)
        report = self._metering_report_action()
        label = report and report._metering_classification_label(objs) or ""
        file_data = BytesIO()
        workbook = xlsxwriter.Workbook(file_data, self.get_workbook_options())
        workbook.metering_classification_label = label
        self.generate_xlsx_report(workbook, data, objs)
        if label:
            workbook.set_custom_property("Classification", label)
            mark = "&R&B" + label.replace("&", "&&")
            for sheet in workbook.worksheets():
                if not sheet.header:
                    sheet.set_header(mark)
        workbook.close()
        file_data.seek(0)
        return file_data.read(), "xlsx"
