# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tools.safe_eval import safe_eval

from odoo.addons.metering_service.tests.common import MeteringCommon


class TestShowcaseSecurity(MeteringCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reception = cls._create_user(
            "reception", "metering_showcase.group_reception_team"
        )
        cls.tour_type = cls.env.ref(
            "metering_showcase.calendar_event_type_showcase_tour"
        )

    def test_reception_team_sees_only_the_showcase(self):
        menu = self.env.ref("metering_showcase.calendar_event_menu_showcase_tour")
        visible = self._visible_menus(self.reception)
        self.assertIn(self.env.ref("metering_service.menu_root").id, visible)
        self.assertIn(menu.id, visible)
        self.assertNotIn(self.env.ref("metering_service.menu_field_work").id, visible)
        self.assertNotIn(self.env.ref("metering_service.menu_service_desk").id, visible)
        self.assertNotIn(menu.id, self._visible_menus(self.technician))

    def test_center_manager_signs_off_tours(self):
        self.assertTrue(
            self.manager.has_group("metering_showcase.group_reception_team")
        )
        self.assertFalse(
            self.leader.has_group("metering_showcase.group_reception_team")
        )

    def test_reception_schedules_a_tour(self):
        action = self.env.ref("metering_showcase.calendar_event_action_showcase_tour")
        context = safe_eval(action.context)
        event = (
            self.env["calendar.event"]
            .with_user(self.reception)
            .with_context(**context)
            .create(
                {
                    "name": "School visit",
                    "start": "2026-12-01 01:30:00",
                    "stop": "2026-12-01 03:00:00",
                }
            )
        )
        self.assertEqual(event.categ_ids, self.tour_type)
        self.assertIn(
            event,
            self.env["calendar.event"]
            .with_user(self.reception)
            .search(safe_eval(action.domain)),
        )
