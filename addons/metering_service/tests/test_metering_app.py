# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

from odoo.tests import new_test_user

from .common import MeteringCommon


class TestMeteringApp(MeteringCommon):
    """The suite's users work in one app, which opens on their day's work."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.upstream_apps = cls.env.ref("fieldservice.root") | cls.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_main_menu"
        )
        cls.field_service_user = new_test_user(
            cls.env,
            login="plain-field-service-user",
            groups="fieldservice.group_fsm_user,helpdesk_mgmt.group_helpdesk_user",
        )

    def test_upstream_apps_hidden_from_the_roles(self):
        root = self.env.ref("metering_service.menu_root")
        for user in (self.clerk, self.technician, self.leader, self.manager):
            with self.subTest(user=user.login):
                menus = self._visible_menus(user)
                self.assertIn(root.id, menus)
                self.assertFalse(set(self.upstream_apps.ids) & menus)
                self.assertNotIn(self.env.ref("base.menu_management").id, menus)
                # Nor any of their submenus.
                submenus = self.env["ir.ui.menu"].search(
                    [("id", "child_of", self.upstream_apps.ids)]
                )
                self.assertFalse(set(submenus.ids) & menus)

    def test_upstream_apps_kept_for_their_own_users(self):
        """Field Service and Helpdesk users who have no metering role, and
        administrators, keep both apps."""
        for user in (self.field_service_user, self.env.ref("base.user_admin")):
            with self.subTest(user=user.login):
                self.assertLessEqual(
                    set(self.upstream_apps.ids), self._visible_menus(user)
                )

    def test_metering_is_the_first_app(self):
        """A user of the suite without a home action of his own lands in
        Metering after login: the web client opens the first app."""
        for user in (self.clerk, self.technician):
            with self.subTest(user=user.login):
                roots = self.env["ir.ui.menu"].with_user(user).load_menus(False)["root"]
                self.assertEqual(
                    roots["children"][0], self.env.ref("metering_service.menu_root").id
                )

    def test_each_role_opens_on_its_work(self):
        expected = {
            self.clerk: "metering_service.metering_self_check_action",
            self.technician: "metering_service.fsm_order_action",
            self.leader: "metering_service.fsm_order_action_overdue",
            self.manager: "metering_service.fsm_order_action",
        }
        home = self.env.ref("metering_service.metering_home_action")
        for user, xmlid in expected.items():
            with self.subTest(user=user.login):
                action = home.with_user(user).run()
                self.assertEqual(action["id"], self.env.ref(xmlid).id)

    def test_other_roles_open_on_their_first_menu(self):
        """A role without a home of its own opens the first of its Metering
        menus, as the web client would."""
        expected = {
            self.clerk: "helpdesk_mgmt.helpdesk_ticket_action",
            self.technician: "metering_service.fsm_order_action",
        }
        with patch("odoo.addons.metering_service.models.res_users.HOME_ACTIONS", ()):
            for user, xmlid in expected.items():
                with self.subTest(user=user.login):
                    action = user._metering_home_action()
                    self.assertEqual(action["id"], self.env.ref(xmlid).id)
