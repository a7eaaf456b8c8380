# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields
from odoo.fields import Command
from odoo.tools.safe_eval import safe_eval

from .scorecard_common import ScorecardCommon


class TestScorecardVisitKpi(ScorecardCommon):
    """The showcase KPI: the visitors' rating of the visits an employee (or a
    member of the team) served in the period."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        criteria = [
            {"name": "Visits", "source": "automatic", "kpi_code": "visit_feedback"}
        ]
        cls.team_template = cls._template(criteria)
        cls.employee_template = cls._template(criteria, subject="employee")
        # open every hour of every day: any day of last month can hold a visit
        always = cls.env["resource.calendar"].create(
            {
                "name": "Always open",
                "tz": "UTC",
                "attendance_ids": [
                    Command.create(
                        {
                            "name": f"Day {day}",
                            "dayofweek": str(day),
                            "hour_from": 0,
                            "hour_to": 24,
                            "day_period": "morning",
                        }
                    )
                    for day in range(7)
                ],
            }
        )
        cls.hall = cls.env["metering.showcase.hall"].create(
            {
                "name": "KPI Hall",
                "capacity": 50,
                "buffer_minutes": 0,
                "resource_calendar_id": always.id,
            }
        )
        cls.outsider = cls.env["hr.employee"].create({"name": "Guide Outside"})
        (cls.tech_employee | cls.leader_employee | cls.outsider).write(
            {"resource_calendar_id": always.id}
        )
        cls.role = cls.env.ref("metering_showcase.role_narrating")
        cls.role.employee_ids = cls.tech_employee | cls.leader_employee | cls.outsider
        cls.organisation = cls.env["res.partner"].create(
            {"name": "Visiting school", "is_company": True}
        )

    def _visit(self, day, staff, ratings=None, state="done"):
        """A visit on `day` of last month served by `staff`, rated `ratings`
        (reception, narration, exhibits, organisation) by its visitors."""
        visit = self.env["metering.showcase.visit"].create(
            {
                "organisation_id": self.organisation.id,
                "visitor_count": 10,
                "hall_id": self.hall.id,
                "start": self._at(day, 10),
                "duration": 1.0,
            }
        )
        self.env["metering.showcase.assignment"].create(
            [
                {
                    "visit_id": visit.id,
                    "role_id": self.role.id,
                    "employee_id": employee.id,
                }
                for employee in staff
            ]
        )
        vals = {"state": state}
        if ratings:
            vals.update(
                rating_reception=str(ratings[0]),
                rating_narration=str(ratings[1]),
                rating_exhibits=str(ratings[2]),
                rating_organisation=str(ratings[3]),
                feedback_on=fields.Datetime.now(),
            )
        visit.sudo().write(vals)
        return visit

    def _lines(self, template):
        """{team or employee: its KPI line} of last month's evaluations."""
        evaluations = (
            self.env["metering.evaluation"]
            .with_user(self.leader)
            ._generate(template, "month", self.month_start)
        )
        return {
            evaluation.team_id or evaluation.employee_id: evaluation.line_ids
            for evaluation in evaluations
        }

    def test_average_rating_of_visits_served(self):
        both = self.tech_employee | self.leader_employee
        # rated 5,5,4,4 (4.5) and 4,4,3,3 (3.5) by their visitors
        first = self._visit(2, self.tech_employee, (5, 5, 4, 4))
        second = self._visit(4, both, (4, 4, 3, 3))
        # not counted: not rated, not done, another's, out of the period
        self._visit(6, self.tech_employee)
        self._visit(8, self.tech_employee, state="confirmed")
        self._visit(10, self.outsider, (1, 1, 1, 1))
        self._visit(40, self.tech_employee, (1, 1, 1, 1), state="confirmed")

        lines = self._lines(self.employee_template)
        line = lines[self.tech_employee]
        # (4.5 + 3.5) / 2 = 4 stars of 5
        self.assertEqual(line.kpi_count, 2)
        self.assertAlmostEqual(line.kpi_value, 80.0)
        self.assertAlmostEqual(line.score, 80.0)
        self.assertFalse(line.not_applicable)
        Visit = self.env["metering.showcase.visit"]
        self.assertEqual(Visit.search(safe_eval(line.kpi_domain)), first | second)
        self.assertEqual(
            line.action_open_records()["res_model"], "metering.showcase.visit"
        )

        leader = lines[self.leader_employee]
        self.assertEqual(leader.kpi_count, 1)
        self.assertAlmostEqual(leader.kpi_value, 70.0)

    def test_team_counts_each_visit_once(self):
        # the technician is the team's Field Service worker; the visit both
        # served counts once for the team
        self.technician_person.team_id = self.team
        self._visit(2, self.tech_employee, (5, 5, 5, 5))
        self._visit(4, self.tech_employee | self.outsider, (3, 3, 3, 3))
        self._visit(6, self.outsider, (1, 1, 1, 1))
        lines = self._lines(self.team_template)
        line = lines[self.team]
        self.assertEqual(line.kpi_count, 2)
        self.assertAlmostEqual(line.kpi_value, 80.0)
        # no member of the other team served a visit: not applicable
        other = lines[self.other_team]
        self.assertTrue(other.not_applicable)
        self.assertEqual(other.kpi_count, 0)
