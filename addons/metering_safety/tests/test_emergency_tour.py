# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestEmergencyTour(HttpCase):
    def test_emergency_mode_and_bulk_orders(self):
        def user(login, group):
            return new_test_user(self.env, login=login, groups=group, password=login)

        technician = user(
            "tour-em-technician", "metering_service.group_field_technician"
        )
        leader = user("tour-em-leader", "metering_service.group_team_leader")
        owner = self.env["res.partner"].create({"name": "Tour flooded owner"})
        point = self.env["fsm.location"].create(
            {"name": "Tour flooded point", "owner_id": owner.id}
        )
        emergency = self.env["metering.emergency"].create(
            {"title": "Tour typhoon", "kind": "severe_weather"}
        )

        self.start_tour(
            "/odoo", "metering_emergency_technician", login=technician.login
        )
        self.start_tour(
            f"/odoo/action-metering_safety.metering_emergency_action/{emergency.id}",
            "metering_emergency_leader",
            login=leader.login,
        )
        self.assertEqual(emergency.order_ids.location_id, point)
