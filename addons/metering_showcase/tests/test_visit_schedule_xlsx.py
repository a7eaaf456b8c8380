# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
from datetime import datetime

from openpyxl import load_workbook

from .common import ShowcaseCommon, local


class TestVisitScheduleXlsx(ShowcaseCommon):
    """The week's visit schedule, opened as a spreadsheet."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reception.lang = "en_US"
        cls.thursday = cls._confirmed(local(1, 14), visitor_count=8, level="student")
        cls.wednesday = cls._confirmed(local(0, 10))
        cls.wednesday.level = "government"
        for role, employee in (
            (cls.role_narrating, cls.narrator),
            (cls.role_narrating, cls.narrator2),
            (cls.role_script, cls.writer),
        ):
            cls.env["metering.showcase.assignment"].create(
                {
                    "visit_id": cls.wednesday.id,
                    "role_id": role.id,
                    "employee_id": employee.id,
                }
            )

    def _sheet(self, visits):
        content, kind = (
            self.env["ir.actions.report"]
            .with_user(self.reception)
            ._render("metering_showcase.visit_schedule_xlsx", visits.ids, {})
        )
        self.assertEqual(kind, "xlsx")
        return load_workbook(io.BytesIO(content)).worksheets[0]

    def test_schedule(self):
        sheet = self._sheet(self.thursday | self.wednesday)
        header = [cell.value for cell in sheet[1]]
        self.assertEqual(
            header,
            [
                "Date",
                "Time",
                "Exhibition Hall",
                "Reference",
                "Visiting Organisation",
                "Visitors",
                "Visitor Level",
                "Reception Lead",
                "Narration Script Revision",
                "Narrating",
                "Readiness",
                "Status",
            ],
        )
        self.assertEqual(sheet.freeze_panes, "A2")
        self.assertEqual(sheet.auto_filter.ref, "A1:L3")
        # in the order they happen, in the hall's local time
        self.assertEqual(sheet["A2"].value, datetime(2027, 3, 3))
        self.assertEqual(sheet["A2"].number_format, "yyyy-mm-dd")
        self.assertEqual(sheet["B2"].value, "10:00-11:30")
        self.assertEqual(sheet["D2"].value, self.wednesday.name)
        self.assertEqual(sheet["G2"].value, "Government")
        self.assertEqual(sheet["I2"].value, "Writer Zhao")
        self.assertEqual(sheet["J2"].value, "Narrator Wang, Narrator Li")
        self.assertEqual(sheet["K2"].value, "Pending")
        self.assertEqual(sheet["L2"].value, "Confirmed")
        self.assertEqual(sheet["B3"].value, "14:00-15:30")
        self.assertEqual(sheet["F3"].value, 8)
        self.assertIsNone(sheet["J3"].value)

    def test_in_print_menu(self):
        report = self.env.ref("metering_showcase.metering_showcase_visit_schedule_xlsx")
        self.assertEqual(report.binding_model_id.model, "metering.showcase.visit")
        self.assertEqual(report.binding_type, "report")

    def test_chinese_headers(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.reception.lang = "zh_CN"
        sheet = self._sheet(self.wednesday)
        self.assertEqual(sheet["A1"].value, "日期")
        self.assertEqual(sheet["E1"].value, "来访单位")
        self.assertEqual(sheet["K1"].value, "准备情况")
