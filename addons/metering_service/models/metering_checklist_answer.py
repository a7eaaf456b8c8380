# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from .metering_checklist import SCORE_SUMS, score_sums
from .metering_checklist_item import number_passes

VALUE_FIELDS = {
    "value_pass_fail",
    "value_yes_no",
    "value_number",
    "choice_id",
    "value_text",
    "attachment_ids",
    "signature",
}
# Selection answers as they read in a condition.
CONDITION_OF = {"pass": "pass", "fail": "fail", "yes": "yes", "no": "no", "na": "na"}


class MeteringChecklistAnswer(models.Model):
    """The answer to one item of a checklist: who answered, when, and
    whether it passed."""

    _name = "metering.checklist.answer"
    _description = "Checklist Answer"
    _inherit = ["metering.earned.mixin"]
    _order = "checklist_id, sequence, id"

    checklist_id = fields.Many2one(
        "metering.checklist",
        required=True,
        readonly=True,
        ondelete="cascade",
        index=True,
    )
    item_id = fields.Many2one(
        "metering.checklist.item", required=True, readonly=True, ondelete="cascade"
    )
    sequence = fields.Integer(readonly=True)
    name = fields.Char(related="item_id.name")
    section_name = fields.Char(related="item_id.section_name")
    kind = fields.Selection(related="item_id.kind")
    unit = fields.Char(related="item_id.unit")
    help_text = fields.Text(related="item_id.help_text")
    mandatory = fields.Boolean(related="item_id.mandatory")
    critical = fields.Boolean(related="item_id.critical")
    # What the checklist screen shows on the card of the answer.
    has_min = fields.Boolean(related="item_id.has_min")
    has_max = fields.Boolean(related="item_id.has_max")
    min_value = fields.Float(related="item_id.min_value")
    max_value = fields.Float(related="item_id.max_value")
    fail_requires_note = fields.Boolean(related="item_id.fail_requires_note")
    fail_requires_photo = fields.Boolean(related="item_id.fail_requires_photo")
    choice_domain_item_id = fields.Many2one(
        related="item_id", string="Item of the Choice"
    )
    # Denormalised for the analysis: a pivot over a million answers groups on
    # these without joins.
    template_id = fields.Many2one(
        "metering.checklist.template", readonly=True, index=True
    )
    company_id = fields.Many2one("res.company", readonly=True, index=True)
    team_id = fields.Many2one("fsm.team", readonly=True)
    order_type_id = fields.Many2one("fsm.order.type", readonly=True)
    date = fields.Date(readonly=True, default=fields.Date.context_today)
    # Values, one per kind of item
    value_pass_fail = fields.Selection(
        [("pass", "Pass"), ("fail", "Fail")], "Pass / Fail"
    )
    value_yes_no = fields.Selection(
        [("yes", "Yes"), ("no", "No"), ("na", "Not Applicable")], "Yes / No"
    )
    value_number = fields.Float("Number")
    choice_id = fields.Many2one(
        "metering.checklist.choice",
        domain="[('item_id', '=', choice_domain_item_id)]",
    )
    value_text = fields.Text("Text")
    attachment_ids = fields.Many2many("ir.attachment", string="Photos")
    signature = fields.Binary(attachment=True)
    note = fields.Text()
    answered_by_id = fields.Many2one("res.users", "Answered by", readonly=True)
    answered_on = fields.Datetime(readonly=True)
    # Kept by _refresh_results() on every change of an answer's value, for
    # the answer and the answers shown on a condition about it.
    is_applicable = fields.Boolean("Applicable", default=True, readonly=True)
    result = fields.Selection(
        [
            ("unanswered", "Unanswered"),
            ("pass", "Passed"),
            ("fail", "Failed"),
            ("na", "Not Applicable"),
            ("hidden", "Not Shown"),
        ],
        default="unanswered",
        required=True,
        readonly=True,
    )

    # The analysis's rate: 100 for a passed answer, 0 otherwise; averaged
    # over the answered items (the analysis reads passed and failed answers),
    # it is the pass rate of an item, a template, a team or a month.
    pass_rate = fields.Float(
        "Pass Rate (%)", readonly=True, aggregator="avg", digits=(5, 1)
    )

    _analysis_idx = models.Index("(template_id, item_id, result, date)")
    _company_date_idx = models.Index("(company_id, date)")
    # The analysis at a city's scale (bench/checklist_bench.py): the failures
    # are a few percent of the answers, read by their own small index; answers
    # are inserted day after day, so a BRIN index of a few pages narrows a
    # period to its blocks whatever the table's size.
    _failed_idx = models.Index("(item_id, template_id) WHERE result = 'fail'")
    _date_brin_idx = models.Index("USING brin (date)")

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    def _metering_create_values(self, vals_list):
        # The template of an answer made by hand (checklists insert theirs,
        # see metering.checklist.target.mixin): the facts of its item are
        # found by it.
        vals_list = super()._metering_create_values(vals_list)
        missing = [vals for vals in vals_list if not vals.get("template_id")]
        items = (
            self.env["metering.checklist.item"]
            .sudo()
            .browse([vals["item_id"] for vals in missing if vals.get("item_id")])
        )
        template_of = {item.id: item.template_id.id for item in items}
        for vals in missing:
            vals["template_id"] = template_of.get(vals.get("item_id"), False)
        return vals_list

    @api.model_create_multi
    def create(self, vals_list):
        answers = super().create(vals_list)
        # what the checklists add up comes from all their answers
        answers.checklist_id._refresh_score()
        return answers

    def unlink(self):
        # a completed checklist's score and result are the record of its
        # completion: answers deleted later (the retention period of the
        # metering policy) leave them as they are
        checklists = self.checklist_id.filtered(lambda c: c.state != "done")
        res = super().unlink()
        checklists.exists()._refresh_score()
        return res

    def write(self, vals):
        self._check_answering()
        before = {answer: answer.result for answer in self}
        res = super().write(vals)
        if VALUE_FIELDS & set(vals):
            self._earn_answered()
        self._answered(before, self if VALUE_FIELDS & set(vals) else self.browse())
        return res

    def _write_answers(self, values_of):
        """Write {answer: values} of different values at once (a checklist
        saved with all its answers): one check of who answers, each answer's
        values through the ORM's write (the field access and record rules
        of each, from the cache), one re-evaluation of all the answers that
        changed and one update of the score."""
        answers = self.browse([answer.id for answer in values_of])
        answers._check_answering()
        before = {answer: answer.result for answer in answers}
        valued = self.browse()
        for answer, vals in values_of.items():
            super(MeteringChecklistAnswer, answer).write(vals)
            if VALUE_FIELDS & set(vals):
                valued |= answer
        valued._earn_answered()
        answers._answered(before, valued)
        return True

    def _check_answering(self):
        """May the user answer these answers: he may change their targets,
        and a completed checklist is changed by a team leader only."""
        # nothing is read for a user who may not write answers at all
        self.browse().check_access("write")
        self._fetch_with_checklists()
        # the record rules of the answers, from what was just read, before
        # those of their targets
        self.check_access("write")
        checklists = self.checklist_id
        checklists._check_target_access()
        done = checklists.filtered(lambda c: c.state == "done")
        if done and not self.env.user.has_group("metering_service.group_team_leader"):
            raise UserError(
                self.env._(
                    "Checklist %(checklist)s is completed: only a team leader may "
                    "change it.",
                    checklist=done[0].template_id.display_name,
                )
            )

    def _earn_answered(self):
        # who answered, and when, is earned by answering
        return super(MeteringChecklistAnswer, self.sudo()).write(
            {"answered_by_id": self.env.uid, "answered_on": fields.Datetime.now()}
        )

    def _answered(self, before, valued):
        """What follows answers written: the results of those whose value
        changed (`valued`) and of the answers shown on a condition about
        them, the evidence of a failure, the log of a correction of a
        completed checklist and the corrective actions of new failures."""
        if valued:
            valued._refresh_results()
        self._check_failure_evidence()
        done = self.checklist_id.filtered(lambda c: c.state == "done")
        if done:
            # A team leader's correction of a completed checklist is logged:
            # who, which items, and what each result was and became.
            label = dict(self._fields["result"]._description_selection(self.env))
            for checklist in done:
                changed = self.filtered(lambda a, c=checklist: a.checklist_id == c)
                checklist.message_post(
                    body=self.env._(
                        "Changed after completion by %(user)s: %(items)s",
                        user=self.env.user.name,
                        items="; ".join(
                            self.env._(
                                "%(item)s (%(before)s → %(after)s)",
                                item=answer.item_id.name,
                                before=label[before[answer]],
                                after=label[answer.result],
                            )
                            for answer in changed
                        ),
                    )
                )
        newly_failed = self.filtered(
            lambda a: a.result == "fail" and before[a] != "fail"
        )
        newly_failed._schedule_corrective_actions()

    def _fetch_with_checklists(self):
        """Read these answers and their checklists in one query: what
        answering needs of both (the record rules go through the checklist,
        the score is added to it). Values already in cache are kept, as
        the ORM's own fetch does."""
        field_cache = self._fields["checklist_id"]._get_cache(self.env)
        todo = self.browse(i for i in self._ids if i and i not in field_cache)
        if not todo:
            return
        Checklist = self.env["metering.checklist"].sudo()
        Answer = self.sudo()
        query = Answer._search([("id", "in", todo.ids)], active_test=False)
        alias = query.left_join(
            self._table, "checklist_id", Checklist._table, "id", "checklist_id"
        )
        answer_fields = [
            field
            for field in self._fields.values()
            if field.store and field.column_type and field.prefetch is True
        ]
        checklist_fields = [
            field
            for field in Checklist._fields.values()
            if field.store and field.column_type and field.prefetch is True
        ]

        def column(model, table, field):
            sql = model._field_to_sql(table, field.name, query)
            if field.translate:
                return sql
            # as the ORM's fetch: a pending update of the field is in cache
            return SQL(
                sql.code, *sql.params, to_flush=(f for f in sql.to_flush if f != field)
            )

        rows = self.env.execute_query(
            query.select(
                SQL.identifier(self._table, "id"),
                *[column(Answer, self._table, field) for field in answer_fields],
                SQL.identifier(alias, "id"),
                *[column(Checklist, alias, field) for field in checklist_fields],
            )
        )
        if not rows:
            return
        size = len(answer_fields) + 1
        columns = list(zip(*rows, strict=True))
        answers = self.browse(columns[0])
        for field, values in zip(answer_fields, columns[1:size], strict=True):
            field._insert_cache(answers, values)
        checklist_rows = {row[size]: row[size:] for row in rows if row[size]}
        if checklist_rows:
            columns = list(zip(*checklist_rows.values(), strict=True))
            checklists = Checklist.browse(columns[0]).with_env(self.env)
            for field, values in zip(checklist_fields, columns[1:], strict=True):
                field._insert_cache(checklists, values)

    # ------------------------------------------------------------------
    # Results
    # ------------------------------------------------------------------

    def _facts(self):
        """The facts of the item of this answer (ItemFacts), from the
        registry's cache."""
        return self.env["metering.checklist.item"]._facts(
            self.template_id.id, self.item_id.id
        )

    def _refresh_results(self):
        """Re-evaluate these answers (their values changed), then the answers
        shown on a condition about them, level by level as far as a
        visibility changes, and add what changed to the score of their
        checklists.

        The cost follows the answers that depend on the changed ones, not the
        length of the checklist: one query finds the dependents of a level;
        the items' facts come from the registry's cache; the score takes the
        difference of each changed answer (see metering.checklist
        _add_to_score)."""
        deltas = {}
        todo = {answer: answer.is_applicable for answer in self}
        # The answers whose dependents are evaluated next: first these answers
        # (their values changed), then, level after level, those whose
        # visibility changed.
        sources = self
        while todo:
            changes = {}
            moved = self.browse()
            for answer, applicable in todo.items():
                facts = answer._facts()
                result = answer._own_result(facts) if applicable else "hidden"
                if (answer.is_applicable, answer.result) != (applicable, result):
                    changes.setdefault((applicable, result), []).append(answer.id)
                    if answer.is_applicable != applicable:
                        moved |= answer
                    delta = deltas.setdefault(
                        answer.checklist_id.id, [0] * len(SCORE_SUMS)
                    )
                    for i, (new, old) in enumerate(
                        zip(
                            score_sums(result, facts),
                            score_sums(answer.result, facts),
                            strict=True,
                        )
                    ):
                        delta[i] += new - old
            for (applicable, result), ids in changes.items():
                # Earned: past this model's write(), which takes answers from
                # users.
                super(MeteringChecklistAnswer, self.browse(ids).sudo()).write(
                    {
                        "is_applicable": applicable,
                        "result": result,
                        "pass_rate": 100.0 if result == "pass" else 0.0,
                    }
                )
            todo = (sources | moved)._dependents_applicability()
            # Further down, only a change of visibility changes the answers
            # shown on a condition: the sources of the next level are the
            # answers of this one that appeared or disappeared.
            sources = self.browse()
        if deltas:
            self.env["metering.checklist"]._add_to_score(deltas)
        return True

    def _dependents_applicability(self):
        """{answer: applicable} of the answers of the same checklists whose
        item is shown on a condition about the items of these answers."""
        facts_of = {answer: answer._facts() for answer in self}
        sources = self.filtered(lambda a: facts_of[a].dependent_ids)
        if not sources:
            return {}
        # found and read (what a read would fetch of them) in one query
        dependents = self.sudo().search_fetch(
            [
                ("checklist_id", "in", sources.checklist_id.ids),
                (
                    "item_id",
                    "in",
                    list({i for a in sources for i in facts_of[a].dependent_ids}),
                ),
            ],
            [
                name
                for name, field in self._fields.items()
                if field.store and field.column_type and field.prefetch is True
            ],
        )
        source_of = {(a.checklist_id.id, a.item_id.id): a for a in sources}
        todo = {}
        for answer in dependents.with_env(self.env):
            facts = answer._facts()
            source = source_of.get((answer.checklist_id.id, facts.condition_item_id))
            if source is None:
                continue
            applicable = source.is_applicable and (
                source.choice_id.id == facts.condition_choice_id
                if facts.condition_value == "choice"
                else source._answer_key(facts_of[source]) == facts.condition_value
            )
            todo[answer] = applicable
        return todo

    def _answer_key(self, facts):
        """The answer as a condition compares it: pass, fail, yes, no, na."""
        if facts.kind == "yes_no_na":
            return self.value_yes_no
        return self._own_result(facts)

    def _own_result(self, facts):
        kind = facts.kind
        if kind == "pass_fail":
            return self.value_pass_fail or "unanswered"
        if kind == "yes_no_na":
            return {"yes": "pass", "no": "fail", "na": "na"}.get(
                self.value_yes_no, "unanswered"
            )
        if kind == "number":
            if not self.answered_on:
                return "unanswered"
            return "pass" if number_passes(facts, self.value_number) else "fail"
        if kind == "choice":
            if not self.choice_id:
                return "unanswered"
            return "fail" if self.choice_id.id in facts.failure_choice_ids else "pass"
        value = {
            "text": self.value_text,
            "photo": self.attachment_ids,
            "signature": self.signature,
        }[kind]
        return "pass" if value else "unanswered"

    def _check_failure_evidence(self):
        for answer in self.filtered(lambda a: a.result == "fail"):
            facts = answer._facts()
            if facts.fail_requires_note and not (answer.note or "").strip():
                raise ValidationError(
                    self.env._(
                        "%(item)s failed: explain the failure in a note.",
                        item=answer.item_id.name,
                    )
                )
            if facts.fail_requires_photo and not answer.attachment_ids:
                raise ValidationError(
                    self.env._(
                        "%(item)s failed: attach a photo of the failure.",
                        item=answer.item_id.name,
                    )
                )

    def action_open_answer(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    def _schedule_corrective_actions(self):
        """A failure calls for a corrective action by whoever answers for the
        target (the team leader of a work order)."""
        if not self:
            return
        todo = self.env.ref("mail.mail_activity_data_todo")
        for answer in self:
            checklist = answer.checklist_id
            target = checklist._target()
            user = target._checklist_responsible_user()
            if not user:
                continue
            target.sudo().activity_schedule(
                activity_type_id=todo.id,
                summary=self.env._(
                    "Corrective action: %(item)s", item=answer.item_id.name
                ),
                note=self.env._(
                    "%(item)s failed in checklist %(checklist)s. %(note)s",
                    item=answer.item_id.name,
                    checklist=checklist.template_id.display_name,
                    note=answer.note or "",
                ),
                user_id=user.id,
            )
