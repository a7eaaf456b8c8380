# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime, timedelta

from odoo.tests import HttpCase, new_test_user, tagged

from .common import weekday_calendar


@tagged("post_install", "-at_install")
class TestShowcaseWeekBoardTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lead = new_test_user(
            cls.env,
            login="tour-showcase-board",
            password="tour-showcase-board",
            groups="metering_showcase.group_reception_team",
        )

        hall = cls.env["metering.showcase.hall"].create(
            {
                "name": "Board Hall",
                "resource_calendar_id": weekday_calendar(cls.env, "Hall", 9, 17).id,
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
        photographing.employee_ids = li
        # next Monday and Tuesday, 10:00 in Shanghai
        monday = date.today() + timedelta(days=7 - date.today().weekday())
        cls.env["metering.calendar.day"].search(
            [("date", "in", [monday, monday + timedelta(days=1)])]
        ).unlink()
        start = datetime.combine(monday, datetime.min.time()) + timedelta(hours=2)
        Partner = cls.env["res.partner"]
        Visit = cls.env["metering.showcase.visit"]
        cls.visit = Visit.create(
            {
                "organisation_id": Partner.create({"name": "Board School"}).id,
                "hall_id": hall.id,
                "start": start,
                "lead_id": cls.lead.id,
            }
        )
        cls.visit.action_accept()
        cls.env["metering.showcase.assignment"].create(
            {"visit_id": cls.visit.id, "role_id": narrating.id, "employee_id": wang.id}
        )
        leave_type = cls.env["hr.leave.type"].create(
            {
                "name": "Day Off",
                "requires_allocation": False,
                "leave_validation_type": "no_validation",
            }
        )
        leave = cls.env["hr.leave"].create(
            {
                "employee_id": wang.id,
                "holiday_status_id": leave_type.id,
                "request_date_from": monday,
                "request_date_to": monday,
            }
        )
        if leave.state != "validate":
            leave._action_validate()
        cls.ready = Visit.create(
            {
                "organisation_id": Partner.create({"name": "Ready School"}).id,
                "hall_id": hall.id,
                "start": start + timedelta(days=1),
                "lead_id": cls.lead.id,
            }
        )
        cls.ready.action_accept()
        cls.ready.action_propose_staff()
        for answer in cls.ready.checklist_ids.answer_ids:
            answer.value_pass_fail = "pass"

    def test_lead_reads_the_week_board(self):
        self.start_tour(
            "/odoo/action-metering_showcase.metering_showcase_visit_action_week_board",
            "metering_showcase_week_board",
            login=self.lead.login,
        )

    def test_lead_submits_his_report(self):
        self.ready.action_start()
        self.ready.action_done()
        self.start_tour(
            "/odoo/action-metering_showcase.metering_showcase_visit_action/"
            f"{self.ready.id}",
            "metering_showcase_lead_report",
            login=self.lead.login,
        )
        self.assertEqual(self.ready.report_submitted_by_id, self.lead)
        self.assertIn("test bench", self.ready.report_body)
