# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import SQL


class MeteringChecklistTargetMixin(models.AbstractModel):
    """A record that carries compliance checklists. Its model lists the
    assignments that apply to a record (`_checklist_assignments`) and says who
    answers for its failures (`_checklist_responsible_user`); the mixin
    creates the checklists in batch and reports what blocks a guarded step."""

    _name = "metering.checklist.target.mixin"
    _description = "Checklist Target"

    checklist_ids = fields.One2many(
        "metering.checklist",
        "res_id",
        "Checklists",
        domain=lambda self: [("res_model", "=", self._name)],
    )
    checklist_result = fields.Selection(
        [("pending", "Pending"), ("passed", "Passed"), ("failed", "Failed")],
        compute="_compute_checklist_result",
    )

    @api.depends("checklist_ids.result")
    def _compute_checklist_result(self):
        for record in self:
            results = set(record.checklist_ids.mapped("result"))
            record.checklist_result = (
                "failed"
                if "failed" in results
                else "pending"
                if "pending" in results
                else "passed"
                if results
                else False
            )

    def _checklist_assignments(self):
        """{record: assignments} of the templates this record must carry."""
        return {}

    def _checklist_values(self, assignment):
        """Extra values of the checklist of this record for an assignment."""
        return {}

    def _checklist_responsible_user(self):
        return self.env["res.users"]

    def _checklist_check_answer_access(self):
        """Who may answer the checklists of these records: by default, whoever
        may change them."""
        self.check_access("write")

    def _checklist_sync(self):
        """Create the checklists of the assignments that apply and that the
        record does not carry yet: one create for the checklists, one for all
        their answers, whatever the number of records and items."""
        existing = {
            (c.res_id, c.assignment_id.id)
            for c in self.env["metering.checklist"]
            .sudo()
            .search([("res_model", "=", self._name), ("res_id", "in", self.ids)])
        }
        checklist_vals = []
        for record, assignments in self._checklist_assignments().items():
            for assignment in assignments:
                if (record.id, assignment.id) in existing:
                    continue
                checklist_vals.append(
                    {
                        "res_model": self._name,
                        "res_id": record.id,
                        "template_id": assignment.template_id.id,
                        "assignment_id": assignment.id,
                        "company_id": (
                            record.company_id.id
                            if "company_id" in record._fields and record.company_id
                            else self.env.company.id
                        ),
                        **record._checklist_values(assignment),
                        # What its answers, all unanswered, come to.
                        **assignment.template_id._initial_checklist_values(),
                    }
                )
        if not checklist_vals:
            return self.env["metering.checklist"]
        Checklist = (
            self.env["metering.checklist"]
            .sudo()
            .with_context(
                tracking_disable=True,
                mail_create_nolog=True,
                mail_create_nosubscribe=True,
            )
        )
        checklists = Checklist.create(checklist_vals)
        self._checklist_insert_answers(checklists)
        return checklists

    def _checklist_insert_answers(self, checklists):
        """Insert the answer rows of new checklists, one per item of their
        template.

        An answer starts as a plain row (no computed, tracked or translated
        field, nothing to notify), so one INSERT ... SELECT writes them all:
        a batch of orders costs the same number of queries whatever the
        number of items (see bench/checklist_bench.py), where the ORM's create
        would spend most of its time per row."""
        Answer = self.env["metering.checklist.answer"]
        checklists.flush_recordset()
        Answer.flush_model()
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO metering_checklist_answer
                    (checklist_id, item_id, sequence, template_id, company_id,
                     team_id, order_type_id, date, is_applicable, result,
                     create_uid, write_uid, create_date, write_date)
                SELECT checklist.id, item.id, item.sequence, checklist.template_id,
                       checklist.company_id, checklist.team_id,
                       checklist.order_type_id, %(today)s,
                       -- an item shown on a condition waits for its earlier answer
                       item.condition_item_id IS NULL,
                       CASE WHEN item.condition_item_id IS NULL
                            THEN 'unanswered' ELSE 'hidden' END,
                       %(uid)s, %(uid)s, %(now)s, %(now)s
                  FROM metering_checklist checklist
                  JOIN metering_checklist_item item
                    ON item.template_id = checklist.template_id
                   AND item.display_type IS NULL
                 WHERE checklist.id = ANY(%(ids)s)
                """,
                today=fields.Date.context_today(self),
                uid=self.env.uid,
                now=self.env.cr.now(),
                ids=checklists.ids,
            )
        )
        Answer.invalidate_model()
        checklists.invalidate_recordset(["answer_ids"])
