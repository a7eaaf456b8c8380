# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import SQL, mute_logger

from ..models.metering_checklist_answer_month import KEYS
from .test_checklist import ChecklistCommon


class AnalysisCommon(ChecklistCommon):
    """Checklists answered over three months: two closed (one of them two
    years back), and the current one."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Summary = cls.env["metering.checklist.answer.month"]
        cls.Report = cls.env["metering.checklist.answer.report"]
        cls.this_month = fields.Date.today().replace(day=1)
        cls.last_month = cls.this_month - relativedelta(months=1)
        cls.old_month = cls.this_month - relativedelta(years=2)

    def _dated_order(self, day, result="pass", complete=True):
        """An order whose checklist was answered on `day` (its answers dated
        then), completed unless told or failed (a failed seal blocks it)."""
        order = self._order()
        answers = self._answers(order)
        answers["Seals applied"].with_user(self.technician).write(
            {"value_pass_fail": result, "note": "Seal broken"}
        )
        answers["Phase voltage"].with_user(self.technician).value_number = 230
        answers["CT fitted"].with_user(self.technician).value_yes_no = "no"
        checklist = order.checklist_ids
        if complete and result == "pass":
            checklist.with_user(self.technician).action_complete()
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "UPDATE metering_checklist_answer SET date = %s "
                "WHERE checklist_id = %s",
                day,
                checklist.id,
            )
        )
        self.env.invalidate_all()
        return order

    def _answers_grouped(self, where=None):
        """{(month, keys): count} of the answers, grouped directly."""
        where = where or SQL("TRUE")
        self.env.flush_all()
        keys = SQL(", ").join(SQL.identifier(key) for key in KEYS)
        return {
            tuple(row[:-1]): row[-1]
            for row in self.env.execute_query(
                SQL(
                    "SELECT date_trunc('month', date)::date, %s, COUNT(*) "
                    "FROM metering_checklist_answer WHERE %s GROUP BY 1, %s",
                    keys,
                    where,
                    keys,
                )
            )
        }

    def _summary(self):
        """{(month, keys): (answers, deleted)} of the summary's rows."""
        self.env.flush_all()
        keys = SQL(", ").join(SQL.identifier(key) for key in KEYS)
        return {
            tuple(row[:-2]): tuple(row[-2:])
            for row in self.env.execute_query(
                SQL(
                    "SELECT month, %s, answer_count, archived_count "
                    "FROM metering_checklist_answer_month",
                    keys,
                )
            )
        }

    def _report(self, user=None):
        """{(month, keys): answers} of the analysis report."""
        Report = self.Report.with_user(user) if user else self.Report
        return {
            (month, *(getattr(value, "id", value) or None for value in keys)): count
            for month, *keys, count in Report._read_group(
                [], ["month:day", *KEYS], ["answer_count:sum"]
            )
        }


