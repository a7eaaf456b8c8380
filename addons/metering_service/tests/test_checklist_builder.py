# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from lxml import etree

from odoo.exceptions import AccessError, ValidationError
from odoo.fields import Command
from odoo.tests import Form

from .test_checklist import ChecklistCommon


class TestChecklistBuilder(ChecklistCommon):
    """The template builder of the center manager: sections as on a
    quotation, conditions that match the kind of the item they are about,
    guarded stages that are stages of the work, the checklists of an order
    type, what a new version takes over, and the pass rates of the analysis."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.new_stage = cls.env.ref("fieldservice.fsm_stage_new")
        cls.draft = cls.env["metering.checklist.template"].create({"name": "Draft"})
        Item = cls.env["metering.checklist.item"]
        cls.pass_fail = Item.create(
            {"template_id": cls.draft.id, "sequence": 1, "name": "Door closed"}
        )
        cls.yes_no = Item.create(
            {
                "template_id": cls.draft.id,
                "sequence": 2,
                "name": "CT fitted",
                "kind": "yes_no_na",
            }
        )
        cls.number = Item.create(
            {
                "template_id": cls.draft.id,
                "sequence": 3,
                "name": "Voltage",
                "kind": "number",
                "has_max": True,
                "max_value": 242,
            }
        )
        cls.choice = Item.create(
            {
                "template_id": cls.draft.id,
                "sequence": 4,
                "name": "Fault cause",
                "kind": "choice",
                "choice_ids": [
                    Command.create({"name": "Communication"}),
                    Command.create({"name": "Burnt", "is_failure": True}),
                ],
            }
        )
        cls.dependent = Item.create(
            {
                "template_id": cls.draft.id,
                "sequence": 10,
                "name": "Photo",
                "kind": "photo",
            }
        )

    def _show_on(self, item, value, choice=False):
        self.dependent.with_user(self.manager).write(
            {
                "condition_item_id": item.id,
                "condition_value": value,
                "condition_choice_id": choice and choice.id,
            }
        )

    # Sections ---------------------------------------------------------------

    def test_sections_as_on_a_quotation(self):
        """The item list adds a line or a section; a section is a heading that
        carries no answer, and no checklist asks it."""
        arch = etree.fromstring(
            self.env["metering.checklist.template"].get_view(
                self.env.ref(
                    "metering_service.metering_checklist_template_view_form"
                ).id
            )["arch"]
        )
        items = arch.xpath("//field[@name='item_ids']")[0]
        self.assertEqual(items.get("widget"), "metering_checklist_items")
        creates = items.xpath(".//control/create")
        self.assertEqual(len(creates), 2)
        self.assertIn("line_section", creates[1].get("context"))
        self.assertEqual(items.xpath("./list")[0].get("editable"), "bottom")
        # a manager adds a section inline, by its heading alone
        template = self.draft.with_user(self.manager)
        template.write(
            {
                "item_ids": [
                    Command.create(
                        {
                            "name": "Wiring",
                            "display_type": "line_section",
                            "sequence": 5,
                        }
                    )
                ]
            }
        )
        self.assertEqual(template.item_count, 5)
        template.action_publish()
        order_type = self.env["fsm.order.type"].create(
            {"name": "Sectioned type", "internal_type": "fsm"}
        )
        self.env["metering.checklist.assignment"].create(
            {"template_id": template.id, "order_type_id": order_type.id}
        )
        order = self._order(type=order_type.id)
        answers = order.checklist_ids.answer_ids.with_user(self.technician)
        self.assertEqual(len(answers), 5)
        self.assertEqual(
            answers.filtered(lambda a: a.name == "Photo").section_name, "Wiring"
        )

    def test_item_details_open_from_its_line(self):
        action = self.number.with_user(self.manager).action_open_item()
        self.assertEqual(
            (action["res_model"], action["res_id"], action["target"]),
            ("metering.checklist.item", self.number.id, "new"),
        )

    # Conditions -------------------------------------------------------------

    def test_condition_values_follow_the_kind(self):
        for item, good, bad in (
            (self.pass_fail, "fail", "yes"),
            (self.yes_no, "na", "pass"),
            (self.number, "fail", "no"),
        ):
            self._show_on(item, good)
            self.assertEqual(self.dependent.condition_value, good)
            with self.assertRaisesRegex(ValidationError, "can only be"):
                self._show_on(item, bad)

    def test_choice_condition_takes_a_choice_of_its_item(self):
        burnt = self.choice.choice_ids.filtered("is_failure")
        self._show_on(self.choice, "choice", burnt)
        self.assertEqual(self.dependent.condition_choice_id, burnt)
        with self.assertRaisesRegex(ValidationError, "can only be"):
            self._show_on(self.choice, "pass")
        other = self.env["metering.checklist.item"].create(
            {
                "template_id": self.draft.id,
                "sequence": 5,
                "name": "Other choice",
                "kind": "choice",
                "choice_ids": [Command.create({"name": "Elsewhere"})],
            }
        )
        with self.assertRaisesRegex(ValidationError, "pick one of the choices"):
            self._show_on(self.choice, "choice", other.choice_ids)

    def test_changing_the_kind_rechecks_its_conditions(self):
        self._show_on(self.pass_fail, "pass")
        with self.assertRaisesRegex(ValidationError, "Photo.*Door closed"):
            self.pass_fail.with_user(self.manager).kind = "yes_no_na"

    def test_condition_form_offers_the_kind_of_the_item(self):
        with Form(self.dependent.with_user(self.manager)) as item:
            item.condition_item_id = self.choice
            self.assertEqual(item.condition_value, "choice")
            self.assertEqual(item.condition_kind, "choice")
            item.condition_choice_id = self.choice.choice_ids[0]
            item.condition_item_id = self.yes_no
            self.assertFalse(item.condition_value)
            self.assertFalse(item.condition_choice_id)
            item.condition_value = "no"
        self.assertEqual(self.dependent.condition_value, "no")

    def test_new_version_keeps_a_choice_condition(self):
        burnt = self.choice.choice_ids.filtered("is_failure")
        self._show_on(self.choice, "choice", burnt)
        self.draft.action_publish()
        action = self.draft.with_user(self.manager).action_new_version()
        copy = self.env["metering.checklist.template"].browse(action["res_id"])
        photo = copy.item_ids.filtered(lambda i: i.name == "Photo")
        self.assertEqual(photo.condition_item_id.template_id, copy)
        self.assertEqual(photo.condition_choice_id.name, "Burnt")
        self.assertEqual(photo.condition_choice_id.item_id, photo.condition_item_id)

    # Guarded stages ---------------------------------------------------------

    def test_guard_stage_is_a_stage_of_the_work(self):
        Assignment = self.env["metering.checklist.assignment"]
        offered = self.env["fsm.stage"].search(Assignment._guard_stage_domain())
        self.assertIn(self.completed, offered)
        self.assertNotIn(self.new_stage, offered)
        self.assertNotIn(self.cancelled, offered)
        location_stage = self.env["fsm.stage"].create(
            {"name": "Surveyed", "stage_type": "location", "sequence": 77}
        )
        self.assertNotIn(location_stage, offered)
        manager_assignment = self.assignment.with_user(self.manager)
        for stage in (self.new_stage, self.cancelled, location_stage):
            with self.assertRaisesRegex(ValidationError, "cannot guard"):
                manager_assignment.stage_id = stage
        # the picker offers the same stages
        domain = Assignment._fields["stage_id"]._description_domain(self.env)
        self.assertEqual(self.env["fsm.stage"].search(domain), offered)

    # The order type's checklists ---------------------------------------------

    def test_order_type_lists_and_adds_its_checklists(self):
        self.assertEqual(self.order_type.checklist_assignment_ids, self.assignment)
        self.assertEqual(self.assignment.template_version, 1)
        self.assertTrue(self.assignment.is_mandatory)
        other = self._template("Box checks")
        other.action_publish()
        self.order_type.with_user(self.manager).write(
            {"checklist_assignment_ids": [Command.create({"template_id": other.id})]}
        )
        added = self.order_type.checklist_assignment_ids - self.assignment
        self.assertEqual(
            (added.template_id, added.target_model, added.is_mandatory),
            (other, "fsm.order", False),
        )
        self.assertEqual(len(self._order().checklist_ids), 2)
        with self.assertRaises(AccessError):
            self.order_type.with_user(self.leader).write(
                {
                    "checklist_assignment_ids": [
                        Command.create({"template_id": other.id})
                    ]
                }
            )

    def test_order_type_form_shows_its_checklists(self):
        arch = self.env["fsm.order.type"].get_view(
            self.env.ref("fieldservice.fsm_order_type_form_view").id
        )["arch"]
        self.assertIn('name="checklist_assignment_ids"', arch)

    # Versions ---------------------------------------------------------------

    def test_new_version_shows_what_it_takes_over(self):
        action = self.template.with_user(self.manager).action_new_version()
        draft = self.env["metering.checklist.template"].browse(action["res_id"])
        self.assertFalse(draft.assignment_ids)
        # new orders still get version 1, required where version 1 is
        self.assertEqual(draft.live_version_id, self.template)
        self.assertEqual(draft.carried_assignment_ids, self.assignment)
        self.assertEqual(self.template.live_version_id, self.template)
        self.assertFalse(self.template.carried_assignment_ids)
        draft.with_user(self.manager).action_publish()
        self.template.invalidate_recordset()
        draft.invalidate_recordset()
        self.assertEqual(draft.assignment_ids, self.assignment)
        self.assertEqual(draft.live_version_id, draft)
        self.assertFalse(draft.carried_assignment_ids)
        # the archived version names its successor
        self.assertEqual(self.template.live_version_id, draft)

    # Analysis ---------------------------------------------------------------

    def test_pass_rates(self):
        first, second = self._order(), self._order()
        self._answer_all(first)
        answers = self._answers(second)
        answers["Seals applied"].with_user(self.technician).write(
            {"value_pass_fail": "fail", "note": "Seal missing"}
        )
        answers["Phase voltage"].with_user(self.technician).value_number = 250
        Answer = self.env["metering.checklist.answer"]
        rates = dict(
            Answer._read_group(
                [
                    ("template_id", "=", self.template.id),
                    ("result", "in", ("pass", "fail")),
                ],
                ["checklist_id"],
                ["pass_rate:avg"],
            )
        )
        # seals and voltage passed, the CT is not fitted: 2 of 3
        self.assertAlmostEqual(rates[first.checklist_ids], 200 / 3)
        self.assertEqual(rates[second.checklist_ids], 0.0)
        by_item = {
            item.name: rate
            for item, rate in Answer._read_group(
                [
                    ("template_id", "=", self.template.id),
                    ("result", "in", ("pass", "fail")),
                ],
                ["item_id"],
                ["pass_rate:avg"],
            )
        }
        self.assertEqual(by_item["Seals applied"], 50.0)
        # a corrected answer takes its new rate
        answers["Phase voltage"].with_user(self.technician).value_number = 230
        self.assertEqual(answers["Phase voltage"].pass_rate, 100.0)

    def test_analysis_measures_the_pass_rate(self):
        arch = self.env["metering.checklist.answer"].get_view(
            self.env.ref("metering_service.metering_checklist_answer_view_pivot").id,
            "pivot",
        )["arch"]
        self.assertIn('name="pass_rate"', arch)
