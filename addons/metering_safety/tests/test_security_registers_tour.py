# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import HttpCase, tagged

from .confidentiality_common import ConfidentialityCommon


@tagged("post_install", "-at_install")
class TestSecurityRegistersTour(HttpCase, ConfidentialityCommon):
    """The registers and the studies of manual 6.3.3, as their users go
    through them in the browser."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for user in (cls.officer, cls.leader, cls.technician):
            user.password = user.login
            user.lang = "en_US"

    def test_officer_registers_a_medium_and_a_verified_backup(self):
        self.start_tour(
            "/odoo/action-metering_safety.metering_removable_medium_action/new",
            "metering_register_medium",
            login=self.officer.login,
        )
        medium = self.env["metering.removable.medium"].search(
            [("serial", "=", "SN-2026-0001")]
        )
        self.assertEqual(medium.holder_id, self.technician)
        self.assertEqual(medium.level_id, self.confidential)
        self.assertEqual(medium.last_checked_by_id, self.officer)
        self.start_tour(
            "/odoo/action-metering_safety.metering_backup_record_action/new",
            "metering_backup_restore_verified",
            login=self.officer.login,
        )
        backup = self.env["metering.backup.record"].search(
            [("medium_id", "=", medium.id)]
        )
        self.assertEqual(backup.name, "文档库全量备份")
        self.assertEqual(backup.restore_result, "passed")
        self.assertEqual(backup.restore_tested_by_id, self.officer)
        self.assertTrue(backup.restore_test_date)

    def test_study_held_and_acknowledged(self):
        study = (
            self.env["metering.security.study"]
            .with_user(self.leader)
            .create(
                {
                    "name": "保密规定学习",
                    "attendee_ids": [
                        Command.create({"user_id": self.technician.id}),
                        Command.create({"user_id": self.clerk.id}),
                    ],
                }
            )
        )
        url = f"/odoo/action-metering_safety.metering_security_study_action/{study.id}"
        self.start_tour(url, "metering_security_study_held", login=self.leader.login)
        self.assertEqual(study.state, "held")
        self.start_tour(
            url, "metering_security_study_acknowledge", login=self.technician.login
        )
        line = study.attendee_ids.filtered(lambda a: a.user_id == self.technician)
        self.assertTrue(line.acknowledged_on)
        self.assertFalse((study.attendee_ids - line).acknowledged_on)
