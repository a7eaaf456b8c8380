# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command

from .common import MeteringCommon


class ChecklistCommon(MeteringCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.completed = cls.env.ref("fieldservice.fsm_stage_completed")
        cls.cancelled = cls.env.ref("fieldservice.fsm_stage_cancelled")
        cls.order_type = cls.env["fsm.order.type"].create(
            {"name": "Checked installation", "internal_type": "fsm"}
        )
        cls.team = cls.env["fsm.team"].create(
            {"name": "Checked team", "leader_user_id": cls.leader.id}
        )
        cls.location = cls._create_location("Checked metering point")
        cls.template = cls._template()
        cls.template.action_publish()
        cls.assignment = cls.env["metering.checklist.assignment"].create(
            {
                "template_id": cls.template.id,
                "order_type_id": cls.order_type.id,
                "stage_id": cls.completed.id,
            }
        )

    @classmethod
    def _template(cls, name="Installation checks"):
        Item = cls.env["metering.checklist.item"]
        template = cls.env["metering.checklist.template"].create({"name": name})
        section = Item.create(
            {
                "template_id": template.id,
                "sequence": 1,
                "display_type": "line_section",
                "name": "Seals",
            }
        )
        seals = Item.create(
            {
                "template_id": template.id,
                "sequence": 2,
                "name": "Seals applied",
                "kind": "pass_fail",
                "critical": True,
                "fail_requires_note": True,
            }
        )
        voltage = Item.create(
            {
                "template_id": template.id,
                "sequence": 3,
                "name": "Phase voltage",
                "kind": "number",
                "unit": "V",
                "has_min": True,
                "min_value": 198,
                "has_max": True,
                "max_value": 242,
                "weight": 2,
            }
        )
        ct = Item.create(
            {
                "template_id": template.id,
                "sequence": 4,
                "name": "CT fitted",
                "kind": "yes_no_na",
            }
        )
        ct_ratio = Item.create(
            {
                "template_id": template.id,
                "sequence": 5,
                "name": "CT ratio label photographed",
                "kind": "photo",
                "condition_item_id": ct.id,
                "condition_value": "yes",
            }
        )
        cls.items = {
            "section": section,
            "seals": seals,
            "voltage": voltage,
            "ct": ct,
            "ct_ratio": ct_ratio,
        }
        return template

    def _order(self, **vals):
        return self.env["fsm.order"].create(
            {
                "type": self.order_type.id,
                "location_id": self.location.id,
                "team_id": self.team.id,
                "person_id": self.technician_person.id,
                **vals,
            }
        )

    def _answers(self, order):
        return {a.item_id.name: a for a in order.checklist_ids.answer_ids}

    def _answer_all(self, order, user=None):
        answers = self._answers(order)
        env_user = user or self.technician
        answers["Seals applied"].with_user(env_user).value_pass_fail = "pass"
        answers["Phase voltage"].with_user(env_user).value_number = 230
        answers["CT fitted"].with_user(env_user).value_yes_no = "no"


class TestChecklistTemplates(ChecklistCommon):
    def test_published_template_is_frozen(self):
        with self.assertRaisesRegex(UserError, "new version"):
            self.template.write({"name": "Renamed in place"})
        with self.assertRaisesRegex(UserError, "new version"):
            self.items["seals"].write({"critical": False})
        with self.assertRaisesRegex(UserError, "new version"):
            self.env["metering.checklist.item"].create(
                {"template_id": self.template.id, "name": "Sneaked in"}
            )
        with self.assertRaisesRegex(UserError, "new version"):
            self.items["voltage"].unlink()

    def test_new_version_and_started_checklists(self):
        started = self._order()
        self.assertEqual(started.checklist_ids.template_id, self.template)
        action = self.template.action_new_version()
        draft = self.env["metering.checklist.template"].browse(action["res_id"])
        self.assertEqual((draft.version, draft.state), (2, "draft"))
        self.assertEqual(draft.previous_version_id, self.template)
        # conditions follow the copied items
        ct_ratio = draft.item_ids.filtered(
            lambda i: i.name == "CT ratio label photographed"
        )
        self.assertEqual(ct_ratio.condition_item_id.template_id, draft)
        draft.item_ids.filtered(lambda i: i.name == "Seals applied").critical = False
        draft.action_publish()
        self.assertEqual(self.template.state, "archived")
        self.assertEqual(self.assignment.template_id, draft)
        self.assertEqual(started.checklist_ids.template_id, self.template)
        self.assertEqual(self._order().checklist_ids.template_id, draft)

    def test_conditions_only_on_earlier_items(self):
        template = self.env["metering.checklist.template"].create({"name": "Draft"})
        first = self.env["metering.checklist.item"].create(
            {"template_id": template.id, "sequence": 1, "name": "First"}
        )
        later = self.env["metering.checklist.item"].create(
            {"template_id": template.id, "sequence": 2, "name": "Later"}
        )
        with self.assertRaisesRegex(ValidationError, "earlier item"):
            first.write({"condition_item_id": later.id, "condition_value": "pass"})

    def test_templates_are_the_managers(self):
        with self.assertRaises(AccessError):
            self.env["metering.checklist.template"].with_user(self.leader).create(
                {"name": "Leader's own"}
            )
        with self.assertRaises(AccessError):
            self.assignment.with_user(self.leader).write({"stage_id": False})
        template = (
            self.env["metering.checklist.template"]
            .with_user(self.manager)
            .create({"name": "Manager's own"})
        )
        self.assertEqual(template.state, "draft")


class TestChecklists(ChecklistCommon):
    def test_created_with_the_order_and_its_type(self):
        order = self._order()
        self.assertEqual(len(order.checklist_ids), 1)
        self.assertEqual(len(order.checklist_ids.answer_ids), 4)
        self.assertEqual(order.checklist_ids.team_id, self.team)
        untyped = self._order(type=False)
        self.assertFalse(untyped.checklist_ids)
        untyped.type = self.order_type
        self.assertEqual(untyped.checklist_ids.template_id, self.template)

    def test_tolerance_condition_and_score(self):
        order = self._order()
        checklist = order.checklist_ids
        answers = self._answers(order)
        self.assertEqual(answers["CT ratio label photographed"].result, "hidden")
        answers["Phase voltage"].with_user(self.technician).value_number = 250
        self.assertEqual(answers["Phase voltage"].result, "fail")
        answers["Phase voltage"].with_user(self.technician).value_number = 231
        self.assertEqual(answers["Phase voltage"].result, "pass")
        answers["CT fitted"].with_user(self.technician).value_yes_no = "yes"
        self.assertEqual(answers["CT ratio label photographed"].result, "unanswered")
        # the score counts the answered items: voltage 2 + ct 1, all passed;
        # the unanswered seals keep the result pending
        self.assertAlmostEqual(checklist.score, 100.0)
        self.assertEqual(checklist.result, "pending")
        answers["CT fitted"].with_user(self.technician).value_yes_no = "na"
        self.assertEqual(answers["CT ratio label photographed"].result, "hidden")
        answers["Seals applied"].with_user(self.technician).value_pass_fail = "pass"
        # na and hidden items are left out: 3 / 3
        self.assertAlmostEqual(checklist.score, 100.0)
        self.assertEqual(checklist.result, "passed")

    def test_need_to_know(self):
        """A technician reads the checklists of the orders he works, not the
        others of the company; a clerk neither; a team leader all."""
        order = self._order()
        checklist = order.checklist_ids
        other = self._create_user(
            "technician-b", "metering_service.group_field_technician"
        )
        Checklist = self.env["metering.checklist"]
        Answer = self.env["metering.checklist.answer"]
        for user, visible in (
            (self.technician, True),
            (other, False),
            (self.clerk, False),
            (self.leader, True),
        ):
            self.assertEqual(
                bool(Checklist.with_user(user).search([("id", "=", checklist.id)])),
                visible,
                user.login,
            )
            self.assertEqual(
                bool(
                    Answer.with_user(user).search([("checklist_id", "=", checklist.id)])
                ),
                visible,
                user.login,
            )
        with self.assertRaises(AccessError):
            checklist.with_user(other).read(["score"])

    def test_unanswered_checklist_is_pending(self):
        checklist = self._order().checklist_ids
        self.assertEqual(checklist.result, "pending")
        self.assertEqual(checklist.score, 0.0)

    def test_sectioned_checklist_opens_for_the_technician(self):
        """Reading a published template's section names wrote its items and
        was refused: a sectioned checklist could not be opened."""
        order = self._order()
        answers = order.checklist_ids.answer_ids.with_user(self.technician)
        answers.invalidate_recordset()
        self.assertIn("Seals", answers.mapped("section_name"))
        order.checklist_ids.with_user(self.technician).web_read(
            {"answer_ids": {"fields": {"section_name": {}, "name": {}, "result": {}}}}
        )

    def test_published_template_never_returns_to_draft(self):
        template = self._template("Frozen checks")
        template.action_publish()
        manager_template = template.with_user(self.manager)
        with self.assertRaisesRegex(AccessError, "recorded by its own action"):
            manager_template.write({"state": "draft"})
        with self.assertRaisesRegex(UserError, "new version"):
            manager_template.item_ids[:1].write({"name": "Changed in place"})
        manager_template.action_archive_template()
        self.assertEqual(template.state, "archived")
        action = manager_template.action_new_version()
        draft = self.env["metering.checklist.template"].browse(action["res_id"])
        self.assertEqual(
            (draft.state, draft.version, draft.previous_version_id),
            ("draft", template.version + 1, template),
        )

    def test_failure_needs_a_note_and_calls_for_corrective_action(self):
        order = self._order()
        seals = self._answers(order)["Seals applied"].with_user(self.technician)
        # rolled back as the refused request would be
        with self.assertRaisesRegex(ValidationError, "note"), self.cr.savepoint():
            seals.write({"value_pass_fail": "fail"})
        self.env.invalidate_all()
        seals.write({"value_pass_fail": "fail", "note": "Seal pliers broken"})
        self.assertEqual(order.checklist_ids.result, "failed")
        activity = order.activity_ids.filtered(lambda a: "Seals applied" in a.summary)
        self.assertEqual(activity.user_id, self.leader)
        self.assertEqual(seals.answered_by_id, self.technician)

    def test_photo_answer(self):
        order = self._order()
        answers = self._answers(order)
        answers["CT fitted"].with_user(self.technician).value_yes_no = "yes"
        photo = (
            self.env["ir.attachment"]
            .with_user(self.technician)
            .create({"name": "ratio.png", "datas": base64.b64encode(b"png")})
        )
        answers["CT ratio label photographed"].with_user(self.technician).write(
            {"attachment_ids": [Command.link(photo.id)]}
        )
        self.assertEqual(answers["CT ratio label photographed"].result, "pass")

    def test_only_the_assigned_technician_answers(self):
        order = self._order(person_id=False)
        with self.assertRaises(AccessError):
            self._answers(order)["Seals applied"].with_user(
                self.technician
            ).value_pass_fail = "pass"
        with self.assertRaises(AccessError):
            order.checklist_ids.with_user(self.technician).write({"state": "done"})
        with self.assertRaises(AccessError):
            self.env["metering.checklist.answer"].with_user(self.technician).create(
                {
                    "checklist_id": order.checklist_ids.id,
                    "item_id": self.items["seals"].id,
                }
            )

    def test_completed_checklist_is_read_only_but_for_leaders(self):
        order = self._order()
        self._answer_all(order)
        order.checklist_ids.with_user(self.technician).action_complete()
        self.assertEqual(order.checklist_ids.state, "done")
        voltage = self._answers(order)["Phase voltage"]
        with self.assertRaisesRegex(UserError, "only a team leader"):
            voltage.with_user(self.technician).value_number = 229
        voltage.with_user(self.leader).value_number = 229
        self.assertIn("Phase voltage", order.checklist_ids.message_ids[0].body)

    def test_other_company_checklists_stay_hidden(self):
        order = self._order()
        foreign = self._create_user(
            "leader", "metering_service.group_team_leader", self.other_company
        )
        with self.assertRaises(AccessError):
            order.checklist_ids.with_user(foreign).read(["score"])


class TestChecklistGate(ChecklistCommon):
    def test_guarded_stage_refused_until_complete(self):
        order = self._order()
        with self.assertRaises(ValidationError) as refused:
            order.with_user(self.technician).action_complete()
        message = str(refused.exception)
        self.assertIn("Installation checks", message)
        self.assertIn("Seals applied (unanswered)", message)
        self.assertNotIn("CT ratio", message)
        # a crafted RPC write that skips Field Service's own completion check
        with self.assertRaises(ValidationError):
            order.with_user(self.technician).with_context(
                bypass_order_completed_stage=True
            ).write({"stage_id": self.completed.id})
        self._answer_all(order)
        order.with_user(self.technician).action_complete()
        self.assertEqual(order.stage_id, self.completed)
        self.assertEqual(order.checklist_ids.state, "done")

    def test_critical_failure_blocks(self):
        order = self._order()
        self._answer_all(order)
        self._answers(order)["Seals applied"].with_user(self.technician).write(
            {"value_pass_fail": "fail", "note": "Seal missing"}
        )
        with self.assertRaisesRegex(ValidationError, r"Seals applied \(failed\)"):
            order.with_user(self.leader).action_complete()

    def test_cancelling_is_not_guarded(self):
        order = self._order()
        order.with_user(self.leader).action_cancel()
        self.assertEqual(order.stage_id, self.cancelled)

    def test_create_in_the_guarded_stage_refused(self):
        with self.assertRaisesRegex(ValidationError, "Seals applied"):
            self._order(stage_id=self.completed.id)

    def test_import_refused(self):
        result = (
            self.env["fsm.order"]
            .with_user(self.leader)
            .load(
                ["type/id", "location_id/id", "stage_id/id"],
                [
                    [
                        self._xmlid(self.order_type),
                        self._xmlid(self.location),
                        "fieldservice.fsm_stage_completed",
                    ]
                ],
            )
        )
        self.assertFalse(result["ids"])
        self.assertIn("Seals applied", str(result["messages"]))

    def _xmlid(self, record):
        name = f"test_checklist_{record._table}_{record.id}"
        self.env["ir.model.data"].create(
            {
                "module": "__test__",
                "name": name,
                "model": record._name,
                "res_id": record.id,
            }
        )
        return f"__test__.{name}"


class TestSelfChecks(ChecklistCommon):
    def test_daily_self_check_once_a_day_each(self):
        template = self.env.ref("metering_service.checklist_template_clerk_preshift")
        self.assertEqual(template.state, "published")
        clerk_employee = self.env["hr.employee"].create(
            {"name": "Counter clerk", "user_id": self.clerk.id}
        )
        leader_employee = self.env["hr.employee"].create(
            {"name": "Team leader", "user_id": self.leader.id}
        )
        SelfCheck = self.env["metering.self.check"]
        created = SelfCheck._cron_create_daily()
        mine = created.filtered(lambda c: c.employee_id == clerk_employee)
        # a team leader's role includes the clerk's, but not his self-check
        self.assertNotIn(leader_employee, created.employee_id)
        self.assertEqual(
            mine.template_id,
            template
            | self.env.ref("metering_service.checklist_template_clerk_equipment"),
        )
        self.assertFalse(SelfCheck._cron_create_daily())
        preshift = mine.filtered(lambda c: c.template_id == template)
        answer = preshift.checklist_ids.answer_ids[:1]
        answer.with_user(self.clerk).value_pass_fail = "pass"
        self.assertEqual(answer.answered_by_id, self.clerk)
        # the technician sees only his own self-checks
        self.assertFalse(
            SelfCheck.with_user(self.technician).search([("id", "in", mine.ids)])
        )
        with self.assertRaises(AccessError):
            answer.with_user(self.technician).value_pass_fail = "fail"
