# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestMeteringTour(HttpCase):
    def test_team_leader_opens_metering_app(self):
        new_test_user(
            self.env,
            login="tour-metering-leader",
            password="tour-metering-leader",
            groups="metering_service.group_team_leader",
        )
        self.start_tour(
            "/odoo",
            "metering_service_leader_opens_app",
            login="tour-metering-leader",
        )
