# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestShowcaseController(HttpCase):
    """The visitors' pages: a request through the hall's link, answered by
    the lead, and the feedback through the visit's own link."""

    def setUp(self):
        super().setUp()
        self.reception = new_test_user(
            self.env,
            login="ctl-showcase-reception",
            groups="metering_showcase.group_reception_team",
        )
        calendar = self.env["resource.calendar"].create(
            {
                "name": "Hall hours",
                "tz": "Asia/Shanghai",
                "attendance_ids": [
                    Command.create(
                        {
                            "name": str(day),
                            "dayofweek": str(day),
                            "hour_from": 9,
                            "hour_to": 17,
                            "day_period": "morning",
                        }
                    )
                    for day in range(5)
                ],
            }
        )
        self.hall = self.env["metering.showcase.hall"].create(
            {
                "name": "Main Hall",
                "capacity": 30,
                "resource_calendar_id": calendar.id,
                "lead_id": self.reception.id,
            }
        )

    def _post_request(self, **values):
        page = self.url_open(f"/showcase/request/{self.hall.request_token}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("csrf_token", page.text)
        self.assertIn('name="special_needs"', page.text)
        token = page.text.split('name="csrf_token" value="')[1].split('"')[0]
        data = {
            "csrf_token": token,
            "organisation": "Jiangcheng No. 1 Middle School",
            "contact_name": "Teacher Zhou",
            "email": "zhou@example.com",
            "visitor_count": "25",
            "level": "student",
            "language": "zh",
            "start": "2027-03-03T10:00",
            "duration": "1.5",
            "purpose": "Science day",
            **values,
        }
        return self.url_open(f"/showcase/request/{self.hall.request_token}", data=data)

    def _visits(self):
        return self.env["metering.showcase.visit"].search(
            [("hall_id", "=", self.hall.id)]
        )

    def test_request_round_trip(self):
        response = self._post_request()
        self.assertEqual(response.status_code, 200)
        visit = self._visits()
        self.assertEqual(len(visit), 1)
        self.assertEqual(visit.state, "requested")
        self.assertEqual(visit.organisation_id.name, "Jiangcheng No. 1 Middle School")
        self.assertEqual(visit.contact_id.email, "zhou@example.com")
        self.assertEqual(visit.level, "student")
        self.assertEqual(str(visit.start), "2027-03-03 02:00:00")
        self.assertEqual(visit.lead_id, self.reception)
        self.assertEqual(visit.activity_ids.user_id, self.reception, "asked to answer")
        self.assertIn(visit.name, response.text, "redirected to the visit's page")
        # the lead proposes another slot; the contact accepts it on the page
        visit.with_user(self.reception).write(
            {"start": "2027-03-04 06:00:00", "decline_reason": "Thursday is free."}
        )
        visit.with_user(self.reception).action_propose_slot()
        self.assertTrue(
            visit.message_ids.filtered(lambda m: visit.contact_id in m.partner_ids)
        )
        page = self.url_open(visit.visitor_url)
        self.assertIn(f'action="/showcase/visit/{visit.id}/', page.text)
        token = page.text.split('name="csrf_token" value="')[1].split('"')[0]
        self.url_open(f"{visit.visitor_url}/accept", data={"csrf_token": token})
        visit.invalidate_recordset()
        self.assertEqual(visit.state, "confirmed")

    def test_request_refused_over_capacity(self):
        response = self._post_request(visitor_count="40")
        self.assertIn("o_showcase_error", response.text)
        self.assertIn("40", response.text)
        self.assertFalse(self._visits())

    def test_wrong_hall_token(self):
        self.assertEqual(self.url_open("/showcase/request/nothing").status_code, 404)

    def test_feedback_only_for_the_visit_after_it(self):
        self._post_request()
        self._post_request(start="2027-03-03T14:00")
        visit, other = self._visits().sorted("start")
        feedback_url = f"{visit.visitor_url}/feedback"
        # another visit's token does not open this visit
        foreign = feedback_url.replace(
            visit.sudo().access_token, other.sudo().access_token
        )
        self.assertEqual(self.url_open(foreign).status_code, 404)
        # before the visit: no form to fill in
        self.assertNotIn('name="rating_reception"', self.url_open(feedback_url).text)
        visit.with_user(self.reception).action_accept()
        for answer in visit.checklist_ids.answer_ids:
            answer.with_user(self.reception).value_pass_fail = "pass"
        visit.with_user(self.reception).action_start()
        visit.with_user(self.reception).action_done()
        page = self.url_open(feedback_url)
        token = page.text.split('name="csrf_token" value="')[1].split('"')[0]
        response = self.url_open(
            feedback_url,
            data={
                "csrf_token": token,
                "rating_reception": "5",
                "rating_narration": "4",
                "rating_exhibits": "5",
                "rating_organisation": "3",
                "feedback_comment": "Very instructive",
            },
        )
        self.assertIn("o_showcase_thanks", response.text)
        visit.invalidate_recordset()
        self.assertEqual(visit.rating_narration, "4")
        self.assertEqual(visit.rating_average, 4.25)
        self.assertEqual(visit.feedback_comment, "Very instructive")
        self.assertFalse(other.feedback_on)
        # given once
        page = self.url_open(feedback_url)
        self.assertNotIn('name="rating_reception"', page.text)
