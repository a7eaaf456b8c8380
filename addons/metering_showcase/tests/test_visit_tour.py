# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, new_test_user, tagged

from .common import local, weekday_calendar


@tagged("post_install", "-at_install")
class TestShowcaseVisitTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lead = new_test_user(
            cls.env,
            login="tour-showcase-lead",
            password="tour-showcase-lead",
            groups="metering_showcase.group_reception_team",
        )

        hall = cls.env["metering.showcase.hall"].create(
            {
                "name": "Tour Hall",
                "resource_calendar_id": weekday_calendar(cls.env, "Hall", 9, 17).id,
            }
        )
        other_hall = cls.env["metering.showcase.hall"].create(
            {
                "name": "Tour Hall 2",
                "resource_calendar_id": hall.resource_calendar_id.id,
            }
        )
        staff_hours = weekday_calendar(cls.env, "Staff", 8, 18)
        Employee = cls.env["hr.employee"]
        wang = Employee.create(
            {"name": "Narrator Wang", "resource_calendar_id": staff_hours.id}
        )
        li = Employee.create(
            {"name": "Narrator Li", "resource_calendar_id": staff_hours.id}
        )
        Role = cls.env["metering.showcase.role"]
        narrating = cls.env.ref("metering_showcase.role_narrating")
        photographing = cls.env.ref("metering_showcase.role_photographing")
        (Role.search([]) - narrating - photographing).action_archive()
        narrating.employee_ids = wang | li
        photographing.employee_ids = wang
        Partner = cls.env["res.partner"]
        Visit = cls.env["metering.showcase.visit"]
        other = Visit.create(
            {
                "organisation_id": Partner.create({"name": "Other School"}).id,
                "hall_id": other_hall.id,
                "start": local(0, 10),
                "lead_id": cls.lead.id,
            }
        )
        other.action_accept()
        cls.env["metering.showcase.assignment"].create(
            {"visit_id": other.id, "role_id": narrating.id, "employee_id": wang.id}
        )
        cls.visit = Visit.create(
            {
                "organisation_id": Partner.create({"name": "Tour School"}).id,
                "contact_id": Partner.create(
                    {"name": "Teacher", "email": "teacher@example.com"}
                ).id,
                "hall_id": hall.id,
                "start": local(0, 10),
                "lead_id": cls.lead.id,
            }
        )

    def test_lead_runs_a_visit(self):
        # the double booking the tour tries is refused (logged by odoo.http)
        with self.assertLogs("odoo.http", "WARNING") as logs:
            self.start_tour(
                "/odoo/action-metering_showcase.metering_showcase_visit_action/"
                f"{self.visit.id}",
                "metering_showcase_lead_runs_visit",
                login=self.lead.login,
            )
        self.assertEqual(len(logs.output), 1)
        self.assertIn("Narrator Wang", logs.output[0])
        self.assertIn("Other School", logs.output[0])
        self.assertEqual(self.visit.state, "done")
        self.assertEqual(self.visit.checklist_ids.state, "done")
        self.assertEqual(
            self.visit.assignment_ids.employee_id.mapped("name"), ["Narrator Li"]
        )

    def test_visitor_gives_feedback(self):
        self.visit.action_accept()
        for answer in self.visit.checklist_ids.answer_ids:
            answer.value_pass_fail = "pass"
        self.visit.action_start()
        self.visit.action_done()
        self.start_tour(
            f"/showcase/visit/{self.visit.id}/{self.visit.access_token}/feedback",
            "metering_showcase_visitor_feedback",
        )
        self.assertEqual(self.visit.rating_average, 5.0)
        self.assertEqual(self.visit.feedback_comment, "Very instructive")
