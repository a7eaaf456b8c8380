# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError

from .common import MeteringCommon, pass_checklists


class TestRotation(MeteringCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.context_today(cls.env.user)
        cls.estate = cls._create_location("Riverside estate")
        cls.flats = cls.env["fsm.location"]
        for number in range(3):
            flat = cls._create_location(f"Riverside flat {number}")
            flat.write({"parent_id": cls.estate.id, "supply_voltage": "220v"})
            cls.flats |= flat
        cls.other_area = cls._create_location("Hillside flat")
        cls.other_area.supply_voltage = "220v"
        old = today - relativedelta(years=10, days=1)
        cls.due = cls.env["fsm.equipment"].create(
            [
                {
                    "name": f"Due meter {i}",
                    "device_kind": "single_phase_meter",
                    "device_state": "installed",
                    "installed_date": old,
                    "location_id": (cls.flats[i % 3] if i < 5 else cls.other_area).id,
                }
                for i in range(6)
            ]
        )
        cls.not_due = cls.env["fsm.equipment"].create(
            {
                "name": "Young meter",
                "device_kind": "single_phase_meter",
                "device_state": "installed",
                "installed_date": today - relativedelta(years=2),
                "location_id": cls.flats[0].id,
            }
        )

    def _wizard(self, user=None, **vals):
        return (
            self.env["metering.rotation.wizard"]
            .with_user(user or self.manager)
            .create({"max_devices": 2, **vals})
        )

    def test_preview_then_plan_once(self):
        wizard = self._wizard()
        wizard.action_preview()
        by_area = {line.area_id: line for line in wizard.line_ids}
        self.assertEqual(by_area[self.estate].device_count, 5)
        self.assertEqual(by_area[self.estate].order_count, 3)
        self.assertEqual(by_area[self.other_area].device_count, 1)
        self.assertEqual((wizard.device_count, wizard.order_count), (6, 4))
        # a dry run creates nothing
        rotation = self.env.ref("metering_service.fsm_order_type_rotation")
        self.assertFalse(self.env["fsm.order"].search([("type", "=", rotation.id)]))

        wizard.action_plan()
        orders = self.env["fsm.order"].search([("type", "=", rotation.id)])
        self.assertEqual(len(orders), 4)
        self.assertEqual(orders.equipment_ids, self.due)
        self.assertTrue(all(len(o.equipment_ids) <= 2 for o in orders))
        self.assertEqual(
            set(orders.mapped("location_id")), {self.estate, self.other_area}
        )
        self.assertNotIn(self.not_due, orders.equipment_ids)

        # planning again plans nothing twice
        with self.assertRaisesRegex(UserError, "planned already"):
            self._wizard().action_plan()

    def test_cron_uses_the_policy(self):
        self.env["metering.rotation"]._cron_plan_rotation()
        rotation = self.env.ref("metering_service.fsm_order_type_rotation")
        orders = self.env["fsm.order"].search([("type", "=", rotation.id)])
        self.assertEqual(orders.equipment_ids, self.due)

    def test_cron_commits_batches_and_resumes(self):
        """In a cron, each batch of orders is committed with the cron's
        progress; a run whose time is up (or that crashed) is taken up by the
        next one, which plans the meters left and none twice."""
        Rotation = self.env["metering.rotation"].with_context(cron_id=1)
        rotation = self.env.ref("metering_service.fsm_order_type_rotation")
        calls = []

        def time_up_after_one_batch(cron, processed=0, *, remaining=None, **kw):
            calls.append((processed, remaining))
            return 0 if any(done for done, __ in calls) else 60.0

        def never_time_up(cron, processed=0, *, remaining=None, **kw):
            calls.append((processed, remaining))
            return 60.0

        IrCron = self.registry["ir.cron"]
        with (
            patch.object(type(Rotation), "ORDER_BATCH", 1),
            patch.object(IrCron, "_commit_progress", time_up_after_one_batch),
        ):
            Rotation._cron_plan_rotation()
        first = self.env["fsm.order"].search([("type", "=", rotation.id)])
        self.assertEqual(len(first), 1, "stopped after one committed batch")
        # the progress: every meter due left, then one order's meters done
        # (the other companies have nothing due)
        self.assertIn((0, len(self.due)), calls)
        self.assertEqual(
            [done for done, __ in calls if done], [len(first.equipment_ids)]
        )

        calls.clear()
        with patch.object(IrCron, "_commit_progress", never_time_up):
            Rotation._cron_plan_rotation()
        self.assertIn((0, len(self.due) - len(first.equipment_ids)), calls)
        orders = self.env["fsm.order"].search([("type", "=", rotation.id)])
        self.assertGreater(len(orders), 1)
        lines = orders.rotation_line_ids
        self.assertEqual(lines.old_equipment_id, self.due)
        self.assertEqual(len(lines), len(self.due), "no meter planned twice")

    def test_refused(self):
        with self.assertRaises(AccessError):
            self._wizard(user=self.technician)
        # Rotation is the center's monthly plan, across every team's area.
        with self.assertRaises(AccessError):
            self._wizard(user=self.leader)
        with self.assertRaisesRegex(UserError, "at least one meter"):
            self._wizard(max_devices=0).action_preview()


class TestRotationSwap(MeteringCommon):
    """A rotation order swaps its meters line by line; completing it applies
    the swapped ones to the registry and sends the others back to planning."""

    def test_fifty_meters_swapped_absent_refused(self):
        today = fields.Date.context_today(self.env.user)
        area = self._create_location("Garden estate")
        area.supply_voltage = "220v"
        old = self.env["fsm.equipment"].create(
            [
                {
                    "name": f"Old meter {i:02d}",
                    "device_kind": "single_phase_meter",
                    "device_state": "installed",
                    "installed_date": today - relativedelta(years=10),
                    "last_reading": 1000.0 + i,
                    "location_id": area.id,
                }
                for i in range(50)
            ]
        )
        new = self.env["fsm.equipment"].create(
            [
                {
                    "name": f"New meter {i:02d}",
                    "device_kind": "single_phase_meter",
                    "device_state": "in_stock",
                }
                for i in range(47)
            ]
        )
        rotation = self.env["metering.rotation"]
        order = rotation.plan(self.env.company, today, 50)
        self.assertEqual(len(order), 1)
        lines = order.rotation_line_ids.sorted(lambda li: li.old_equipment_id.name)
        self.assertEqual(lines.old_equipment_id, old)
        with self.assertRaisesRegex(UserError, "say what happened to meter"):
            order.with_user(self.leader).action_complete()
        for line, meter in zip(lines[:47], new, strict=True):
            line.write(
                {
                    "state": "swapped",
                    "final_reading": line.old_equipment_id.last_reading + 10,
                    "new_equipment_id": meter.id,
                    "initial_reading": 0.5,
                    "seals_removed": f"S-OLD-{meter.id}",
                    "seals_applied": f"S-NEW-{meter.id}",
                }
            )
        lines[47:49].write({"state": "absent"})
        lines[49].state = "refused"
        with self.assertRaisesRegex(UserError, "give the reason"):
            order.with_user(self.leader).action_complete()
        lines[47:].write({"reason": "Nobody home / customer refused"})
        pass_checklists(order)
        order.with_user(self.leader).action_complete()

        swapped_old = lines[:47].old_equipment_id
        self.assertEqual(set(swapped_old.mapped("device_state")), {"removed"})
        self.assertEqual(set(new.mapped("device_state")), {"installed"})
        self.assertEqual(new.location_id, area)
        self.assertEqual(set(new.mapped("installed_date")), {today})
        self.assertEqual(
            set((lines[47:].old_equipment_id).mapped("device_state")), {"installed"}
        )
        history = self.env["metering.device.history"].search(
            [("order_id", "=", order.id)]
        )
        self.assertEqual(len(history), 94)
        self.assertTrue(all(history.mapped("seals")))
        # the three not swapped are planned again, the swapped never
        replanned = rotation.plan(self.env.company, today, 50)
        self.assertEqual(
            replanned.rotation_line_ids.old_equipment_id, lines[47:].old_equipment_id
        )


class TestInspectionPlanning(MeteringCommon):
    """Periodic on-site inspections and CT/PT tests are planned work: a
    planner creates them as devices fall due, once; completing one resets the
    due date, and an out-of-tolerance verdict starts the replacement."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.context_today(cls.env.user)
        cls.mill = cls._create_location("Textile mill 10 kV")
        cls.mill.write({"supply_voltage": "10kv", "monthly_consumption": 5_000_000})
        cls.meter = cls.env["fsm.equipment"].create(
            {
                "name": "Mill billing meter",
                "device_kind": "three_phase_meter",
                "accuracy_class": "0.5S",
                "device_state": "installed",
                "installed_date": today - relativedelta(months=4),
                "location_id": cls.mill.id,
            }
        )
        cls.ct = cls.env["fsm.equipment"].create(
            {
                "name": "Mill CT phase A",
                "device_kind": "current_transformer",
                "device_state": "installed",
                "installed_date": today - relativedelta(years=11),
                "location_id": cls.mill.id,
            }
        )

    def test_planned_once_then_reset_and_replaced(self):
        today = fields.Date.context_today(self.env.user)
        planner = self.env["metering.rotation"]
        self.assertEqual(self.mill.metering_class, "1")
        self.assertLessEqual(self.meter.next_inspection_date, today)
        inspections = planner.plan_inspections(
            self.env.company, today, "periodic_inspection"
        )
        self.assertEqual(inspections.tested_equipment_id, self.meter)
        tests = planner.plan_inspections(self.env.company, today, "transformer_test")
        self.assertEqual(tests.tested_equipment_id, self.ct)
        # idempotent
        self.assertFalse(
            planner.plan_inspections(self.env.company, today, "periodic_inspection")
        )
        inspections.write(
            {
                "test_point_ids": [
                    fields.Command.create({"name": "Imax", "error_percent": -0.9})
                ]
            }
        )
        self.assertEqual(inspections.test_verdict, "failed")
        pass_checklists(inspections)
        inspections.with_user(self.leader).action_complete()
        self.assertEqual(self.meter.last_test_date, today)
        self.assertGreater(self.meter.next_inspection_date, today)
        follow_ups = self.env["fsm.order"].search(
            [("origin_order_id", "=", inspections.id)]
        )
        self.assertEqual(
            sorted(follow_ups.mapped("metering_process")), ["error", "install"]
        )
        replacement = follow_ups.filtered(lambda o: o.metering_process == "install")
        self.assertEqual(replacement.removed_equipment_id, self.meter)
        self.assertTrue(replacement.deadline)

    def test_wizard_dry_run_then_plan(self):
        today = fields.Date.context_today(self.env.user)
        wizard = (
            self.env["metering.rotation.wizard"]
            .with_user(self.manager)
            .create({"process": "transformer_test", "horizon_date": today})
        )
        wizard.action_preview()
        self.assertEqual((wizard.device_count, wizard.order_count), (1, 1))
        self.assertFalse(
            self.env["fsm.order"].search([("tested_equipment_id", "=", self.ct.id)])
        )
        wizard.action_plan()
        self.assertTrue(
            self.env["fsm.order"].search([("tested_equipment_id", "=", self.ct.id)])
        )
        with self.assertRaisesRegex(UserError, "planned already"):
            wizard.action_plan()


class TestBatchRotation(MeteringCommon):
    """DL/T 448: single-phase meters go by batch, and a batch whose sample is
    found out of tolerance falls due for rotation as a whole."""

    def test_failed_sample_rotates_its_batch(self):
        today = fields.Date.context_today(self.env.user)
        area = self._create_location("Batch estate")
        area.supply_voltage = "220v"
        meters = self.env["fsm.equipment"].create(
            [
                {
                    "name": f"Batch meter {i}",
                    "device_kind": "single_phase_meter",
                    "accuracy_class": "2",
                    "device_state": "installed",
                    "installed_date": today - relativedelta(years=2),
                    "location_id": area.id,
                    "batch": "2024-B07" if i < 3 else "2024-B08",
                }
                for i in range(5)
            ]
        )
        rotation = self.env["metering.rotation"]
        self.assertFalse(rotation.plan(self.env.company, today, 50))
        sample = self.env["fsm.order"].create(
            {
                "type": self.env.ref("metering_service.fsm_order_type_dispute").id,
                "location_id": area.id,
                "tested_equipment_id": meters[0].id,
                "test_point_ids": [
                    fields.Command.create({"name": "Full load", "error_percent": 3.4})
                ],
            }
        )
        pass_checklists(sample)
        sample.with_user(self.leader).action_complete()
        self.assertEqual(set(meters[:3].mapped("next_rotation_date")), {today})
        self.assertGreater(meters[3].next_rotation_date, today)
        orders = rotation.plan(self.env.company, today, 50)
        self.assertEqual(orders.rotation_line_ids.old_equipment_id, meters[:3])
