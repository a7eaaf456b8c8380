# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io

from openpyxl import load_workbook

from .scorecard_common import ScorecardCommon


class TestScorecardXlsx(ScorecardCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.template = cls._template(
            [
                {"name": "Delivery", "display_type": "line_section"},
                {
                    "name": "On time",
                    "source": "automatic",
                    "kpi_code": "orders_on_time",
                    "weight": 3,
                },
                {"name": "Attitude", "source": "manual", "weight": 1},
            ]
        )
        cls.Order.create(
            {
                "location_id": cls.location.id,
                "team_id": cls.team.id,
                "stage_id": cls.completed.id,
                "deadline": cls._at(3),
                "date_end": cls._at(2),
            }
        )
        evaluations = (
            cls.env["metering.evaluation"]
            .with_user(cls.leader)
            ._generate(cls.template, "month", cls.month_start)
        )
        cls.evaluation = evaluations.filtered(lambda e: e.team_id == cls.team)
        cls.other = evaluations.filtered(lambda e: e.team_id == cls.other_team)
        for evaluation, score in ((cls.evaluation, 70.0), (cls.other, 95.0)):
            evaluation.line_ids.filtered(
                lambda line: line.name == "Attitude"
            ).with_user(cls.leader).manual_score = score

    def _workbook(self, report, records, user=None):
        content, kind = (
            self.env["ir.actions.report"]
            .with_user(user or self.leader)
            ._render(report, records.ids, {})
        )
        self.assertEqual(kind, "xlsx")
        # data_only: the values xlsxwriter stored with the formulas
        return (
            load_workbook(io.BytesIO(content), data_only=True),
            load_workbook(io.BytesIO(content)),
        )

    def test_scorecard(self):
        values, formulas = self._workbook(
            "metering_showcase.evaluation_xlsx", self.evaluation
        )
        sheet = values.worksheets[0]
        header = [cell.value for cell in sheet[9]]
        self.assertEqual(header[:3], ["Section", "Criterion", "Source"])
        self.assertEqual(sheet.freeze_panes, "A10")
        self.assertTrue(sheet.auto_filter.ref.startswith("A9"))
        self.assertEqual(sheet["B10"].value, "On time")
        self.assertEqual(sheet["A10"].value, "Delivery")
        self.assertEqual(sheet["D10"].value, 100.0)
        self.assertEqual(sheet["H11"].value, 70.0)
        # the total: (100 x 3 + 70 x 1) / 4
        self.assertAlmostEqual(sheet["I12"].value, 92.5)
        self.assertAlmostEqual(self.evaluation.score, 92.5)
        self.assertTrue(formulas.worksheets[0]["I12"].value.startswith("=IF(SUM("))
        self.assertEqual(sheet["I10"].number_format, "0.00")

    def test_ranking(self):
        values, _formulas = self._workbook(
            "metering_showcase.evaluation_ranking_xlsx", self.evaluation | self.other
        )
        sheet = values.worksheets[0]
        self.assertEqual(sheet["C1"].value, "Rank")
        self.assertEqual(sheet.freeze_panes, "A2")
        self.assertEqual(
            [(row[2].value, row[3].value) for row in sheet.iter_rows(min_row=2)],
            [(1, "Team South"), (2, "Team North")],
        )
        # Team South has no order due: only its manual criterion counts
        self.assertAlmostEqual(sheet["E2"].value, 95.0)

    def test_chinese_headers(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.leader.lang = "zh_CN"
        values, _formulas = self._workbook(
            "metering_showcase.evaluation_ranking_xlsx", self.evaluation
        )
        self.assertEqual(values.worksheets[0]["C1"].value, "排名")
