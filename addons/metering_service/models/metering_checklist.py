# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tools import SQL

# The sums over its answers that a checklist's score and result come from.
SCORE_SUMS = (
    "answered_weight",
    "passed_weight",
    "answered_count",
    "due_count",
    "critical_failure_count",
)
# Sums of weights are kept to this many decimals: added and taken away answer
# after answer, they come back to exactly zero.
WEIGHT_DIGITS = 6


def score_sums(result, facts):
    """What an answer of this result adds to the sums of its checklist
    (SCORE_SUMS), given the facts of its item (ItemFacts)."""
    answered = result in ("pass", "fail")
    return (
        facts.weight if answered else 0.0,
        facts.weight if result == "pass" else 0.0,
        1 if answered or result == "na" else 0,
        1 if result == "unanswered" and facts.mandatory else 0,
        1 if result == "fail" and facts.critical else 0,
    )


def score_values(sums):
    """The sums, score and result of a checklist from its sums: the score
    counts the answered items only (passed weight / answered weight); the
    result is failed when a critical item failed, pending while a mandatory
    item shown is unanswered or nothing is answered (an unanswered checklist is
    never shown as passed), passed otherwise."""
    answered_weight, passed_weight, answered_count, due, critical = sums
    answered_weight = round(answered_weight, WEIGHT_DIGITS)
    passed_weight = round(passed_weight, WEIGHT_DIGITS)
    if critical:
        result = "failed"
    elif due or not answered_count:
        result = "pending"
    else:
        result = "passed"
    return {
        "answered_weight": answered_weight,
        "passed_weight": passed_weight,
        "answered_count": answered_count,
        "due_count": due,
        "critical_failure_count": critical,
        "score": 100.0 * passed_weight / answered_weight if answered_weight else 0.0,
        "result": result,
    }


