# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from unittest.mock import patch

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError

from .common import MeteringCommon, pass_checklists


class DisputeCommon(MeteringCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dispute_category = cls.env.ref(
            "metering_service.helpdesk_ticket_category_dispute"
        )
        cls.customer = cls.env["res.partner"].create(
            # the result is written in the customer's language
            {"name": "Li Ming", "email": "li.ming@example.com", "lang": "en_US"}
        )
        cls.point = cls._create_location("Riverside flat 201")
        cls.point.write({"supply_voltage": "220v", "owner_id": cls.customer.id})
        cls.meter = cls.env["fsm.equipment"].create(
            {
                "name": "Flat 201 meter",
                "device_kind": "single_phase_meter",
                "accuracy_class": "2",
                "location_id": cls.point.id,
                "device_state": "installed",
                "installed_date": "2021-03-01",
                "last_reading": 12850.3,
            }
        )

    def _dispute(self, user=None, **vals):
        return (
            self.env["helpdesk.ticket"]
            .with_user(user or self.clerk)
            .create(
                {
                    "name": "My meter runs fast",
                    "description": "<p>Bill doubled since March</p>",
                    "partner_id": self.customer.id,
                    "category_id": self.dispute_category.id,
                    "location_id": self.point.id,
                    "equipment_id": self.meter.id,
                    **vals,
                }
            )
        )

    def _verify(self, order, errors):
        order.with_user(self.leader).person_id = self.technician_person
        order.with_user(self.technician).write(
            {
                "test_point_ids": [
                    fields.Command.create(
                        {"name": f"Load point {i}", "error_percent": e}
                    )
                    for i, e in enumerate(errors)
                ]
            }
        )
        pass_checklists(order)
        order.with_user(self.leader).action_complete()


class TestDisputeAndIntake(DisputeCommon):
    def test_clerk_creates_verification_in_one_click(self):
        ticket = self._dispute()
        self.assertTrue(ticket.is_dispute)
        expected = self.env["metering.policy"]._working_day_deadline(
            self.env.company, 5, ticket.create_date
        )
        self.assertEqual(ticket.dispute_deadline, expected)
        self.assertGreaterEqual((ticket.dispute_deadline - ticket.create_date).days, 5)
        self.assertFalse(ticket.dispute_overdue)
        ticket.action_create_fsm_order()
        order = ticket.fsm_order_ids
        self.assertEqual(len(order), 1)
        self.assertEqual(
            order.type, self.env.ref("metering_service.fsm_order_type_dispute")
        )
        self.assertEqual(order.location_id, self.point)
        self.assertEqual(order.tested_equipment_id, self.meter)
        self.assertEqual(order.deadline, ticket.dispute_deadline)
        self.assertEqual(ticket.fsm_order_count, 1)

    def test_dispute_overdue_flag(self):
        ticket = self._dispute()
        ticket.sudo().dispute_deadline = fields.Datetime.now() - relativedelta(days=1)
        self.assertTrue(ticket.dispute_overdue)
        found = self.env["helpdesk.ticket"].search(
            [("id", "=", ticket.id), ("dispute_overdue", "=", True)]
        )
        self.assertEqual(found, ticket)

    def test_automatic_creation_when_configured(self):
        self.dispute_category.auto_create_order = True
        ticket = self._dispute()
        self.assertEqual(len(ticket.fsm_order_ids), 1)

    def test_intake_refused_without_type_or_point(self):
        ticket = self._dispute(location_id=False)
        with self.assertRaisesRegex(UserError, "metering point"):
            ticket.action_create_fsm_order()
        other = self.env["helpdesk.ticket.category"].create({"name": "Complaint"})
        ticket = self._dispute(category_id=other.id)
        with self.assertRaisesRegex(UserError, "does not say"):
            ticket.action_create_fsm_order()

    def test_technician_cannot_take_requests(self):
        ticket = self._dispute()
        with self.assertRaises(AccessError):
            ticket.with_user(self.technician).action_create_fsm_order()

    def test_out_of_tolerance_result(self):
        ticket = self._dispute()
        ticket.action_create_fsm_order()
        order = ticket.fsm_order_ids
        self._verify(order, [1.2, -0.4, 2.6])
        self.assertEqual(order.test_verdict, "failed")
        self.assertAlmostEqual(order.max_abs_error, 2.6)
        self.assertEqual(order.tolerance, 2.0)
        self.assertEqual(self.meter.last_test_date, fields.Date.context_today(order))
        follow_ups = self.env["fsm.order"].search([("origin_order_id", "=", order.id)])
        self.assertEqual(
            sorted(follow_ups.mapped("metering_process")), ["error", "install"]
        )
        replacement = follow_ups.filtered(lambda o: o.metering_process == "install")
        self.assertEqual(replacement.removed_equipment_id, self.meter)
        self.assertTrue(replacement.deadline)
        self.assertTrue(ticket.test_fee_refundable)
        ticket.invalidate_recordset(["message_ids"])
        result = ticket.message_ids.filtered(
            lambda m: "test fee will be refunded" in " ".join((m.body or "").split())
        )
        self.assertTrue(result, "the result was posted to the customer")
        self.assertIn(self.customer, result.partner_ids)

    def test_within_tolerance_result(self):
        ticket = self._dispute()
        ticket.action_create_fsm_order()
        order = ticket.fsm_order_ids
        self._verify(order, [0.8, -1.9])
        self.assertEqual(order.test_verdict, "passed")
        self.assertFalse(ticket.test_fee_refundable)
        self.assertFalse(
            self.env["fsm.order"].search([("origin_order_id", "=", order.id)])
        )
        ticket.invalidate_recordset(["message_ids"])
        self.assertTrue(
            ticket.message_ids.filtered(
                lambda m: "measures correctly" in " ".join((m.body or "").split())
            )
        )

    def test_verification_needs_results(self):
        ticket = self._dispute()
        ticket.action_create_fsm_order()
        with self.assertRaisesRegex(UserError, "record the errors"):
            ticket.fsm_order_ids.with_user(self.leader).action_complete()


class TestBackfill(MeteringCommon):
    def test_backfilled_order_needs_review(self):
        point = self._create_location("Outage site")
        order = self.env["fsm.order"].create(
            {
                "location_id": point.id,
                "type": self.env.ref("metering_service.fsm_order_type_fault").id,
                "is_backfilled": True,
            }
        )
        with self.assertRaisesRegex(UserError, "reviews the backfilled record"):
            order.with_user(self.leader).action_complete()
        with self.assertRaises(AccessError):
            order.with_user(self.technician).action_review_backfill()
        with self.assertRaisesRegex(UserError, "paper record"):
            order.with_user(self.leader).action_review_backfill()
        order.with_user(self.leader).paper_record = base64.b64encode(b"%PDF-1.4 scan")
        with self.assertRaisesRegex(UserError, "another team leader"):
            order.with_user(self.leader).action_review_backfill()
        order.paper_record = base64.b64encode(b"%PDF-1.4 scanned sheet")
        order.with_user(self.leader).action_review_backfill()
        with self.assertRaisesRegex(UserError, "kept as it was"):
            order.paper_record = base64.b64encode(b"%PDF-1.4 another sheet")
        self.assertEqual(order.backfill_reviewed_by_id, self.leader)
        order.write(
            {
                "fault_symptom": "stopped",
                "fault_cause": "Power supply board failed",
                "arrived_on": fields.Datetime.now(),
            }
        )
        pass_checklists(order)
        order.with_user(self.leader).action_complete()
        self.assertTrue(order.is_closed)


class TestOneGate(DisputeCommon):
    """The gate decides before anything is applied: a refused completion has
    created no order and told the customer nothing; an order created straight
    into Completed passes the same gate."""

    def test_refused_completion_has_no_side_effect(self):
        ticket = self._dispute()
        ticket.action_create_fsm_order()
        order = self.env["fsm.order"].browse(ticket.fsm_order_ids.ids)
        order.test_point_ids = [
            fields.Command.create({"name": "Full load", "error_percent": 3.1})
        ]
        order.sudo().is_backfilled = True
        FsmOrder = type(self.env["fsm.order"])
        with (
            patch.object(FsmOrder, "_create_out_of_tolerance_orders") as replace,
            patch.object(FsmOrder, "_post_dispute_results") as post,
            self.assertRaisesRegex(UserError, "reviews the backfilled record"),
        ):
            order.with_user(self.leader).action_complete()
        replace.assert_not_called()
        post.assert_not_called()
        self.assertEqual(len(ticket.fsm_order_ids), 1)

    def test_created_completed_without_verdict_refused(self):
        with self.assertRaisesRegex(UserError, "record the errors found"):
            self.env["fsm.order"].create(
                {
                    "type": self.env.ref("metering_service.fsm_order_type_dispute").id,
                    "location_id": self.point.id,
                    "tested_equipment_id": self.meter.id,
                    "stage_id": self.env.ref("fieldservice.fsm_stage_completed").id,
                }
            )

    def test_every_problem_of_every_order_in_one_error(self):
        fault = self.env.ref("metering_service.fsm_order_type_fault")
        orders = self.env["fsm.order"].create(
            [
                {"type": fault.id, "location_id": self.point.id},
                {"type": fault.id, "location_id": self.point.id},
            ]
        )
        with self.assertRaises(UserError) as refused:
            orders.with_user(self.leader).action_complete()
        for order in orders:
            self.assertIn(order.name, str(refused.exception))


class TestErrorSettlement(DisputeCommon):
    """Every error ends in a settled calculation (manual 5.6, 5.8)."""

    def _error_order(self, errors):
        ticket = self._dispute()
        ticket.action_create_fsm_order()
        verification = ticket.fsm_order_ids
        self._verify(verification, errors)
        return (
            ticket,
            verification,
            self.env["fsm.order"].search(
                [
                    ("origin_order_id", "=", verification.id),
                    ("metering_process", "=", "error"),
                ]
            ),
        )

    def test_error_order_needs_an_approved_calculation(self):
        ticket, verification, error_order = self._error_order([-0.4, -3.1, 1.0])
        self.assertAlmostEqual(verification.max_error, -3.1)
        with self.assertRaisesRegex(UserError, "refund / make-up calculation"):
            error_order.with_user(self.leader).action_complete()
        action = error_order.with_user(
            self.technician
        ).action_create_energy_adjustment()
        adjustment = self.env["metering.energy.adjustment"].browse(action["res_id"])
        self.assertEqual(adjustment.order_id, error_order)
        self.assertEqual(adjustment.location_id, self.point)
        self.assertEqual(adjustment.equipment_id, self.meter)
        self.assertAlmostEqual(adjustment.error_percent, -3.1)
        self.assertEqual(adjustment.period_start, fields.Date.to_date("2021-03-01"))
        self.assertEqual(error_order.energy_adjustment_count, 1)
        self.assertEqual(ticket.energy_adjustment_count, 1)
        adjustment.recorded_energy = 9000
        self.assertEqual(adjustment.direction, "make_up")
        adjustment.with_user(self.leader).action_submit()
        adjustment.with_user(self.leader).action_approve_leader()
        with self.assertRaisesRegex(UserError, "refund / make-up calculation"):
            error_order.with_user(self.leader).action_complete()
        adjustment.with_user(self.manager).action_approve_manager()
        pass_checklists(error_order)
        error_order.with_user(self.leader).action_complete()
        self.assertTrue(error_order.is_closed)

    def test_no_adjustment_decided_by_a_team_leader(self):
        __, __, error_order = self._error_order([2.4])
        with self.assertRaises(AccessError):
            error_order.with_user(self.technician).action_no_adjustment_needed("x")
        with self.assertRaisesRegex(UserError, "reason"):
            error_order.with_user(self.leader).action_no_adjustment_needed(" ")
        error_order.with_user(self.leader).action_no_adjustment_needed(
            "Customer's supply was cut all period: nothing billed"
        )
        self.assertEqual(error_order.no_adjustment_by_id, self.leader)
        pass_checklists(error_order)
        error_order.with_user(self.leader).action_complete()
        self.assertTrue(error_order.is_closed)

    def test_fault_affecting_energy_creates_its_error_order(self):
        fault = self.env["fsm.order"].create(
            {
                "type": self.env.ref("metering_service.fsm_order_type_fault").id,
                "location_id": self.point.id,
                "fault_symptom": "stopped",
                "fault_cause": "Burnt voltage coil",
                "arrived_on": fields.Datetime.now(),
                "energy_affected": True,
            }
        )
        pass_checklists(fault)
        fault.with_user(self.leader).action_complete()
        error_order = self.env["fsm.order"].search([("origin_order_id", "=", fault.id)])
        self.assertEqual(error_order.metering_process, "error")
        # the stopped meter is settled by the customer's normal consumption
        action = error_order.with_user(self.leader).action_create_energy_adjustment()
        adjustment = self.env["metering.energy.adjustment"].browse(action["res_id"])
        self.assertEqual(adjustment.method, "stopped")
        adjustment.write(
            {
                "period_start": "2026-06-01",
                "period_end": "2026-07-01",
                "normal_daily_energy": 40.0,
                "recorded_energy": 100.0,
            }
        )
        self.assertAlmostEqual(adjustment.energy, 1100.0)
        self.assertEqual(adjustment.direction, "make_up")
