# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
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
            "helpdesk_mgmt.group_helpdesk_user",
        ):
            self.assertTrue(self.leader.has_group(group), group)
        # Field Service's User group would open every order to him.
        self.assertFalse(self.leader.has_group("fieldservice.group_fsm_user"))
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


class TestOrderAccess(MeteringCommon):
    """Technicians work the orders assigned to them, team leaders their
    teams', clerks read the orders of customer requests, managers see all."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_leader = cls._create_user(
            "other-leader", "metering_service.group_team_leader"
        )
        Team = cls.env["fsm.team"]
        cls.team = Team.create(
            {"name": "Metering team 1", "leader_user_id": cls.leader.id}
        )
        cls.other_team = Team.create(
            {"name": "Metering team 2", "leader_user_id": cls.other_leader.id}
        )
        cls.worker = cls.technician_person
        cls.location = cls._create_location("Textile mill metering point")
        Order = cls.env["fsm.order"]
        cls.assigned = Order.create(
            {
                "location_id": cls.location.id,
                "team_id": cls.team.id,
                "person_id": cls.worker.id,
            }
        )
        cls.team_order = Order.create(
            {"location_id": cls.location.id, "team_id": cls.team.id}
        )
        cls.foreign_team_order = Order.create(
            {"location_id": cls.location.id, "team_id": cls.other_team.id}
        )
        cls.orders = cls.assigned | cls.team_order | cls.foreign_team_order

    def _visible(self, user):
        return (
            self.env["fsm.order"]
            .with_user(user)
            .search([("id", "in", self.orders.ids)])
        )

    def test_technician_sees_assigned_orders_only(self):
        self.assertEqual(self._visible(self.technician), self.assigned)
        self.assigned.with_user(self.technician).write({"todo": "Seals checked"})
        with self.assertRaises(AccessError):
            self.team_order.with_user(self.technician).read(["name"])
        with self.assertRaises(AccessError):
            self.team_order.with_user(self.technician).write({"todo": "Not mine"})

    def test_technician_as_crew_member(self):
        self.team_order.person_ids = self.worker
        self.assertEqual(
            self._visible(self.technician), self.assigned | self.team_order
        )

    def test_team_leader_sees_his_teams_orders(self):
        self.assertEqual(self._visible(self.leader), self.assigned | self.team_order)
        self.team_order.with_user(self.leader).write({"todo": "Bring a spare CT"})
        with self.assertRaises(AccessError):
            self.foreign_team_order.with_user(self.leader).write({"todo": "Not his"})
        with self.assertRaises(AccessError):
            self.env["fsm.order"].with_user(self.leader).create(
                {"location_id": self.location.id, "team_id": self.other_team.id}
            )
        # Field Service's default team has no leader: its orders await dispatch.
        pool = (
            self.env["fsm.order"]
            .with_user(self.leader)
            .create({"location_id": self.location.id})
        )
        self.assertFalse(pool.team_id.leader_user_id)
        pool.with_user(self.leader).write({"team_id": self.team.id})
        self.assertEqual(pool.team_id, self.team)

    def test_clerk_reads_customer_request_orders(self):
        self.assertFalse(self._visible(self.clerk))
        category = self.env.ref("metering_service.helpdesk_ticket_category_dispute")
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Meter runs fast",
                "description": "The customer doubts the meter.",
                "category_id": category.id,
            }
        )
        self.team_order.ticket_id = ticket
        self.assertEqual(self._visible(self.clerk), self.team_order)
        with self.assertRaises(AccessError):
            self.team_order.with_user(self.clerk).write(
                {"todo": "Clerks do not work orders"}
            )

    def test_manager_sees_every_order_of_his_company(self):
        self.assertEqual(self._visible(self.manager), self.orders)
        foreign = self.env["fsm.order"].create(
            {
                "location_id": self._create_location(
                    "Foreign metering point", company=self.other_company
                ).id,
                "company_id": self.other_company.id,
                "team_id": self.env["fsm.team"]
                .create({"name": "Foreign team", "company_id": self.other_company.id})
                .id,
            }
        )
        self.assertFalse(
            self.env["fsm.order"]
            .with_user(self.manager)
            .search([("id", "=", foreign.id)])
        )
        with self.assertRaises(AccessError):
            foreign.with_user(self.manager).read(["name"])

    def test_order_form_buttons_per_role(self):
        """Technicians complete, team leaders also cancel, from the form."""
        for user, expected in (
            (self.technician, {"action_complete"}),
            (self.leader, {"action_complete", "action_cancel"}),
            (self.manager, {"action_complete", "action_cancel"}),
        ):
            arch = (
                self.env["fsm.order"]
                .with_user(user)
                .get_views([(False, "form")])["views"]["form"]["arch"]
            )
            for name in ("action_complete", "action_cancel"):
                self.assertEqual(
                    arch.count(f'name="{name}"'),
                    1 if name in expected else 0,
                    f"{name} for {user.login}",
                )
