# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class FsmStage(models.Model):
    _name = "fsm.stage"
    _inherit = ["fsm.stage", "metering.earned.mixin"]

    is_work_start = fields.Boolean(
        "Starts the Work",
        help="Entering this stage, or a later one, starts the work on site: orders "
        "whose type requires a safety briefing need a valid one first.",
    )
