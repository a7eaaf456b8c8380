# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import ast
from unittest.mock import patch

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.metering_service.tests.common import MeteringCommon
from odoo.addons.queue_job.job import Job
from odoo.addons.queue_job.tests.common import trap_jobs

from ..models.metering_rotation import identity_rotation_batch


class RotationQueueCommon(MeteringCommon):
    """Six meters due: five in an estate of three flats, one in another
    area; two meters per order and two orders per batch, so two jobs."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env.user)
        cls.estate = cls._create_location("Queue estate")
        flats = cls.env["fsm.location"]
        for number in range(3):
            flat = cls._create_location(f"Queue flat {number}")
            flat.write({"parent_id": cls.estate.id, "supply_voltage": "220v"})
            flats |= flat
        other_area = cls._create_location("Queue hillside flat")
        other_area.supply_voltage = "220v"
        cls.due = cls.env["fsm.equipment"].create(
            [
                {
                    "name": f"Queue meter {i}",
                    "device_kind": "single_phase_meter",
                    "device_state": "installed",
                    "installed_date": cls.today - relativedelta(years=10, days=1),
                    "location_id": (flats[i % 3] if i < 5 else other_area).id,
                }
                for i in range(6)
            ]
        )
        cls.Rotation = cls.env["metering.rotation"]
        cls.rotation_type = cls.env.ref("metering_service.fsm_order_type_rotation")

    def setUp(self):
        super().setUp()
        patcher = patch.object(type(self.Rotation), "JOB_BATCH", 2)
        patcher.start()
        self.addCleanup(patcher.stop)

    def _rotation_orders(self):
        return self.env["fsm.order"].search([("type", "=", self.rotation_type.id)])

    def _jobs(self):
        return self.env["queue.job"].search([("model_name", "=", "metering.rotation")])

    def _perform(self, jobs, user=None):
        for record in jobs:
            job = Job.load(self.env, record.uuid)
            if user:
                job.recordset = job.recordset.with_user(user)
            job.perform()

    def _assert_each_meter_planned_once(self):
        lines = self._rotation_orders().rotation_line_ids
        self.assertEqual(lines.old_equipment_id, self.due)
        self.assertEqual(len(lines), len(self.due), "no meter planned twice")


class TestRotationQueue(RotationQueueCommon):
    def test_one_job_per_batch(self):
        chunks = self.Rotation._groups(self.company, self.today, 2)
        batches = list(self.Rotation._batches(chunks, 2))
        self.assertEqual([len(batch) for batch in batches], [2, 2])
        with trap_jobs() as trap:
            jobs, meters = self.Rotation.with_user(self.manager)._enqueue_plan(
                self.company, self.today, 2
            )
            self.assertEqual((jobs, meters), (2, 6))
            trap.assert_jobs_count(2, only=self.Rotation._job_plan_batch)
            for batch in batches:
                trap.assert_enqueued_job(
                    self.Rotation._job_plan_batch,
                    args=(self.company, self.today, batch),
                    properties={"identity_key": identity_rotation_batch},
                )
            # nothing is planned until the jobs run
            self.assertFalse(self._rotation_orders())
            trap.perform_enqueued_jobs()
        self._assert_each_meter_planned_once()

    def test_jobs_plan_every_meter_once_on_their_channel(self):
        jobs, meters = self.Rotation.with_user(self.manager)._enqueue_plan(
            self.company, self.today, 2
        )
        self.assertEqual((jobs, meters), (2, 6))
        records = self._jobs()
        self.assertEqual(len(records), 2)
        self.assertEqual(set(records.mapped("channel")), {"root.metering_rotation"})
        self.assertEqual(set(records.mapped("state")), {"pending"})
        self.assertEqual(records.user_id, self.manager)
        self.assertFalse(self._rotation_orders())
        self._perform(records)
        self._assert_each_meter_planned_once()
        orders = self._rotation_orders()
        self.assertEqual(len(orders), 4)
        self.assertTrue(all(len(order.equipment_ids) <= 2 for order in orders))

    def test_a_job_run_twice_plans_nothing_twice(self):
        self.Rotation._enqueue_plan(self.company, self.today, 2)
        first, second = self._jobs().sorted("id")
        self._perform(first)
        planned = self._rotation_orders()
        self.assertEqual(len(planned), 2)
        # retried, requeued by the dead-job requeuer, or run by two workers
        # one after the other: the second run finds its meters planned
        self._perform(first)
        self.assertEqual(self._rotation_orders(), planned)
        self._perform(second | second)
        self._assert_each_meter_planned_once()

    def test_a_job_skips_the_meters_planned_meanwhile(self):
        self.Rotation._enqueue_plan(self.company, self.today, 2)
        # the manager plans a district in the request while the jobs wait
        self.Rotation.plan(self.company, self.today, 50)
        planned = self._rotation_orders()
        self._perform(self._jobs())
        self.assertEqual(self._rotation_orders(), planned)
        self._assert_each_meter_planned_once()

    def test_a_batch_is_never_enqueued_twice(self):
        self.assertEqual(
            self.Rotation._enqueue_plan(self.company, self.today, 2), (2, 6)
        )
        # while the jobs wait: a second planning, even over another horizon,
        # enqueues nothing
        self.assertEqual(
            self.Rotation._enqueue_plan(
                self.company, self.today + relativedelta(days=30), 2
            ),
            (0, 0),
        )
        self.assertEqual(len(self._jobs()), 2)
        # the same batch has the same identity whatever the horizon
        jobs = self._jobs()
        self.assertTrue(all(jobs.mapped("identity_key")))
        self.assertEqual(len(set(jobs.mapped("identity_key"))), 2)
        self._perform(jobs)
        self.assertEqual(
            self.Rotation._enqueue_plan(self.company, self.today, 2), (0, 0)
        )
        self._assert_each_meter_planned_once()

    def test_a_failed_job_leaves_its_meters_to_the_next_planning(self):
        self.Rotation._enqueue_plan(self.company, self.today, 2)
        first, second = self._jobs().sorted("id")
        self._perform(first)
        first.write({"state": "done"})
        second.write({"state": "failed"})
        self.assertEqual(
            self.Rotation._enqueue_plan(self.company, self.today, 2), (1, 2)
        )
        self._perform(self._jobs().filtered(lambda job: job.state == "pending"))
        self._assert_each_meter_planned_once()

    def test_cron_enqueues_instead_of_planning(self):
        self.Rotation._cron_plan_rotation()
        self.assertFalse(self._rotation_orders())
        jobs = self._jobs()
        self.assertEqual(set(jobs.mapped("company_id")), {self.company})
        self._perform(jobs)
        self._assert_each_meter_planned_once()

    def test_in_process_planning_is_unchanged(self):
        """plan() and the wizard's Create Rotation Orders still plan in the
        request, without any job."""
        orders = self.Rotation.plan(self.company, self.today, 2)
        self.assertEqual(len(orders), 4)
        self.assertFalse(self._jobs())
        self._assert_each_meter_planned_once()


class TestRotationQueueWizard(RotationQueueCommon):
    def _wizard(self, user=None):
        return (
            self.env["metering.rotation.wizard"]
            .with_user(user or self.manager)
            .create({"max_devices": 2, "horizon_date": self.today})
        )

    def test_manager_plans_as_jobs_and_follows_them(self):
        action = self._wizard().action_plan_jobs()
        self.assertEqual(action["res_model"], "queue.job")
        self.assertIn("6", action["display_name"])
        jobs = (
            self.env["queue.job"]
            .with_user(self.manager)
            .search(ast.literal_eval(action["domain"]))
        )
        self.assertEqual(len(jobs), 2)
        self.assertTrue(all(jobs.mapped("name")))
        # a second click while they wait says so
        with self.assertRaisesRegex(UserError, "under way: 2 jobs"):
            self._wizard().action_plan_jobs()
        self._perform(jobs)
        self.assertEqual(set(jobs.mapped("state")), {"pending"})  # not run by a worker
        self._assert_each_meter_planned_once()
        jobs.sudo().write({"state": "done"})
        with self.assertRaisesRegex(UserError, "planned already"):
            self._wizard().action_plan_jobs()


class TestRotationQueueAccess(RotationQueueCommon):
    def test_only_the_manager_or_the_cron_plans(self):
        for user in (self.leader, self.technician, self.clerk, self.internal_user):
            with self.assertRaises(AccessError):
                self.Rotation.with_user(user)._enqueue_plan(self.company, self.today, 2)
            with self.assertRaises(AccessError):
                self.env["metering.rotation.wizard"].with_user(user).create(
                    {"max_devices": 2}
                )
        self.assertFalse(self._jobs())
        # the cron runs as the superuser
        self.assertEqual(
            self.Rotation.with_user(self.env.ref("base.user_root"))._enqueue_plan(
                self.company, self.today, 2
            ),
            (2, 6),
        )

    def test_a_job_runs_as_its_user_and_refuses_another(self):
        self.Rotation.with_user(self.manager)._enqueue_plan(self.company, self.today, 2)
        jobs = self._jobs()
        with self.assertRaises(AccessError):
            self._perform(jobs[0], user=self.leader)
        self.assertFalse(self._rotation_orders())

    def test_manager_reads_the_planning_jobs_only(self):
        self.Rotation._enqueue_plan(self.company, self.today, 2)
        other = self.env["queue.job"].with_delay()._test_job()
        Job = self.env["queue.job"].with_user(self.manager)
        self.assertEqual(Job.search([]), self._jobs())
        self.assertNotIn(other.db_record(), Job.search([]))
        with self.assertRaises(AccessError):
            self._jobs()[0].with_user(self.manager).write({"state": "done"})
        for user in (self.leader, self.technician):
            with self.assertRaises(AccessError):
                self.env["queue.job"].with_user(user).search([])


@tagged("post_install", "-at_install")
class TestRotationQueueMenu(RotationQueueCommon):
    """Once every addon is loaded: the menus of all of them are read."""

    def test_menu_for_the_manager_only(self):
        menu = self.env.ref("metering_rotation_queue.queue_job_menu_rotation")
        self.assertIn(menu.id, self._visible_menus(self.manager))
        for user in (self.leader, self.technician, self.clerk):
            self.assertNotIn(menu.id, self._visible_menus(user))
