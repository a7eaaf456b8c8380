# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models, tools

# What decides where work starts: a change clears the cached sequence.
WORK_START_FIELDS = {"is_work_start", "sequence", "stage_type", "active", "company_id"}


class FsmStage(models.Model):
    _name = "fsm.stage"
    _inherit = ["fsm.stage", "metering.earned.mixin"]

    is_work_start = fields.Boolean(
        "Starts the Work",
        help="Entering this stage, or a later one, starts the work on site: orders "
        "whose type requires a safety briefing need a valid one first.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        stages = super().create(vals_list)
        self.env.registry.clear_cache()  # _metering_work_start_sequence
        return stages

    def write(self, vals):
        result = super().write(vals)
        if WORK_START_FIELDS & set(vals):
            self.env.registry.clear_cache()  # _metering_work_start_sequence
        return result

    def unlink(self):
        result = super().unlink()
        self.env.registry.clear_cache()  # _metering_work_start_sequence
        return result

    @api.model
    @tools.ormcache("self.env.uid", "self.env.su", "tuple(self.env.companies.ids)")
    def _metering_work_start_sequence(self):
        """The sequence of the first stage of orders that starts the work
        (None: no stage does), among the stages the user sees (stages have
        companies). Asked several times in every stage change of orders,
        rarely changed: kept in the registry's cache, cleared when a stage is
        created, deleted or changes what decides it."""
        first = self.search_fetch(
            [("is_work_start", "=", True), ("stage_type", "=", "order")],
            ["sequence"],
            order="sequence",
            limit=1,
        )
        return first.sequence if first else None
