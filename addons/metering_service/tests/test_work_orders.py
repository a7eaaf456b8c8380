# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import UserError, ValidationError

from .common import MeteringCommon, pass_checklists


class TestWorkOrders(MeteringCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.install_type = cls.env.ref("metering_service.fsm_order_type_install")
        cls.inspection_type = cls.env.ref(
            "metering_service.fsm_order_type_first_inspection"
        )
        cls.point = cls._create_location("Mall metering point")
        cls.point.write({"supply_voltage": "380v", "transformer_capacity": 400})
        cls.old_meter = cls.env["fsm.equipment"].create(
            {
                "name": "Old meter",
                "device_kind": "three_phase_meter",
                "location_id": cls.point.id,
                "device_state": "installed",
                "installed_date": "2022-01-10",
                "last_reading": 1000.0,
            }
        )
        cls.new_meter = cls.env["fsm.equipment"].create(
            {"name": "New meter", "device_kind": "three_phase_meter"}
        )

    def _order(self, **vals):
        return self.env["fsm.order"].create(
            {
                "type": self.install_type.id,
                "location_id": self.point.id,
                "person_id": self.technician_person.id,
                **vals,
            }
        )

    def test_types_delivered_as_data(self):
        types = self.env["fsm.order.type"].search([("metering_process", "!=", False)])
        self.assertEqual(
            set(types.mapped("metering_process")),
            {
                "dispute",
                "install",
                "rotation",
                "fault",
                "first_inspection",
                "error",
                "retrofit",
                "terminal",
                "periodic_inspection",
                "transformer_test",
            },
        )
        self.assertEqual(self.install_type.code, "INS")

    def test_deadline_in_working_days(self):
        # the day of the request is day 0: Monday's request + 5 working days
        # of the standard calendar ends on the next Monday
        monday = datetime(2026, 11, 16, 9, 0)
        order = self._order(request_early=monday)
        self.assertEqual(order.scheduled_duration, self.install_type.default_duration)
        self.assertEqual(order.deadline.date(), datetime(2026, 11, 23).date())
        friday = datetime(2026, 11, 20, 9, 0)
        order.request_early = friday
        # the weekend is skipped: five working days end on the next Friday
        self.assertEqual(order.deadline.date(), datetime(2026, 11, 27).date())

    def test_overdue_flag_and_search(self):
        late = self._order(request_early=fields.Datetime.now() - relativedelta(days=30))
        on_time = self._order()
        self.assertTrue(late.is_overdue)
        self.assertFalse(on_time.is_overdue)
        Order = self.env["fsm.order"].with_user(self.leader)
        found = Order.search(
            [("id", "in", (late | on_time).ids), ("is_overdue", "=", True)]
        )
        self.assertEqual(found, late)
        self.assertEqual(
            Order.search(
                [("id", "in", (late | on_time).ids), ("is_overdue", "=", False)]
            ),
            on_time,
        )
        pass_checklists(late)
        late.action_complete()
        self.assertFalse(late.is_overdue)

    def test_readings_refused(self):
        order = self._order()
        with self.assertRaisesRegex(ValidationError, "lower than its last known"):
            order.write(
                {
                    "removed_equipment_id": self.old_meter.id,
                    "removed_final_reading": 999,
                }
            )
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            order.write(
                {
                    "installed_equipment_id": self.new_meter.id,
                    "installed_initial_reading": -1,
                }
            )
        elsewhere = self._create_location("Elsewhere")
        with self.assertRaisesRegex(ValidationError, "already installed"):
            self.env["fsm.order"].create(
                {
                    "type": self.install_type.id,
                    "location_id": elsewhere.id,
                    "installed_equipment_id": self.old_meter.id,
                }
            )
        # the registry is untouched by the refused changes
        self.assertEqual(self.old_meter.device_state, "installed")
        self.assertEqual(self.old_meter.last_reading, 1000.0)

    def test_completion_updates_registry_and_plans_first_inspection(self):
        order = self._order()
        order.with_user(self.technician).write(
            {
                "removed_equipment_id": self.old_meter.id,
                "removed_final_reading": 1234.5,
                "installed_equipment_id": self.new_meter.id,
                "installed_initial_reading": 0.0,
                "seals_removed": "JB-2019-0042",
                "seals_applied": "JB-2026-1187, JB-2026-1188",
            }
        )
        pass_checklists(order)
        order.with_user(self.leader).action_complete()
        self.assertEqual(self.old_meter.device_state, "removed")
        self.assertEqual(self.old_meter.last_reading, 1234.5)
        self.assertEqual(self.new_meter.device_state, "installed")
        self.assertEqual(self.new_meter.location_id, self.point)
        self.assertEqual(
            self.new_meter.installed_date, fields.Date.context_today(self.new_meter)
        )
        history = self.env["metering.device.history"].search(
            [("order_id", "=", order.id)]
        )
        self.assertEqual(
            sorted(history.mapped(lambda h: (h.equipment_id.name, h.event, h.reading))),
            [("New meter", "installed", 0.0), ("Old meter", "removed", 1234.5)],
        )
        # the seal register tells which seals are on which device
        self.assertEqual(
            self.env["metering.device.history"]
            .search([("seals", "ilike", "JB-2026-1188")])
            .equipment_id,
            self.new_meter,
        )
        # class III installation: first inspection within the policy's month
        inspection = self.env["fsm.order"].search([("origin_order_id", "=", order.id)])
        self.assertEqual(inspection.type, self.inspection_type)
        self.assertEqual(inspection.equipment_ids, self.new_meter)
        self.assertAlmostEqual(
            inspection.deadline,
            fields.Datetime.now() + relativedelta(months=1),
            delta=timedelta(minutes=5),
        )

    def test_follow_ups_planned_once(self):
        """Completed again after a reopening, or with its first inspection
        already planned by hand, an order plans no second follow-up."""
        order = self._order(installed_equipment_id=self.new_meter.id)
        planned = self.env["fsm.order"].create(
            {
                "type": self.inspection_type.id,
                "location_id": self.point.id,
                "origin_order_id": order.id,
            }
        )
        pass_checklists(order)
        order.with_user(self.leader).action_complete()
        order._metering_complete()
        self.assertEqual(
            self.env["fsm.order"].search([("origin_order_id", "=", order.id)]),
            planned,
        )

    def test_no_first_inspection_for_single_phase_customers(self):
        self.point.write({"supply_voltage": "220v"})
        order = self._order(installed_equipment_id=self.new_meter.id)
        pass_checklists(order)
        order.action_complete()
        self.assertFalse(
            self.env["fsm.order"].search([("origin_order_id", "=", order.id)])
        )


class TestProcessFields(MeteringCommon):
    """Fault, retrofit and collection-terminal orders record what their
    process needs before they complete."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.point = cls._create_location("Process point")

    def _order(self, xmlid):
        return self.env["fsm.order"].create(
            {
                "type": self.env.ref(xmlid).id,
                "location_id": self.point.id,
                "person_id": self.technician_person.id,
            }
        )

    def test_fault_needs_symptom_cause_and_restoration(self):
        order = self._order("metering_service.fsm_order_type_fault")
        with self.assertRaisesRegex(UserError, "Cause Found"):
            order.with_user(self.technician).action_complete()
        order.with_user(self.technician).write(
            {
                "fault_symptom": "burnt",
                "fault_cause": "Loose terminal screw overheated",
                "arrived_on": fields.Datetime.now(),
            }
        )
        order.with_user(self.technician).write({"supply_interrupted": True})
        with self.assertRaisesRegex(UserError, "Supply Restored"):
            order.with_user(self.technician).action_complete()
        order.with_user(self.technician).write(
            {
                "outage_start": fields.Datetime.now(),
                "supply_restored_on": fields.Datetime.now(),
            }
        )
        pass_checklists(order)
        order.with_user(self.technician).action_complete()
        self.assertTrue(order.is_closed)

    def test_arrival_on_site_within_the_commitment(self):
        order = self._order("metering_service.fsm_order_type_fault")
        order.request_early = fields.Datetime.now() - relativedelta(hours=2)
        self.assertEqual(
            order.arrival_deadline, order.request_early + relativedelta(minutes=45)
        )
        self.assertTrue(order.arrival_late)
        self.point.area_type = "remote"
        self.assertFalse(order.arrival_late)
        order.arrived_on = order.request_early + relativedelta(minutes=130)
        self.assertTrue(order.arrival_late)
        Order = self.env["fsm.order"]
        self.assertIn(order, Order.search([("arrival_late", "=", True)]))
        order.arrived_on = order.request_early + relativedelta(minutes=100)
        self.assertNotIn(order, Order.search([("arrival_late", "=", True)]))

    def test_created_completed_needs_the_results_too(self):
        with self.assertRaisesRegex(UserError, "Cause Found"):
            self.env["fsm.order"].with_user(self.leader).create(
                {
                    "type": self.env.ref("metering_service.fsm_order_type_fault").id,
                    "location_id": self.point.id,
                    "stage_id": self.env.ref("fieldservice.fsm_stage_completed").id,
                    "fault_symptom": "burnt",
                }
            )

    def test_retrofit_needs_its_approval(self):
        order = self._order("metering_service.fsm_order_type_retrofit")
        order.write({"retrofit_reason": "Box rusted", "retrofit_scope": "box"})
        with self.assertRaisesRegex(UserError, "Approval Reference"):
            order.with_user(self.technician).action_complete()
        order.retrofit_approval = "GZ-2026-031"
        pass_checklists(order)
        order.with_user(self.technician).action_complete()
        self.assertTrue(order.is_closed)

    def test_terminal_must_be_online_and_read(self):
        order = self._order("metering_service.fsm_order_type_terminal")
        order.write({"comm_channel": "hplc", "terminal_online": True})
        with self.assertRaisesRegex(UserError, "Meter Data Read"):
            order.with_user(self.technician).action_complete()
        order.terminal_data_read = True
        pass_checklists(order)
        order.with_user(self.technician).action_complete()
        self.assertTrue(order.is_closed)


class TestDeliveredChecklistsGuardCompletion(MeteringCommon):
    """Out of the box, an order of every delivered type carries its checklist
    and cannot be completed while a mandatory item is unanswered (manual 6.2)."""

    def test_every_delivered_type_is_guarded(self):
        completed = self.env.ref("fieldservice.fsm_stage_completed")
        types = self.env["fsm.order.type"].search([("metering_process", "!=", False)])
        assignments = self.env["metering.checklist.assignment"].search(
            [("target_model", "=", "fsm.order"), ("order_type_id", "in", types.ids)]
        )
        self.assertEqual(assignments.order_type_id, types)
        self.assertEqual(assignments.stage_id, completed)

    def test_unanswered_checklist_blocks_then_passes(self):
        point = self._create_location("Guarded point")
        order = self.env["fsm.order"].create(
            {
                "type": self.env.ref("metering_service.fsm_order_type_retrofit").id,
                "location_id": point.id,
                "person_id": self.technician_person.id,
                "retrofit_reason": "Box rusted",
                "retrofit_scope": "box",
                "retrofit_approval": "GZ-2026-032",
            }
        )
        self.assertEqual(order.checklist_result, "pending")
        with self.assertRaisesRegex(ValidationError, "checklists are not complete"):
            order.with_user(self.technician).action_complete()
        self.assertFalse(order.is_closed)
        pass_checklists(order)
        order.with_user(self.technician).action_complete()
        self.assertTrue(order.is_closed)
        self.assertEqual(order.checklist_ids.state, "done")
