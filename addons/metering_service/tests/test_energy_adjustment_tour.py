# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestEnergyAdjustmentTour(HttpCase):
    """A team leader refuses a submitted calculation with his reason: it is
    back to draft and the return is counted."""

    def test_refuse_with_reason(self):
        technician = new_test_user(
            self.env,
            login="return-technician",
            groups="metering_service.group_field_technician",
            lang="en_US",
        )
        leader = new_test_user(
            self.env,
            login="return-leader",
            password="return-leader",
            groups="metering_service.group_team_leader",
            lang="en_US",
        )
        point = self.env["fsm.location"].create(
            {
                "name": "Return point",
                "owner_id": self.env["res.partner"].create({"name": "Owner"}).id,
            }
        )
        adjustment = (
            self.env["metering.energy.adjustment"]
            .with_user(technician)
            .create(
                {
                    "location_id": point.id,
                    "period_start": "2026-01-01",
                    "period_end": "2026-07-01",
                    "recorded_energy": 1800,
                    "error_percent": 2.6,
                    "tariff": 0.56,
                }
            )
        )
        adjustment.action_submit()
        action = "metering_service.metering_energy_adjustment_action"
        self.start_tour(
            f"/odoo/action-{action}/{adjustment.id}",
            "metering_adjustment_return",
            login=leader.login,
        )
        self.assertEqual(adjustment.state, "draft")
        self.assertEqual(adjustment.return_count, 1)
        self.assertEqual(adjustment.last_returned_by_id, leader)
        self.assertEqual(adjustment.return_reason, "The tariff of 2025 was applied.")
