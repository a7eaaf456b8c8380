# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError


class FsmOrderType(models.Model):
    _name = "fsm.order.type"
    _inherit = ["fsm.order.type", "metering.earned.mixin"]

    required_qualification_type_ids = fields.Many2many(
        "metering.qualification.type",
        string="Required Qualifications",
        help="Every worker assigned to an order of this type must hold a valid "
        "qualification of each of these types.",
    )
    requires_safety_briefing = fields.Boolean(
        readonly=True,
        help="Work on orders of this type starts only after a completed pre-job "
        "safety briefing covering the order and its whole crew. The delivered "
        "types of work on live installations require it; a center manager waives "
        "it only with a reason.",
    )
    safety_waiver_reason = fields.Text(readonly=True, copy=False)
    safety_waived_by_id = fields.Many2one(
        "res.users", "Briefing Waived by", readonly=True, copy=False
    )
    safety_waived_on = fields.Datetime("Briefing Waived on", readonly=True, copy=False)
    hazard_ids = fields.Many2many(
        "metering.hazard",
        "fsm_order_type_metering_hazard_rel",
        "type_id",
        "hazard_id",
        string="Hazards",
        help="Proposed with their control measures on the safety briefings of "
        "orders of this type.",
    )

    def action_require_safety_briefing(self):
        self._metering_check_role("center_manager")
        self._metering_earn(
            {
                "requires_safety_briefing": True,
                "safety_waiver_reason": False,
                "safety_waived_by_id": False,
                "safety_waived_on": False,
            }
        )
        return True

    def action_waive_safety_briefing(self, reason):
        """A center manager lets orders of these types start without a
        briefing; the reason, who and when are kept and reported."""
        self._metering_check_role("center_manager")
        if not (reason or "").strip():
            raise UserError(
                self.env._("Give the reason why these orders need no safety briefing.")
            )
        self._metering_earn(
            {
                "requires_safety_briefing": False,
                "safety_waiver_reason": reason.strip(),
                "safety_waived_by_id": self.env.user.id,
                "safety_waived_on": fields.Datetime.now(),
            }
        )
        return True
