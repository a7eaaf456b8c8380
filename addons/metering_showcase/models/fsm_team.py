# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class FsmTeam(models.Model):
    _inherit = "fsm.team"

    metering_evaluation_count = fields.Integer(
        "Evaluations",
        compute="_compute_metering_evaluation_count",
        groups="metering_service.group_team_leader",
    )

    def _compute_metering_evaluation_count(self):
        counts = dict(
            self.env["metering.evaluation"]._read_group(
                [("team_id", "in", self.ids)], ["team_id"], ["__count"]
            )
        )
        for team in self:
            team.metering_evaluation_count = counts.get(team, 0)

    def action_open_metering_evaluations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "metering_showcase.metering_evaluation_action"
        )
        action["domain"] = [("team_id", "=", self.id)]
        return action
