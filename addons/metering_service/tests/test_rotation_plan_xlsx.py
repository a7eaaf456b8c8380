# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io

from dateutil.relativedelta import relativedelta
from openpyxl import load_workbook

from odoo import fields

from .common import MeteringCommon


class TestRotationPlanXlsx(MeteringCommon):
    """The rotation plan handed on as a spreadsheet: a row per meter, by
    area, with its due date and the line's outcome."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        (cls.leader | cls.manager).lang = "en_US"
        cls.today = fields.Date.context_today(cls.env.user)
        cls.estate = cls._create_location("Riverside estate")
        flats = cls.env["fsm.location"]
        for number in range(2):
            flat = cls._create_location(f"Riverside flat {number}")
            flat.write({"parent_id": cls.estate.id, "supply_voltage": "220v"})
            flats |= flat
        cls.installed = cls.today - relativedelta(years=10, days=1)
        cls.meters = cls.env["fsm.equipment"].create(
            [
                {
                    "name": f"Due meter {i}",
                    "serial_number": f"SN-{i}",
                    "device_kind": "single_phase_meter",
                    "device_state": "installed",
                    "installed_date": cls.installed,
                    "last_reading": 100.0,
                    "location_id": flats[i].id,
                }
                for i in range(2)
            ]
        )
        cls.new_meter = cls.env["fsm.equipment"].create(
            {
                "name": "New meter",
                "device_kind": "single_phase_meter",
                "device_state": "in_stock",
            }
        )
        cls.order = cls.env["metering.rotation"].plan(cls.company, cls.today, 10)
        lines = cls.order.rotation_line_ids.sorted(lambda li: li.old_equipment_id.name)
        lines[0].write(
            {
                "state": "swapped",
                "new_equipment_id": cls.new_meter.id,
                "final_reading": 1234.5,
                "initial_reading": 0.5,
            }
        )
        lines[1].write({"state": "absent", "reason": "Nobody home"})

    def _sheet(self, user):
        content, kind = (
            self.env["ir.actions.report"]
            .with_user(user)
            ._render("metering_service.rotation_plan_xlsx", self.order.ids, {})
        )
        self.assertEqual(kind, "xlsx")
        return load_workbook(io.BytesIO(content)).worksheets[0]

    def test_rotation_plan(self):
        self.assertEqual(len(self.order), 1)
        sheet = self._sheet(self.leader)
        header = [cell.value for cell in sheet[1]]
        self.assertEqual(
            header[:6],
            [
                "Area",
                "Work Order",
                "Order Stage",
                "Order Deadline",
                "Metering Point",
                "Old Meter",
            ],
        )
        self.assertEqual(sheet.freeze_panes, "A2")
        self.assertEqual(sheet.auto_filter.ref, "A1:M3")
        rows = list(sheet.iter_rows(min_row=2, values_only=True))
        self.assertEqual(len(rows), 2)
        self.assertEqual(rows[0][0], "Riverside estate")
        self.assertEqual(rows[0][1], self.order.name)
        self.assertEqual(rows[0][5:7], ("Due meter 0", "SN-0"))
        due = self.meters[1].next_rotation_date
        self.assertEqual(rows[1][7].date(), due)
        self.assertEqual(sheet["H3"].number_format, "yyyy-mm-dd")
        self.assertEqual(rows[0][8:12], ("Swapped", "New meter", 1234.5, 0.5))
        self.assertEqual(rows[1][8], "Customer Absent")
        self.assertEqual(rows[1][10:13], (None, None, "Nobody home"))

    def test_in_print_menu_and_chinese(self):
        report = self.env.ref("metering_service.fsm_order_rotation_plan_xlsx")
        self.assertEqual(report.binding_model_id.model, "fsm.order")
        self.env["res.lang"]._activate_lang("zh_CN")
        self.leader.lang = "zh_CN"
        sheet = self._sheet(self.leader)
        self.assertEqual(sheet["A1"].value, "片区")
        self.assertEqual(sheet["I1"].value, "现场结果")
