# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

# Values written with a stage that change what the safety gate's SQL finds
# (see _metering_stage_sql): the ORM checks those writes.
SAFETY_GATE_FIELDS = {
    "type",
    "person_id",
    "person_ids",
    "safety_cleared_on",
    "safety_override_by_id",
    "safety_briefing_ids",
}
# What the safety gate's SQL reads: flushed before it runs.
SAFETY_GATE_READS = {
    "fsm.order": [
        "type",
        "person_id",
        "person_ids",
        "safety_cleared_on",
        "safety_override_by_id",
    ],
    "fsm.order.type": ["requires_safety_briefing", "required_qualification_type_ids"],
    "metering.qualification.type": ["active"],
    "fsm.person": ["partner_id"],
    "hr.employee": ["active", "work_contact_id", "user_id"],
    "res.users": ["partner_id"],
    "metering.qualification": ["employee_id", "type_id", "date_from", "date_to"],
    "metering.safety.briefing": [
        "state",
        "start",
        "valid_until",
        "ticket_valid_from",
        "ticket_valid_to",
        "order_ids",
    ],
    "metering.safety.briefing.attendee": [
        "briefing_id",
        "employee_id",
        "acknowledged_on",
    ],
}


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
        readonly=True,
        copy=False,
        help="The briefings that cover the order: linked from the briefing, "
        "where the crew acknowledges.",
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

    safety_blocked_reason = fields.Text(
        "Why Work Cannot Start",
        compute="_compute_safety_blocked_reason",
        help="What the safety gate misses before work on the order may start.",
    )

    @api.depends(
        "type.requires_safety_briefing",
        "is_closed",
        "safety_cleared_on",
        "safety_override_by_id",
        "safety_briefing_ids.state",
        "safety_briefing_ids.valid_until",
        "safety_briefing_ids.ticket_valid_to",
    )
    def _compute_safety_blocked(self):
        """What `_safety_blocked_domain` says, from the values the form reads
        anyway: no search on every read of an order."""
        now = fields.Datetime.now()
        # Whether an order may start is no secret, even to those (a service
        # clerk) who may not read the briefings behind the answer.
        for order, order_sudo in zip(self, self.sudo(), strict=True):
            order.safety_blocked = bool(
                order_sudo.type.requires_safety_briefing
                and not order_sudo.is_closed
                and not order_sudo.safety_cleared_on
                and not order_sudo.safety_override_by_id
                and not any(
                    briefing.state == "done"
                    and briefing.valid_until
                    and briefing.valid_until >= now
                    and briefing.ticket_valid_to >= now
                    for briefing in order_sudo.safety_briefing_ids
                )
            )

    @api.depends("safety_blocked")
    def _compute_safety_blocked_reason(self):
        """The gate's own messages for a blocked order, read on its form
        only (the gate reads the briefings as superuser)."""
        for order in self:
            problems = order.safety_blocked and order._briefing_problems()
            order.safety_blocked_reason = "\n".join(problems or [])

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

    # CRUD -------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        orders = super().create(vals_list)
        orders._check_crew()
        return orders

    def write(self, vals):
        res = super().write(vals)
        if {"person_id", "person_ids", "type"} & set(vals):
            self._check_crew()
        return res

    def _metering_create_values(self, vals_list):
        """While a system outage is open, work is recorded by hand: orders
        entered then are backfilled records a team leader reviews."""
        super()._metering_create_values(vals_list)
        Incident = self.env["metering.incident"].sudo()
        outages = {}
        for vals in vals_list:
            company = self.env["res.company"].browse(
                vals.get("company_id") or self.env.company.id
            )
            if company not in outages:
                outages[company] = Incident._backfill_incident(company)
            if outages[company]:
                vals["is_backfilled"] = True
        return vals_list

    # Actions ------------------------------------------------------------------

    def action_safety_override(self, reason):
        """A team leader lets work start without a briefing in an emergency;
        the override is logged on the order and listed for review."""
        self._metering_check_role("team_leader")
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason of the safety override."))
        self._metering_earn(
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

    def action_start_work(self):
        """Start work: the orders enter the first work-start stage, through
        the same gate as any other stage change."""
        start = self.env["fsm.stage"].search(
            [("is_work_start", "=", True), ("stage_type", "=", "order")],
            order="sequence",
            limit=1,
        )
        if not start:
            raise UserError(self.env._("No stage marks the start of work."))
        self.write({"stage_id": start.id})
        return True

    def action_open_safety_briefing(self):
        """The briefing of the order, or a new one for it and its crew."""
        self.ensure_one()
        briefing = self.safety_briefing_ids.filtered(lambda b: b.state != "cancel")[:1]
        if briefing:
            return briefing._get_records_action(name=self.env._("Safety Briefing"))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Safety Briefing"),
            "res_model": "metering.safety.briefing",
            "view_mode": "form",
            "context": {
                "default_order_ids": [fields.Command.set(self.ids)],
                "default_place": self.location_id.display_name,
                "default_task": self.type.name or self.name,
            },
        }

    def action_new_safety_briefing(self):
        """From an order the safety gate blocks, in one click: a new briefing
        of this order, prefilled with its place and its task (the briefing
        proposes the order's crew on its roster), for the team leader who
        holds it."""
        self.ensure_one()
        self._metering_check_role("team_leader")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Safety Briefing"),
            "res_model": "metering.safety.briefing",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": {
                "default_order_ids": [fields.Command.set(self.ids)],
                "default_place": self.location_id.display_name,
                "default_task": self.type.name or self.name,
            },
        }

    # The stage gate -----------------------------------------------------------

    def _metering_stage_problems(self, stage, vals):
        problems = super()._metering_stage_problems(stage, vals)
        if self._work_starts_at(stage):
            crews = self._crews()  # read once for both checks
            problems += self._qualification_problems(crews)
            problems += self._safety_starting(stage)._briefing_problems(crews)
        return problems

    def _metering_stage_sql(self, stage, vals):
        """The safety gate of `_metering_stage_problems` in SQL (see
        metering_service): the crew's employees and qualifications, then a
        briefing that clears the start. The crew is every worker linked to
        the order (archived ones too) and, for a worker matched to several
        employees, each of them: never fewer than the ORM checks."""
        found = super()._metering_stage_sql(stage, vals)
        if found is None or SAFETY_GATE_FIELDS & set(vals):
            return None
        ctes, columns = found
        first = self.env["fsm.stage"]._metering_work_start_sequence()
        if first is None or self._metering_is_stage(
            stage, "fieldservice.fsm_stage_cancelled"
        ):
            # _work_starts_at: no start, no safety gate
            columns["safety_starting"] = SQL("FALSE")
            return ctes, columns
        self._safety_gate_flush()
        crew = self._fields["person_ids"]
        required = self.env["fsm.order.type"]._fields["required_qualification_type_ids"]
        briefings = self._fields["safety_briefing_ids"]
        now = fields.Datetime.now()
        # _crews(): the contacts of the workers of each order
        ctes["gate_crew"] = SQL(
            """
            SELECT fsm_order.id AS order_id, person.partner_id
              FROM fsm_order
              JOIN fsm_person person ON person.id = fsm_order.person_id
             WHERE fsm_order.id IN (SELECT id FROM gate_order)
            UNION ALL
            SELECT rel.%(order)s, person.partner_id
              FROM %(rel)s rel
              JOIN fsm_person person ON person.id = rel.%(person)s
             WHERE rel.%(order)s IN (SELECT id FROM gate_order)
            """,
            rel=SQL.identifier(crew.relation),
            order=SQL.identifier(crew.column1),
            person=SQL.identifier(crew.column2),
        )
        # _metering_employees(): each contact's active employees, by their
        # work contact or their user; NULL for a worker who has none
        ctes["gate_crew_employee"] = SQL(
            """
            SELECT crew.order_id, employee.id AS employee_id
              FROM gate_crew crew
              LEFT JOIN (
                  SELECT employee.work_contact_id AS partner_id, employee.id
                    FROM hr_employee employee
                   WHERE employee.active IS TRUE
                     AND employee.work_contact_id IN (
                         SELECT partner_id FROM gate_crew)
                  UNION
                  SELECT users.partner_id, employee.id
                    FROM res_users users
                    JOIN hr_employee employee ON employee.user_id = users.id
                   WHERE employee.active IS TRUE
                     AND users.partner_id IN (SELECT partner_id FROM gate_crew)
              ) employee ON employee.partner_id = crew.partner_id
            """
        )
        # _qualification_problems(): a worker without an employee, or an
        # employee without a valid qualification of a type required (the
        # archived types left out)
        ctes["gate_unqualified"] = SQL(
            """
            SELECT order_id FROM gate_crew_employee WHERE employee_id IS NULL
            UNION
            SELECT crew.order_id
              FROM gate_crew_employee crew
              JOIN fsm_order ON fsm_order.id = crew.order_id
              JOIN %(rel)s rel ON rel.%(order_type)s = fsm_order.type
              JOIN metering_qualification_type qualification_type
                ON qualification_type.id = rel.%(type)s
               AND qualification_type.active IS TRUE
             WHERE NOT EXISTS (
                 SELECT FROM metering_qualification qualification
                  WHERE qualification.employee_id = crew.employee_id
                    AND qualification.type_id = qualification_type.id
                    AND qualification.date_from <= %(today)s
                    AND qualification.date_to >= %(today)s)
            """,
            rel=SQL.identifier(required.relation),
            order_type=SQL.identifier(required.column1),
            type=SQL.identifier(required.column2),
            today=fields.Date.context_today(self),
        )
        # _briefing_problems(): the completed briefings of each order, valid
        # now, with a valid work ticket ...
        ctes["gate_briefing"] = SQL(
            """
            SELECT rel.%(order)s AS order_id, briefing.id AS briefing_id
              FROM %(rel)s rel
              JOIN metering_safety_briefing briefing
                ON briefing.id = rel.%(briefing)s
             WHERE rel.%(order)s IN (SELECT id FROM gate_order)
               AND briefing.state = 'done'
               AND briefing.start <= %(now)s AND %(now)s <= briefing.valid_until
               AND briefing.ticket_valid_from <= %(now)s
               AND %(now)s <= briefing.ticket_valid_to
            """,
            rel=SQL.identifier(briefings.relation),
            order=SQL.identifier(briefings.column1),
            briefing=SQL.identifier(briefings.column2),
            now=now,
        )
        # ... one of which every crew member acknowledged
        ctes["gate_briefed"] = SQL(
            """
            SELECT order_id, briefing_id FROM gate_briefing
            EXCEPT
            SELECT briefing.order_id, briefing.briefing_id
              FROM gate_briefing briefing
              JOIN gate_crew_employee crew ON crew.order_id = briefing.order_id
             WHERE crew.employee_id IS NOT NULL
               AND NOT EXISTS (
                   SELECT FROM metering_safety_briefing_attendee attendee
                    WHERE attendee.briefing_id = briefing.briefing_id
                      AND attendee.employee_id = crew.employee_id
                      AND attendee.acknowledged_on IS NOT NULL)
            """
        )
        starts = SQL("COALESCE(target.sequence, 0) >= %s", first)
        briefed_type = SQL(
            """
            EXISTS (SELECT FROM fsm_order_type order_type
                     WHERE order_type.id = fsm_order.type
                       AND order_type.requires_safety_briefing IS TRUE)
            """
        )
        qualified_type = SQL(
            """
            EXISTS (SELECT FROM %s rel
                      JOIN metering_qualification_type qualification_type
                        ON qualification_type.id = rel.%s
                     WHERE rel.%s = fsm_order.type
                       AND qualification_type.active IS TRUE)
            """,
            SQL.identifier(required.relation),
            SQL.identifier(required.column2),
            SQL.identifier(required.column1),
        )
        # _safety_starting(): the orders whose start the gate clears
        starting = SQL(
            """
            %s AND %s AND fsm_order.safety_cleared_on IS NULL
               AND fsm_order.safety_override_by_id IS NULL
            """,
            starts,
            briefed_type,
        )
        columns["fail_qualification"] = SQL(
            """
            %s AND (%s OR %s)
               AND fsm_order.id IN (SELECT order_id FROM gate_unqualified)
            """,
            starts,
            briefed_type,
            qualified_type,
        )
        columns["fail_briefing"] = SQL(
            "%s AND fsm_order.id NOT IN (SELECT order_id FROM gate_briefed)",
            starting,
        )
        columns["safety_starting"] = starting
        return ctes, columns

    def _safety_gate_flush(self):
        """What the safety gate's SQL reads, written to the database first."""
        for model, fnames in SAFETY_GATE_READS.items():
            self.env[model].flush_model(fnames)

    def _metering_stage_entered(self, stage, facts=None):
        # cleared before the effects of the stage, so that a completion
        # finds the orders cleared
        starting = (
            self._safety_starting(stage)
            if facts is None
            else self.browse(id_ for id_ in self._ids if facts[id_]["safety_starting"])
        )
        starting.sudo().write({"safety_cleared_on": fields.Datetime.now()})
        return super()._metering_stage_entered(stage, facts)

    @api.model
    def _work_starts_at(self, stage):
        """Whether work has started in this stage: a work-start stage or a
        later one (cancelling starts nothing)."""
        if self._metering_is_stage(stage, "fieldservice.fsm_stage_cancelled"):
            return False
        first = self.env["fsm.stage"]._metering_work_start_sequence()
        return first is not None and stage.sequence >= first

    def _safety_starting(self, stage):
        """The orders whose work starts with this stage and that their type
        requires to be briefed first."""
        if not self._work_starts_at(stage):
            return self.browse()
        return self.filtered(
            lambda o: (
                o.type.requires_safety_briefing
                and not o.safety_cleared_on
                and not o.safety_override_by_id
            )
        )

    def _briefing_problems(self, crews=None):
        """Work starts only with a completed briefing of the whole crew, valid
        now, with a valid work ticket, unless a team leader recorded an
        override. `crews`: the `_crews()` of these orders or more, when the
        caller has them."""
        if not self:
            return []
        now = fields.Datetime.now()
        crews = crews if crews is not None else self._crews()
        # What _covers reads of every briefing, read for all of them at once:
        # a briefing taken from one order's list alone would read its
        # attendees and orders by itself, a query per briefing.
        briefings = self.sudo().safety_briefing_ids
        briefings.fetch(
            [
                "state",
                "start",
                "valid_until",
                "ticket_valid_from",
                "ticket_valid_to",
                "order_ids",
            ]
        )
        # and who acknowledged each briefing (its `_acknowledged()`), once for
        # all the briefings rather than once per order each covers
        acknowledged = {briefing: [] for briefing in briefings}
        for attendee in (
            self.env["metering.safety.briefing.attendee"]
            .sudo()
            .search_fetch(
                [
                    ("briefing_id", "in", briefings.ids),
                    ("acknowledged_on", "!=", False),
                ],
                ["briefing_id", "employee_id"],
            )
        ):
            acknowledged[attendee.briefing_id].append(attendee.employee_id.id)
        acknowledged = {
            briefing: self.env["hr.employee"].browse(ids)
            for briefing, ids in acknowledged.items()
        }
        problems = []
        for order in self.sudo():
            employees = self.env["hr.employee"].union(*crews[order].values())
            briefings = order.safety_briefing_ids.filtered(
                lambda b: b.state != "cancel"
            )
            if not briefings:
                problems.append(
                    self.env._("%(order)s: no safety briefing", order=order.name)
                )
                continue
            best = min(
                (
                    briefing._covers(order, employees, now, acknowledged[briefing])
                    for briefing in briefings
                ),
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
        return problems

    # The crew -----------------------------------------------------------------

    def _crews(self):
        """{order: {worker: employee}} of the workers assigned to the orders
        (an empty employee for a worker who has none)."""
        employees = (self.person_id | self.person_ids)._metering_employees()
        return {
            order: {
                person: employees[person]
                for person in (*order.person_id, *order.person_ids)
            }
            for order in self
        }

    def _crew_employees(self):
        """The employees of the workers assigned to the orders."""
        employees = (self.person_id | self.person_ids)._metering_employees()
        return self.env["hr.employee"].union(*employees.values())

    def _check_crew(self):
        """Orders whose type requires a briefing or qualifications are worked
        by people the suite knows: every worker assigned has an employee (to
        be on the briefing roster, to hold qualifications) and the
        qualifications of the type (UI, RPC and imports alike)."""
        problems = self._qualification_problems()
        if problems:
            raise ValidationError(
                self.env._(
                    "These workers cannot be assigned:\n%(problems)s",
                    problems="\n".join(f"- {problem}" for problem in problems),
                )
            )

    def _qualification_problems(self, crews=None):
        """Workers without an employee, or without the valid qualifications
        of the order's type. `crews`: the `_crews()` of these orders or more,
        when the caller has them."""
        orders = self.filtered(
            lambda o: (
                o.type.requires_safety_briefing
                or o.type.required_qualification_type_ids
            )
        )
        if not orders:
            return []
        crews = crews if crews is not None else orders._crews()
        today = fields.Date.context_today(self)
        employees = self.env["hr.employee"].union(
            *(employee for crew in crews.values() for employee in crew.values())
        )
        valid = {
            (qualification.employee_id.id, qualification.type_id.id)
            for qualification in self.env["metering.qualification"]
            .sudo()
            .search_fetch(
                [
                    ("employee_id", "in", employees.ids),
                    ("date_from", "<=", today),
                    ("date_to", ">=", today),
                ],
                ["employee_id", "type_id"],
            )
        }
        required = {
            order_type: set(order_type.required_qualification_type_ids.ids)
            for order_type in orders.type
        }
        problems = []
        for order in orders:
            for person, employee in crews[order].items():
                if not employee:
                    problems.append(
                        self.env._(
                            "%(worker)s on %(order)s has no employee record: create "
                            "his employee in Employees, with his contact as work "
                            "contact or his user, so that he is on the briefing "
                            "roster and his qualifications are known",
                            worker=person.name,
                            order=order.name,
                        )
                    )
                    continue
                if all((employee.id, t) in valid for t in required[order.type]):
                    continue
                missing = order.type.required_qualification_type_ids.filtered(
                    lambda t, e=employee: (e.id, t.id) not in valid
                )
                if missing:
                    problems.append(
                        self.env._(
                            "%(worker)s on %(order)s lacks a valid qualification "
                            "(missing or expired): %(missing)s",
                            worker=person.name,
                            order=order.name,
                            missing=", ".join(missing.mapped("name")),
                        )
                    )
        return problems
