# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import math
import random
from collections import Counter

from odoo.exceptions import AccessError, ValidationError
from odoo.fields import Command
from odoo.orm.models import UPDATE_BATCH_SIZE
from odoo.service.model import call_kw

from ..models.metering_checklist import SCORE_SUMS
from .test_checklist import ChecklistCommon

# What one answer costs a technician, whatever the checklist's length, from
# a cold cache (the registry's caches warm, as on a running server):
# 1. the answer and its checklist, in one query;
# 2. its order and 3. the order's worker: may he answer? The record rules of
#    the answer and of the order go through them;
# 4. the answer's update (value, who, when, result, pass rate in one);
# 5. the checklist's update: the answer's difference added to the sums its
#    score and result come from (through the ORM's write, so that the
#    checklist's overrides see it).
# The item (kind, range, weight, conditions) comes from the registry's cache.
ANSWER_QUERIES = 5
# And for the items shown on a condition about it: find and read their
# answers, then update them (one query for all that change alike).
DEPENDENTS_QUERIES = 2
# A whole checklist saved at once from its form, whatever its length and the
# number of answers given: the answers and their checklist, the order and its
# worker (as above), the answers shown on a condition about those given; one
# update per kind of answer given (the ORM's flush writes the rows that
# change the same columns in one UPDATE ... FROM VALUES: here numbers and
# pass/fail), one of the answers shown and one of the checklist.
SAVE_QUERIES = 8


