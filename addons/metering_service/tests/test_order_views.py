# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import MeteringCommon


class TestOrderViews(MeteringCommon):
    """The order views of the Metering app and the team leader's overview of
    overdue work."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.install_type = cls.env.ref("metering_service.fsm_order_type_install")
        cls.fault_type = cls.env.ref("metering_service.fsm_order_type_fault")
        cls.point = cls._create_location("Overview metering point")
        late = fields.Datetime.now() - relativedelta(days=30)
        cls.late_orders = cls.env["fsm.order"].create(
            [
                {
                    "type": order_type.id,
                    "location_id": cls.point.id,
                    "request_early": late,
                }
                for order_type in (cls.install_type, cls.fault_type, cls.fault_type)
            ]
        )
        cls.on_time = cls.env["fsm.order"].create(
            {"type": cls.install_type.id, "location_id": cls.point.id}
        )

    def test_views_load_for_technician(self):
        modes = ("kanban", "list", "form", "calendar", "pivot", "graph")
        views = [(False, mode) for mode in modes]
        result = (
            self.env["fsm.order"]
            .with_user(self.technician)
            .get_views(views, {"load_filters": False})
        )
        for mode in modes:
            self.assertIn(mode, result["views"])
        self.assertIn('name="overdue_badge"', result["views"]["kanban"]["arch"])
        self.assertIn('name="type"', result["views"]["pivot"]["arch"])

    def test_overdue_overview_counts_per_type(self):
        context = self.env.ref("metering_service.fsm_order_action_overdue").context
        self.assertIn("search_default_overdue", context)
        groups = (
            self.env["fsm.order"]
            .with_user(self.leader)
            ._read_group(
                [
                    ("id", "in", (self.late_orders | self.on_time).ids),
                    ("is_overdue", "=", True),
                ],
                ["type"],
                ["__count"],
            )
        )
        self.assertEqual(dict(groups), {self.install_type: 1, self.fault_type: 2})

    def test_overview_menu_for_leaders_only(self):
        menu = self.env.ref("metering_service.fsm_order_menu_overdue")
        self.assertIn(menu.id, self._visible_menus(self.leader))
        self.assertIn(menu.id, self._visible_menus(self.manager))
        self.assertNotIn(menu.id, self._visible_menus(self.technician))
        self.assertNotIn(menu.id, self._visible_menus(self.clerk))

    def test_orders_refused_outside_metering(self):
        with self.assertRaises(AccessError):
            self.env["fsm.order"].with_user(self.internal_user).search_count(
                [("is_overdue", "=", True)]
            )


@tagged("post_install", "-at_install")
class TestOrderViewsTour(HttpCase):
    def test_leader_overview_tour(self):
        leader = new_test_user(
            self.env,
            login="tour-overview-leader",
            password="tour-overview-leader",
            groups="metering_service.group_team_leader",
            lang="en_US",
        )
        point = self.env["fsm.location"].create(
            {
                "name": "Tour overdue point",
                "owner_id": self.env["res.partner"].create({"name": "Owner"}).id,
            }
        )
        self.env["fsm.order"].create(
            {
                "type": self.env.ref("metering_service.fsm_order_type_fault").id,
                "location_id": point.id,
                "request_early": fields.Datetime.now() - relativedelta(days=30),
            }
        )
        self.start_tour(
            "/odoo/action-metering_service.fsm_order_action",
            "metering_order_overview",
            login=leader.login,
        )
