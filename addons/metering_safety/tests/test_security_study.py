# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .confidentiality_common import ConfidentialityCommon


@tagged("post_install", "-at_install")
class TestSecurityStudy(ConfidentialityCommon):
    def _study(self, date=None):
        return (
            self.env["metering.security.study"]
            .with_user(self.leader)
            .create(
                {
                    "name": "保密规定学习",
                    "date": date or fields.Date.today(),
                    "attendee_ids": [
                        Command.create({"user_id": self.technician.id}),
                        Command.create({"user_id": self.clerk.id}),
                    ],
                }
            )
        )

    def test_each_attendee_acknowledges_himself_once_held(self):
        study = self._study()
        tech_line = study.attendee_ids.filtered(lambda a: a.user_id == self.technician)
        with self.assertRaises(ValidationError):
            tech_line.with_user(self.technician).action_acknowledge()
        with self.assertRaises(ValidationError):
            study.with_user(self.manager).action_hold()
        study.action_hold()
        self.assertEqual(study.state, "held")
        with self.assertRaises(ValidationError):
            tech_line.with_user(self.clerk).action_acknowledge()
        tech_line.with_user(self.technician).action_acknowledge()
        self.assertTrue(tech_line.acknowledged_on)
        self.assertEqual(study.acknowledged_count, 1)
        with self.assertRaises(ValidationError):
            tech_line.with_user(self.technician).action_acknowledge()
        with self.assertRaises(AccessError):
            study.write({"state": "planned"})
        with self.assertRaises(AccessError):
            self.env["metering.security.study"].with_user(self.technician).create(
                {"name": "x"}
            )

    def test_overdue_study_reminded_once(self):
        study = self._study(fields.Date.today() - timedelta(days=120))
        study.action_hold()
        overdue = self.env["metering.security.study"]._cron_remind_overdue()
        self.assertIn(study, overdue)
        self.env["metering.security.study"]._cron_remind_overdue()
        self.assertEqual(len(study.activity_ids), 1)
        recent = self._study()
        recent.action_hold()
        self.assertNotIn(
            study, self.env["metering.security.study"]._cron_remind_overdue()
        )
