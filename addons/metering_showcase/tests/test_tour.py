# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestShowcaseTour(HttpCase):
    def test_reception_opens_tour_calendar(self):
        new_test_user(
            self.env,
            login="tour-showcase-reception",
            password="tour-showcase-reception",
            groups="metering_showcase.group_reception_team",
        )
        self.start_tour(
            "/odoo",
            "metering_showcase_reception_opens_calendar",
            login="tour-showcase-reception",
        )
