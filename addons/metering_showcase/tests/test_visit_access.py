# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError

from .common import ShowcaseCommon, local


class TestShowcaseVisitAccess(ShowcaseCommon):
    def test_reception_team_runs_visits(self):
        visit = self._visit(local(0, 10), user=self.reception)
        visit.with_user(self.reception).action_accept()
        self._assign(visit, self.role_narrating, self.narrator, user=self.reception)
        self.assertEqual(visit.state, "confirmed")
        with self.assertRaises(AccessError):
            visit.with_user(self.reception).unlink()
        with self.assertRaises(AccessError):
            self.env["metering.showcase.hall"].with_user(self.reception).create(
                {"name": "Hall", "resource_calendar_id": self.hall_hours.id}
            )

    def test_center_manager_configures_halls_and_roles(self):
        hall = (
            self.env["metering.showcase.hall"]
            .with_user(self.manager)
            .create({"name": "New Hall", "resource_calendar_id": self.hall_hours.id})
        )
        self.assertTrue(hall.request_token)
        self.role_narrating.with_user(self.manager).employee_ids = self.writer
        visit = self._visit(local(0, 10), user=self.manager)
        visit.with_user(self.manager).unlink()

    def test_other_users_see_no_visit(self):
        visit = self._visit(local(0, 10))
        for user in (self.internal_user, self.technician, self.leader):
            with self.assertRaises(AccessError):
                visit.with_user(user).read(["name"])
            with self.assertRaises(AccessError):
                self._visit(local(1, 10), user=user)
            with self.assertRaises(AccessError):
                visit.with_user(user).action_accept()

    def test_staff_read_the_visits_they_serve(self):
        visit = self._confirmed(local(0, 10))
        other = self._confirmed(local(1, 10))
        self._assign(visit, self.role_narrating, self.narrator)
        Visit = self.env["metering.showcase.visit"].with_user(self.staff_user)
        self.assertEqual(Visit.search([]), visit)
        self.assertTrue(visit.with_user(self.staff_user).name)
        with self.assertRaises(AccessError):
            other.with_user(self.staff_user).read(["name"])
        with self.assertRaises(AccessError):
            visit.with_user(self.staff_user).write({"purpose": "changed"})
        with self.assertRaises(AccessError):
            visit.with_user(self.staff_user).action_start()

    def test_other_company_visits_hidden(self):
        visit = self._visit(local(0, 10))
        foreign = self._create_user(
            "reception-other",
            "metering_showcase.group_reception_team",
            company=self.other_company,
        )
        self.assertFalse(
            self.env["metering.showcase.visit"]
            .with_user(foreign)
            .search([("id", "=", visit.id)])
        )

    def test_reception_opens_every_view(self):
        for model, action in (
            ("metering.showcase.visit", "metering_showcase_visit_action"),
            ("metering.showcase.assignment", "metering_showcase_assignment_action"),
        ):
            modes = self.env.ref(f"metering_showcase.{action}").view_mode.split(",")
            views = (
                self.env[model]
                .with_user(self.reception)
                .get_views([(False, mode) for mode in modes] + [(False, "search")])
            )
            self.assertEqual(set(views["views"]), {*modes, "search"})
