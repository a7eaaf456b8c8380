# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io

from openpyxl import load_workbook

from odoo.fields import Command

from .common import MeteringCommon


class TestXlsxReports(MeteringCommon):
    """The xlsx exports the center hands on, opened as a spreadsheet."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.point = cls._create_location("Textile mill")
        (cls.leader | cls.manager).lang = "en_US"

    def _sheet(self, report, records, user):
        content, kind = (
            self.env["ir.actions.report"]
            .with_user(user)
            ._render(report, records.ids, {})
        )
        self.assertEqual(kind, "xlsx")
        return load_workbook(io.BytesIO(content)).worksheets

    def test_checklist_results(self):
        template = self.env["metering.checklist.template"].create(
            {
                "name": "Install check",
                "item_ids": [
                    Command.create({"name": "Wiring", "display_type": "line_section"}),
                    Command.create({"name": "Seal intact", "critical": True}),
                    Command.create({"name": "Voltage", "kind": "number", "unit": "V"}),
                ],
            }
        )
        template.action_publish()
        order = self.env["fsm.order"].create({"location_id": self.point.id})
        checklist = self.env["metering.checklist"].create(
            {
                "template_id": template.id,
                "res_model": "fsm.order",
                "res_id": order.id,
                "order_id": order.id,
            }
        )
        seal, voltage = template.item_ids[1:]
        self.env["metering.checklist.answer"].create(
            [
                {
                    "checklist_id": checklist.id,
                    "item_id": seal.id,
                    "value_pass_fail": "fail",
                    "result": "fail",
                    "note": "Seal broken",
                },
                {
                    "checklist_id": checklist.id,
                    "item_id": voltage.id,
                    "value_number": 229.5,
                    "result": "pass",
                },
            ]
        )
        sheet = self._sheet("metering_service.checklist_xlsx", order, self.leader)[0]
        header = [cell.value for cell in sheet[1]]
        self.assertEqual(
            header[:5], ["Work Order", "Metering Point", "Team", "Checklist", "Version"]
        )
        self.assertEqual(sheet.freeze_panes, "A2")
        self.assertEqual(sheet.auto_filter.ref, "A1:O3")
        rows = list(sheet.iter_rows(min_row=2, values_only=True))
        self.assertEqual(len(rows), 2)
        self.assertEqual(rows[0][0], order.name)
        self.assertEqual(rows[0][4], 1)
        self.assertEqual(rows[0][5], "Wiring")
        self.assertEqual(
            rows[0][6:11], ("Seal intact", "Yes", "Fail", "Failed", "Seal broken")
        )
        self.assertEqual(rows[1][8], 229.5)

    def test_energy_adjustment_statement(self):
        adjustment = self.env["metering.energy.adjustment"].create(
            {
                "location_id": self.point.id,
                "method": "out_of_tolerance",
                "period_start": "2026-01-01",
                "period_end": "2026-07-01",
                "recorded_energy": 12000,
                "error_percent": 2.5,
                "tariff": 0.6,
            }
        )
        adjustment.with_user(self.technician).action_submit()
        adjustment.with_user(self.leader).action_approve_leader()
        adjustment.with_user(self.manager).action_approve_manager()
        sheet = self._sheet(
            "metering_service.energy_adjustment_xlsx", adjustment, self.manager
        )[0]
        # (a classification mark may follow the columns in the header row)
        self.assertEqual([c.value for c in sheet[1]][:3], ["Part", "Item", "Value"])
        self.assertEqual(sheet.freeze_panes, "A2")
        values = {
            row[1]: row[2] for row in sheet.iter_rows(min_row=2, values_only=True)
        }
        self.assertEqual(values["Statement"], adjustment.name)
        self.assertEqual(values["Recorded Energy (kWh)"], 12000)
        self.assertAlmostEqual(values["Energy to Bill (kWh)"], -146.34, places=2)
        self.assertIn("γ", values["Formula"])
        self.assertEqual(values["Approved by (Center Manager)"], self.manager.name)
        self.assertEqual(values["Period Start"].year, 2026)

    def test_chinese_headers(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.leader.lang = "zh_CN"
        order = self.env["fsm.order"].create({"location_id": self.point.id})
        sheet = self._sheet("metering_service.checklist_xlsx", order, self.leader)[0]
        self.assertEqual(sheet.title, "检查表结果")
        self.assertEqual(sheet["A1"].value, "工单")
