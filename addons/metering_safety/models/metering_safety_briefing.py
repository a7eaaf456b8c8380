# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

TICKET_KINDS = [
    ("first", "First-Type Work Ticket"),
    ("second", "Second-Type Work Ticket"),
    ("emergency", "Emergency Repair Sheet"),
]


class MeteringSafetyBriefing(models.Model):
    """The on-site safety meeting held before work (manual 6.3, 6.4): the
    task, the method and the safety and quality requirements made clear,
    hazards and their controls, the work ticket, and every crew member's own
    acknowledgement."""

    _name = "metering.safety.briefing"
    _description = "Pre-Job Safety Briefing"
    _inherit = ["mail.thread", "mail.activity.mixin", "metering.earned.mixin"]
    _order = "start desc, id desc"
    _metering_sequence = "metering.safety.briefing"

    name = fields.Char(
        "Reference", required=True, readonly=True, copy=False, default="/"
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    order_ids = fields.Many2many(
        "fsm.order",
        "metering_safety_briefing_fsm_order_rel",
        "briefing_id",
        "order_id",
        string="Work Orders",
        required=True,
        check_company=True,
        help="The orders this briefing covers.",
    )
    place = fields.Char(
        required=True,
        compute="_compute_place",
        store=True,
        precompute=True,
        readonly=False,
        help="Where the crew meets: the locations of the orders, editable for "
        "the site.",
    )
    start = fields.Datetime(required=True, default=fields.Datetime.now, tracking=True)
    valid_until = fields.Datetime(
        compute="_compute_valid_until",
        store=True,
        help="The briefing covers work started until then (validity on the "
        "metering policy).",
    )
    leader_id = fields.Many2one(
        "res.users",
        "Work Leader",
        required=True,
        default=lambda self: self.env.user,
        tracking=True,
    )
    task = fields.Text("Task Made Clear", required=True)
    method = fields.Text("Method Made Clear", required=True)
    requirements = fields.Text(
        "Safety and Quality Requirements Made Clear", required=True
    )
    hazards = fields.Text(
        "Hazards and Control Measures",
        compute="_compute_hazards",
        store=True,
        readonly=False,
        help="Proposed from the hazard library of the orders' types; edit them "
        "for the site.",
    )
    ppe_confirmed = fields.Boolean("Protective Equipment Checked", tracking=True)
    ticket_kind = fields.Selection(
        TICKET_KINDS, "Work Ticket", required=True, tracking=True
    )
    ticket_number = fields.Char(required=True, tracking=True)
    ticket_valid_from = fields.Datetime(required=True)
    ticket_valid_to = fields.Datetime(required=True)
    attendee_ids = fields.One2many(
        "metering.safety.briefing.attendee", "briefing_id", "Crew", copy=False
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("open", "Acknowledging"),
            ("done", "Completed"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    acknowledged_count = fields.Integer(compute="_compute_acknowledged_count")

    _ticket_period = models.Constraint(
        "CHECK(ticket_valid_to > ticket_valid_from)",
        "A work ticket must end after it starts.",
    )

    @api.depends("start", "company_id")
    def _compute_valid_until(self):
        for briefing in self:
            hours = (
                self.env["metering.policy"]
                ._for_company(briefing.company_id or self.env.company)
                .briefing_validity_hours
            )
            briefing.valid_until = briefing.start and briefing.start + timedelta(
                hours=hours or 12
            )

    @api.depends("order_ids")
    def _compute_place(self):
        """The place is where the orders are, while the briefing is prepared;
        what the leader wrote stays once it is held, and a briefing of orders
        without a location keeps what was typed."""
        for briefing in self:
            locations = briefing.order_ids.location_id
            if locations and (briefing.state == "draft" or not briefing.place):
                briefing.place = ", ".join(locations.mapped("display_name"))
            else:
                briefing.place = briefing.place

    @api.depends("attendee_ids.acknowledged_on")
    def _compute_acknowledged_count(self):
        for briefing in self:
            briefing.acknowledged_count = len(
                briefing.attendee_ids.filtered("acknowledged_on")
            )

    @api.depends("order_ids.type")
    def _compute_hazards(self):
        """Propose the hazards of the orders' types; what the leader wrote for
        the site is kept."""
        for briefing in self:
            if not briefing.hazards:
                briefing.hazards = briefing.order_ids.type.hazard_ids._briefing_text()

    @api.onchange("order_ids")
    def _onchange_order_ids_crew(self):
        """The crew of the orders picked is proposed on the roster while the
        briefing is prepared; holding it adds whoever is still missing."""
        if self.state != "draft":
            return
        # the orders as stored: the form's copies of them do not hold
        # their whole crew
        crew = self.order_ids._origin._crew_employees()
        missing = crew - self.attendee_ids.employee_id
        if missing:
            self.attendee_ids = [
                fields.Command.create({"employee_id": employee.id})
                for employee in missing
            ]

    def write(self, vals):
        self._check_crew_signs_only(vals)
        return super().write(vals)

    def _check_crew_signs_only(self, vals):
        """A crew member may write a briefing he attends only to sign his own
        line of its roster, on his own phone (the roster's own write checks
        whose line it is); the rest is the team leader's."""
        if self.env.su or self.env.user.has_group("metering_service.group_team_leader"):
            return
        earned = {name for name in vals if self._metering_is_earned(self._fields[name])}
        commands = vals.get("attendee_ids") or []
        signs_only = set(vals) - earned <= {"attendee_ids"} and all(
            command[0] == fields.Command.UPDATE and set(command[2]) <= {"signature"}
            for command in commands
        )
        if not signs_only:
            raise UserError(
                self.env._(
                    "Briefing %(names)s is held by its work leader: a crew member "
                    "only signs his own line of the roster.",
                    names=", ".join(self.mapped("name")),
                )
            )

    def _crew_employees(self):
        """The employees of the workers assigned to the briefing's orders."""
        return self.order_ids._crew_employees()

    def action_open(self):
        """Hold the meeting: the roster is the orders' crew, who acknowledge."""
        for briefing in self:
            if briefing.state != "draft":
                continue
            missing = briefing._crew_employees() - briefing.attendee_ids.employee_id
            briefing.write(
                {
                    "attendee_ids": [
                        fields.Command.create({"employee_id": employee.id})
                        for employee in missing
                    ],
                }
            )
            briefing._metering_earn({"state": "open"})
            if not briefing.attendee_ids:
                raise UserError(
                    self.env._(
                        "Briefing %(name)s has nobody on its roster: assign the crew "
                        "to the orders or add them.",
                        name=briefing.name,
                    )
                )
            briefing._schedule_acknowledgements()
        return True

    def _schedule_acknowledgements(self):
        """Each crew member with a user gets a to-do to acknowledge: on his
        phone, the briefing is one tap away."""
        self.ensure_one()
        todo = self.env.ref("mail.mail_activity_data_todo")
        for user in self.attendee_ids.filtered(lambda a: not a.acknowledged_on).user_id:
            self.sudo().activity_schedule(
                activity_type_id=todo.id,
                summary=self.env._(
                    "Acknowledge the safety briefing %(name)s", name=self.name
                ),
                user_id=user.id,
            )

    def action_cancel(self):
        self._metering_earn({"state": "cancel"})
        return True

    def _update_completion(self):
        """Completed when every crew member has acknowledged; someone added
        later reopens it until he has."""
        for briefing in self.filtered(lambda b: b.state in ("open", "done")):
            complete = briefing.attendee_ids and all(
                briefing.attendee_ids.mapped("acknowledged_on")
            )
            state = "done" if complete else "open"
            if briefing.state != state:
                briefing.sudo().state = state

    def _acknowledged(self):
        """The crew members who acknowledged this briefing."""
        self.ensure_one()
        return self.attendee_ids.filtered("acknowledged_on").employee_id

    def _covers(self, order, employees, now, acknowledged=None):
        """What this briefing lacks to clear the start of the order now
        (`acknowledged`: its `_acknowledged()`, when the caller has it)."""
        self.ensure_one()
        if acknowledged is None:
            acknowledged = self._acknowledged()
        problems = []
        if order not in self.order_ids:
            problems.append(self.env._("does not cover the order"))
        if self.state != "done":
            problems.append(self.env._("not every crew member has acknowledged"))
        if not (self.start <= now <= self.valid_until):
            problems.append(self.env._("not valid at this time"))
        if not (self.ticket_valid_from <= now <= self.ticket_valid_to):
            problems.append(
                self.env._(
                    "work ticket %(number)s is not valid now", number=self.ticket_number
                )
            )
        unacknowledged = employees - acknowledged
        if unacknowledged:
            problems.append(
                self.env._(
                    "not acknowledged by %(names)s",
                    names=", ".join(unacknowledged.mapped("name")),
                )
            )
        return problems


class MeteringSafetyBriefingAttendee(models.Model):
    """A crew member at a briefing, who acknowledges it himself."""

    _name = "metering.safety.briefing.attendee"
    _description = "Safety Briefing Attendee"
    _inherit = ["metering.earned.mixin"]
    _order = "briefing_id, id"

    briefing_id = fields.Many2one(
        "metering.safety.briefing", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="briefing_id.company_id", store=True)
    employee_id = fields.Many2one("hr.employee", required=True, index=True)
    user_id = fields.Many2one(related="employee_id.user_id", store=True, index=True)
    signature = fields.Binary(
        attachment=True,
        copy=False,
        help="Signed by the crew member on his own device, or on the work "
        "leader's for a crew member who has no user.",
    )
    acknowledged_on = fields.Datetime(readonly=True, copy=False)
    confirmed_by_id = fields.Many2one(
        "res.users",
        "Confirmed by",
        readonly=True,
        copy=False,
        help="Who confirmed the acknowledgement: the crew member himself, or the "
        "work leader for a crew member without a user, on his signature.",
    )

    _once = models.Constraint(
        "UNIQUE(briefing_id, employee_id)",
        "A crew member is on the roster of a briefing only once.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        attendees = super().create(vals_list)
        attendees.briefing_id._update_completion()
        return attendees

    def write(self, vals):
        if "signature" in vals and not self.env.su:
            others = self.filtered(lambda a: not a._signed_here())
            if others:
                raise UserError(
                    self.env._(
                        "%(names)s sign for themselves: only a crew member without a "
                        "user signs on the work leader's device.",
                        names=", ".join(others.employee_id.mapped("name")),
                    )
                )
        if {"employee_id", "briefing_id"} & set(vals) and not self.env.su:
            raise UserError(
                self.env._(
                    "A roster line stays with its crew member: remove it and add "
                    "another."
                )
            )
        return super().write(vals)

    def unlink(self):
        briefings = self.briefing_id
        res = super().unlink()
        briefings._update_completion()
        return res

    def _signed_here(self):
        """Whether the current user confirms for this crew member: himself, or
        the work leader for a crew member who has no user."""
        self.ensure_one()
        user = self.env.user
        return self.user_id == user or (
            not self.user_id and self.briefing_id.leader_id == user
        )

    def action_acknowledge(self):
        """Each crew member acknowledges personally that the task, the method
        and the safety and quality requirements are clear to him; for one
        without a user, the work leader confirms on his signature."""
        for attendee in self:
            if not attendee._signed_here():
                raise UserError(
                    self.env._(
                        "Only %(name)s can acknowledge the briefing for himself.",
                        name=attendee.employee_id.name,
                    )
                )
            if not attendee.user_id and not attendee.signature:
                raise UserError(
                    self.env._(
                        "%(name)s has no user: he signs on your device before you "
                        "confirm his acknowledgement.",
                        name=attendee.employee_id.name,
                    )
                )
            if attendee.briefing_id.state not in ("open", "done"):
                raise UserError(
                    self.env._(
                        "Briefing %(name)s is not being held.",
                        name=attendee.briefing_id.name,
                    )
                )
        self._metering_earn(
            {
                "acknowledged_on": fields.Datetime.now(),
                "confirmed_by_id": self.env.user.id,
            }
        )
        self.briefing_id.sudo().activity_ids.filtered(
            lambda a: a.user_id in self.user_id
        ).action_done()
        self.briefing_id._update_completion()
        return True
