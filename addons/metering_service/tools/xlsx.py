# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The suite's way of laying out an xlsx table (report_xlsx reports): a
bold header row, frozen, with filters, column widths and number formats, and
the classification (密级) of the report's data at the end of the header row
when it has one (set on the workbook by ``report.report_xlsx.abstract``)."""

from datetime import date, datetime

NUMBER_FORMATS = {
    "integer": "0",
    "number": "#,##0.00",
    "score": "0.00",
    "percent": "0.00",
    "date": "yyyy-mm-dd",
    "datetime": "yyyy-mm-dd hh:mm",
    "text": "@",
}


class XlsxTable:
    """Columns [(label, width, kind)] written from row `first_row` of a
    sheet: call `header()` then `row(values)` for each line."""

    def __init__(self, workbook, sheet, columns, first_row=0):
        self.workbook = workbook
        self.sheet = sheet
        self.columns = columns
        self.first_row = first_row
        self.next_row = first_row
        self.header_format = workbook.add_format(
            {"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True}
        )
        self.formats = {
            kind: workbook.add_format({"num_format": fmt})
            for kind, fmt in NUMBER_FORMATS.items()
        }
        self.classification_label = getattr(
            workbook, "metering_classification_label", ""
        )

    def header(self):
        for col, (label, width, _kind) in enumerate(self.columns):
            self.sheet.write_string(self.next_row, col, label, self.header_format)
            self.sheet.set_column(col, col, width)
        if self.classification_label:
            # after the columns, outside the filters: the table stays as it is
            col = len(self.columns)
            self.sheet.write_string(
                self.next_row,
                col,
                self.classification_label,
                self.workbook.add_format({"bold": True, "font_color": "#C00000"}),
            )
            self.sheet.set_column(col, col, max(12, len(self.classification_label) * 2))
        self.sheet.freeze_panes(self.next_row + 1, 0)
        self.next_row += 1

    def row(self, values):
        for col, ((_label, _width, kind), value) in enumerate(
            zip(self.columns, values, strict=True)
        ):
            fmt = self.formats[kind]
            if value is None or value is False:
                self.sheet.write_blank(self.next_row, col, None, fmt)
            elif isinstance(value, datetime):
                self.sheet.write_datetime(
                    self.next_row, col, value, self.formats["datetime"]
                )
            elif isinstance(value, date):
                self.sheet.write_datetime(
                    self.next_row,
                    col,
                    datetime(value.year, value.month, value.day),
                    self.formats["date"],
                )
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                self.sheet.write_number(self.next_row, col, value, fmt)
            else:
                self.sheet.write_string(self.next_row, col, str(value), fmt)
        self.next_row += 1

    def finish(self):
        """Filters over the header and the rows written."""
        self.sheet.autofilter(
            self.first_row,
            0,
            max(self.next_row - 1, self.first_row),
            len(self.columns) - 1,
        )
        return self.next_row
