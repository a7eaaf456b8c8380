# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import MeteringCommon, RpcMixin

FORGED = "odoo.exceptions.AccessError"


@tagged("post_install", "-at_install")
class TestEarnedOverRpc(RpcMixin, HttpCase, MeteringCommon):
    """What proves compliance cannot be written by the lowest role that may
    edit the record, over real JSON-RPC, and nothing is written."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.point = cls._create_location("Forgery test point")
        cls.adjustment = (
            cls.env["metering.energy.adjustment"]
            .with_user(cls.technician)
            .create(
                {
                    "location_id": cls.point.id,
                    "method": "out_of_tolerance",
                    "period_start": "2026-01-01",
                    "period_end": "2026-07-01",
                    "recorded_energy": 12000,
                    "error_percent": 2.5,
                    "tariff": 0.6,
                }
            )
        )
        cls.order = cls.env["fsm.order"].create(
            {
                "location_id": cls.point.id,
                # a retrofit of the center's own kind: no briefing required,
                # so that the technician works it without the safety addon's
                # roster (the delivered retrofit requires one when installed)
                "type": cls.env["fsm.order.type"]
                .create(
                    {
                        "name": "Meter box retrofit",
                        "internal_type": "fsm",
                        "metering_process": "retrofit",
                    }
                )
                .id,
                "person_id": cls.technician_person.id,
            }
        )
        cls.order.action_mark_backfilled()

    def _row(self, table, record, columns):
        self.env.cr.execute(
            f"SELECT {', '.join(columns)} FROM {table} WHERE id = %s",  # noqa: S608
            [record.id],
        )
        return self.env.cr.fetchone()

    def _refused(self, login, record, vals):
        """Writing vals over RPC is refused as a forgery; the row is unchanged."""
        columns = list(vals)
        self.env.flush_all()
        before = self._row(record._table, record, columns)
        error = self._rpc_error(login, record._name, "write", record.ids, vals)
        self.assertEqual(error["name"], FORGED, error["message"])
        self.assertIn("recorded by its own action", error["message"])
        self.assertEqual(self._row(record._table, record, columns), before)

    def test_technician_cannot_approve_a_calculation(self):
        self._refused(
            self.technician.login,
            self.adjustment,
            {
                "state": "approved",
                "leader_approver_id": self.leader.id,
                "manager_approver_id": self.manager.id,
                "leader_approved_on": fields.Datetime.to_string(fields.Datetime.now()),
            },
        )
        for field in ("leader_approved_on", "manager_approved_on", "name"):
            self._refused(
                self.technician.login,
                self.adjustment,
                {field: "TB/FORGED" if field == "name" else "2026-01-01 00:00:00"},
            )

    def test_technician_cannot_review_a_backfilled_order(self):
        self.assertTrue(self.order.is_backfilled)
        for vals in (
            {"backfill_reviewed_by_id": self.leader.id},
            {"backfill_reviewed_on": "2026-01-01 00:00:00"},
            {"is_backfilled": False},
            {"retrofit_approval": "forged approval"},
        ):
            self._refused(self.technician.login, self.order, vals)

    def test_clerk_cannot_grant_a_test_fee_refund(self):
        ticket = (
            self.env["helpdesk.ticket"]
            .with_user(self.clerk)
            .create({"name": "Meter runs fast", "description": "Customer doubts it"})
        )
        self._refused(self.clerk.login, ticket, {"test_fee_refundable": True})

    def test_import_of_an_approved_calculation_refused(self):
        count = self.env["metering.energy.adjustment"].search_count([])
        result = self._rpc(
            self.technician.login,
            "metering.energy.adjustment",
            "load",
            [
                "location_id/.id",
                "method",
                "period_start",
                "period_end",
                "state",
                "name",
            ],
            [
                [
                    str(self.point.id),
                    "out_of_tolerance",
                    "2026-01-01",
                    "2026-07-01",
                    "approved",
                    "TB/FORGED",
                ]
            ],
        )["result"]
        self.assertFalse(result["ids"])
        self.assertIn("recorded by its own action", result["messages"][0]["message"])
        self.assertEqual(self.env["metering.energy.adjustment"].search_count([]), count)

    def test_actions_still_earn_the_proofs(self):
        self.adjustment.with_user(self.technician).action_submit()
        self.adjustment.with_user(self.leader).action_approve_leader()
        self.adjustment.with_user(self.manager).action_approve_manager()
        self.assertEqual(self.adjustment.state, "approved")
        self.order.with_user(self.leader).action_record_retrofit_approval("JD-118")
        self.assertEqual(self.order.retrofit_approval, "JD-118")
        copy = self.adjustment.copy()
        self.assertEqual(copy.state, "draft")
        self.assertNotEqual(copy.name, self.adjustment.name)
