# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import ValidationError

from .common import ShowcaseCommon, local


class TestShowcaseStaffing(ShowcaseCommon):
    def test_window_from_role(self):
        visit = self._confirmed(local(0, 10))
        narrating = self._assign(visit, self.role_narrating, self.narrator)
        self.assertEqual(narrating.date_start, local(0, 9))
        self.assertEqual(narrating.date_stop, local(0, 11, 30))
        script = self._assign(visit, self.role_script, self.writer)
        self.assertEqual(script.date_start, local(-2, 10))
        self.assertEqual(script.date_stop, local(-2, 12))

    def test_double_booking_refused(self):
        first = self._confirmed(local(0, 10))
        self._assign(first, self.role_narrating, self.narrator)
        other = self._confirmed(local(0, 11), hall_id=self.hall2.id, visitor_count=5)
        with self._refused(ValidationError, first.name):
            self._assign(other, self.role_narrating, self.narrator)
        self._assign(other, self.role_narrating, self.narrator2)

    def test_overlapping_preparation_window_refused(self):
        # the script of Wednesday's visit is revised on Monday 10:00-12:00
        wednesday = self._confirmed(local(0, 10))
        self._assign(wednesday, self.role_script, self.narrator)
        monday = self._confirmed(local(-2, 11))
        with self._refused(ValidationError, wednesday.name):
            self._assign(monday, self.role_narrating, self.narrator)

    def test_reschedule_checks_the_staff_again(self):
        first = self._confirmed(local(0, 10))
        self._assign(first, self.role_narrating, self.narrator)
        other = self._confirmed(local(0, 14), hall_id=self.hall2.id, visitor_count=5)
        self._assign(other, self.role_narrating, self.narrator)
        with self._refused(ValidationError, "Narrator Wang"):
            other.with_user(self.reception).start = local(0, 10, 30)

    def test_time_off_respected(self):
        leave_type = self.env["hr.leave.type"].create(
            {
                "name": "Annual Leave",
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
        with self._refused(ValidationError, "time off"):
            self._assign(visit, self.role_narrating, self.narrator)
        # proposed staff skip him
        visit.invalidate_recordset()
        proposed = visit.with_user(self.reception).action_propose_staff()
        narrating = proposed.filtered(lambda a: a.role_id == self.role_narrating)
        self.assertEqual(narrating.employee_id, self.narrator2)

    def test_working_hours_respected(self):
        self.narrator.resource_calendar_id = self._calendar("Afternoons", 13, 18)
        visit = self._confirmed(local(0, 10))
        with self._refused(ValidationError, "does not work"):
            self._assign(visit, self.role_narrating, self.narrator)

    def test_only_qualified_staff(self):
        visit = self._confirmed(local(0, 10))
        with self._refused(ValidationError, "not qualified"):
            self._assign(visit, self.role_narrating, self.writer)

    def test_propose_staff_in_batch(self):
        visits = self._confirmed(local(0, 10)) | self._confirmed(
            local(0, 10), hall_id=self.hall2.id, visitor_count=5
        )
        assignments = visits.with_user(self.reception).action_propose_staff()
        self.assertEqual(len(assignments), 4)
        narrators = assignments.filtered(lambda a: a.role_id == self.role_narrating)
        self.assertEqual(narrators.employee_id, self.narrator | self.narrator2)
        writers = assignments.filtered(lambda a: a.role_id == self.role_script)
        self.assertEqual(len(writers.employee_id), 2)

    def test_assignee_gets_a_todo_and_the_invitation(self):
        visit = self._confirmed(local(0, 10))
        self._assign(visit, self.role_narrating, self.narrator)
        activity = visit.activity_ids.filtered(lambda a: a.user_id == self.staff_user)
        self.assertTrue(activity)
        self.assertIn(self.narrator.work_contact_id, visit.event_id.partner_ids)
        # taken off the visit: the to-do and the invitation go
        visit.assignment_ids.with_user(self.reception).unlink()
        self.assertFalse(
            visit.activity_ids.filtered(lambda a: a.user_id == self.staff_user)
        )
        self.assertNotIn(self.narrator.work_contact_id, visit.event_id.partner_ids)

    def test_conflict_check_is_batched(self):
        """The conflict check costs the same queries for 3 slots as for 21."""
        days = (0, 1, 2, 5, 6, 7, 8)
        visits = [self._confirmed(local(day, 10)) for day in days]
        for visit in visits:
            self._assign(visit, self.role_narrating, self.narrator)
        Assignment = self.env["metering.showcase.assignment"]

        def queries(visits):
            slots = [
                ((visit.id, employee.id), employee, visit.start, visit.stop, visit)
                for visit in visits
                for employee in self.narrator | self.narrator2 | self.writer
            ]
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            conflicts = Assignment._window_conflicts(slots)
            return self.env.cr.sql_log_count - before, conflicts

        few, _conflicts = queries(visits[:1])
        many, conflicts = queries(visits)
        self.assertEqual(len(conflicts), len(visits), "the narrator is booked")
        self.assertLessEqual(many, few + 3)
