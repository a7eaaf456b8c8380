# Copyright 2026 Metering Compliance Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError

from .common import MeteringCommon


class TestMeteringSecurity(MeteringCommon):
    def test_role_chain(self):
        """Roles are chained like helpdesk_mgmt's: each level implies the one
        below and the matching Field Service and Helpdesk groups."""
        self.assertTrue(self.clerk.has_group("helpdesk_mgmt.group_helpdesk_user_team"))
        self.assertFalse(
            self.clerk.has_group("metering_service.group_field_technician")
        )
        self.assertTrue(self.technician.has_group("fieldservice.group_fsm_user_own"))
        self.assertFalse(
            self.technician.has_group("metering_service.group_service_clerk")
        )
        self.assertFalse(self.technician.has_group("fieldservice.group_fsm_dispatcher"))
        for group in (
            "metering_service.group_service_clerk",
            "metering_service.group_field_technician",
            "fieldservice.group_fsm_dispatcher",
            "helpdesk_mgmt.group_helpdesk_user",
        ):
            self.assertTrue(self.leader.has_group(group), group)
        self.assertFalse(self.leader.has_group("metering_service.group_center_manager"))
        for group in (
            "metering_service.group_team_leader",
            "fieldservice.group_fsm_manager",
            "helpdesk_mgmt.group_helpdesk_manager",
        ):
            self.assertTrue(self.manager.has_group(group), group)

    def test_menus_per_role(self):
        """Each role sees the app and its own menus, not the others'."""
        root = self.env.ref("metering_service.menu_root")
        config = self.env.ref("metering_service.menu_configuration")
        service_desk = self.env.ref("metering_service.menu_service_desk")
        field_work = self.env.ref("metering_service.menu_field_work")
        team = self.env.ref("metering_service.menu_team")

        clerk_menus = self._visible_menus(self.clerk)
        self.assertIn(root.id, clerk_menus)
        self.assertIn(service_desk.id, clerk_menus)
        self.assertNotIn(field_work.id, clerk_menus)
        self.assertNotIn(config.id, clerk_menus)

        technician_menus = self._visible_menus(self.technician)
        self.assertIn(field_work.id, technician_menus)
        self.assertNotIn(service_desk.id, technician_menus)
        self.assertNotIn(team.id, technician_menus)

        leader_menus = self._visible_menus(self.leader)
        self.assertTrue({service_desk.id, field_work.id, team.id} <= leader_menus)
        self.assertNotIn(config.id, leader_menus)

        self.assertIn(config.id, self._visible_menus(self.manager))
        self.assertNotIn(root.id, self._visible_menus(self.internal_user))

    def test_metering_point_access(self):
        """Clerks and technicians read metering points; only dispatching roles
        create them."""
        location = self._create_location("Textile mill metering point")
        self.assertEqual(
            location.with_user(self.technician).read(["name"])[0]["name"],
            "Textile mill metering point",
        )
        owner = self.env["res.partner"].create({"name": "New customer"})
        with self.assertRaises(AccessError):
            self.env["fsm.location"].with_user(self.technician).create(
                {"name": "Forbidden point", "owner_id": owner.id}
            )
        created = (
            self.env["fsm.location"]
            .with_user(self.leader)
            .create({"name": "Allowed point", "owner_id": owner.id})
        )
        self.assertTrue(created.exists())

    def test_metering_point_multi_company(self):
        """A metering point of another company is never readable."""
        foreign = self._create_location(
            "Foreign metering point", company=self.other_company
        )
        own = self._create_location("Own metering point")
        Location = self.env["fsm.location"].with_user(self.manager)
        visible = Location.search([("id", "in", (foreign | own).ids)])
        self.assertEqual(visible, own)
        with self.assertRaises(AccessError):
            foreign.with_user(self.manager).read(["name"])
        foreign_manager = self._create_user(
            "manager", "metering_service.group_center_manager", self.other_company
        )
        self.assertEqual(
            Location.with_user(foreign_manager).search(
                [("id", "in", (foreign | own).ids)]
            ),
            foreign,
        )