class TestChecklistAnalysis(AnalysisCommon):
    """The monthly summary counts the answers of the closed months as a
    direct GROUP BY does, twice as once; the analysis report is the summary
    and the answers after it; the retention deletes only the summarised
    answers of completed checklists past the policy's years."""

    def setUp(self):
        super().setUp()
        self.old = self._dated_order(self.old_month + relativedelta(days=3))
        self.old_open = self._dated_order(
            self.old_month + relativedelta(days=4), complete=False
        )
        self.last = self._dated_order(self.last_month + relativedelta(days=5), "fail")
        self.current = self._dated_order(self.this_month)

    def test_summary_equals_a_group_by(self):
        self.assertTrue(self.Summary._summarise())
        closed = SQL("date < %s", self.this_month)
        expected = {
            key: (count, 0) for key, count in self._answers_grouped(closed).items()
        }
        self.assertEqual(self._summary(), expected)
        self.assertEqual(
            {key[0] for key in expected}, {self.old_month, self.last_month}
        )
        # the current month is not closed: never in the summary
        self.assertFalse(self.Summary.search([("month", "=", self.this_month)]))

    def test_summarising_twice_counts_once(self):
        self.Summary._summarise()
        first = self._summary()
        self.Summary._summarise()
        self.Summary._summarise_month(self.last_month)
        self.Summary._summarise_month(self.last_month)
        self.assertEqual(self._summary(), first)

    def test_a_changed_month_is_summarised_again(self):
        self.Summary._summarise()
        # a late answer of last month's checklist
        seals = self._answers(self.last)["Seals applied"]
        seals.with_user(self.technician).value_pass_fail = "pass"
        self.assertIn(self.last_month, self.Summary._stale_months(self.this_month))
        self.Summary._summarise()
        closed = SQL("date < %s", self.this_month)
        expected = {
            key: (count, 0) for key, count in self._answers_grouped(closed).items()
        }
        self.assertEqual(self._summary(), expected)

    def test_report_is_the_summary_and_the_answers_after_it(self):
        # nothing summarised yet: the report groups the answers themselves
        everything = self._answers_grouped()
        self.assertEqual(self._report(), everything)
        self.assertFalse(self.Report.search([("is_summary", "=", True)]))
        self.Summary._summarise()
        # the same counts, the closed months from the summary
        self.assertEqual(self._report(), everything)
        rows = self.Report.search([])
        self.assertEqual(
            set(rows.filtered("is_summary").mapped("month")),
            {self.old_month, self.last_month},
        )
        self.assertEqual(
            set(rows.filtered(lambda r: not r.is_summary).mapped("month")),
            {self.this_month},
        )
        # an answer of the current month counts at once
        self._dated_order(self.this_month)
        self.assertEqual(self._report(), self._answers_grouped())

    def test_pass_rate_is_that_of_the_answers(self):
        self.Summary._summarise()
        domain = [("result", "in", ("pass", "fail"))]
        expected = dict(
            self.env["metering.checklist.answer"]._read_group(
                domain, ["item_id"], ["pass_rate:avg"]
            )
        )
        rates = dict(self.Report._read_group(domain, ["item_id"], ["pass_rate:avg"]))
        self.assertEqual(rates.keys(), expected.keys())
        for item, rate in expected.items():
            self.assertAlmostEqual(rates[item], rate)
        # seals: passed in three checklists of four
        self.assertAlmostEqual(rates[self.items["seals"]], 75.0)

    def test_retention_keeps_everything_by_default(self):
        policy = self.env["metering.policy"]._for_company(self.company)
        self.assertEqual(policy.checklist_retention_years, 0)
        count = self.env["metering.checklist.answer"].search_count([])
        self.Summary._cron_summarise()
        self.assertEqual(self.env["metering.checklist.answer"].search_count([]), count)

    def test_retention_deletes_old_answers_of_completed_checklists(self):
        policy = self.env["metering.policy"]._for_company(self.company)
        policy.with_user(self.manager).checklist_retention_years = 1
        Answer = self.env["metering.checklist.answer"]
        old_answers = self.old.checklist_ids.answer_ids
        kept = Answer.search([]) - old_answers
        report = self._report()
        score = (self.old.checklist_ids.score, self.old.checklist_ids.result)
        # never before the answers are summarised
        self.Summary._delete_expired()
        self.assertTrue(old_answers.exists())

        self.Summary._cron_summarise()
        self.assertFalse(old_answers.exists())
        # the open checklist's answers, and the recent ones, stay
        self.assertEqual(Answer.search([]), kept)
        self.assertTrue(self.old_open.checklist_ids.answer_ids)
        # the checklist keeps its score and result
        self.assertEqual(
            (self.old.checklist_ids.score, self.old.checklist_ids.result), score
        )
        # the summary counts them still, as deleted
        deleted = sum(archived for __, archived in self._summary().values())
        self.assertEqual(deleted, len(old_answers))
        self.assertEqual(self._report(), report)
        # and keeps counting them when their month is summarised again
        self.Summary._summarise_month(self.old_month)
        self.assertEqual(self._report(), report)
        self.Summary._summarise()
        self.assertEqual(self._report(), report)

    def test_cron_resumes_where_it_stopped(self):
        """Each month commits with the cron's progress; a run whose time is up
        leaves whole months summarised, and the next goes on."""
        calls = []

        def time_up_after_one(cron, processed=0, *, remaining=None, **kw):
            calls.append((processed, remaining))
            return 0 if processed else 60.0

        IrCron = self.registry["ir.cron"]
        Summary = self.Summary.with_context(cron_id=1)
        with patch.object(IrCron, "_commit_progress", time_up_after_one):
            Summary._cron_summarise()
        self.assertEqual(calls, [(0, 2), (1, None)])
        self.assertEqual(set(self.Summary.search([]).mapped("month")), {self.old_month})
        with patch.object(IrCron, "_commit_progress", lambda *a, **kw: 60.0):
            Summary._cron_summarise()
        closed = SQL("date < %s", self.this_month)
        expected = {
            key: (count, 0) for key, count in self._answers_grouped(closed).items()
        }
        self.assertEqual(self._summary(), expected)


