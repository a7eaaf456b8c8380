# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io

from openpyxl import load_workbook

from odoo.exceptions import AccessError

from .confidentiality_common import ConfidentialityCommon


class TestReportClassification(ConfidentialityCommon):
    """The suite's statistics exports and reports carry the level of their
    data: the level of their report action (set by the records officer),
    raised to the level of the records they print."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.point = cls._create_location("Textile mill")
        cls.checklist_report = cls.env.ref("metering_service.fsm_order_checklist_xlsx")
        cls.log_report = cls.env.ref(
            "metering_safety.metering_document_access_log_xlsx"
        )

    def _workbook(self, report, records, user):
        content, kind = (
            self.env["ir.actions.report"]
            .with_user(user)
            ._render(report, records.ids, {})
        )
        self.assertEqual(kind, "xlsx")
        return load_workbook(io.BytesIO(content))

    def _adjustment(self):
        return self.env["metering.energy.adjustment"].create(
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

    def test_delivered_levels(self):
        for xmlid in (
            "metering_service.fsm_order_checklist_xlsx",
            "metering_service.metering_energy_adjustment_xlsx",
            "metering_service.action_report_energy_adjustment",
            "metering_safety.metering_safety_briefing_report",
        ):
            self.assertEqual(
                self.env.ref(xmlid).metering_classification_level_id, self.internal
            )

    def test_xlsx_header_row_carries_the_level(self):
        order = self.env["fsm.order"].create({"location_id": self.point.id})
        workbook = self._workbook("metering_service.checklist_xlsx", order, self.leader)
        sheet = workbook.worksheets[0]
        # after the 15 columns of the table, outside its filters
        self.assertEqual(sheet["P1"].value, "Classification: Internal")
        self.assertEqual(sheet.auto_filter.ref, "A1:O1")
        self.assertEqual(sheet.freeze_panes, "A2")
        self.assertIn("Classification: Internal", sheet.oddHeader.right.text)
        # every sheet of the refund statement
        adjustment = self._adjustment() | self._adjustment()
        workbook = self._workbook(
            "metering_service.energy_adjustment_xlsx", adjustment, self.manager
        )
        self.assertEqual(len(workbook.worksheets), 2)
        for sheet in workbook.worksheets:
            self.assertEqual(sheet["D1"].value, "Classification: Internal")

    def test_officer_sets_the_level_of_a_report(self):
        with self.assertRaises(AccessError):
            self.checklist_report.with_user(self.manager).write(
                {"metering_classification_level_id": self.confidential.id}
            )
        with self.assertRaises(AccessError):
            self.checklist_report.with_user(self.officer).write(
                {"name": "Renamed by the officer"}
            )
        # as the officer's list of report classifications saves it
        Reports = self.env["ir.actions.report"].with_user(self.officer)
        listed = Reports.web_search_read(
            [("binding_model_id", "!=", False)],
            {"name": {}, "metering_classification_level_id": {"fields": {}}},
        )
        self.assertIn(self.checklist_report.id, [r["id"] for r in listed["records"]])
        Reports.browse(self.checklist_report.id).web_save(
            {"metering_classification_level_id": self.confidential.id},
            {"metering_classification_level_id": {"fields": {"display_name": {}}}},
        )
        self.assertEqual(
            self.checklist_report.metering_classification_level_id, self.confidential
        )
        order = self.env["fsm.order"].create({"location_id": self.point.id})
        sheet = self._workbook(
            "metering_service.checklist_xlsx", order, self.leader
        ).worksheets[0]
        self.assertEqual(sheet["P1"].value, "Classification: Confidential")
        # unclassified: the table alone
        self.checklist_report.with_user(self.officer).write(
            {"metering_classification_level_id": False}
        )
        sheet = self._workbook(
            "metering_service.checklist_xlsx", order, self.leader
        ).worksheets[0]
        self.assertEqual(sheet.max_column, 15)
        self.assertIsNone(sheet.oddHeader.right.text)

    def test_qweb_report_shows_the_level(self):
        adjustment = self._adjustment()
        html, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.manager)
            ._render_qweb_html(
                "metering_service.action_report_energy_adjustment", adjustment.ids
            )
        )
        self.assertIn(b"o_metering_classification", html)
        self.assertIn(b"Classification: Internal", html)
        self.env.ref("metering_service.action_report_energy_adjustment").with_user(
            self.officer
        ).metering_classification_level_id = False
        html, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.manager)
            ._render_qweb_html(
                "metering_service.action_report_energy_adjustment", adjustment.ids
            )
        )
        self.assertNotIn(b"o_metering_classification", html)


class TestAccessLogXlsx(ConfidentialityCommon):
    """The records officer files the access log as a spreadsheet; nobody
    else takes it out, the center manager who reads it included."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.logs = (
            cls.env["metering.document.access.log"]
            .sudo()
            .create(
                [
                    {
                        "file_id": cls.secret_file.id,
                        "file_name": cls.secret_file.name,
                        "level_id": cls.secret.id,
                        "user_id": cls.technician.id,
                        "event": "download",
                        "refused": True,
                        "detail": "no grant",
                    },
                    {
                        "file_id": cls.internal_file.id,
                        "file_name": cls.internal_file.name,
                        "level_id": cls.internal.id,
                        "user_id": cls.clerk.id,
                        "event": "open",
                    },
                ]
            )
        )
        cls.report = cls.env.ref("metering_safety.metering_document_access_log_xlsx")

    def _sheet(self, user, logs=None):
        content, kind = (
            self.env["ir.actions.report"]
            .with_user(user)
            ._render(
                "metering_safety.document_access_log_xlsx", (logs or self.logs).ids, {}
            )
        )
        self.assertEqual(kind, "xlsx")
        return load_workbook(io.BytesIO(content)).worksheets[0]

    def test_in_the_print_menu_of_the_officer(self):
        self.assertEqual(self.report.binding_model_id.model, self.logs._name)
        self.assertEqual(
            self.report.group_ids, self.env.ref("metering_safety.group_records_officer")
        )

    def test_officer_files_the_log(self):
        sheet = self._sheet(self.officer)
        header = [cell.value for cell in sheet[1]][:9]
        self.assertEqual(
            header,
            [
                "Date",
                "User",
                "Login",
                "Document",
                "Classification",
                "Event",
                "Refused",
                "Reason",
                "Address",
            ],
        )
        self.assertEqual(sheet.freeze_panes, "A2")
        self.assertEqual(sheet.auto_filter.ref, "A1:I3")
        rows = list(sheet.iter_rows(min_row=2, max_col=9, values_only=True))
        self.assertEqual(
            rows[0][1:8],
            (
                self.technician.name,
                self.technician.login,
                self.secret_file.name,
                "Secret",
                "Downloaded",
                "Yes",
                "no grant",
            ),
        )
        self.assertEqual(rows[1][5], "Opened")
        # the highest level of the logged documents
        self.assertEqual(sheet["J1"].value, "Classification: Secret")
        internal_only = self.logs.filtered(lambda log: not log.refused)
        sheet = self._sheet(self.officer, internal_only)
        self.assertEqual(sheet["J1"].value, "Classification: Internal")

    def test_others_refused_on_the_server(self):
        for user in (self.manager, self.clerk, self.technician):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self._sheet(user)

    def test_chinese_headers(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.officer.lang = "zh_CN"
        sheet = self._sheet(self.officer)
        self.assertEqual(sheet.title, "访问日志")
        self.assertEqual(sheet["A1"].value, "时间")
        self.assertEqual(sheet["D1"].value, "文档")
        self.assertTrue(sheet["J1"].value.startswith("密级："))
