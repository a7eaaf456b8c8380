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
    # How many of its latest evaluations its form lists.
    _metering_latest_evaluations = 5

    metering_evaluation_count = fields.Integer(
        "Evaluations",
        compute="_compute_metering_evaluation_count",
        groups="metering_service.group_team_leader",
    )
    # computed, not a one2many: a team leader reads it on an employee that
    # only the public profile would show him
    metering_evaluation_ids = fields.Many2many(
        "metering.evaluation",
        string="Latest Evaluations",
        compute="_compute_metering_evaluation_count",
        groups="metering_service.group_team_leader",
    )

    def _compute_metering_evaluation_count(self):
        """The number of evaluations and the latest ones, in one query for
        all the subjects (a subject has a few a year)."""
        field = self._metering_evaluation_field
        evaluations = self.env["metering.evaluation"].search([(field, "in", self.ids)])
        # by id: the public profile of an employee has the employee's id
        latest = evaluations.grouped(lambda evaluation: evaluation[field].id)
        empty = self.env["metering.evaluation"]
        for subject in self:
            mine = latest.get(subject.id, empty)
            subject.metering_evaluation_count = len(mine)
            subject.metering_evaluation_ids = mine[: self._metering_latest_evaluations]

    def action_open_metering_evaluations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "metering_showcase.metering_evaluation_action"
        )
        action["domain"] = [(self._metering_evaluation_field, "=", self.id)]
        return action