class TestChecklistAnalysisAccess(AnalysisCommon):
    """Team leaders and the center manager read the analysis of their
    companies; nobody writes the summary, the manager included; the other
    roles do not read it."""

    def setUp(self):
        super().setUp()
        self._dated_order(self.last_month + relativedelta(days=1))
        self._dated_order(self.this_month)
        self.Summary._summarise()

    def test_leader_and_manager_read(self):
        for user in (self.leader, self.manager):
            self.assertEqual(self._report(user), self._answers_grouped())
            self.assertTrue(self.Summary.with_user(user).search([]))

    def test_other_roles_do_not_read(self):
        for user in (self.clerk, self.technician, self.internal_user):
            for Model in (self.Summary, self.Report):
                with self.assertRaises(AccessError), mute_logger("odoo.models"):
                    Model.with_user(user).search([])

    def test_nobody_writes_the_summary(self):
        row = self.Summary.search([], limit=1)
        for user in (self.leader, self.manager):
            Summary = self.Summary.with_user(user)
            with self.assertRaises(AccessError):
                row.with_user(user).write({"answer_count": 1000})
            with self.assertRaises(AccessError):
                Summary.create(
                    {
                        "month": self.last_month,
                        "company_id": self.company.id,
                        "result": "pass",
                        "answer_count": 1000,
                    }
                )
            with self.assertRaises(AccessError):
                row.with_user(user).unlink()
            with self.assertRaises(AccessError):
                self.Report.with_user(user).search([], limit=1).write(
                    {"answer_count": 1000}
                )

    def test_other_company_rows_are_not_read(self):
        other_leader = self._create_user(
            "other-leader",
            "metering_service.group_team_leader",
            company=self.other_company,
        )
        self.assertFalse(self.Report.with_user(other_leader).search([]))
        self.assertFalse(self.Summary.with_user(other_leader).search([]))


@tagged("post_install", "-at_install")
class TestChecklistAnalysisTour(HttpCase):
    def test_leader_opens_the_analysis(self):
        leader = new_test_user(
            self.env,
            login="tour-analysis-leader",
            password="tour-analysis-leader",
            groups="metering_service.group_team_leader",
            lang="en_US",
        )
        template = self.env["metering.checklist.template"].create(
            {
                "name": "Tour analysis seal check",
                "item_ids": [fields.Command.create({"name": "Seal intact"})],
            }
        )
        template.action_publish()
        order_type = self.env["fsm.order.type"].create(
            {"name": "Tour sealing", "internal_type": "fsm"}
        )
        self.env["metering.checklist.assignment"].create(
            {"template_id": template.id, "order_type_id": order_type.id}
        )
        owner = self.env["res.partner"].create({"name": "Tour analysis owner"})
        location = self.env["fsm.location"].create(
            {"name": "Tour analysis point", "owner_id": owner.id}
        )
        orders = self.env["fsm.order"].create(
            [{"type": order_type.id, "location_id": location.id} for __ in range(3)]
        )
        for order, result in zip(orders, ("pass", "pass", "fail"), strict=True):
            order.checklist_ids.answer_ids.value_pass_fail = result
        # the first order's answers are of last month: read from the summary
        self.env.flush_all()
        last_month = fields.Date.today().replace(day=1) - relativedelta(months=1)
        self.env.cr.execute(
            SQL(
                "UPDATE metering_checklist_answer SET date = %s "
                "WHERE checklist_id = %s",
                last_month,
                orders[0].checklist_ids.id,
            )
        )
        self.env["metering.checklist.answer.month"]._summarise()
        self.start_tour(
            "/odoo/action-metering_service.fsm_order_action",
            "metering_checklist_analysis",
            login=leader.login,
        )
