# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import ValidationError

from .common import ShowcaseCommon, local


class TestShowcaseReadiness(ShowcaseCommon):
    def test_accepted_visit_carries_the_hall_readiness_checklist(self):
        visit = self._visit(local(0, 10))
        self.assertFalse(visit.checklist_ids, "a request is not prepared yet")
        visit.with_user(self.reception).action_accept()
        template = self.env.ref("metering_showcase.checklist_template_hall_readiness")
        self.assertEqual(visit.checklist_ids.template_id, template)
        self.assertEqual(visit.checklist_result, "pending")

    def test_visit_cannot_start_while_unready(self):
        visit = self._confirmed(local(0, 10))
        with self._refused(ValidationError, "Narration script revised and approved"):
            visit.with_user(self.reception).action_start()
        visit.invalidate_recordset()
        self.assertEqual(visit.state, "confirmed")
        # a failed critical item blocks as well
        self._pass_checklists(visit)
        answers = visit.checklist_ids.answer_ids
        screens = answers.filtered(lambda a: a.item_id.name == "Big screens working")
        screens.with_user(self.reception).write(
            {"value_pass_fail": "fail", "note": "Screen 2 black"}
        )
        with self._refused(ValidationError, "Big screens working (failed)"):
            visit.with_user(self.reception).action_start()
        screens.with_user(self.reception).value_pass_fail = "pass"
        visit.with_user(self.reception).action_start()
        self.assertEqual(visit.state, "in_progress")
        self.assertEqual(visit.checklist_ids.state, "done")
        visit.with_user(self.reception).action_done()
        self.assertEqual(visit.state, "done")
        self.assertTrue(
            visit.message_ids.filtered(
                lambda m: self.contact in m.partner_ids and "feedback" in (m.body or "")
            ),
            "the contact is asked for feedback",
        )

    def test_reception_answers_the_checklist(self):
        visit = self._confirmed(local(0, 10))
        self._pass_checklists(visit, user=self.reception)
        self.assertEqual(visit.checklist_result, "passed")
