# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .confidentiality_common import ConfidentialityCommon


@tagged("post_install", "-at_install")
class TestSecurityRegisters(ConfidentialityCommon):
    def test_backup_restore_test_and_reminder(self):
        Backup = self.env["metering.backup.record"].with_user(self.officer)
        backup = Backup.create(
            {
                "name": "Document store",
                "location": "Safe",
                "backup_date": fields.Date.today() - timedelta(days=100),
                "level_id": self.secret.id,
            }
        )
        self.assertLess(backup.restore_due_date, fields.Date.today())
        overdue = self.env["metering.backup.record"]._cron_remind_restore_tests()
        self.assertIn(backup, overdue)
        self.assertEqual(len(backup.activity_ids), 1)
        self.env["metering.backup.record"]._cron_remind_restore_tests()
        self.assertEqual(len(backup.activity_ids), 1, "not reminded twice")
        with self.assertRaises(AccessError):
            backup.with_user(self.manager).action_restore_passed()
        with self.assertRaises(AccessError):
            backup.write({"restore_result": "passed"})
        backup.action_restore_passed()
        self.assertEqual(backup.restore_result, "passed")
        self.assertEqual(backup.restore_tested_by_id, self.officer)
        self.assertGreater(backup.restore_due_date, fields.Date.today())
        with self.assertRaises(AccessError):
            self.env["metering.backup.record"].with_user(self.technician).create(
                {"name": "x", "location": "y"}
            )

    def test_removable_medium_checked_and_withdrawn_by_the_officer(self):
        medium = (
            self.env["metering.removable.medium"]
            .with_user(self.officer)
            .create(
                {
                    "name": "U-01",
                    "serial": "S1",
                    "holder_id": self.technician.id,
                    "level_id": self.confidential.id,
                }
            )
        )
        self.assertTrue(medium.with_user(self.technician).read(["name"]))
        for user in (self.technician, self.manager, self.clerk):
            with self.assertRaises(AccessError):
                medium.with_user(user).action_check()
        medium.action_check()
        self.assertEqual(medium.last_checked_by_id, self.officer)
        with self.assertRaises(AccessError):
            medium.write({"state": "withdrawn"})
        medium.action_withdraw()
        self.assertEqual(medium.state, "withdrawn")
