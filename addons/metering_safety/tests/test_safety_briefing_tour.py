# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

from .test_safety_briefing import BriefingCommon


@tagged("post_install", "-at_install")
class TestSafetyBriefingTour(HttpCase, BriefingCommon):
    def test_leader_holds_two_technicians_acknowledge(self):
        for user in (self.leader, self.technician, self.technician2):
            user.password = user.login
        briefing = self._briefing()
        action = "metering_safety.metering_safety_briefing_action"
        url = f"/odoo/action-{action}/{briefing.id}"
        self.start_tour(url, "metering_briefing_leader", login=self.leader.login)
        self.assertEqual(briefing.state, "open")
        for user in (self.technician, self.technician2):
            self.start_tour(url, "metering_briefing_acknowledge", login=user.login)
        self.assertEqual(briefing.state, "done")
        self.order.with_user(self.leader).write({"stage_id": self.in_progress.id})
        self.assertTrue(self.order.safety_cleared_on)
