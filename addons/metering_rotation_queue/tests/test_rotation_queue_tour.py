# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

from .test_rotation_queue import RotationQueueCommon


@tagged("post_install", "-at_install")
class TestRotationJobsTour(HttpCase, RotationQueueCommon):
    """The center manager plans the rotation as jobs in the browser."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager.password = cls.manager.login

    def test_manager_plans_as_jobs(self):
        self.start_tour(
            "/odoo/action-metering_service.metering_rotation_wizard_action",
            "metering_rotation_plan_jobs",
            login=self.manager.login,
        )
        jobs = self._jobs()
        self.assertEqual(len(jobs), 1)  # two orders, two per job (JOB_BATCH)
        self.assertEqual(set(jobs.mapped("state")), {"pending"})
        self.assertEqual(jobs.user_id, self.manager)
        self.assertFalse(self._rotation_orders(), "planned by the job, not here")
        self._perform(jobs)
        self._assert_each_meter_planned_once()