class TestChecklistAnswerCost(ChecklistCommon):
    """One answer costs the same number of queries on a checklist of 10 items
    as on one of 200: conditions are re-evaluated only for the items that
    depend on the changed answer, the score in one aggregate query."""

    def _long_order(self, length):
        template = self.env["metering.checklist.template"].create(
            {"name": f"{length} checks"}
        )
        Item = self.env["metering.checklist.item"]
        first = Item.create(
            {"template_id": template.id, "sequence": 1, "name": "Door opened"}
        )
        Item.create(
            [
                {
                    "template_id": template.id,
                    "sequence": 10 + n,
                    "name": f"Check {n}",
                    "kind": "number" if n % 3 else "pass_fail",
                    "has_max": True,
                    "max_value": 10,
                    # every tenth item is shown once the door is open
                    "condition_item_id": first.id if n % 10 == 9 else False,
                    "condition_value": "pass" if n % 10 == 9 else False,
                }
                for n in range(1, length)
            ]
        )
        template.action_publish()
        order_type = self.env["fsm.order.type"].create(
            {"name": f"Type of {length} checks", "internal_type": "fsm"}
        )
        self.env["metering.checklist.assignment"].create(
            {
                "template_id": template.id,
                "order_type_id": order_type.id,
                "stage_id": self.completed.id,
            }
        )
        order = self._order(type=order_type.id)
        answers = order.checklist_ids.answer_ids
        self.assertEqual(len(answers), length)
        return order.checklist_ids, answers

    def _warm_up(self, answer, vals):
        """Answer once from a cold cache: the registry's caches warm, as on a
        running server."""
        self.env.invalidate_all()
        answer.with_user(self.technician).write(vals)
        self.env.flush_all()

    def _write(self, answer, vals):
        answer.with_user(self.technician).write(vals)

    def _write_as_widget(self, answer, vals):
        """The checklist cards' path: the web client's ORM service writes the
        answer through /web/dataset/call_kw (then reloads the checklist)."""
        call_kw(
            self.env[answer._name].with_user(self.technician),
            "write",
            [answer.ids, vals],
            {},
        )

    def _answer_cost(self, length, write=None):
        write = write or self._write
        checklist, answers = self._long_order(length)
        numbers = answers.filtered(lambda a: a.kind == "number")
        # a failure (which calls for a corrective action) first
        self._warm_up(numbers[0], {"value_number": 50})
        self._warm_up(numbers[3], {"value_number": 5})
        costs = []
        for answer, value in ((numbers[1], 4), (numbers[2], 3)):
            self.env.invalidate_all()
            with self.assertQueryCount(ANSWER_QUERIES):
                counter = self.cr.sql_log_count
                write(answer, {"value_number": value})
                self.env.flush_all()
                costs.append(self.cr.sql_log_count - counter)
            # time independent of the length too: no other answer was read
            self.assertEqual(self._answers_in_cache(answers), {answer.id})
        self.assertEqual(numbers[1].result, "pass")
        self.assertEqual(numbers[2].result, "pass")
        # the analysis's rate follows the result
        self.assertEqual(numbers[:4].mapped("pass_rate"), [0.0, 100.0, 100.0, 100.0])
        self.assertAlmostEqual(checklist.score, 75.0)
        self.assertEqual(checklist.result, "pending")
        return costs

    def _answers_in_cache(self, answers):
        cache = answers._fields["value_number"]._get_cache(self.env)
        return {answer_id for answer_id in answers.ids if answer_id in cache}

    def test_one_answer_costs_the_same_on_10_and_200_items(self):
        self.assertEqual(self._answer_cost(10), [ANSWER_QUERIES] * 2)
        self.assertEqual(self._answer_cost(200), [ANSWER_QUERIES] * 2)

    def test_widget_answer_costs_the_same_on_10_and_200_items(self):
        self.assertEqual(
            self._answer_cost(10, self._write_as_widget), [ANSWER_QUERIES] * 2
        )
        self.assertEqual(
            self._answer_cost(200, self._write_as_widget), [ANSWER_QUERIES] * 2
        )

    def test_condition_shows_its_items_only(self):
        checklist, answers = self._long_order(200)
        door = answers.filtered(lambda a: a.name == "Door opened")
        shown = answers.filtered(lambda a: a.item_id.condition_item_id)
        self.assertEqual(set(shown.mapped("result")), {"hidden"})
        self._warm_up(
            answers.filtered(lambda a: a.kind == "number")[0], {"value_number": 5}
        )
        self.env.invalidate_all()
        # and for the 20 items it shows: find and read them, update them
        with self.assertQueryCount(ANSWER_QUERIES + DEPENDENTS_QUERIES):
            door.with_user(self.technician).write({"value_pass_fail": "pass"})
        self.assertEqual(set(shown.mapped("result")), {"unanswered"})
        self.assertEqual(set(shown.mapped("is_applicable")), {True})
        door.with_user(self.technician).write(
            {"value_pass_fail": "fail", "note": "Door jammed"}
        )
        self.assertEqual(set(shown.mapped("result")), {"hidden"})
        self.assertEqual(checklist.result, "pending")

    def test_score_and_result_follow_the_answers(self):
        """The aggregate gives what the answers say: pending until every
        mandatory item shown is answered, failed on a critical failure."""
        order = self._order()
        checklist = order.checklist_ids
        self.assertEqual((checklist.score, checklist.result), (0.0, "pending"))
        answers = self._answers(order)
        answers["Phase voltage"].with_user(self.technician).value_number = 250
        self.assertEqual((checklist.score, checklist.result), (0.0, "pending"))
        self._answer_all(order)
        # the CT is not fitted ("no" fails, not critical): 3 of 4 passed
        self.assertEqual((checklist.score, checklist.result), (75.0, "passed"))
        self.assertEqual(order.checklist_result, "passed")
        answers["Seals applied"].with_user(self.technician).write(
            {"value_pass_fail": "fail", "note": "Seal missing"}
        )
        # the critical seals failed: 2 (voltage) of 4 passed
        self.assertAlmostEqual(checklist.score, 50.0)
        self.assertEqual(checklist.result, "failed")
        self.assertEqual(order.checklist_result, "failed")

    # ------------------------------------------------------------------
    # A whole checklist saved at once
    # ------------------------------------------------------------------

    def _whole_checklist_values(self, answers):
        """Every answer shown and still to give, as a technician gives them
        on one screen."""
        values = {}
        for answer in answers.filtered(
            lambda a: a.is_applicable and a.result == "unanswered"
        ):
            values[answer] = (
                {"value_number": 5}
                if answer.kind == "number"
                else {"value_pass_fail": "pass"}
            )
        return values

    def _save_cost(self, length):
        checklist, answers = self._long_order(length)
        self._warm_up(
            answers.filtered(lambda a: a.kind == "number")[0], {"value_number": 5}
        )
        # and the checklist's save (its record rules)
        checklist.with_user(self.technician).write(
            {"answer_ids": [Command.update(answers[1].id, {"note": "Checked"})]}
        )
        values = self._whole_checklist_values(answers)
        # the ORM's flush updates at most UPDATE_BATCH_SIZE rows per query
        expected = SAVE_QUERIES + sum(
            math.ceil(count / UPDATE_BATCH_SIZE) - 1
            for count in Counter(answer.kind for answer in values).values()
        )
        self.env.invalidate_all()
        # the checklist form's save: one write of the checklist, one update
        # command per answer changed
        with self.assertQueryCount(expected):
            counter = self.cr.sql_log_count
            call_kw(
                self.env["metering.checklist"].with_user(self.technician),
                "write",
                [
                    checklist.ids,
                    {
                        "answer_ids": [
                            Command.update(answer.id, vals)
                            for answer, vals in values.items()
                        ]
                    },
                ],
                {},
            )
            self.env.flush_all()
            self.assertEqual(self.cr.sql_log_count - counter, expected)
        shown = answers.filtered(lambda a: a.item_id.condition_item_id)
        self.assertEqual(set(shown.mapped("result")), {"unanswered"})
        self.assertEqual(
            set((answers - shown).mapped("result")), {"pass"}, "all passed"
        )
        self.assertEqual(
            set((answers - shown).mapped("answered_by_id")), {self.technician}
        )
        self.assertEqual((checklist.score, checklist.result), (100.0, "pending"))
        self._assert_sums_are_recomputed(checklist)
        return len(values)

    def test_saving_a_whole_checklist_costs_the_same_on_10_and_200_items(self):
        """Saved at once from its form, a checklist of 200 answers costs the
        queries of one of 10: one check, one re-evaluation of the items shown
        on a condition, one update of the answers and one of the score."""
        self.assertEqual(self._save_cost(10), 8)
        self.assertEqual(self._save_cost(200), 179)

    def test_saving_at_once_checks_every_answer(self):
        order = self._order()
        checklist = order.checklist_ids
        answers = self._answers(order)
        # a failure without its note: nothing is written
        with self.assertRaises(ValidationError):
            checklist.with_user(self.technician).write(
                {
                    "answer_ids": [
                        Command.update(
                            answers["Phase voltage"].id, {"value_number": 230}
                        ),
                        Command.update(
                            answers["Seals applied"].id, {"value_pass_fail": "fail"}
                        ),
                    ]
                }
            )
        # an earned field of an answer is refused as in a write of the answer
        with self.assertRaises(AccessError):
            checklist.with_user(self.technician).write(
                {
                    "answer_ids": [
                        Command.update(answers["Phase voltage"].id, {"result": "pass"})
                    ]
                }
            )
        # another technician's checklist is not his to answer
        other = self._order(person_id=False).checklist_ids
        with self.assertRaises(AccessError):
            other.with_user(self.technician).write(
                {
                    "answer_ids": [
                        Command.update(
                            other.answer_ids[0].id, {"value_pass_fail": "pass"}
                        )
                    ]
                }
            )

    # ------------------------------------------------------------------
    # The sums kept answer by answer are those of all the answers
    # ------------------------------------------------------------------

    def _assert_sums_are_recomputed(self, checklist):
        names = (*SCORE_SUMS, "score", "result")
        kept = {name: checklist[name] for name in names}
        checklist._refresh_score()
        checklist.invalidate_recordset()
        for name in names:
            if isinstance(kept[name], float):
                self.assertAlmostEqual(kept[name], checklist[name], places=6, msg=name)
            else:
                self.assertEqual(kept[name], checklist[name], name)

    def _expected_results(self, checklist):
        """{answer: result} of a checklist evaluated from scratch, item
        after item, as a reader of the template would."""
        answers = checklist.answer_ids.sorted(
            lambda a: (a.item_id.sequence, a.item_id.id)
        )
        of_item = {answer.item_id: answer for answer in answers}

        def own(answer):
            item = answer.item_id
            if item.kind == "pass_fail":
                return answer.value_pass_fail or "unanswered"
            if item.kind == "yes_no_na":
                return {"yes": "pass", "no": "fail", "na": "na"}.get(
                    answer.value_yes_no, "unanswered"
                )
            if item.kind == "number":
                if not answer.answered_on:
                    return "unanswered"
                return "pass" if item._number_passes(answer.value_number) else "fail"
            if item.kind == "choice":
                if not answer.choice_id:
                    return "unanswered"
                return "fail" if answer.choice_id.is_failure else "pass"
            return "pass" if answer.value_text else "unanswered"

        expected = {}
        for answer in answers:
            item = answer.item_id
            applicable = True
            if item.condition_item_id:
                source = of_item[item.condition_item_id]
                if item.condition_value == "choice":
                    matches = source.choice_id == item.condition_choice_id
                elif source.item_id.kind == "yes_no_na":
                    matches = source.value_yes_no == item.condition_value
                else:
                    matches = own(source) == item.condition_value
                applicable = expected[source] != "hidden" and matches
            expected[answer] = own(answer) if applicable else "hidden"
        return expected

    def test_sums_follow_any_sequence_of_answers(self):
        """Answer after answer, at random, conditions showing and hiding
        items (two levels deep), weights that are not whole numbers: the sums,
        score and result kept from each answer's difference are those of a
        full recompute, and every answer's result is the one a full
        evaluation gives."""
        Item = self.env["metering.checklist.item"]
        template = self.env["metering.checklist.template"].create(
            {"name": "Random checks"}
        )

        def item(sequence, name, **vals):
            return Item.create(
                {"template_id": template.id, "sequence": sequence, "name": name, **vals}
            )

        door = item(1, "Door", weight=0.1)
        volts = item(
            2,
            "Volts",
            kind="number",
            has_min=True,
            min_value=198,
            has_max=True,
            max_value=242,
            weight=2.5,
            critical=True,
            condition_item_id=door.id,
            condition_value="pass",
        )
        item(
            3,
            "Neutral",
            weight=0.7,
            critical=True,
            condition_item_id=volts.id,
            condition_value="pass",
        )
        ct = item(4, "CT", kind="yes_no_na", weight=0.2)
        item(
            5,
            "CT ratio",
            kind="text",
            weight=0.3,
            condition_item_id=ct.id,
            condition_value="yes",
        )
        site = item(
            6,
            "Site",
            kind="choice",
            weight=1.3,
            mandatory=False,
            choice_ids=[
                Command.create({"name": "Dry"}),
                Command.create({"name": "Wet", "is_failure": True}),
            ],
        )
        wet = site.choice_ids.filtered("is_failure")
        item(
            7,
            "Drying done",
            weight=0.4,
            condition_item_id=site.id,
            condition_value="choice",
            condition_choice_id=wet.id,
        )
        item(
            8,
            "Jammed door",
            mandatory=False,
            condition_item_id=door.id,
            condition_value="fail",
        )
        template.action_publish()
        order_type = self.env["fsm.order.type"].create(
            {"name": "Randomly checked", "internal_type": "fsm"}
        )
        self.env["metering.checklist.assignment"].create(
            {
                "template_id": template.id,
                "order_type_id": order_type.id,
                "stage_id": self.completed.id,
            }
        )
        checklist = self._order(type=order_type.id).checklist_ids
        answers = checklist.answer_ids
        values = {
            "pass_fail": [{"value_pass_fail": v} for v in ("pass", "fail", False)],
            "yes_no_na": [{"value_yes_no": v} for v in ("yes", "no", "na", False)],
            "number": [{"value_number": v} for v in (230, 250, 150, 199.5)],
            "choice": [{"choice_id": c.id} for c in site.choice_ids]
            + [{"choice_id": False}],
            "text": [{"value_text": v} for v in ("100/5", False)],
        }
        rng = random.Random(12)
        for step in range(120):
            answer = rng.choice(answers)
            vals = rng.choice(values[answer.kind])
            if rng.random() < 0.2:
                # now and then, several answers saved at once
                others = answers - answer
                batch = {answer: vals}
                for other in rng.sample(list(others), 3):
                    batch[other] = rng.choice(values[other.kind])
                checklist.with_user(self.technician).write(
                    {"answer_ids": [Command.update(a.id, v) for a, v in batch.items()]}
                )
            else:
                answer.with_user(self.technician).write(vals)
            expected = self._expected_results(checklist)
            self.assertEqual(
                {a.name: a.result for a in answers},
                {a.name: result for a, result in expected.items()},
                f"step {step}",
            )
            self._assert_sums_are_recomputed(checklist)
