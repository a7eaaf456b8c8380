# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import SQL

from .metering_checklist_answer_month import KEYS


class MeteringChecklistAnswerReport(models.Model):
    """The checklist analysis: the answers counted by month, template, item,
    team, order type and result, read from the monthly summary for the
    months it holds and from the answers themselves for the months after
    (the current one), grouped the same way.

    A pivot over it reads the summary's rows of the past and the current
    month's answers, which the BRIN index of the answers' date narrows to
    their blocks: its cost does not grow with the years of answers kept."""

    _name = "metering.checklist.answer.report"
    _description = "Checklist Analysis"
    _inherit = ["metering.earned.mixin"]
    _auto = False
    _order = "month desc"
    _rec_name = "month"

    month = fields.Date(readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    template_id = fields.Many2one("metering.checklist.template", readonly=True)
    item_id = fields.Many2one("metering.checklist.item", readonly=True)
    team_id = fields.Many2one("fsm.team", readonly=True)
    order_type_id = fields.Many2one("fsm.order.type", readonly=True)
    result = fields.Selection(
        lambda self: (
            self.env["metering.checklist.answer"]
            ._fields["result"]
            ._description_selection(self.env)
        ),
        readonly=True,
    )
    answer_count = fields.Integer("Number of Answers", readonly=True)
    passed_count = fields.Integer("Passed", readonly=True)
    answered_count = fields.Integer(
        "Answered", readonly=True, help="Passed or failed answers."
    )
    # Weighted by the answers: see _read_group_select.
    pass_rate = fields.Float(
        "Pass Rate (%)", readonly=True, aggregator="avg", digits=(5, 1)
    )
    is_summary = fields.Boolean(
        "From the Monthly Summary",
        readonly=True,
        help="Counted by the monthly summary (a closed month), not read from the "
        "answers themselves.",
    )

    @property
    def _table_query(self):
        keys = SQL(", ").join(SQL.identifier(key) for key in KEYS)
        passed = SQL("CASE WHEN result = 'pass' THEN 1 ELSE 0 END")
        answered = SQL("CASE WHEN result IN ('pass', 'fail') THEN 1 ELSE 0 END")
        # ids: even for the summary's rows, odd for the answers' groups
        return SQL(
            """
            SELECT 2 * id AS id, month, %(keys)s, answer_count,
                   answer_count * %(passed)s AS passed_count,
                   answer_count * %(answered)s AS answered_count,
                   100.0 * %(passed)s AS pass_rate,
                   TRUE AS is_summary
              FROM metering_checklist_answer_month
            UNION ALL
            SELECT 2 * MIN(id) + 1, date_trunc('month', date)::date, %(keys)s,
                   COUNT(*), COUNT(*) * %(passed)s, COUNT(*) * %(answered)s,
                   100.0 * %(passed)s, FALSE
              FROM metering_checklist_answer
             WHERE date >= %(boundary)s
             GROUP BY date_trunc('month', date), %(keys)s
            """,
            keys=keys,
            passed=passed,
            answered=answered,
            boundary=self.env["metering.checklist.answer.month"]._boundary_sql(),
        )

    def _read_group_select(self, aggregate_spec, query):
        """The pass rate of a group is that of its answers (passed / passed
        or failed), not the mean of its rows' rates."""
        if aggregate_spec != "pass_rate:avg":
            return super()._read_group_select(aggregate_spec, query)
        return SQL(
            "100.0 * SUM(%(passed)s) / NULLIF(SUM(%(answered)s), 0)",
            passed=self._field_to_sql(self._table, "passed_count", query),
            answered=self._field_to_sql(self._table, "answered_count", query),
        )