class MeteringChecklist(models.Model):
    """A template filled for one target record (a work order, a daily
    self-check), in the version it started with."""

    _name = "metering.checklist"
    _description = "Checklist"
    _inherit = ["mail.thread", "metering.earned.mixin"]
    _order = "id desc"

    name = fields.Char(related="template_id.name")
    # Templates with checklists are archived, never deleted (but with the
    # addon that delivered them).
    template_id = fields.Many2one(
        "metering.checklist.template",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    assignment_id = fields.Many2one(
        "metering.checklist.assignment", readonly=True, ondelete="set null"
    )
    guard_stage_id = fields.Many2one(
        related="assignment_id.stage_id", store=True, index="btree_not_null"
    )
    res_model = fields.Char("Target Model", required=True, readonly=True, index=True)
    res_id = fields.Many2oneReference(
        "Target", model_field="res_model", required=True, readonly=True, index=True
    )
    # The target as the record rules need it: who may read a checklist
    # follows who works its order or owns its self-check.
    order_id = fields.Many2one(
        "fsm.order", compute="_compute_rule_targets", store=True, index="btree_not_null"
    )
    self_check_user_id = fields.Many2one(
        "res.users",
        compute="_compute_rule_targets",
        store=True,
        index="btree_not_null",
    )
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, default=lambda s: s.env.company
    )
    team_id = fields.Many2one("fsm.team", readonly=True, index="btree_not_null")
    order_type_id = fields.Many2one(
        "fsm.order.type", readonly=True, index="btree_not_null"
    )
    state = fields.Selection(
        [("in_progress", "In Progress"), ("done", "Completed")],
        default="in_progress",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    answer_ids = fields.One2many("metering.checklist.answer", "checklist_id", "Answers")
    # What the score and the result come from (see score_values), kept by each
    # change of an answer: the difference between what the answer was and what
    # it became is added (_add_to_score), so that one answer costs the same
    # whatever the checklist's length. _refresh_score() recomputes them from
    # all the answers.
    answered_weight = fields.Float(readonly=True)
    passed_weight = fields.Float(readonly=True)
    answered_count = fields.Integer("Items Answered", readonly=True)
    due_count = fields.Integer("Mandatory Items Due", readonly=True)
    critical_failure_count = fields.Integer("Critical Failures", readonly=True)
    score = fields.Float("Score (%)", readonly=True, aggregator="avg")
    result = fields.Selection(
        [("pending", "Pending"), ("passed", "Passed"), ("failed", "Failed")],
        default="pending",
        required=True,
        readonly=True,
        index=True,
    )
    completed_by_id = fields.Many2one("res.users", readonly=True)
    completed_on = fields.Datetime(readonly=True)
    # A completed checklist stays open to a team leader's logged correction.
    can_correct = fields.Boolean(compute="_compute_can_correct")

    @api.depends("res_model", "res_id")
    def _compute_rule_targets(self):
        self_checks = (
            self.env["metering.self.check"]
            .sudo()
            .browse([c.res_id for c in self if c.res_model == "metering.self.check"])
        )
        users = {check.id: check.user_id for check in self_checks}
        for checklist in self:
            is_order = checklist.res_model == "fsm.order"
            checklist.order_id = checklist.res_id if is_order else False
            checklist.self_check_user_id = (
                users.get(checklist.res_id, False)
                if checklist.res_model == "metering.self.check"
                else False
            )

    @api.depends_context("uid")
    def _compute_can_correct(self):
        self.can_correct = self.env.user.has_group("metering_service.group_team_leader")

    def write(self, vals):
        # The answers of a checklist saved at once (its form's editable list
        # sends one update per answer): checked, written and re-evaluated
        # together, not one answer after the other.
        commands = vals.get("answer_ids")
        if not commands or not all(
            isinstance(command, (list, tuple)) and command[0] == Command.UPDATE
            for command in commands
        ):
            return super().write(vals)
        Answer = self.env["metering.checklist.answer"]
        values_of = {
            Answer.browse(command[1]): command[2] for command in commands if command[2]
        }
        # the answers and their checklists read together, before the
        # checklists' own write looks at them (for a user who may write some)
        self.browse().check_access("write")
        Answer.browse([answer.id for answer in values_of])._fetch_with_checklists()
        others = {k: v for k, v in vals.items() if k != "answer_ids"}
        if others:
            super().write(others)
        else:
            # nothing of the checklist itself is written: what the ORM checks
            # before writing its lines
            self.check_access("write")
        Answer._write_answers(values_of)
        return True

    def _refresh_score(self):
        """Recompute the sums, score and result of these checklists from all
        their answers, in one aggregate query whatever their length (answers
        made by hand; answering adds its difference, see _add_to_score)."""
        if not self:
            return True
        self.env["metering.checklist.answer"].flush_model(
            ["checklist_id", "item_id", "result"]
        )
        self.env["metering.checklist.item"].flush_model(
            ["weight", "critical", "mandatory"]
        )
        rows = self.env.execute_query(
            SQL(
                """
                SELECT answer.checklist_id,
                       COALESCE(SUM(item.weight) FILTER (
                           WHERE answer.result IN ('pass', 'fail')), 0),
                       COALESCE(SUM(item.weight) FILTER (
                           WHERE answer.result = 'pass'), 0),
                       COUNT(*) FILTER (
                           WHERE answer.result IN ('pass', 'fail', 'na')),
                       COUNT(*) FILTER (
                           WHERE answer.result = 'unanswered' AND item.mandatory),
                       COUNT(*) FILTER (
                           WHERE answer.result = 'fail' AND item.critical)
                  FROM metering_checklist_answer answer
                  JOIN metering_checklist_item item ON item.id = answer.item_id
                 WHERE answer.checklist_id = ANY(%s)
                 GROUP BY answer.checklist_id
                """,
                self.ids,
            )
        )
        sums = {row[0]: row[1:] for row in rows}
        self._write_score(
            {
                checklist: score_values(sums.get(checklist.id, (0.0, 0.0, 0, 0, 0)))
                for checklist in self
            }
        )
        return True

    def _add_to_score(self, deltas):
        """Add to the sums of these checklists what their answers' changes
        made of them: {checklist id: the difference of each sum}."""
        self._write_score(
            {
                checklist: score_values(
                    [
                        checklist[name] + delta
                        for name, delta in zip(
                            SCORE_SUMS, deltas[checklist.id], strict=True
                        )
                    ]
                )
                for checklist in self.browse(list(deltas))
            }
        )

    def _write_score(self, values_of):
        """Store {checklist: values of score_values()} where they changed."""
        changes = {}
        for checklist, values in values_of.items():
            if any(checklist[name] != value for name, value in values.items()):
                key = tuple(sorted(values.items()))
                changes.setdefault(key, []).append(checklist.id)
        for values, ids in changes.items():
            # Earned: computed here, never written by a user.
            self.browse(ids).sudo().with_context(tracking_disable=True).write(
                dict(values)
            )

    def _blocking_answers(self):
        """Mandatory items unanswered and critical items failed."""
        return self.answer_ids.filtered(
            lambda a: (
                (a.result == "unanswered" and a.item_id.mandatory)
                or (a.result == "fail" and a.item_id.critical)
            )
        )

    def _target(self):
        self.ensure_one()
        return self.env[self.res_model].browse(self.res_id)

    def _check_target_access(self):
        by_model = {}
        for checklist in self:
            by_model.setdefault(checklist.res_model, []).append(checklist.res_id)
        for model, ids in by_model.items():
            self.env[model].browse(ids)._checklist_check_answer_access()

    def _blocking_message(self):
        lines = []
        for checklist in self:
            blocking = checklist._blocking_answers()
            if blocking:
                lines.append(
                    self.env._(
                        "%(checklist)s: %(items)s",
                        checklist=checklist.template_id.display_name,
                        items="; ".join(
                            self.env._("%(item)s (failed)", item=a.item_id.name)
                            if a.result == "fail"
                            else self.env._(
                                "%(item)s (unanswered)", item=a.item_id.name
                            )
                            for a in blocking
                        ),
                    )
                )
        return "\n".join(lines)

    def action_complete(self):
        self._check_target_access()
        message = self._blocking_message()
        if message:
            raise UserError(
                self.env._(
                    "The checklist is not complete:\n%(details)s", details=message
                )
            )
        self.filtered(lambda c: c.state != "done").sudo().write(
            {
                "state": "done",
                "completed_by_id": self.env.user.id,
                "completed_on": fields.Datetime.now(),
            }
        )
        return True

    def action_open(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
        }

    def action_answer_in_list(self):
        """The checklist's questions in an editable list, saved once."""
        return self._action_open_in(
            "metering_service.metering_checklist_view_form_list"
        )

    def action_answer_on_cards(self):
        """Back to the cards, one answer saved at a time."""
        return self._action_open_in("metering_service.metering_checklist_view_form")

    def _action_open_in(self, view_xmlid):
        action = self.action_open()
        action["views"] = [(self.env.ref(view_xmlid).id, "form")]
        return action

    def action_open_target(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
        }
