# Copyright 2026 Metering Compliance Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError


class FsmOrder(models.Model):
    _inherit = "fsm.order"

    emergency_id = fields.Many2one(
        "metering.emergency",
        index="btree_not_null",
        tracking=True,
        help="The company-level emergency this repair order belongs to.",
    )

    safety_briefing_ids = fields.Many2many(
        "metering.safety.briefing",
        "metering_safety_briefing_fsm_order_rel",
        "order_id",
        "briefing_id",
        string="Safety Briefings",
        copy=False,
    )
    safety_cleared_on = fields.Datetime(
        "Work Started Safely On",
        readonly=True,
        copy=False,
        help="When the order passed the safety gate of its start.",
    )
    safety_override_reason = fields.Text(readonly=True, copy=False, tracking=True)
    safety_override_by_id = fields.Many2one(
        "res.users",
        "Safety Override by",
        readonly=True,
        copy=False,
        tracking=True,
        index="btree_not_null",
    )
    safety_override_on = fields.Datetime(
        "Safety Override on", readonly=True, copy=False
    )
    safety_blocked = fields.Boolean(
        "Blocked by Safety",
        compute="_compute_safety_blocked",
        search="_search_safety_blocked",
        help="Its type requires a safety briefing and no completed, valid "
        "briefing covers it yet.",
    )

    def _compute_safety_blocked(self):
        # Whether an order may start is no secret, even to those (a service
        # clerk) who may not read the briefings behind the answer.
        blocked = self.sudo().search(
            self._safety_blocked_domain() + [("id", "in", self.ids)]
        )
        for order in self:
            order.safety_blocked = order in blocked

    def _search_safety_blocked(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        domain = self._safety_blocked_domain()
        ids = self.sudo().search(domain).ids
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", ids)]

    def _safety_blocked_domain(self):
        now = fields.Datetime.now()
        return [
            ("type.requires_safety_briefing", "=", True),
            ("is_closed", "=", False),
            ("safety_cleared_on", "=", False),
            ("safety_override_by_id", "=", False),
            "!",
            (
                "safety_briefing_ids",
                "any",
                [
                    ("state", "=", "done"),
                    ("valid_until", ">=", now),
                    ("ticket_valid_to", ">=", now),
                ],
            ),
        ]

    @api.model_create_multi
    def create(self, vals_list):
        """While a system outage is open, work is recorded by hand: orders
        entered then are backfilled records a team leader reviews."""
        Incident = self.env["metering.incident"].sudo()
        outages = {}
        for vals in vals_list:
            if "is_backfilled" in vals:
                continue
            company = self.env["res.company"].browse(
                vals.get("company_id") or self.env.company.id
            )
            if company not in outages:
                outages[company] = Incident._backfill_incident(company)
            if outages[company]:
                vals["is_backfilled"] = True
        orders = super().create(vals_list)
        orders._check_worker_qualifications()
        orders._check_safety_gate()
        return orders

    def write(self, vals):
        res = super().write(vals)
        if {"person_id", "person_ids", "type"} & set(vals):
            self._check_worker_qualifications()
        if "stage_id" in vals:
            self._check_safety_gate()
        return res

    def _check_safety_gate(self):
        """Work starts (the order reaches a work-start stage, or a later one)
        only with a completed briefing of the whole crew, valid now, with a
        valid work ticket, unless a team leader recorded an override."""
        starts = self.env["fsm.stage"].search(
            [("is_work_start", "=", True), ("stage_type", "=", "order")]
        )
        if not starts:
            return
        threshold = min(starts.mapped("sequence"))
        cancelled = self.env.ref("fieldservice.fsm_stage_cancelled")
        starting = self.filtered(
            lambda o: (
                o.type.requires_safety_briefing
                and not o.safety_cleared_on
                and not o.safety_override_by_id
                and o.stage_id != cancelled
                and o.stage_id.sequence >= threshold
            )
        )
        if not starting:
            return
        now = fields.Datetime.now()
        problems = []
        for order in starting.sudo():
            employees = order._crew_employees()
            briefings = order.safety_briefing_ids.filtered(
                lambda b: b.state != "cancel"
            )
            if not briefings:
                problems.append(
                    self.env._("%(order)s: no safety briefing", order=order.name)
                )
                continue
            best = min(
                (briefing._covers(order, employees, now) for briefing in briefings),
                key=len,
            )
            if best:
                problems.append(
                    self.env._(
                        "%(order)s: the briefing %(problems)s",
                        order=order.name,
                        problems="; ".join(best),
                    )
                )
        if problems:
            raise ValidationError(
                self.env._(
                    "Work cannot start before a valid pre-job safety briefing:"
                    "\n%(problems)s",
                    problems="\n".join(problems),
                )
            )
        starting.sudo().write({"safety_cleared_on": now})

    def _crew_employees(self):
        """The employees of the workers (fsm.person) assigned to the orders,
        matched through their contact or their user."""
        people = self.person_id | self.person_ids
        return (
            self.env["hr.employee"]
            .sudo()
            .search(
                [
                    "|",
                    ("work_contact_id", "in", people.partner_id.ids),
                    ("user_id.partner_id", "in", people.partner_id.ids),
                ]
            )
        )

    def action_safety_override(self, reason):
        """A team leader lets work start without a briefing in an emergency;
        the override is logged on the order and listed for review."""
        if not self.env.user.has_group("metering_service.group_team_leader"):
            raise AccessError(
                self.env._("Only a team leader may override the safety briefing.")
            )
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason of the safety override."))
        self.check_access("write")
        self.sudo().write(
            {
                "safety_override_reason": reason,
                "safety_override_by_id": self.env.user.id,
                "safety_override_on": fields.Datetime.now(),
            }
        )
        for order in self:
            order.message_post(
                body=self.env._(
                    "Safety briefing overridden by %(user)s: %(reason)s",
                    user=self.env.user.name,
                    reason=reason,
                )
            )
        return True

    def _check_worker_qualifications(self):
        """Nobody works an order without the valid qualifications its type
        requires (UI, RPC and imports alike)."""
        orders = self.filtered(lambda o: o.type.required_qualification_type_ids)
        if not orders:
            return
        today = fields.Date.context_today(self)
        employees = orders._crew_employees()
        valid = {
            (qualification.employee_id.id, qualification.type_id.id)
            for qualification in self.env["metering.qualification"]
            .sudo()
            .search(
                [
                    ("employee_id", "in", employees.ids),
                    ("date_from", "<=", today),
                    ("date_to", ">=", today),
                ]
            )
        }
        problems = []
        for order in orders:
            for person in order.person_id | order.person_ids:
                employee = employees.filtered(
                    lambda e, p=person: (
                        p.partner_id in (e.work_contact_id | e.user_id.partner_id)
                    )
                )[:1]
                missing = order.type.required_qualification_type_ids.filtered(
                    lambda t, e=employee: (e.id, t.id) not in valid
                )
                if missing:
                    problems.append(
                        self.env._(
                            "%(worker)s on %(order)s: %(missing)s",
                            worker=person.name,
                            order=order.name,
                            missing=", ".join(missing.mapped("name")),
                        )
                    )
        if problems:
            raise ValidationError(
                self.env._(
                    "These workers lack a valid qualification (missing or expired) "
                    "that the order type requires:\n%(problems)s",
                    problems="\n".join(problems),
                )
            )
