# Copyright 2026 Metering Compliance Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class FsmOrder(models.Model):
    """Work orders carry the checklists of their type, and cannot reach the
    stage a checklist guards while it blocks (UI, RPC and imports alike:
    they all go through create and write)."""

    _name = "fsm.order"
    _inherit = ["fsm.order", "metering.checklist.target.mixin"]

    def _checklist_assignments(self):
        assignments = (
            self.env["metering.checklist.assignment"]
            .sudo()
            .search(
                [
                    ("target_model", "=", "fsm.order"),
                    ("order_type_id", "in", self.type.ids),
                    ("template_id.state", "=", "published"),
                ]
            )
        )
        return {
            order: assignments.filtered(lambda a, o=order: a.order_type_id == o.type)
            for order in self
            if order.type
        }

    def _checklist_values(self, assignment):
        return {"team_id": self.team_id.id, "order_type_id": self.type.id}

    def _checklist_responsible_user(self):
        return self.team_id.leader_user_id

    @api.model_create_multi
    def create(self, vals_list):
        orders = super().create(vals_list)
        orders._checklist_sync()
        orders._check_checklist_gate()
        return orders

    def write(self, vals):
        res = super().write(vals)
        if "type" in vals:
            self._checklist_sync()
        if "stage_id" in vals:
            self._check_checklist_gate()
        return res

    def _check_checklist_gate(self):
        cancelled = self.env.ref("fieldservice.fsm_stage_cancelled")
        blocked = self.env["metering.checklist"]
        for order in self.filtered(lambda o: o.stage_id and o.stage_id != cancelled):
            for checklist in order.sudo().checklist_ids:
                guard = checklist.guard_stage_id
                if guard and order.stage_id.sequence >= guard.sequence:
                    if checklist._blocking_answers():
                        blocked |= checklist
        if blocked:
            raise ValidationError(
                self.env._(
                    "Work order %(orders)s cannot reach this stage until its "
                    "checklists are complete:\n%(details)s",
                    orders=", ".join(
                        self.env["fsm.order"]
                        .browse(set(blocked.mapped("res_id")))
                        .sudo()
                        .mapped("name")
                    ),
                    details=blocked._blocking_message(),
                )
            )
        # Passing the gate completes the guarded checklists.
        passed = self.sudo().checklist_ids.filtered(
            lambda c: (
                c.state != "done"
                and c.guard_stage_id
                and c._target().stage_id.sequence >= c.guard_stage_id.sequence
                and c._target().stage_id != cancelled
            )
        )
        passed.write(
            {
                "state": "done",
                "completed_by_id": self.env.user.id,
                "completed_on": fields.Datetime.now(),
            }
        )
