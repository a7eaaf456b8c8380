# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.service.model import call_kw

from .test_checklist import ChecklistCommon

# What one answer costs a technician, whatever the checklist's length, from
# a cold cache: the answer, its checklist, its order and the order's worker
# (may he answer? the record rules of the answer and of the order go through
# them), the item (its kind and range); the answer's update (value, who,
# result, pass rate in one), the score's aggregate and the checklist's update
# (through the ORM's write, so that the checklist's overrides see it).
ANSWER_QUERIES = 8


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
                    "condition_item_id": first.id if n % 10 == 0 else False,
                    "condition_value": "pass" if n % 10 == 0 else False,
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
            counter = self.cr.sql_log_count
            with self.assertQueryCount(ANSWER_QUERIES):
                write(answer, {"value_number": value})
            costs.append(self.cr.sql_log_count - counter)
        self.assertEqual(numbers[1].result, "pass")
        self.assertEqual(numbers[2].result, "pass")
        # the analysis's rate follows the result
        self.assertEqual(numbers[:4].mapped("pass_rate"), [0.0, 100.0, 100.0, 100.0])
        self.assertAlmostEqual(checklist.score, 75.0)
        self.assertEqual(checklist.result, "pending")
        return costs

    def test_one_answer_costs_the_same_on_10_and_200_items(self):
        self.assertEqual(self._answer_cost(10), self._answer_cost(200))

    def test_widget_answer_costs_the_same_on_10_and_200_items(self):
        self.assertEqual(
            self._answer_cost(10, self._write_as_widget),
            self._answer_cost(200, self._write_as_widget),
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
        # and for the 20 items it shows: find and read them (one query), read
        # their items, update them
        with self.assertQueryCount(ANSWER_QUERIES + 3):
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
