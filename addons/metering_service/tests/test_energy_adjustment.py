# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io

from openpyxl import load_workbook

from odoo.exceptions import AccessError, UserError, ValidationError

from .common import MeteringCommon


class TestEnergyAdjustment(MeteringCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.point = cls._create_location("Textile mill")
        cls.manager2 = cls._create_user(
            "manager2", "metering_service.group_center_manager"
        )

    def _adjustment(self, user=None, **vals):
        return (
            self.env["metering.energy.adjustment"]
            .with_user(user or self.technician)
            .create(
                {
                    "location_id": self.point.id,
                    "method": "out_of_tolerance",
                    "period_start": "2026-01-01",
                    "period_end": "2026-07-01",
                    "recorded_energy": 12000,
                    "error_percent": 2.5,
                    "tariff": 0.6,
                    **vals,
                }
            )
        )

    def test_result_and_approvals(self):
        adjustment = self._adjustment()
        self.assertTrue(adjustment.name.startswith("TB/"))
        self.assertAlmostEqual(adjustment.energy, -146.34, places=2)
        self.assertEqual(adjustment.direction, "refund")
        self.assertAlmostEqual(adjustment.amount, -87.80, places=2)
        adjustment.action_submit()
        with self.assertRaises(AccessError):
            adjustment.action_approve_leader()  # a technician
        adjustment.with_user(self.leader).action_approve_leader()
        with self.assertRaises(AccessError):
            adjustment.with_user(self.leader).action_approve_manager()
        adjustment.with_user(self.manager).action_approve_manager()
        self.assertEqual(adjustment.state, "approved")
        self.assertEqual(adjustment.leader_approver_id, self.leader)
        self.assertEqual(adjustment.manager_approver_id, self.manager)

    def test_read_only_once_submitted(self):
        adjustment = self._adjustment()
        adjustment.action_submit()
        with self.assertRaisesRegex(UserError, "no longer be changed"):
            adjustment.with_user(self.manager).write({"recorded_energy": 1})
        # the chatter still works
        adjustment.with_user(self.leader).message_post(body="Checked the bills")
        with self.assertRaisesRegex(UserError, "draft"):
            adjustment.with_user(self.manager).unlink()

    def test_same_person_cannot_approve_twice(self):
        adjustment = self._adjustment()
        adjustment.action_submit()
        adjustment.with_user(self.manager).action_approve_leader()
        with self.assertRaisesRegex(UserError, "both approvals"):
            adjustment.with_user(self.manager).action_approve_manager()
        adjustment.with_user(self.manager2).action_approve_manager()
        self.assertEqual(adjustment.state, "approved")

    def test_refuse_back_to_draft(self):
        adjustment = self._adjustment()
        adjustment.action_submit()
        adjustment.with_user(self.leader).action_reset_to_draft()
        self.assertEqual(adjustment.state, "draft")
        adjustment.write({"recorded_energy": 11000})

    def test_returns_are_counted(self):
        """Each refusal is counted, with who, when and why; an approval
        afterwards does not erase it."""
        self.manager.lang = "en_US"
        adjustment = self._adjustment()
        adjustment.action_submit()
        adjustment.with_user(self.leader).action_reset_to_draft()
        self.assertEqual(adjustment.return_count, 1)
        self.assertEqual(adjustment.last_returned_by_id, self.leader)
        self.assertTrue(adjustment.last_returned_on)
        self.assertFalse(adjustment.return_reason)
        adjustment.action_submit()
        adjustment.with_user(self.leader).action_approve_leader()
        # refused after the leader's approval, by the manager, with a reason
        adjustment.with_user(self.manager).action_reset_to_draft(
            reason="  The tariff of 2025 was applied.  "
        )
        self.assertEqual(adjustment.state, "draft")
        self.assertFalse(adjustment.leader_approver_id)
        self.assertEqual(adjustment.return_count, 2)
        self.assertEqual(adjustment.last_returned_by_id, self.manager)
        self.assertEqual(adjustment.return_reason, "The tariff of 2025 was applied.")
        self.assertTrue(
            any("2025 was applied" in m.body for m in adjustment.message_ids)
        )
        adjustment.write({"tariff": 0.62})
        adjustment.action_submit()
        adjustment.with_user(self.leader).action_approve_leader()
        adjustment.with_user(self.manager).action_approve_manager()
        self.assertEqual(adjustment.state, "approved")
        self.assertEqual(adjustment.return_count, 2)
        # the statement shows the returns
        content, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.manager)
            ._render("metering_service.energy_adjustment_xlsx", adjustment.ids, {})
        )
        sheet = load_workbook(io.BytesIO(content)).worksheets[0]
        values = {
            row[1]: row[2] for row in sheet.iter_rows(min_row=2, values_only=True)
        }
        self.assertEqual(values["Times Returned"], 2)
        self.assertEqual(values["Last Returned by"], self.manager.name)
        self.assertEqual(values["Returned Because"], "The tariff of 2025 was applied.")

    def test_refuse_with_reason(self):
        """The Refuse button asks the reason, kept on the calculation."""
        adjustment = self._adjustment()
        adjustment.action_submit()
        wizard = (
            self.env["metering.energy.adjustment.return.wizard"]
            .with_user(self.leader)
            .with_context(default_adjustment_ids=adjustment.ids)
            .create({"reason": "Attach the reading of the last test."})
        )
        wizard.action_return()
        self.assertEqual(adjustment.state, "draft")
        self.assertEqual(adjustment.return_count, 1)
        self.assertEqual(
            adjustment.return_reason, "Attach the reading of the last test."
        )
        # a technician cannot refuse through the wizard either
        adjustment.action_submit()
        with self.assertRaises(AccessError):
            self.env["metering.energy.adjustment.return.wizard"].with_user(
                self.technician
            ).create({"adjustment_ids": adjustment.ids, "reason": "no"})
        self.assertEqual(adjustment.state, "submitted")

    def test_return_refused(self):
        """A draft is not returned (nothing was submitted), an approved one
        no longer; a technician does not return; the count is earned."""
        adjustment = self._adjustment()
        with self.assertRaisesRegex(UserError, "drafts"):
            adjustment.with_user(self.leader).action_reset_to_draft()
        adjustment.action_submit()
        with self.assertRaises(AccessError):
            adjustment.action_reset_to_draft()  # a technician
        with self.assertRaises(AccessError):
            adjustment.with_user(self.leader).write({"return_count": 0})
        self.assertEqual(adjustment.return_count, 0)
        self.assertEqual(adjustment.state, "submitted")
        adjustment.with_user(self.leader).action_approve_leader()
        adjustment.with_user(self.manager).action_approve_manager()
        with self.assertRaisesRegex(UserError, "approved calculation"):
            adjustment.with_user(self.manager).action_reset_to_draft()
        self.assertEqual(adjustment.return_count, 0)

    def test_invalid_inputs_refused_at_submit(self):
        cases = [
            ({"error_percent": -100}, "-100 %"),
            ({"recorded_energy": 0}, "recorded energy"),
            ({"period_end": "2026-01-01"}, "period"),
            (
                {"method": "wrong_wiring", "power_correct": 3, "power_wrong": 0},
                "wrong wiring is zero",
            ),
            (
                {"method": "wrong_ct_ratio", "actual_ratio": 40, "billed_ratio": 0},
                "billed CT ratio",
            ),
        ]
        for vals, message in cases:
            with self.subTest(vals=vals):
                adjustment = self._adjustment(**vals)
                with self.assertRaisesRegex(ValidationError, message):
                    adjustment.action_submit()
                self.assertEqual(adjustment.state, "draft")

    def test_access(self):
        adjustment = self._adjustment()
        self.assertEqual(
            adjustment.with_user(self.clerk).read(["name"])[0]["name"], adjustment.name
        )
        with self.assertRaises(AccessError):
            self._adjustment(user=self.clerk)
        foreign_manager = self._create_user(
            "manager", "metering_service.group_center_manager", self.other_company
        )
        with self.assertRaises(AccessError):
            adjustment.with_user(foreign_manager).read(["name"])

    def test_statement_renders(self):
        adjustment = self._adjustment()
        html, _format = self.env["ir.actions.report"]._render_qweb_html(
            "metering_service.report_energy_adjustment", adjustment.ids
        )
        self.assertIn(adjustment.name, html.decode())
        self.assertIn("146.34", html.decode())
