# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

PERIOD_MONTHS = {"month": 1, "quarter": 3, "year": 12}


def period_start(period_type, day):
    """The first day of the month, quarter or year that contains `day`."""
    if period_type == "year":
        return day.replace(month=1, day=1)
    if period_type == "quarter":
        return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
    return day.replace(day=1)


class MeteringEvaluation(models.Model):
    """The evaluation of a field team or an employee over a period (manual
    6.7, 评价管理) on a published scorecard: its automatic criteria are
    computed from the work done, the team leader scores the manual ones and
    submits, the center manager signs it off or returns it, the employee
    acknowledges his own."""

    _name = "metering.evaluation"
    _description = "Evaluation"
    _inherit = ["mail.thread", "mail.activity.mixin", "metering.earned.mixin"]
    _order = "date_from desc, score desc, id"

    name = fields.Char(compute="_compute_name", store=True)
    template_id = fields.Many2one(
        "metering.scorecard.template",
        "Scorecard",
        required=True,
        readonly=True,
        index=True,
        domain="[('state', '=', 'published')]",
    )
    subject = fields.Selection(related="template_id.subject", store=True)
    team_id = fields.Many2one("fsm.team", readonly=True, index="btree_not_null")
    employee_id = fields.Many2one(
        "hr.employee", readonly=True, index="btree_not_null", tracking=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, default=lambda s: s.env.company
    )
    period_type = fields.Selection(
        [("month", "Month"), ("quarter", "Quarter"), ("year", "Year")],
        "Period",
        required=True,
        readonly=True,
        default="month",
    )
    date_from = fields.Date("From", required=True, readonly=True, index=True)
    date_to = fields.Date("To", compute="_compute_date_to", store=True)
    period_label = fields.Char("Period Name", compute="_compute_name", store=True)
    # the team's or the employee's name: one axis for the trend of either
    subject_name = fields.Char("Evaluated", compute="_compute_name", store=True)
    evaluator_id = fields.Many2one(
        "res.users",
        compute="_compute_evaluator_id",
        store=True,
        help="The team leader who scores the manual criteria: the team's leader, "
        "or the employee's manager.",
    )
    state = fields.Selection(
        [
            ("draft", "To Score"),
            ("submitted", "Submitted"),
            ("signed", "Signed Off"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    line_ids = fields.One2many("metering.evaluation.line", "evaluation_id", "Criteria")
    score = fields.Float(
        "Total Score",
        compute="_compute_score",
        store=True,
        digits=(16, 2),
        aggregator="avg",
        help="Weighted average of the applicable criteria: a criterion not "
        "applicable drops out of the weights.",
    )
    computed_on = fields.Datetime("KPIs Computed on", readonly=True, copy=False)
    submitted_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    submitted_on = fields.Datetime(readonly=True, copy=False)
    signed_by_id = fields.Many2one(
        "res.users", "Signed off by", readonly=True, copy=False, tracking=True
    )
    signed_on = fields.Datetime("Signed off on", readonly=True, copy=False)
    return_reason = fields.Text(
        "Returned Because", readonly=True, copy=False, tracking=True
    )
    return_count = fields.Integer("Times Returned", readonly=True, copy=False)
    acknowledged_on = fields.Datetime(readonly=True, copy=False, tracking=True)
    summary = fields.Text("Evaluator's Summary")

    _subject_period_unique = models.UniqueIndex(
        "(template_id, COALESCE(team_id, 0), COALESCE(employee_id, 0), date_from)"
    )

    # Computes ---------------------------------------------------------------

    @api.depends("period_type", "date_from")
    def _compute_date_to(self):
        for evaluation in self:
            evaluation.date_to = evaluation.date_from and (
                evaluation.date_from
                + relativedelta(months=PERIOD_MONTHS[evaluation.period_type], days=-1)
            )

    @api.depends("period_type", "date_from", "team_id", "employee_id")
    def _compute_name(self):
        for evaluation in self:
            start = evaluation.date_from
            subject = evaluation.team_id or evaluation.employee_id
            evaluation.subject_name = subject.name
            if not start:
                evaluation.period_label = evaluation.name = False
                continue
            if evaluation.period_type == "year":
                label = str(start.year)
            elif evaluation.period_type == "quarter":
                label = f"{start.year} Q{(start.month - 1) // 3 + 1}"
            else:
                label = f"{start.year}-{start.month:02d}"
            evaluation.period_label = label
            evaluation.name = f"{subject.name} · {label}"

    @api.depends("team_id.leader_user_id", "employee_id.parent_id.user_id")
    def _compute_evaluator_id(self):
        for evaluation in self:
            evaluation.evaluator_id = (
                evaluation.team_id.leader_user_id
                or evaluation.employee_id.parent_id.user_id
            )

    @api.depends(
        "line_ids.score", "line_ids.weight", "line_ids.not_applicable", "line_ids"
    )
    def _compute_score(self):
        for evaluation in self:
            evaluation.score = evaluation.line_ids._weighted_score()

    # CRUD ---------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        evaluations = super().create(vals_list)
        # one line per criterion, unless given (imported or demo data)
        evaluations.filtered(lambda e: not e.line_ids)._create_lines()
        return evaluations

    def write(self, vals):
        # the employee reads his own evaluation; what is written on it by
        # hand (the summary) is the team leader's, while it is to score
        if not self.env.su:
            # an earned field is refused as such, before any other rule
            for name in vals:
                self._check_field_access(self._fields[name], "write")
            self._metering_check_role("team_leader")
            self._check_state("draft")
        return super().write(vals)

    # Actions ------------------------------------------------------------

    def action_compute(self):
        """Compute the automatic criteria from the suite's records, for all
        these evaluations at once."""
        self._metering_check_role("team_leader")
        self._check_state("draft")
        self.line_ids._compute_kpis()
        self._metering_earn({"computed_on": fields.Datetime.now()})
        return True

    def action_submit(self):
        """The team leader has scored the manual criteria."""
        self._metering_check_role("team_leader")
        self._check_state("draft")
        for evaluation in self:
            if evaluation.employee_id.user_id == self.env.user:
                raise AccessError(
                    self.env._(
                        "Evaluation %(evaluation)s is your own: another team leader "
                        "scores and submits it.",
                        evaluation=evaluation.name,
                    )
                )
            if not evaluation.computed_on:
                raise UserError(
                    self.env._(
                        "Evaluation %(evaluation)s: compute its KPIs first.",
                        evaluation=evaluation.name,
                    )
                )
            evaluation.line_ids._check_scored()
        self._metering_earn(
            {
                "state": "submitted",
                "submitted_by_id": self.env.user.id,
                "submitted_on": fields.Datetime.now(),
            }
        )
        return True

    def action_sign_off(self):
        self._metering_check_role("center_manager")
        self._check_state("submitted")
        self._metering_earn(
            {
                "state": "signed",
                "signed_by_id": self.env.user.id,
                "signed_on": fields.Datetime.now(),
            }
        )
        return True

    def action_return_wizard(self):
        self._metering_check_role("center_manager")
        self._check_state("submitted")
        return {
            "type": "ir.actions.act_window",
            "res_model": "metering.evaluation.return.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_evaluation_ids": self.ids},
        }

    def _return(self, reason):
        """Back to the team leader with the manager's reason; the chatter keeps
        what was submitted and why it came back."""
        self._metering_check_role("center_manager")
        self._check_state("submitted")
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason for returning the evaluation."))
        for evaluation in self:
            evaluation.message_post(
                body=self.env._(
                    "Returned by %(manager)s with the score %(score)s: %(reason)s",
                    manager=self.env.user.name,
                    score=f"{evaluation.score:.2f}",
                    reason=reason,
                )
            )
            evaluation._metering_earn(
                {
                    "state": "draft",
                    "return_reason": reason,
                    "return_count": evaluation.return_count + 1,
                    "submitted_by_id": False,
                    "submitted_on": False,
                }
            )
        return True

    def action_acknowledge(self):
        """The employee has read his signed-off evaluation."""
        for evaluation in self:
            if evaluation.state != "signed" or evaluation.acknowledged_on:
                raise UserError(
                    self.env._(
                        "Evaluation %(evaluation)s is not signed off, or was "
                        "already acknowledged.",
                        evaluation=evaluation.name,
                    )
                )
            if evaluation.employee_id.user_id != self.env.user:
                raise AccessError(
                    self.env._(
                        "Only %(employee)s acknowledges evaluation %(evaluation)s.",
                        employee=evaluation.employee_id.name or "-",
                        evaluation=evaluation.name,
                    )
                )
        self._metering_earn({"acknowledged_on": fields.Datetime.now()})
        return True

    def action_open_lines(self):
        """Pivot of these evaluations' criteria."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "metering_showcase.metering_evaluation_line_action"
        )
        action["domain"] = [("evaluation_id", "in", self.ids)]
        return action

    # Business methods -------------------------------------------------------

    def _check_state(self, state):
        wrong = self.filtered(lambda e: e.state != state)
        if wrong:
            raise UserError(
                self.env._(
                    "Evaluation %(evaluation)s is %(state)s: this cannot be done now.",
                    evaluation=wrong[0].name,
                    state=dict(self._fields["state"]._description_selection(self.env))[
                        wrong[0].state
                    ],
                )
            )

    def _create_lines(self):
        vals_list = []
        for evaluation in self:
            vals_list += [
                {
                    "evaluation_id": evaluation.id,
                    "criterion_id": criterion.id,
                    "sequence": criterion.sequence,
                }
                for criterion in evaluation.template_id.criterion_ids
            ]
        self.env["metering.evaluation.line"].sudo().create(vals_list)

    @api.model
    def _generate(self, template, period_type, day, company=None):
        """The evaluations of every team or employee of the company for the
        period containing `day`, on `template`, computed; those that exist
        are kept as they are."""
        self._metering_check_role("team_leader")
        company = company or self.env.company
        start = period_start(period_type, day)
        if template.subject == "team":
            subjects = self.env["fsm.team"].search(
                [("company_id", "in", (company.id, False))]
            )
            field = "team_id"
        else:
            subjects = self.env["hr.employee"].search(
                [("company_id", "=", company.id), ("user_id", "!=", False)]
            )
            field = "employee_id"
        existing = self.search(
            [
                ("template_id", "=", template.id),
                ("date_from", "=", start),
                (field, "in", subjects.ids),
            ]
        )
        done = set(existing.mapped(f"{field}.id"))
        new = self.sudo().create(
            [
                {
                    "template_id": template.id,
                    field: subject.id,
                    "company_id": company.id,
                    "period_type": period_type,
                    "date_from": start,
                }
                for subject in subjects
                if subject.id not in done
            ]
        )
        new = new.sudo(False)
        new.action_compute()
        return existing | new
