# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class MeteringEvaluationSubjectMixin(models.AbstractModel):
    """What is evaluated (a field team, an employee): the smart button of its
    evaluations. The model names, in ``_metering_evaluation_field``, the field
    of ``metering.evaluation`` that points to it.

    It adds no earned field to the models it extends (hr.employee, fsm.team
    are not the suite's records), so it does not inherit the earned mixin."""

    _name = "metering.evaluation.subject.mixin"
    _description = "Evaluated by Scorecards"

    # The field of metering.evaluation holding the subject.
    _metering_evaluation_field = None

    metering_evaluation_count = fields.Integer(
        "Evaluations",
        compute="_compute_metering_evaluation_count",
        groups="metering_service.group_team_leader",
    )

    def _compute_metering_evaluation_count(self):
        field = self._metering_evaluation_field
        counts = dict(
            self.env["metering.evaluation"]._read_group(
                [(field, "in", self.ids)], [field], ["__count"]
            )
        )
        for subject in self:
            subject.metering_evaluation_count = counts.get(subject, 0)

    def action_open_metering_evaluations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "metering_showcase.metering_evaluation_action"
        )
        action["domain"] = [(self._metering_evaluation_field, "=", self.id)]
        return action
