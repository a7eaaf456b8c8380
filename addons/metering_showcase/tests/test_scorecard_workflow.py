# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.metering_service.tests.common import RpcMixin

from .scorecard_common import ScorecardCommon


class TestScorecardWorkflow(ScorecardCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.template = cls._template(
            [
                {"name": "Delivery", "display_type": "line_section"},
                {
                    "name": "On time",
                    "source": "automatic",
                    "kpi_code": "orders_on_time",
                    "weight": 3,
                },
                {"name": "Attitude", "source": "manual", "weight": 1},
                {
                    "name": "Teamwork",
                    "source": "manual",
                    "weight": 2,
                    "scale": "levels",
                    "level_ids": [
                        Command.create({"name": "Good", "points": 80}),
                        Command.create({"name": "Poor", "points": 20}),
                    ],
                },
            ],
            subject="employee",
        )
        cls.Evaluation = cls.env["metering.evaluation"]

    def _evaluation(self):
        evaluations = self.Evaluation.with_user(self.leader)._generate(
            self.template, "month", self.month_start
        )
        return evaluations.filtered(lambda e: e.employee_id == self.tech_employee)

    def _line(self, evaluation, name):
        return evaluation.line_ids.filtered(lambda line: line.name == name)

    def _score(self, evaluation, attitude=90.0, level="Good", comment=False):
        self._line(evaluation, "Attitude").with_user(self.leader).write(
            {"manual_score": attitude, "comment": comment}
        )
        teamwork = self._line(evaluation, "Teamwork")
        teamwork.with_user(
            self.leader
        ).level_id = teamwork.criterion_id.level_ids.filtered(
            lambda lvl: lvl.name == level
        )

    # Templates ----------------------------------------------------------

    def test_published_template_is_frozen(self):
        with self.assertRaises(UserError):
            self.template.with_user(self.manager).name = "Renamed"
        with self.assertRaises(UserError):
            self.template.criterion_ids[1].with_user(self.manager).weight = 5
        action = self.template.with_user(self.manager).action_new_version()
        draft = self.env["metering.scorecard.template"].browse(action["res_id"])
        self.assertEqual(draft.version, 2)
        self.assertEqual(len(draft.criterion_ids), 4)
        draft.criterion_ids[1].with_user(self.manager).weight = 5
        evaluation = self._evaluation()
        draft.with_user(self.manager).action_publish()
        self.assertEqual(self.template.state, "archived")
        # the evaluation keeps its version
        self.assertEqual(evaluation.template_id, self.template)
        self.assertEqual(self._line(evaluation, "On time").weight, 3)

    def test_only_a_manager_designs_scorecards(self):
        with self.assertRaises(AccessError):
            self.env["metering.scorecard.template"].with_user(self.leader).create(
                {"name": "Mine"}
            )
        draft = self._template([{"name": "X"}], publish=False)
        with self.assertRaises(AccessError):
            draft.with_user(self.leader).action_publish()

    def test_automatic_criterion_needs_its_kpi(self):
        draft = self._template([{"name": "X", "source": "automatic"}], publish=False)
        with self.assertRaises(UserError):
            draft.with_user(self.manager).action_publish()

    # Weights and N/A ------------------------------------------------------

    def test_weights_and_not_applicable(self):
        evaluation = self._evaluation()
        # no order due: the KPI does not apply and drops out of the weights
        self.assertTrue(self._line(evaluation, "On time").not_applicable)
        self._score(evaluation, attitude=90.0, level="Good")
        self.assertAlmostEqual(evaluation.score, (90 * 1 + 80 * 2) / 3, places=2)
        self._line(evaluation, "Attitude").with_user(self.leader).not_applicable = True
        self.assertAlmostEqual(evaluation.score, 80.0)
        # orders due: the KPI applies with weight 3
        self.Order.create(
            {
                "location_id": self.location.id,
                "person_id": self.technician_person.id,
                "stage_id": self.completed.id,
                "deadline": self._at(3),
                "date_end": self._at(2),
            }
        )
        evaluation.with_user(self.leader).action_compute()
        self.assertAlmostEqual(evaluation.score, (100 * 3 + 80 * 2) / 5)

    # Sign-off workflow ----------------------------------------------------

    def test_sign_off_workflow(self):
        evaluation = self._evaluation()
        self.assertEqual(evaluation.evaluator_id, self.leader)
        # a low score needs its comment
        self._score(evaluation, attitude=40.0)
        with self.assertRaises(UserError):
            evaluation.with_user(self.leader).action_submit()
        self._score(evaluation, attitude=40.0, comment="Two complaints")
        with self.assertRaises(AccessError):
            evaluation.with_user(self.technician).action_submit()
        evaluation.with_user(self.leader).action_submit()
        self.assertEqual(evaluation.state, "submitted")
        # submitted: the scores stay as they are
        with self.assertRaises(UserError):
            self._line(evaluation, "Attitude").with_user(self.leader).manual_score = 99
        with self.assertRaises(AccessError):
            evaluation.with_user(self.leader).action_sign_off()
        # the manager returns it with his reason, kept in the chatter
        wizard = (
            self.env["metering.evaluation.return.wizard"]
            .with_user(self.manager)
            .create(
                {"evaluation_ids": [Command.set(evaluation.ids)], "reason": "Recheck"}
            )
        )
        wizard.action_return()
        self.assertEqual(evaluation.state, "draft")
        self.assertEqual(evaluation.return_reason, "Recheck")
        self.assertEqual(evaluation.return_count, 1)
        self.assertIn("Recheck", evaluation.message_ids[0].body)
        self._score(evaluation, attitude=70.0)
        evaluation.with_user(self.leader).action_submit()
        evaluation.with_user(self.manager).action_sign_off()
        self.assertEqual(evaluation.state, "signed")
        self.assertEqual(evaluation.signed_by_id, self.manager)
        # the employee acknowledges his own, nobody else
        with self.assertRaises(AccessError):
            evaluation.with_user(self.leader).action_acknowledge()
        evaluation.with_user(self.technician).action_acknowledge()
        self.assertTrue(evaluation.acknowledged_on)
        with self.assertRaises(UserError):
            evaluation.with_user(self.technician).action_acknowledge()

    def test_earned_fields_are_not_written(self):
        evaluation = self._evaluation()
        for user in (self.technician, self.leader, self.manager):
            with self.assertRaises(AccessError):
                evaluation.with_user(user).write({"state": "signed"})
            with self.assertRaises(AccessError):
                self._line(evaluation, "On time").with_user(user).write(
                    {"kpi_value": 100}
                )
        self.assertEqual(evaluation.state, "draft")

    def test_employee_reads_only_his_own(self):
        evaluations = self.Evaluation.with_user(self.leader)._generate(
            self.template, "month", self.month_start
        )
        self.assertGreater(len(evaluations), 1)
        visible = self.Evaluation.with_user(self.technician).search(
            [("id", "in", evaluations.ids)]
        )
        self.assertEqual(visible.employee_id, self.tech_employee)
        # he opens its form as the web client reads it
        form = visible.get_views([(False, "form")])["views"]["form"]
        self.assertTrue(form["arch"])
        spec = {
            name: {"fields": {"display_name": {}}}
            if visible._fields[name].type == "many2one"
            else {}
            for name in ("name", "employee_id", "evaluator_id", "score", "state")
        }
        spec["line_ids"] = {"fields": {"name": {}, "score": {}, "comment": {}}}
        data = visible.web_read(spec)
        self.assertEqual(data[0]["employee_id"]["display_name"], "Tech Employee")
        self.assertEqual(len(data[0]["line_ids"]), 4)
        with self.assertRaises(AccessError):
            self._line(visible, "Attitude").with_user(self.technician).manual_score = 90
        with self.assertRaises(AccessError):
            self.Evaluation.with_user(self.technician)._generate(
                self.template, "month", self.month_start
            )

    def test_leader_does_not_score_himself(self):
        evaluations = self.Evaluation.with_user(self.leader)._generate(
            self.template, "month", self.month_start
        )
        own = evaluations.filtered(lambda e: e.employee_id == self.leader_employee)
        with self.assertRaises(AccessError):
            self._line(own, "Attitude").with_user(self.leader).manual_score = 100

    def test_employee_smart_button(self):
        evaluation = self._evaluation()
        employee = self.tech_employee.with_user(self.leader)
        self.assertEqual(employee.metering_evaluation_count, 1)
        action = employee.action_open_metering_evaluations()
        self.assertEqual(self.Evaluation.search(action["domain"]), evaluation)

    def test_forms_show_latest_evaluations(self):
        """The employee's form lists his latest evaluations; the trend of a
        person's score over periods is one line per person."""
        evaluation = self._evaluation()
        previous = self.Evaluation.with_user(self.leader)._generate(
            self.template, "month", self.month_start - relativedelta(months=1)
        )
        employee = self.tech_employee.with_user(self.leader)
        self.assertEqual(
            employee.metering_evaluation_ids,
            evaluation | previous.filtered(lambda e: e.employee_id == employee),
        )
        self.assertEqual(employee.metering_evaluation_ids[0], evaluation)
        # a team leader without HR rights opens the public profile: the same
        public = self.env["hr.employee.public"].with_user(self.leader)
        profile = public.browse(self.tech_employee.id)
        self.assertEqual(
            profile.metering_evaluation_ids, employee.metering_evaluation_ids
        )
        self.assertEqual(profile.metering_evaluation_count, 2)
        self.assertEqual(
            self.Evaluation.search(
                profile.action_open_metering_evaluations()["domain"]
            ),
            employee.metering_evaluation_ids,
        )
        arch = public.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="metering_evaluation_ids"', arch)
        arch = self.env["hr.employee"].get_views([(False, "form")])["views"]["form"]
        self.assertIn('name="metering_evaluation_ids"', arch["arch"])
        self.assertEqual(evaluation.subject_name, "Tech Employee")
        trend = self.Evaluation.with_user(self.leader)._read_group(
            [("template_id", "=", self.template.id)],
            ["subject_name", "date_from:month"],
            ["score:avg"],
        )
        months = [month for name, month, _score in trend if name == "Tech Employee"]
        self.assertEqual(len(months), 2)
        self.assertIn("Leader Employee", {name for name, _month, _score in trend})


@tagged("post_install", "-at_install")
class TestScorecardRpc(RpcMixin, HttpCase):
    """Over JSON-RPC, the wrong role is refused and nothing is written."""

    def test_sign_off_refused_to_a_leader(self):
        leader = new_test_user(
            self.env,
            login="rpc-score-leader",
            password="rpc-score-leader",
            groups="metering_service.group_team_leader",
        )
        admin = self.env.ref("base.user_admin")
        team = self.env["fsm.team"].create(
            {"name": "RPC team", "leader_user_id": leader.id}
        )
        template = (
            self.env["metering.scorecard.template"]
            .with_user(admin)
            .create(
                {
                    "name": "RPC scorecard",
                    "criterion_ids": [
                        Command.create({"name": "Manual", "source": "manual"})
                    ],
                }
            )
        )
        template.action_publish()
        evaluation = (
            self.env["metering.evaluation"]
            .with_user(admin)
            ._generate(template, "month", self.env.cr.now().date())
            .filtered(lambda e: e.team_id == team)
        )
        evaluation.line_ids.manual_score = 90
        evaluation.action_submit()
        error = self._rpc_error(
            "rpc-score-leader", "metering.evaluation", "action_sign_off", evaluation.ids
        )
        self.assertEqual(error["name"], "odoo.exceptions.AccessError")
        error = self._rpc_error(
            "rpc-score-leader",
            "metering.evaluation",
            "write",
            evaluation.ids,
            {"state": "signed"},
        )
        self.assertEqual(error["name"], "odoo.exceptions.AccessError")
        evaluation.invalidate_recordset()
        self.assertEqual(evaluation.state, "submitted")
        self.assertFalse(evaluation.signed_by_id)
