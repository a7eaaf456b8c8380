# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools import energy_adjustment as formulas

# Fields that make the calculation: frozen once it is submitted.
BUSINESS_FIELDS = {
    "location_id",
    "equipment_id",
    "order_id",
    "method",
    "period_start",
    "period_end",
    "recorded_energy",
    "error_percent",
    "power_correct",
    "power_wrong",
    "actual_ratio",
    "billed_ratio",
    "normal_daily_energy",
    "tariff",
}


class MeteringEnergyAdjustment(models.Model):
    """A refund / make-up energy calculation (退补电量), manual §5.8: inputs,
    period, formula, result and amount, approved by a team leader then by the
    center manager, read-only once submitted."""

    _name = "metering.energy.adjustment"
    _description = "Refund / Make-up Energy Calculation"
    _inherit = ["mail.thread", "mail.activity.mixin", "metering.earned.mixin"]
    _order = "id desc"
    _metering_sequence = "metering.energy.adjustment"

    name = fields.Char(
        required=True, copy=False, readonly=True, default=lambda self: self.env._("New")
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("leader_approved", "Approved by Team Leader"),
            ("approved", "Approved"),
        ],
        default="draft",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
        copy=False,
    )
    location_id = fields.Many2one(
        "fsm.location", "Metering Point", required=True, index=True, tracking=True
    )
    partner_id = fields.Many2one(related="location_id.owner_id", string="Customer")
    equipment_id = fields.Many2one(
        "fsm.equipment",
        "Metering Device",
        domain="[('location_id', '=', location_id)]",
        tracking=True,
    )
    order_id = fields.Many2one("fsm.order", "Work Order", index="btree_not_null")
    method = fields.Selection(
        [
            ("out_of_tolerance", "Meter Out of Tolerance"),
            ("wrong_wiring", "Wrong Wiring"),
            ("wrong_ct_ratio", "Wrong CT Ratio"),
            ("stopped", "Meter Stopped or Burnt (Normal Consumption)"),
        ],
        required=True,
        default="out_of_tolerance",
        tracking=True,
    )
    period_start = fields.Date(
        required=True,
        help="Last test or replacement of the meter (out of tolerance), or the "
        "start of the wrong wiring or ratio.",
    )
    period_end = fields.Date(required=True, help="Date the error was found.")
    period_days = fields.Integer(compute="_compute_period_days")
    recorded_energy = fields.Float(
        "Recorded Energy (kWh)",
        digits=(16, 2),
        help="Energy recorded and billed over the whole period.",
    )
    error_percent = fields.Float(
        "Relative Error γ (%)",
        digits=(16, 3),
        help="(W_meter − W_true) / W_true found by the test.",
    )
    power_correct = fields.Float("P correct", digits=(16, 4))
    power_wrong = fields.Float("P wrong", digits=(16, 4))
    normal_daily_energy = fields.Float(
        "Normal Daily Energy (kWh/day)",
        digits=(16, 2),
        help="Average daily energy of the customer's comparable normal months, "
        "for a meter that stopped or burnt.",
    )
    actual_ratio = fields.Float("Actual CT Ratio", digits=(16, 4))
    billed_ratio = fields.Float("Billed CT Ratio", digits=(16, 4))
    tariff = fields.Float(
        "Tariff (per kWh)", digits=(16, 4), help="Price of one kWh for this customer."
    )
    energy = fields.Float(
        "Energy to Bill (kWh)",
        digits=(16, 2),
        compute="_compute_result",
        store=True,
        help="Positive: make-up energy the customer pays; negative: energy refunded.",
    )
    direction = fields.Selection(
        [("make_up", "Make-up"), ("refund", "Refund")],
        compute="_compute_result",
        store=True,
    )
    formula = fields.Text(compute="_compute_result", store=True)
    amount = fields.Monetary(compute="_compute_result", store=True)
    leader_approver_id = fields.Many2one(
        "res.users", "Approved by (Team Leader)", readonly=True, copy=False
    )
    leader_approved_on = fields.Datetime(readonly=True, copy=False)
    manager_approver_id = fields.Many2one(
        "res.users", "Approved by (Center Manager)", readonly=True, copy=False
    )
    manager_approved_on = fields.Datetime(readonly=True, copy=False)
    # Each refusal back to draft is counted: the calculation was returned for
    # correction, even if it is approved afterwards (the evaluations' KPI of
    # calculations approved without return reads it).
    return_count = fields.Integer(
        "Times Returned", readonly=True, copy=False, tracking=True
    )
    last_returned_on = fields.Datetime("Last Returned on", readonly=True, copy=False)
    last_returned_by_id = fields.Many2one(
        "res.users", "Last Returned by", readonly=True, copy=False
    )
    return_reason = fields.Text(
        "Returned Because", readonly=True, copy=False, tracking=True
    )

    # Computes -------------------------------------------------------------

    @api.depends("period_start", "period_end")
    def _compute_period_days(self):
        for adjustment in self:
            start, end = adjustment.period_start, adjustment.period_end
            adjustment.period_days = (end - start).days if start and end else 0

    @api.depends(
        "method",
        "period_start",
        "period_end",
        "recorded_energy",
        "error_percent",
        "power_correct",
        "power_wrong",
        "actual_ratio",
        "billed_ratio",
        "normal_daily_energy",
        "tariff",
    )
    def _compute_result(self):
        for adjustment in self:
            try:
                energy, formula = adjustment._calculate()
            except formulas.AdjustmentInputError:
                energy, formula = 0.0, False
            adjustment.energy = energy
            adjustment.formula = formula
            adjustment.direction = (
                "make_up" if energy > 0 else "refund" if energy < 0 else False
            )
            adjustment.amount = energy * adjustment.tariff

    def _calculate(self):
        self.ensure_one()
        if self.method == "out_of_tolerance":
            return formulas.out_of_tolerance(
                self.recorded_energy, self.error_percent, self.period_days
            )
        if self.method == "wrong_wiring":
            return formulas.wrong_wiring(
                self.recorded_energy,
                self.power_correct,
                self.power_wrong,
                self.period_days,
            )
        if self.method == "stopped":
            return formulas.stopped_meter(
                self.recorded_energy, self.normal_daily_energy, self.period_days
            )
        return formulas.wrong_ct_ratio(
            self.recorded_energy, self.actual_ratio, self.billed_ratio, self.period_days
        )

    def _check_inputs(self):
        messages = {
            "energy": self.env._("the recorded energy must be more than zero"),
            "period": self.env._("the period must end after it starts"),
            "error": self.env._(
                "a relative error of -100 % or less means the meter recorded "
                "nothing: no formula applies"
            ),
            "power_wrong": self.env._(
                "the power measured with the wrong wiring is zero"
            ),
            "power_correct": self.env._("the correct power must be more than zero"),
            "billed_ratio": self.env._("the billed CT ratio must be more than zero"),
            "actual_ratio": self.env._("the actual CT ratio must be more than zero"),
            "normal_energy": self.env._(
                "give the customer's normal daily energy, from comparable normal months"
            ),
        }
        for adjustment in self:
            try:
                adjustment._calculate()
            except formulas.AdjustmentInputError as error:
                raise ValidationError(
                    self.env._(
                        "Calculation %(name)s: %(problem)s.",
                        name=adjustment.name,
                        problem=messages[error.code],
                    )
                ) from error

    # CRUD -----------------------------------------------------------------

    def write(self, vals):
        if BUSINESS_FIELDS & set(vals):
            frozen = self.filtered(lambda a: a.state != "draft")
            if frozen:
                raise UserError(
                    self.env._(
                        "Calculations %(names)s are submitted or approved: they can "
                        "no longer be changed.",
                        names=", ".join(frozen.mapped("name")),
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if any(adjustment.state != "draft" for adjustment in self):
            raise UserError(self.env._("Only draft calculations can be deleted."))

    # Actions ----------------------------------------------------------------

    def _check_state(self, state):
        wrong = self.filtered(lambda a: a.state != state)
        if wrong:
            raise UserError(
                self.env._(
                    "Calculations %(names)s are not in the expected state.",
                    names=", ".join(wrong.mapped("name")),
                )
            )

    def action_submit(self):
        self._check_state("draft")
        self._check_inputs()
        self._metering_earn({"state": "submitted"})
        for adjustment in self:
            adjustment.message_post(body=self.env._("Submitted for approval."))
        return True

    def action_approve_leader(self):
        self._metering_check_role("team_leader")
        self._check_state("submitted")
        self._metering_earn(
            {
                "state": "leader_approved",
                "leader_approver_id": self.env.user.id,
                "leader_approved_on": fields.Datetime.now(),
            }
        )
        for adjustment in self:
            adjustment.message_post(body=self.env._("Approved by the team leader."))
        return True

    def action_approve_manager(self):
        self._metering_check_role("center_manager")
        self._check_state("leader_approved")
        same = self.filtered(lambda a: a.leader_approver_id == self.env.user)
        if same:
            raise UserError(
                self.env._(
                    "Calculations %(names)s: the same person cannot give both "
                    "approvals.",
                    names=", ".join(same.mapped("name")),
                )
            )
        self._metering_earn(
            {
                "state": "approved",
                "manager_approver_id": self.env.user.id,
                "manager_approved_on": fields.Datetime.now(),
            }
        )
        for adjustment in self:
            adjustment.message_post(body=self.env._("Approved by the center manager."))
        return True

    def action_reset_to_draft(self, reason=None):
        """Refuse a submitted calculation: back to draft for correction. The
        return is counted, with when, by whom and (if given) why."""
        self._metering_check_role("team_leader")
        if self.filtered(lambda a: a.state == "approved"):
            raise UserError(self.env._("An approved calculation cannot be refused."))
        drafts = self.filtered(lambda a: a.state == "draft")
        if drafts:
            raise UserError(
                self.env._(
                    "Calculations %(names)s are drafts: only a submitted "
                    "calculation can be refused.",
                    names=", ".join(drafts.mapped("name")),
                )
            )
        reason = (reason or "").strip()
        now = fields.Datetime.now()
        for adjustment in self:
            adjustment._metering_earn(
                {
                    "state": "draft",
                    "leader_approver_id": False,
                    "leader_approved_on": False,
                    "return_count": adjustment.return_count + 1,
                    "last_returned_on": now,
                    "last_returned_by_id": self.env.user.id,
                    "return_reason": reason or False,
                }
            )
            if reason:
                body = self.env._("Refused: back to draft. %(reason)s", reason=reason)
            else:
                body = self.env._("Refused: back to draft.")
            adjustment.message_post(body=body)
        return True
