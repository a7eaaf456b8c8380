# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.fields import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestScorecardTour(HttpCase):
    def _user(self, login, groups):
        return new_test_user(
            self.env, login=login, groups=groups, password=login, lang="en_US"
        )

    def test_generate_score_sign_off(self):
        manager = self._user("tour-sc-manager", "metering_service.group_center_manager")
        leader = self._user("tour-sc-leader", "metering_service.group_team_leader")
        team = self.env["fsm.team"].create(
            {"name": "Tour North", "leader_user_id": leader.id}
        )
        template = self.env["metering.scorecard.template"].create(
            {
                "name": "Tour scorecard",
                "criterion_ids": [
                    Command.create(
                        {
                            "name": "Tour on time",
                            "source": "automatic",
                            "kpi_code": "orders_on_time",
                            "weight": 2,
                        }
                    ),
                    Command.create({"name": "Tour attitude", "source": "manual"}),
                ],
            }
        )
        self.start_tour(
            f"/odoo/action-metering_showcase.metering_scorecard_template_action/{template.id}",
            "metering_scorecard_manager_generates",
            login=manager.login,
        )
        self.assertEqual(template.state, "published")
        evaluation = self.env["metering.evaluation"].search(
            [("template_id", "=", template.id), ("team_id", "=", team.id)]
        )
        self.assertTrue(evaluation.computed_on)
        url = (
            f"/odoo/action-metering_showcase.metering_evaluation_action/{evaluation.id}"
        )
        self.start_tour(url, "metering_scorecard_leader_scores", login=leader.login)
        self.assertEqual(evaluation.state, "submitted")
        self.assertEqual(evaluation.submitted_by_id, leader)
        self.start_tour(url, "metering_scorecard_manager_signs", login=manager.login)
        self.assertEqual(evaluation.state, "signed")
        self.assertEqual(evaluation.signed_by_id, manager)
        # no order was due: the KPI drops out, the manual score is the total
        self.assertAlmostEqual(evaluation.score, 85.0)
