# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class FsmTeam(models.Model):
    _name = "fsm.team"
    _inherit = ["fsm.team", "metering.evaluation.subject.mixin"]
    _metering_evaluation_field = "team_id"
