# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command

from .common import ShowcaseCommon, local


class TestShowcaseProposeStaff(ShowcaseCommon):
    """Propose Staff names the candidates it passed over, and costs a fixed
    number of queries whatever the number of visits and staff."""

    def test_passed_over_candidate_is_noted_on_the_visit(self):
        leave_type = self.env["hr.leave.type"].create(
            {
                "name": "Day Off",
                "requires_allocation": False,
                "leave_validation_type": "no_validation",
            }
        )
        leave = self.env["hr.leave"].create(
            {
                "employee_id": self.narrator.id,
                "holiday_status_id": leave_type.id,
                "request_date_from": "2027-03-03",
                "request_date_to": "2027-03-03",
            }
        )
        if leave.state != "validate":
            leave._action_validate()
        visit = self._confirmed(local(0, 10))
        proposed = visit.with_user(self.reception).action_propose_staff()
        narrating = proposed.filtered(lambda a: a.role_id == self.role_narrating)
        self.assertEqual(narrating.employee_id, self.narrator2)
        note = visit.message_ids.filtered(
            lambda m: "Propose Staff passed over" in (m.body or "")
        )
        self.assertEqual(len(note), 1)
        self.assertIn("Narrator Wang is on time off", note.body)
        # nothing passed over, no note
        other = self._confirmed(local(1, 10))
        other.with_user(self.reception).action_propose_staff()
        self.assertFalse(
            other.message_ids.filtered(
                lambda m: "Propose Staff passed over" in (m.body or "")
            )
        )

    def test_proposals_cost_a_fixed_number_of_queries(self):
        Employee = self.env["hr.employee"]
        staff = Employee.create(
            [
                {"name": f"Guide {i}", "resource_calendar_id": self.staff_hours.id}
                for i in range(12)
            ]
        )
        self.role_narrating.employee_ids = [Command.set(staff.ids)]
        self.role_script.employee_ids = [Command.set(staff.ids)]
        days = (0, 1, 2, 5, 6, 7, 8, 9, 12, 13)
        visits = self.env["metering.showcase.visit"]
        for day in days:
            visits |= self._confirmed(local(day, 10))
        # one booking already taken, to be checked against
        self._assign(visits[0], self.role_narrating, staff[0])
        Visit = self.env["metering.showcase.visit"].with_user(self.reception)

        def queries(visit_ids, staff_count):
            self.role_narrating.employee_ids = [Command.set(staff[:staff_count].ids)]
            self.role_script.employee_ids = [Command.set(staff[:staff_count].ids)]
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            vals_list, _refusals = Visit.browse(visit_ids)._staff_proposals()
            return self.env.cr.sql_log_count - before, vals_list

        # Friday's and Monday's visits, then all ten: the scripts of Monday's
        # and Tuesday's visits would be revised on a weekend (nobody works),
        # Friday's script on Wednesday morning, when Guide 0 narrates
        few, few_vals = queries(visits[2:4].ids, 3)
        many, many_vals = queries(visits.ids, 12)
        self.assertEqual(len(few_vals), 3)
        self.assertEqual(len(many_vals), 15)
        self.assertLessEqual(many, few)
        # the whole action: the conflicts of the new assignments checked once,
        # the to-dos created together
        assignments = visits.with_user(self.reception).action_propose_staff()
        self.assertEqual(len(assignments), 15)
        employees = assignments.employee_id
        self.assertFalse(
            [
                (a, b)
                for a in assignments
                for b in assignments
                if a != b
                and a.employee_id == b.employee_id
                and a.date_start < b.date_stop
                and b.date_start < a.date_stop
            ],
            "no one given two overlapping windows",
        )
        self.assertTrue(employees)
