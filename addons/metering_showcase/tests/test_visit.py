# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError, ValidationError

from .common import ShowcaseCommon, local


class TestShowcaseVisit(ShowcaseCommon):
    def test_sequence_and_request_state(self):
        visit = self._visit(local(0, 10), user=self.reception)
        self.assertTrue(visit.name.startswith("VIS/"))
        self.assertEqual(visit.state, "requested")
        self.assertEqual(visit.stop, local(0, 11, 30))
        self.assertFalse(visit.event_id)

    def test_accept_holds_hall_and_calendar(self):
        visit = self._confirmed(local(0, 10))
        self.assertEqual(visit.state, "confirmed")
        self.assertEqual(visit.event_id.start, visit.start)
        self.assertIn(
            self.env.ref("metering_showcase.calendar_event_type_showcase_tour"),
            visit.event_id.categ_ids,
        )
        message = visit.message_ids.filtered(lambda m: self.contact in m.partner_ids)
        self.assertTrue(message, "the contact got the confirmation")
        self.assertTrue(
            message.attachment_ids.filtered(lambda a: a.name.endswith(".ics"))
        )

    def test_hall_double_booking_refused(self):
        first = self._confirmed(local(0, 10))
        # 11:45 is inside the 30 minutes kept free after 11:30
        close = self._visit(local(0, 11, 45))
        with self._refused(ValidationError, first.name):
            close.with_user(self.reception).action_accept()
        close.invalidate_recordset()
        self.assertEqual(close.state, "requested")
        later = self._visit(local(0, 12))
        later.with_user(self.reception).action_accept()
        # another hall is free at the same time
        self._confirmed(local(0, 10), hall_id=self.hall2.id, visitor_count=5)
        # moving a held visit onto another is refused as well
        with self._refused(ValidationError, first.name):
            later.with_user(self.reception).start = local(0, 10, 30)

    def test_capacity_respected(self):
        with self._refused(ValidationError, "capacity"):
            self._visit(local(0, 10), visitor_count=31)
        visit = self._visit(local(0, 10), visitor_count=30)
        with self._refused(ValidationError, "capacity"):
            visit.with_user(self.reception).hall_id = self.hall2

    def test_opening_hours_and_holidays(self):
        with self._refused(ValidationError, "not open"):
            self._visit(local(0, 16), duration=1.5)
        with self._refused(ValidationError, "not open"):
            self._visit(local(3, 10))  # Saturday
        self.env["metering.calendar.day"].create(
            {"date": "2027-03-04", "kind": "holiday", "name": "Test Holiday"}
        )
        with self._refused(ValidationError, "Test Holiday"):
            self._visit(local(1, 10))
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Company closed",
                "calendar_id": self.hall_hours.id,
                "date_from": local(2, 0),
                "date_to": local(2, 23),
            }
        )
        with self._refused(ValidationError, "not open"):
            self._visit(local(2, 10))
        self._visit(local(0, 15, 30), duration=1.5)

    def test_state_changes_through_actions_only(self):
        visit = self._visit(local(0, 10), user=self.reception)
        with self.assertRaises(AccessError):
            visit.with_user(self.reception).write({"state": "confirmed"})
        with self.assertRaises(AccessError):
            visit.with_user(self.manager).write({"state": "done"})
        with self.assertRaises(UserError):
            visit.with_user(self.reception).action_start()
        with self.assertRaises(UserError):
            visit.with_user(self.reception).action_decline()
        visit.with_user(self.reception).decline_reason = "The hall is closed."
        visit.with_user(self.reception).action_decline()
        self.assertEqual(visit.state, "declined")

    def test_propose_another_slot(self):
        visit = self._visit(local(0, 10))
        visit.with_user(self.reception).write(
            {"start": local(1, 14), "decline_reason": "Thursday afternoon is free."}
        )
        visit.with_user(self.reception).action_propose_slot()
        self.assertEqual(visit.state, "proposed")
        visit.with_user(self.env.ref("base.public_user"))._visitor_accept_proposal()
        self.assertEqual(visit.state, "confirmed")
        self.assertTrue(visit.event_id)

    def test_reminder_cron(self):
        visit = self._confirmed(local(0, 10))
        Visit = self.env["metering.showcase.visit"]
        with self.subTest("not yet"):
            self.assertFalse(Visit._cron_send_reminders())
        # the day before
        visit.sudo().write({"start": visit.start})
        self.env.cr.execute(
            "UPDATE metering_showcase_visit SET start = now() at time zone 'UTC' "
            "+ interval '20 hours' WHERE id = %s",
            [visit.id],
        )
        visit.invalidate_recordset()
        self.assertEqual(Visit._cron_send_reminders(), visit)
        self.assertTrue(visit.reminder_sent)
        self.assertFalse(Visit._cron_send_reminders())
