# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form

from .test_checklist import ChecklistCommon


class TestChecklistScreen(ChecklistCommon):
    """The server rules behind the checklist screen."""

    def test_form_shows_cards(self):
        arch = self.env["metering.checklist"].get_view(view_type="form")["arch"]
        self.assertIn('widget="metering_checklist_cards"', arch)

    def test_unanswered_checklist_never_passed(self):
        """Nothing answered is pending, even when no item is mandatory; the
        score counts the answered items only."""
        template = self.env["metering.checklist.template"].create(
            {"name": "Optional checks"}
        )
        self.env["metering.checklist.item"].create(
            [
                {"template_id": template.id, "name": "Box clean", "mandatory": False},
                {
                    "template_id": template.id,
                    "name": "Label legible",
                    "mandatory": False,
                },
            ]
        )
        template.action_publish()
        order_type = self.env["fsm.order.type"].create(
            {"name": "Optional checked", "internal_type": "fsm"}
        )
        self.env["metering.checklist.assignment"].create(
            {
                "template_id": template.id,
                "order_type_id": order_type.id,
                "stage_id": self.completed.id,
            }
        )
        checklist = self._order(type=order_type.id).checklist_ids
        self.assertEqual((checklist.score, checklist.result), (0.0, "pending"))
        box = checklist.answer_ids.filtered(lambda a: a.name == "Box clean")
        box.with_user(self.technician).value_pass_fail = "fail"
        self.assertEqual((checklist.score, checklist.result), (0.0, "passed"))
        self.assertEqual(
            self._order().checklist_ids.with_user(self.technician).result, "pending"
        )

    def test_score_and_result_are_earned(self):
        checklist = self._order().checklist_ids
        for user in (self.technician, self.leader, self.manager):
            with self.assertRaises(AccessError):
                checklist.with_user(user).write({"result": "passed"})
        self.assertEqual(checklist.result, "pending")

    def test_completed_checklist_correction_is_logged(self):
        order = self._order()
        self._answer_all(order)
        checklist = order.checklist_ids
        checklist.with_user(self.technician).action_complete()
        self.assertFalse(checklist.with_user(self.technician).can_correct)
        self.assertTrue(checklist.with_user(self.leader).can_correct)
        voltage = self._answers(order)["Phase voltage"]
        with self.assertRaisesRegex(UserError, "only a team leader"):
            voltage.with_user(self.technician).write({"value_number": 250})
        self.assertEqual(voltage.value_number, 230)
        voltage.with_user(self.leader).write({"value_number": 250})
        self.assertEqual(voltage.result, "fail")
        message = checklist.message_ids[0]
        self.assertIn(self.leader.name, message.body)
        self.assertIn("Phase voltage (Passed → Failed)", message.body)
        self.assertEqual(checklist.state, "done")

    def test_whole_checklist_on_one_screen(self):
        """The technician answers every question of a checklist in one list,
        each with the widget of its kind, and saves once."""
        view = self.env.ref("metering_service.metering_checklist_view_form_list")
        arch = (
            self.env["metering.checklist"]
            .with_user(self.technician)
            .get_views([(view.id, "form")])["views"]["form"]["arch"]
        )
        self.assertIn('editable="bottom"', arch)
        for widget in (
            '<field name="value_pass_fail" widget="selection_badge"',
            '<field name="value_yes_no" widget="selection_badge"',
            '<field name="value_number"',
            '<field name="choice_id"',
            '<field name="value_text"',
            '<field name="attachment_ids" widget="many2many_binary"',
            'name="action_open_answer"',
        ):
            self.assertIn(widget, arch)
        order = self._order()
        checklist = order.checklist_ids.with_user(self.technician)
        self.assertEqual(
            checklist.action_answer_in_list()["views"], [(view.id, "form")]
        )
        # the cards, from the list
        cards = self.env.ref("metering_service.metering_checklist_view_form")
        self.assertEqual(
            checklist.action_answer_on_cards()["views"], [(cards.id, "form")]
        )
        with Form(checklist, view=view) as form:
            for index, vals in (
                (0, {"value_pass_fail": "pass"}),
                (1, {"value_number": 230}),
                (2, {"value_yes_no": "yes"}),
            ):
                with form.answer_ids.edit(index) as line:
                    for name, value in vals.items():
                        setattr(line, name, value)
        answers = self._answers(order)
        self.assertEqual(answers["Seals applied"].result, "pass")
        self.assertEqual(answers["Phase voltage"].result, "pass")
        self.assertEqual(answers["CT fitted"].result, "pass")
        self.assertEqual(answers["Phase voltage"].answered_by_id, self.technician)
        # the photo of the CT ratio is now asked for
        self.assertEqual(answers["CT ratio label photographed"].result, "unanswered")
        self.assertEqual((checklist.score, checklist.result), (100.0, "pending"))
