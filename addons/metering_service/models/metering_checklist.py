# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


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
    score = fields.Float(
        "Score (%)", compute="_compute_score", store=True, aggregator="avg"
    )
    result = fields.Selection(
        [("pending", "Pending"), ("passed", "Passed"), ("failed", "Failed")],
        compute="_compute_score",
        store=True,
        index=True,
    )
    completed_by_id = fields.Many2one("res.users", readonly=True)
    completed_on = fields.Datetime(readonly=True)

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

    @api.depends(
        "answer_ids.result",
        "answer_ids.item_id.weight",
        "answer_ids.item_id.critical",
        "answer_ids.item_id.mandatory",
    )
    def _compute_score(self):
        # The score counts the answered items only: an unanswered checklist
        # shows no score, and its result stays pending (see below).
        for checklist in self:
            counted = checklist.answer_ids.filtered(
                lambda a: a.result in ("pass", "fail")
            )
            total = sum(counted.item_id.mapped("weight"))
            passed = sum(
                counted.filtered(lambda a: a.result == "pass").item_id.mapped("weight")
            )
            checklist.score = 100.0 * passed / total if total else 0.0
            if checklist._blocking_answers().filtered(lambda a: a.result == "fail"):
                checklist.result = "failed"
            elif checklist._blocking_answers() or not checklist.answer_ids.filtered(
                lambda a: a.result in ("pass", "fail", "na")
            ):
                # an unanswered checklist is never shown as passed
                checklist.result = "pending"
            else:
                checklist.result = "passed"

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

    def action_open_target(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
        }
