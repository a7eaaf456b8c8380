# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo import Command
from odoo.exceptions import AccessError, UserError

from .common import ShowcaseCommon, local

# A 1x1 PNG.
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGA"
    "WjR9awAAAABJRU5ErkJggg=="
)


class TestShowcaseVisitReport(ShowcaseCommon):
    """The lead's report after the visit, with its photos: written by the
    reception team, submitted by its action, then locked."""

    def _done(self, day=1):
        visit = self._confirmed(local(day, 10))
        self._pass_checklists(visit)
        visit.with_user(self.reception).action_start()
        visit.with_user(self.reception).action_done()
        return visit

    def _photo(self, visit, user=None):
        return (
            self.env["ir.attachment"]
            .with_user(user or self.reception)
            .create(
                {
                    "name": "hall.png",
                    "raw": PIXEL,
                    "res_model": visit._name,
                    "res_id": visit.id,
                }
            )
        )

    def test_lead_submits_the_report_with_photos(self):
        visit = self._done()
        lead_visit = visit.with_user(self.reception)
        photo = self._photo(visit)
        lead_visit.write(
            {
                "report_body": "<p>Twenty pupils; the meter test bench drew them.</p>",
                "report_photo_ids": [Command.link(photo.id)],
            }
        )
        lead_visit.action_submit_report()
        self.assertEqual(visit.report_submitted_by_id, self.reception)
        self.assertTrue(visit.report_submitted_on)
        self.assertEqual(visit.report_photo_ids, photo)
        self.assertTrue(photo.mimetype.startswith("image/"))
        self.assertTrue(
            visit.message_ids.filtered(lambda m: "report was submitted" in m.body)
        )
        # printed in the visit's report, photo included
        html = (
            self.env["ir.actions.report"]
            .with_user(self.reception)
            ._render_qweb_html("metering_showcase.report_showcase_visit", visit.ids)[0]
            .decode()
        )
        self.assertIn("meter test bench", html)
        self.assertIn("data:image/png;base64", html)
        # locked once submitted
        with self._refused(UserError, "submitted"):
            lead_visit.report_body = "<p>Rewritten</p>"
        with self._refused(UserError, "submitted"):
            lead_visit.report_photo_ids = [Command.clear()]
        with self._refused(UserError, "submitted already"):
            lead_visit.action_submit_report()

    def test_report_only_on_a_done_visit_and_not_empty(self):
        visit = self._confirmed(local(0, 10))
        visit.with_user(self.reception).report_body = "<p>Draft</p>"
        with self._refused(UserError, "cannot be reported on"):
            visit.with_user(self.reception).action_submit_report()
        done = self._done()
        with self._refused(UserError, "write the report"):
            done.with_user(self.reception).action_submit_report()
        done.with_user(self.reception).report_body = "<p><br></p>"
        with self._refused(UserError, "write the report"):
            done.with_user(self.reception).action_submit_report()

    def test_submission_is_earned(self):
        visit = self._done()
        visit.with_user(self.reception).report_body = "<p>Went well.</p>"
        for user in (self.reception, self.manager):
            with self.assertRaises(AccessError):
                visit.with_user(user).write(
                    {"report_submitted_on": "2027-03-03 10:00:00"}
                )
            with self.assertRaises(AccessError):
                visit.with_user(user).write(
                    {"report_submitted_by_id": self.reception.id}
                )
        self.assertFalse(visit.report_submitted_on)

    def test_others_cannot_report(self):
        visit = self._done()
        for user in (self.staff_user, self.technician, self.leader):
            with self.assertRaises(AccessError):
                visit.with_user(user).write({"report_body": "<p>x</p>"})
            with self.assertRaises(AccessError):
                visit.with_user(user).action_submit_report()
