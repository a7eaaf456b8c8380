# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL

# The analysis's keys: what a pivot of the answers groups on.
KEYS = ("company_id", "template_id", "item_id", "team_id", "order_type_id", "result")


class MeteringChecklistAnswerMonth(models.Model):
    """The answers of one closed month, counted by template, item, team,
    order type and result: what the analysis reads of the past months
    (metering.checklist.answer.report), so that its pivots cost the same at
    ten million answers as at ten thousand.

    A system record: its rows are written only by the summarising job
    (`_cron_summarise`, as superuser, in set-based SQL: it is this table's
    only write path) and read by team leaders and the center manager.

    A closed month is summarised the night after it closes, whether or not
    any answer of it is ever deleted; a month whose answers changed since
    (a late answer of a checklist begun the month before, a team leader's
    correction) is summarised again, its rows replaced: summarising a month
    twice counts nothing twice. Once the retention period of the company's
    metering policy has passed, the answers of completed checklists are
    deleted, counted first in `archived_count`: the month's rows then count
    the deleted answers and those left, and summarising it again keeps both.
    """

    _name = "metering.checklist.answer.month"
    _description = "Checklist Answers per Month"
    _inherit = ["metering.earned.mixin"]
    _order = "month desc, template_id, item_id"
    _rec_name = "month"

    month = fields.Date(required=True, readonly=True, help="First day of the month.")
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, ondelete="cascade"
    )
    # Templates and items are archived, never deleted while they have
    # checklists: their summary goes with them only with the addon.
    template_id = fields.Many2one(
        "metering.checklist.template", readonly=True, ondelete="cascade"
    )
    item_id = fields.Many2one(
        "metering.checklist.item", readonly=True, ondelete="cascade"
    )
    team_id = fields.Many2one("fsm.team", readonly=True, ondelete="set null")
    order_type_id = fields.Many2one(
        "fsm.order.type", readonly=True, ondelete="set null"
    )
    result = fields.Selection(
        lambda self: (
            self.env["metering.checklist.answer"]
            ._fields["result"]
            ._description_selection(self.env)
        ),
        required=True,
        readonly=True,
    )
    answer_count = fields.Integer(
        "Number of Answers",
        readonly=True,
        help="Every answer of the month with these keys.",
    )
    archived_count = fields.Integer(
        "Deleted Answers",
        readonly=True,
        help="Of these answers, those deleted under the retention period of the "
        "metering policy: counted here, no longer kept one by one.",
    )

    # One row per month and keys (a team or an order type may be empty):
    # what the summarising upserts on.
    _keys_uniq = models.UniqueIndex(
        "(month, company_id, template_id, item_id, team_id, order_type_id, result) "
        "NULLS NOT DISTINCT"
    )

    # ------------------------------------------------------------------------
    # The view's boundary
    # ------------------------------------------------------------------------

    @api.model
    def _boundary_sql(self):
        """SQL of the first month not summarised yet: the analysis reads the
        summary before it and the answers from it on."""
        return SQL(
            "(SELECT COALESCE((MAX(month) + INTERVAL '1 month')::date, "
            "'-infinity'::date) FROM metering_checklist_answer_month)"
        )

    # ------------------------------------------------------------------------
    # Summarising
    # ------------------------------------------------------------------------

    @api.model
    def _month_start(self, day):
        return day.replace(day=1)

    @api.model
    def _stale_months(self, before):
        """The months before `before` whose rows do not count their answers
        as they are now: never summarised, or answers added, changed or
        deleted since. One pass over the answers and one over the summary."""
        self.env["metering.checklist.answer"].flush_model()
        self.flush_model()
        live = dict(
            (month, (count, changed))
            for month, count, changed in self.env.execute_query(
                SQL(
                    """
                    SELECT date_trunc('month', date)::date, COUNT(*), MAX(write_date)
                      FROM metering_checklist_answer
                     WHERE date < %s
                     GROUP BY 1
                    """,
                    before,
                )
            )
        )
        summary = dict(
            (month, (count, summarised))
            for month, count, summarised in self.env.execute_query(
                SQL(
                    """
                    SELECT month, SUM(answer_count - archived_count), MAX(write_date)
                      FROM metering_checklist_answer_month
                     WHERE month < %s
                     GROUP BY month
                    """,
                    before,
                )
            )
        )
        # an answer written in the very transaction that summarised its month
        # (same timestamp) counts as changed: summarised again, harmlessly
        stale = []
        for month in sorted(set(live) | set(summary)):
            count, changed = live.get(month, (0, None))
            kept, summarised = summary.get(month, (0, None))
            if count != kept or (
                changed and summarised and changed >= summarised and count
            ):
                stale.append(month)
        return stale

    @api.model
    def _summarise_month(self, month):
        """Count the answers of a month into its rows, replacing what they
        counted of the answers kept (the deleted ones stay counted): three
        statements, in the caller's transaction."""
        self.env["metering.checklist.answer"].flush_model()
        self.flush_model()
        end = month + relativedelta(months=1)
        keys = SQL(", ").join(SQL.identifier(key) for key in KEYS)
        cr = self.env.cr
        # what the rows count of the answers kept goes; the deleted stay
        cr.execute(
            SQL(
                """
                UPDATE metering_checklist_answer_month
                   SET answer_count = archived_count,
                       write_uid = %(uid)s, write_date = NOW() AT TIME ZONE 'UTC'
                 WHERE month = %(month)s
                """,
                uid=self.env.uid,
                month=month,
            )
        )
        cr.execute(
            SQL(
                """
                INSERT INTO metering_checklist_answer_month AS summary
                    (month, %(keys)s, answer_count, archived_count,
                     create_uid, create_date, write_uid, write_date)
                SELECT %(month)s, %(keys)s, COUNT(*), 0,
                       %(uid)s, NOW() AT TIME ZONE 'UTC',
                       %(uid)s, NOW() AT TIME ZONE 'UTC'
                  FROM metering_checklist_answer
                 WHERE date >= %(month)s AND date < %(end)s
                 GROUP BY %(keys)s
                    ON CONFLICT (month, %(keys)s)
                    DO UPDATE SET answer_count =
                        summary.answer_count + EXCLUDED.answer_count
                """,
                keys=keys,
                month=month,
                end=end,
                uid=self.env.uid,
            )
        )
        cr.execute(
            SQL(
                "DELETE FROM metering_checklist_answer_month "
                "WHERE month = %s AND answer_count = 0",
                month,
            )
        )
        self.invalidate_model()

    @api.model
    def _summarise_date_index(self):
        """Have the BRIN index of the answers' date summarise the blocks
        filled since its last summary. A block range that it has not
        summarised yet matches any date: the current month's answers, which
        the analysis reads from the answers themselves, are read from their
        own blocks only once their ranges are summarised (autovacuum does it
        too, when it gets to the table)."""
        index = "metering_checklist_answer_date_brin_idx"
        self.env.cr.execute(
            SQL(
                "SELECT brin_summarize_new_values(%s::regclass) "
                "WHERE to_regclass(%s) IS NOT NULL",
                index,
                index,
            )
        )

    @api.model
    def _summarise(self, today=None, commit=False):
        """Summarise every closed month that needs it, the oldest first, one
        month per transaction when `commit` (the cron): a run stopped by its
        time limit or a crash leaves whole months summarised, and the next
        goes on with the others. Returns whether every month is done."""
        today = today or fields.Date.context_today(self)
        self.env["metering.checklist.answer"].flush_model()
        self._summarise_date_index()
        months = self._stale_months(self._month_start(today))
        Cron = self.env["ir.cron"]
        if commit:
            Cron._commit_progress(remaining=len(months))
        for month in months:
            self._summarise_month(month)
            if commit and not Cron._commit_progress(1):
                return False
        return True

    # ------------------------------------------------------------------------
    # Retention
    # ------------------------------------------------------------------------

    @api.model
    def _expired_answers_sql(self, company, cutoff, limit=None):
        """SQL of the ids of the company's answers that the retention deletes:
        answers of completed checklists dated before `cutoff`, in months
        already summarised (never an answer the summary does not count)."""
        return SQL(
            """
            SELECT answer.id
              FROM metering_checklist_answer answer
              JOIN metering_checklist checklist ON checklist.id = answer.checklist_id
             WHERE checklist.state = 'done'
               AND answer.company_id = %(company)s
               AND answer.date < LEAST(%(cutoff)s, %(boundary)s)
             ORDER BY answer.id
             %(limit)s
            """,
            company=company.id,
            cutoff=cutoff,
            boundary=self._boundary_sql(),
            limit=SQL("LIMIT %s", limit) if limit else SQL(),
        )

    @api.model
    def _retention_cutoffs(self, today):
        """{company: first day kept} of the companies whose policy deletes
        old answers (a retention of 0 years keeps everything)."""
        cutoffs = {}
        for company in self.env["res.company"].search([]):
            years = (
                self.env["metering.policy"]
                ._for_company(company)
                .checklist_retention_years
            )
            if years > 0:
                cutoffs[company] = self._month_start(today) - relativedelta(years=years)
        return cutoffs

    @api.model
    def _delete_expired(self, today=None, commit=False):
        """Delete, in batches, the answers that the companies' retention
        periods let go, each batch counted first into the rows of its months
        (`archived_count`) in the same transaction. Returns whether every
        company is done."""
        today = today or fields.Date.context_today(self)
        cutoffs = self._retention_cutoffs(today)
        if not cutoffs:
            return True
        Answer = self.env["metering.checklist.answer"].sudo()
        Cron = self.env["ir.cron"]
        Answer.flush_model()
        if commit:
            remaining = sum(
                self.env.execute_query(
                    SQL(
                        "SELECT COUNT(*) FROM (%s) expired",
                        self._expired_answers_sql(company, cutoff),
                    )
                )[0][0]
                for company, cutoff in cutoffs.items()
            )
            Cron._commit_progress(remaining=remaining)
        keys = SQL(", ").join(SQL.identifier(key) for key in KEYS)
        for company, cutoff in cutoffs.items():
            while True:
                ids = [
                    row[0]
                    for row in self.env.execute_query(
                        self._expired_answers_sql(company, cutoff, self.DELETE_BATCH)
                    )
                ]
                if not ids:
                    break
                self.env.cr.execute(
                    SQL(
                        """
                        INSERT INTO metering_checklist_answer_month AS summary
                            (month, %(keys)s, answer_count, archived_count,
                             create_uid, create_date, write_uid, write_date)
                        SELECT date_trunc('month', date)::date, %(keys)s,
                               COUNT(*), COUNT(*),
                               %(uid)s, NOW() AT TIME ZONE 'UTC',
                               %(uid)s, NOW() AT TIME ZONE 'UTC'
                          FROM metering_checklist_answer
                         WHERE id = ANY(%(ids)s)
                         GROUP BY 1, %(keys)s
                            ON CONFLICT (month, %(keys)s)
                            DO UPDATE SET archived_count =
                                summary.archived_count + EXCLUDED.archived_count
                        """,
                        keys=keys,
                        ids=ids,
                        uid=self.env.uid,
                    )
                )
                # the ORM's unlink: the photos and signatures go with them
                Answer.browse(ids).unlink()
                self.invalidate_model()
                if commit:
                    time_left = Cron._commit_progress(len(ids))
                    self.env.invalidate_all()
                    if not time_left:
                        return False
        return True

    # Answers deleted per transaction.
    DELETE_BATCH = 10_000

    @api.model
    def _cron_summarise(self):
        """Nightly: summarise the months closed or changed since the last run,
        then delete the answers whose retention period has passed. Batches
        commit as they go in a cron's own transaction; a run stopped by its
        time limit (or a crash) is taken up by the next."""
        commit = bool(self.env.context.get("cron_id"))
        Summary = self.sudo()
        if Summary._summarise(commit=commit):
            Summary._delete_expired(commit=commit)
