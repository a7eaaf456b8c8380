# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from .common import ShowcaseCommon, local


class TestShowcaseDeskNotice(ShowcaseCommon):
    """The security / reception desk configured on the hall is told of every
    visit confirmed, changed or cancelled there."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.desk = cls.env["res.partner"].create(
            {"name": "Gate House", "email": "gate@example.com", "lang": "en_US"}
        )
        cls.hall.desk_partner_id = cls.desk

    def _desk_mails(self, visit):
        return self.env["mail.mail"].search(
            [
                ("model", "=", visit._name),
                ("res_id", "=", visit.id),
                ("recipient_ids", "in", self.desk.ids),
            ]
        )

    def test_confirmation_notifies_the_desk(self):
        visit = self._visit(
            local(0, 10), vehicle_plates="苏A12345", special_needs="Wheelchair"
        )
        self.assertFalse(self._desk_mails(visit), "a request is not announced")
        visit.with_user(self.reception).action_accept()
        mail = self._desk_mails(visit)
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.recipient_ids, self.desk)
        self.assertNotIn(self.contact, mail.recipient_ids)
        for text in (
            "A visit is confirmed",
            "2027-03-03 10:00",
            "11:30",
            "Main Hall",
            self.organisation.name,
            "20",
            "苏A12345",
            "identity document",
            "Wheelchair",
            self.reception.name,
        ):
            self.assertIn(text, mail.body_html)
        self.assertIn(mail.mail_message_id, visit.message_ids, "kept on the visit")

    def test_change_and_cancellation_notify_the_desk(self):
        visit = self._confirmed(local(0, 10))
        visit.with_user(self.reception).write({"start": local(0, 13)})
        mails = self._desk_mails(visit)
        self.assertEqual(len(mails), 2)
        changed = mails.sorted("id")[-1]
        self.assertIn("has changed", changed.body_html)
        self.assertIn("13:00", changed.body_html)
        # a change the desk does not care about sends nothing
        visit.with_user(self.reception).purpose = "Physics class"
        visit.with_user(self.reception).start = local(0, 13)
        self.assertEqual(len(self._desk_mails(visit)), 2)
        visit.with_user(self.reception).action_cancel()
        cancelled = self._desk_mails(visit).sorted("id")[-1]
        self.assertEqual(len(self._desk_mails(visit)), 3)
        self.assertIn("cancelled", cancelled.body_html)

    def test_no_desk_no_notice(self):
        visit = self._confirmed(local(0, 10), hall_id=self.hall2.id, visitor_count=5)
        self.assertFalse(
            self.env["mail.mail"].search(
                [
                    ("model", "=", visit._name),
                    ("res_id", "=", visit.id),
                    ("subject", "ilike", "Visit notice"),
                ]
            )
        )
        self.assertFalse(self._desk_mails(visit))
