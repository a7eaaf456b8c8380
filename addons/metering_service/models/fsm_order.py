# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain
from odoo.models import BaseModel
from odoo.tools import SQL, human_size

from .fsm_equipment import ACCURACY_TOLERANCE

# Processes in which a device is taken out and another put in.
EXCHANGE_PROCESSES = ("install", "rotation", "fault", "retrofit", "terminal")
# Installations whose new or retrofitted devices call for a first inspection.
FIRST_INSPECTION_PROCESSES = ("install", "retrofit")
FIRST_INSPECTION_CLASSES = ("1", "2", "3", "4")
# Processes whose order verifies a device against its accuracy class.
VERIFICATION_PROCESSES = (
    "dispute",
    "first_inspection",
    "periodic_inspection",
    "transformer_test",
)

# Values written with a stage that change what the gate's SQL finds (see
# _metering_stage_sql): the ORM checks those writes.
SERVICE_GATE_FIELDS = {
    "type",
    "checklist_ids",
    "is_backfilled",
    "backfill_reviewed_by_id",
}
# What the gate's SQL reads: flushed before it runs.
SERVICE_GATE_READS = {
    "fsm.order": ["is_backfilled", "backfill_reviewed_by_id"],
    "metering.checklist": ["res_model", "res_id", "guard_stage_id", "state"],
    "metering.checklist.answer": ["checklist_id", "item_id", "result"],
    "metering.checklist.item": ["mandatory", "critical"],
}


class FsmOrder(models.Model):
    """A Field Service order is a metering work order."""

    _name = "fsm.order"
    _inherit = ["fsm.order", "metering.checklist.target.mixin", "metering.earned.mixin"]

    metering_process = fields.Selection(
        related="type.metering_process", store=True, index=True
    )
    metering_class = fields.Selection(related="location_id.metering_class")
    deadline = fields.Datetime(
        compute="_compute_deadline",
        store=True,
        readonly=False,
        index="btree_not_null",
        tracking=True,
        help="Computed from the request date and the type's time limit in working "
        "days of the company's working calendar.",
    )
    is_overdue = fields.Boolean(
        "Overdue", compute="_compute_is_overdue", search="_search_is_overdue"
    )
    # Install / removal
    removed_equipment_id = fields.Many2one(
        "fsm.equipment",
        "Removed Device",
        domain="[('location_id', '=', location_id), "
        "('device_state', '=', 'installed')]",
        tracking=True,
    )
    removed_final_reading = fields.Float("Final Reading", digits=(16, 2), tracking=True)
    installed_equipment_id = fields.Many2one(
        "fsm.equipment",
        "Installed Device",
        domain="[('device_state', 'in', ('in_stock', 'removed'))]",
        tracking=True,
    )
    installed_initial_reading = fields.Float(
        "Initial Reading", digits=(16, 2), tracking=True
    )
    seals_removed = fields.Char(
        tracking=True, help="Numbers of the seals taken off, kept in the history."
    )
    seals_applied = fields.Char(
        tracking=True, help="Numbers of the seals put on, kept in the history."
    )
    # Verification (dispute, first inspection)
    tested_equipment_id = fields.Many2one(
        "fsm.equipment",
        "Device under Test",
        domain="[('location_id', '=', location_id)]",
        tracking=True,
    )
    test_point_ids = fields.One2many("metering.test.point", "order_id", "Test Points")
    max_abs_error = fields.Float(
        "Largest Error (%)", compute="_compute_test_verdict", store=True, digits=(16, 3)
    )
    max_error = fields.Float(
        "Largest Signed Error (%)",
        compute="_compute_test_verdict",
        store=True,
        digits=(16, 3),
        help="The error of largest magnitude with its sign: positive when the "
        "meter runs fast (refund), negative when it runs slow (make-up).",
    )
    tolerance = fields.Float(
        "Tolerance (%)", compute="_compute_test_verdict", store=True, digits=(16, 3)
    )
    test_verdict = fields.Selection(
        [("passed", "Within Tolerance"), ("failed", "Out of Tolerance")],
        compute="_compute_test_verdict",
        store=True,
        index="btree_not_null",
        tracking=True,
    )
    # Customer request
    ticket_id = fields.Many2one(
        "helpdesk.ticket", "Customer Request", index="btree_not_null", copy=False
    )
    # Backfilled records (manual 6.4.2 a)
    is_backfilled = fields.Boolean(
        "Backfilled",
        readonly=True,
        copy=False,
        tracking=True,
        help="Entered after a system outage from a paper record: a team leader "
        "reviews it before the order can be closed.",
    )
    paper_record = fields.Binary("Scanned Paper Record", attachment=True, copy=False)
    paper_record_by_id = fields.Many2one(
        "res.users",
        "Paper Record Attached by",
        readonly=True,
        copy=False,
        help="Who attached the scan: another person reviews it.",
    )
    paper_record_filename = fields.Char()
    backfill_reviewed_by_id = fields.Many2one(
        "res.users", "Reviewed by", readonly=True, copy=False, tracking=True
    )
    backfill_reviewed_on = fields.Datetime("Reviewed on", readonly=True, copy=False)
    origin_order_id = fields.Many2one("fsm.order", index="btree_not_null", copy=False)
    # Fault (manual 5.6)
    fault_symptom = fields.Selection(
        [
            ("stopped", "Meter Stopped"),
            ("burnt", "Meter Burnt"),
            ("display", "Display Fault"),
            ("wiring", "Wiring Fault"),
            ("communication", "Communication Fault"),
            ("none", "No Fault Found"),
            ("other", "Other"),
        ],
        tracking=True,
    )
    fault_cause = fields.Text("Cause Found")
    customer_at_fault = fields.Boolean(
        "Damage by the Customer",
        tracking=True,
        help="The customer is responsible for the damage (theft, tampering, misuse).",
    )
    supply_interrupted = fields.Boolean(
        help="The customer's supply was interrupted by the fault: record when it "
        "was lost and restored."
    )
    outage_start = fields.Datetime("Supply Lost")
    arrived_on = fields.Datetime(
        "Arrived on Site", tracking=True, help="When the crew reached the site."
    )
    arrival_deadline = fields.Datetime(
        compute="_compute_arrival_deadline",
        store=True,
        help="The request time plus the policy's commitment for the metering "
        "point's area (urban, rural, remote).",
    )
    arrival_late = fields.Boolean(
        "Late on Site", compute="_compute_arrival_late", search="_search_arrival_late"
    )
    supply_restored_on = fields.Datetime("Supply Restored", tracking=True)
    energy_affected = fields.Boolean(
        "Metered Energy Affected",
        help="The fault affected the metered energy: a refund or make-up energy "
        "calculation follows.",
    )
    # Retrofit (manual 5.9)
    retrofit_reason = fields.Text()
    retrofit_scope = fields.Selection(
        [
            ("meter", "Meter"),
            ("transformer", "Instrument Transformers"),
            ("wiring", "Wiring"),
            ("box", "Meter Box"),
            ("all", "Whole Metering Installation"),
        ],
        tracking=True,
    )
    retrofit_approval = fields.Char(
        "Approval Reference",
        readonly=True,
        copy=False,
        tracking=True,
        help="The approved retrofit scheme, recorded by a team leader.",
    )
    # Rotation (manual 5.5): one line per meter
    rotation_line_ids = fields.One2many(
        "metering.rotation.line", "order_id", "Meters to Swap"
    )
    # Error handling (manual 5.8): settled by a calculation or a decision
    energy_adjustment_ids = fields.One2many(
        "metering.energy.adjustment", "order_id", "Refund / Make-up Calculations"
    )
    energy_adjustment_count = fields.Integer(compute="_compute_energy_adjustment_count")
    no_adjustment_reason = fields.Text(
        "No Adjustment Needed Because",
        readonly=True,
        copy=False,
        tracking=True,
        help="A team leader's decision that the error calls for no refund or "
        "make-up energy, with its reason.",
    )
    no_adjustment_by_id = fields.Many2one(
        "res.users", "No Adjustment Decided by", readonly=True, copy=False
    )
    # Collection terminal (manual 5.10)
    terminal_address = fields.Char(help="Logical address of the terminal.")
    comm_channel = fields.Selection(
        [
            ("4g", "4G / Public Network"),
            ("hplc", "HPLC Carrier"),
            ("rs485", "RS-485"),
            ("micropower", "Micro-Power Wireless"),
            ("fiber", "Optical Fibre"),
        ],
        "Communication Channel",
        tracking=True,
    )
    sim_number = fields.Char("SIM Number")
    signal_strength = fields.Float("Signal Strength (dBm)")
    terminal_online = fields.Boolean("Online with the Master Station", tracking=True)
    terminal_data_read = fields.Boolean("Meter Data Read", tracking=True)

    # Constraints ----------------------------------------------------------

    @api.constrains(
        "removed_equipment_id",
        "removed_final_reading",
        "installed_equipment_id",
        "installed_initial_reading",
    )
    def _check_exchange_readings(self):
        for order in self:
            if order.removed_final_reading < 0 or order.installed_initial_reading < 0:
                raise ValidationError(
                    self.env._(
                        "Order %(order)s: a reading cannot be negative.",
                        order=order.name,
                    )
                )
            removed = order.removed_equipment_id
            if removed and order.removed_final_reading < removed.last_reading:
                raise ValidationError(
                    self.env._(
                        "Order %(order)s: the final reading %(reading)s of device "
                        "%(device)s is lower than its last known reading %(last)s.",
                        order=order.name,
                        reading=order.removed_final_reading,
                        device=removed.display_name,
                        last=removed.last_reading,
                    )
                )
            installed = order.installed_equipment_id
            if installed and installed == removed:
                raise ValidationError(
                    self.env._(
                        "Order %(order)s: device %(device)s cannot be removed and "
                        "installed by the same order.",
                        order=order.name,
                        device=installed.display_name,
                    )
                )
            if (
                installed
                and installed.device_state == "installed"
                and not (order.is_closed and installed.location_id == order.location_id)
            ):
                raise ValidationError(
                    self.env._(
                        "Order %(order)s: device %(device)s is already installed at "
                        "%(location)s.",
                        order=order.name,
                        device=installed.display_name,
                        location=installed.location_id.display_name,
                    )
                )

    # Computes ---------------------------------------------------------------

    @api.depends("test_point_ids.error_percent", "tested_equipment_id.accuracy_class")
    def _compute_test_verdict(self):
        for order in self:
            accuracy = order.tested_equipment_id.accuracy_class
            order.tolerance = ACCURACY_TOLERANCE.get(accuracy, 0.0)
            errors = order.test_point_ids.mapped("error_percent")
            order.max_error = max(errors, key=abs, default=0.0)
            order.max_abs_error = abs(order.max_error)
            if not errors or not accuracy:
                order.test_verdict = False
            elif order.max_abs_error <= order.tolerance:
                order.test_verdict = "passed"
            else:
                order.test_verdict = "failed"

    @api.depends(
        "type.time_limit_days", "metering_process", "request_early", "company_id"
    )
    def _compute_deadline(self):
        Policy = self.env["metering.policy"]
        now = fields.Datetime.now()
        schedules = {}
        for order in self:
            company = order.company_id or self.env.company
            if company not in schedules:
                schedules[company] = Policy._working_schedule(company)
            # a dispute's result is due by the policy's commitment, one value
            # for the request and its verification
            days = (
                Policy._for_company(company).dispute_days
                if order.metering_process == "dispute"
                else order.type.time_limit_days
            )
            order.deadline = Policy._working_day_deadline(
                company, days, order.request_early or now, schedules[company]
            )

    @api.depends("energy_adjustment_ids")
    def _compute_energy_adjustment_count(self):
        # the form reads the calculations anyway: counted from them, with no
        # query of its own (a list reads them for all its orders at once)
        for order in self:
            order.energy_adjustment_count = len(order.energy_adjustment_ids)

    @api.depends("metering_process", "request_early", "location_id.area_type")
    def _compute_arrival_deadline(self):
        policies = {}
        for order in self:
            company = order.company_id or self.env.company
            if company not in policies:
                policies[company] = self.env["metering.policy"]._for_company(company)
            minutes = policies[company][
                f"repair_minutes_{order.location_id.area_type or 'urban'}"
            ]
            order.arrival_deadline = (
                order.metering_process == "fault"
                and order.request_early
                and minutes
                and order.request_early + relativedelta(minutes=minutes)
            )

    @api.depends("arrival_deadline", "arrived_on")
    def _compute_arrival_late(self):
        now = fields.Datetime.now()
        for order in self:
            deadline = order.arrival_deadline
            order.arrival_late = bool(deadline and (order.arrived_on or now) > deadline)

    def _search_arrival_late(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        now = fields.Datetime.now()
        # the SQL below reads the columns: write what the cache holds first
        self.flush_model(["arrival_deadline", "arrived_on"])
        late = Domain.custom(
            to_sql=lambda model, alias, query: SQL(
                "(%(deadline)s IS NOT NULL AND COALESCE(%(arrived)s, %(now)s) > "
                "%(deadline)s)",
                deadline=SQL.identifier(alias, "arrival_deadline"),
                arrived=SQL.identifier(alias, "arrived_on"),
                now=now,
            ),
            predicate=lambda order: order.arrival_late,
        )
        return late if (operator == "in") == (True in value) else ~late

    @api.depends("deadline", "is_closed")
    def _compute_is_overdue(self):
        now = fields.Datetime.now()
        for order in self:
            order.is_overdue = bool(
                order.deadline and order.deadline < now and not order.is_closed
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        overdue = Domain("deadline", "<", fields.Datetime.now()) & Domain(
            "stage_id.is_closed", "=", False
        )
        positive = (operator == "in") == (True in value)
        return overdue if positive else ~overdue

    # CRUD ---------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        types = self.env["fsm.order.type"].browse(
            {vals["type"] for vals in vals_list if vals.get("type")}
        )
        durations = {t.id: t.default_duration for t in types}
        for vals in vals_list:
            if vals.get("type") and not vals.get("scheduled_duration"):
                vals["scheduled_duration"] = durations.get(vals["type"]) or 0.0
        orders = super().create(vals_list)
        orders._checklist_sync()
        # An order created or imported straight into a later stage passes the
        # same gate as one moved there.
        for stage, staged in orders.grouped("stage_id").items():
            staged._check_stage_gate(stage)
        return orders

    def write(self, vals):
        if "paper_record" in vals:
            reviewed = self.filtered("backfill_reviewed_by_id")
            if reviewed:
                raise UserError(
                    self.env._(
                        "Order %(order)s: the paper record was reviewed and is kept "
                        "as it was.",
                        order=reviewed[0].name,
                    )
                )
        stage = self.env["fsm.stage"].browse(vals.get("stage_id"))
        facts = None
        if stage:
            # one query tells which orders enter the stage and which of them
            # may not (see _metering_stage_facts)
            facts = self._metering_stage_facts(stage, vals)
            if facts is None:
                entering = self.filtered(lambda order: order.stage_id != stage)
            else:
                entering = self.browse(
                    id_ for id_ in self._ids if facts[id_]["stage_id"] != stage.id
                )
            entering._check_stage_gate(stage, vals, facts)
        result = super().write(vals)
        if "paper_record" in vals:
            self.sudo().paper_record_by_id = vals["paper_record"] and self.env.uid
        if "type" in vals:
            self._checklist_sync()
        if stage:
            entering._metering_stage_entered(stage, facts)
        return result

    def web_read(self, specification):
        self._metering_prefetch_form(specification)
        return super().web_read(specification)

    def _metering_prefetch_form(self, specification):
        """The form of an order shows many lists (the crew; the suite's test
        points, meters to swap, calculations, checklists, briefings) and
        files (the customer's signature, the scanned paper record). Read one
        by one, each costs a query: they are read here in one query for the
        lists and one for the files, with the domains, record rules, access
        checks and order the ORM reads each with, into the same cache; the
        read that follows finds them there. A list the user may not read is
        left to the ORM, which refuses it as usual."""
        if not self or not all(isinstance(id_, int) for id_ in self._ids):
            return
        lists, files = [], []
        for name in specification:
            field = self._fields.get(name)
            if (
                field is None
                or not field.store
                or field.compute  # computed and related: the ORM computes them
                or len(list(field._cache_missing_ids(self))) != len(self)
                or not self._has_field_access(field, "read")
            ):
                continue
            if field.type in ("one2many", "many2many"):
                lists.append(field)
            elif field.type in ("binary", "image") and field.attachment:
                files.append(field)
        if len(lists) > 1:
            self._metering_prefetch_lists(lists)
        if len(files) > 1:
            self._metering_prefetch_files(files)

    def _metering_list_query(self, field):
        """(query, owner column, line column) of what `field.read(self)`
        selects, or None where the ORM reads it otherwise."""
        comodel = self.env[field.comodel_name].with_context(
            active_test=False, **field.context
        )
        if field.type == "one2many":
            inverse = comodel._fields[field.inverse_name]
            if not inverse.store or not inverse.column_type:
                return None
            domain = field.get_comodel_domain(self) & Domain(
                field.inverse_name, "in", self.ids
            )
            query = comodel._search(domain, order=comodel._order)
            owner = SQL.identifier(comodel._table, field.inverse_name)
            return query, owner, SQL.identifier(comodel._table, "id")
        if (
            field.bypass_search_access
            and type(comodel)._search is not BaseModel._search
        ):
            return None  # the ORM filters its lines after the search
        query = comodel._search(field.get_comodel_domain(self), order=comodel._order)
        owner = SQL.identifier(field.relation, field.column1)
        line = SQL.identifier(field.relation, field.column2)
        query.add_join(
            "JOIN",
            field.relation,
            None,
            SQL("%s = %s", line, SQL.identifier(comodel._table, "id")),
        )
        query.add_where(SQL("%s IN %s", owner, tuple(self.ids)))
        return query, owner, line

    def _metering_prefetch_lists(self, list_fields):
        selects, read = [], []
        for field in list_fields:
            try:
                found = self._metering_list_query(field)
            except AccessError:
                continue  # the ORM says so when it reads the field
            if found is None:
                continue
            query, owner, line = found
            read.append(field)
            if query.is_empty():
                continue
            selects.append(
                query.select(
                    SQL(
                        "%s, %s, %s, ROW_NUMBER() OVER (ORDER BY %s)",
                        len(read) - 1,
                        owner,
                        line,
                        query.order or SQL.identifier(query.table, "id"),
                    )
                )
            )
        rows = (
            self.env.execute_query(
                SQL(" UNION ALL ").join(SQL("(%s)", select) for select in selects)
            )
            if selects
            else []
        )
        groups = [defaultdict(list) for __ in read]
        for index, owner, line, __ in sorted(rows, key=lambda row: (row[0], row[3])):
            groups[index][owner].append(line)
        for field, group in zip(read, groups, strict=True):
            field._insert_cache(self, [tuple(group[id_]) for id_ in self._ids])

    def _metering_prefetch_files(self, file_fields):
        """What `Binary.read` reads, for all the fields at once."""
        bin_size = self.env.context.get("bin_size")
        values = {field.name: {} for field in file_fields}
        for attachment in (
            self.env["ir.attachment"]
            .sudo()
            .search_fetch(
                [
                    ("res_model", "=", self._name),
                    ("res_field", "in", list(values)),
                    ("res_id", "in", self.ids),
                ]
            )
        ):
            values[attachment.res_field][attachment.res_id] = (
                human_size(attachment.file_size).encode()
                if bin_size
                else attachment.datas
            )
        for field in file_fields:
            field._insert_cache(self, map(values[field.name].get, self._ids))

    # Actions ------------------------------------------------------------

    def action_review_backfill(self):
        """A team leader confirms that a backfilled order matches its paper
        record (manual 6.4.2 a)."""
        self._metering_check_role("team_leader")
        for order in self:
            if not order.is_backfilled:
                raise UserError(
                    self.env._(
                        "Order %(order)s is not a backfilled record.", order=order.name
                    )
                )
            if not order.paper_record:
                raise UserError(
                    self.env._(
                        "Order %(order)s: attach the scanned paper record before the "
                        "review.",
                        order=order.name,
                    )
                )
            if order.paper_record_by_id == self.env.user:
                raise UserError(
                    self.env._(
                        "Order %(order)s: you attached its paper record; another team "
                        "leader reviews it.",
                        order=order.name,
                    )
                )
        self._metering_earn(
            {
                "backfill_reviewed_by_id": self.env.user.id,
                "backfill_reviewed_on": fields.Datetime.now(),
            }
        )
        return True

    def action_mark_backfilled(self):
        """Flag orders entered from a paper record: a team leader reviews them
        before they close. The flag is never removed."""
        self._metering_earn({"is_backfilled": True})
        return True

    def action_record_retrofit_approval(self, reference):
        """A team leader records the approved retrofit scheme (manual 5.9)."""
        self._metering_check_role("team_leader")
        if not (reference or "").strip():
            raise UserError(self.env._("Give the reference of the approved scheme."))
        self._metering_earn({"retrofit_approval": reference.strip()})
        return True

    def action_open_checklists(self):
        """The checklists of the order: the one to fill in, or the list."""
        self.ensure_one()
        checklists = self.checklist_ids
        if len(checklists) == 1:
            return checklists.action_open()
        return checklists._get_records_action(name=self.env._("Checklists"))

    def action_create_energy_adjustment(self):
        """Start the refund / make-up calculation of an error, filled in from
        the verification that found it and from the registry."""
        self.ensure_one()
        verification = self.origin_order_id.filtered("test_verdict") or self.filtered(
            "test_verdict"
        )
        device = (
            verification.tested_equipment_id
            or self.tested_equipment_id
            or self.removed_equipment_id
            or self.equipment_ids[:1]
        )
        today = fields.Date.context_today(self)
        start = device.last_test_date or device.installed_date
        if verification.tested_equipment_id == device and device.last_test_date:
            # the verification itself set the last test date: the period
            # runs from the test or installation before it
            start = device.installed_date
        fault = self.origin_order_id.filtered(
            lambda o: o.fault_symptom in ("stopped", "burnt")
        )
        device = device or fault.removed_equipment_id
        adjustment = self.env["metering.energy.adjustment"].create(
            {
                "location_id": self.location_id.id,
                "order_id": self.id,
                "equipment_id": device.id,
                # a stopped or burnt meter has no usable reading: settled by
                # the customer's normal consumption
                "method": "stopped" if fault else "out_of_tolerance",
                "period_start": start or today,
                "period_end": today,
                "error_percent": verification.max_error,
                "recorded_energy": device._metering_energy_since(start),
            }
        )
        return adjustment._get_records_action(
            name=self.env._("Refund / Make-up Calculation")
        )

    def action_view_energy_adjustments(self):
        self.ensure_one()
        return self.energy_adjustment_ids._get_records_action(
            name=self.env._("Refund / Make-up Calculations")
        )

    def action_no_adjustment_needed(self, reason):
        """A team leader decides that an error calls for no refund or make-up
        energy (manual 5.8), with the reason."""
        self._metering_check_role("team_leader")
        if not (reason or "").strip():
            raise UserError(
                self.env._("Give the reason why no refund or make-up is needed.")
            )
        self._metering_earn(
            {
                "no_adjustment_reason": reason.strip(),
                "no_adjustment_by_id": self.env.uid,
            }
        )
        return True

    # The stage gate ---------------------------------------------------------

    def _check_stage_gate(self, stage, vals=None, facts=None):
        """Refuse, before anything is written, to let these orders enter the
        stage while anything prevents it: one error lists every problem of
        every order.

        One query first finds the orders that may fail (`facts`, from
        `_metering_stage_facts`, computed here when the caller has not): the
        ORM's `_metering_stage_problems` says why for those only, and the
        orders that pass cost no more. Where the fast check cannot tell (see
        `_metering_stage_sql`), the ORM checks every order, as before."""
        if not self or not stage:
            return
        vals = vals or {}
        if facts is None:
            facts = self._metering_stage_facts(stage, vals)
        suspects = (
            self
            if facts is None
            else self.browse(id_ for id_ in self._ids if facts[id_]["fail"])
        )
        problems = suspects._metering_stage_problems(stage, vals) if suspects else []
        if problems:
            raise ValidationError(
                self.env._(
                    "These work orders cannot move to %(stage)s:\n%(problems)s",
                    stage=stage.display_name,
                    problems="\n".join(f"- {problem}" for problem in problems),
                )
            )

    def _metering_stage_facts(self, stage, vals):
        """What the gate's fast check finds of these orders, in one read-only
        query: {order id: {"stage_id": the order's stage id, "fail": whether
        it may fail the gate of `stage`, and each column of
        `_metering_stage_sql` by its name}}. None where the gate is left to
        the ORM (new records, a stage or an order that is no more, a stage or
        values written with it that the fast check does not know).

        An order `_metering_stage_problems` refuses always has a true "fail_"
        column (and, rarely, one it lets in: a worker matched to two
        employees, say): the ORM has the last word, the query spares it the
        orders that pass. test_gate_queries compares the two, condition by
        condition."""
        if not self or not all(isinstance(id_, int) for id_ in self._ids):
            return None
        found = self._metering_stage_sql(stage, vals)
        if found is None:
            return None
        ctes, columns = found
        self.flush_model(["stage_id"])
        stage.flush_model(["sequence", "is_closed"])
        ids = list(set(self._ids))
        rows = self.env.execute_query(
            SQL(
                """
                WITH gate_order AS (SELECT unnest(%s::int4[]) AS id)%s
                SELECT fsm_order.id, fsm_order.stage_id, target.id%s
                  FROM gate_order
                  JOIN fsm_order ON fsm_order.id = gate_order.id
                  LEFT JOIN fsm_stage AS target ON target.id = %s
                """,
                ids,
                SQL("").join(
                    SQL(", %s AS (%s)", SQL.identifier(name), cte)
                    for name, cte in ctes.items()
                ),
                SQL("").join(
                    SQL(", COALESCE((%s), TRUE)", column)
                    if name.startswith("fail_")
                    else SQL(", %s", column)
                    for name, column in columns.items()
                ),
                stage.id,
            )
        )
        if len(rows) != len(ids) or rows[0][2] is None:
            return None
        facts = {}
        for id_, stage_id, __, *values in rows:
            row = dict(zip(columns, values, strict=True))
            row["fail"] = any(
                value for name, value in row.items() if name.startswith("fail_")
            )
            row["stage_id"] = stage_id
            facts[id_] = row
        return facts

    def _metering_stage_sql(self, stage, vals):
        """The gate of `stage` in SQL, for `_metering_stage_facts`: (common
        table expressions {name: query}, columns {name: expression}). The
        queries may read the CTE "gate_order" (the ids of the orders); the
        columns are evaluated for each order ("fsm_order") and the stage it
        enters ("target"). A column "fail_..." is true when the order may not
        enter (NULL counts as true), the others are facts that
        `_metering_stage_entered` uses instead of reading again. Each addon
        adds its own through super() and flushes what they read. None (from
        any addon) leaves the whole gate to the ORM: for the completion,
        which checks the values written with it, and where `vals` change
        what the facts say."""
        if self._metering_is_stage(
            stage, "fieldservice.fsm_stage_completed"
        ) or SERVICE_GATE_FIELDS & set(vals):
            return None
        for model, fnames in SERVICE_GATE_READS.items():
            self.env[model].flush_model(fnames)
        ctes = {}
        columns = {
            # _metering_stage_problems: the backfilled record reviewed
            "fail_backfill": SQL(
                "target.is_closed IS TRUE AND fsm_order.is_backfilled IS TRUE"
                " AND fsm_order.backfill_reviewed_by_id IS NULL"
            ),
            "fail_checklists": SQL("FALSE"),
            "checklists_to_complete": SQL("FALSE"),
        }
        if self._metering_is_stage(stage, "fieldservice.fsm_stage_cancelled"):
            return ctes, columns  # _guarded_checklists: none
        # _guarded_checklists: the orders' checklists guarding the stage or
        # an earlier one
        ctes["gate_guarded_checklist"] = SQL(
            """
            SELECT checklist.id, checklist.res_id AS order_id, checklist.state
              FROM metering_checklist checklist
              JOIN fsm_stage guard ON guard.id = checklist.guard_stage_id
             WHERE checklist.res_model = %s
               AND checklist.res_id IN (SELECT id FROM gate_order)
               AND COALESCE(guard.sequence, 0) <= COALESCE(
                   (SELECT sequence FROM fsm_stage WHERE id = %s), 0)
            """,
            self._name,
            stage.id,
        )
        # _checklist_problems: one of them with a blocking answer
        columns["fail_checklists"] = SQL(
            """
            fsm_order.id IN (
                SELECT checklist.order_id
                  FROM gate_guarded_checklist checklist
                  JOIN metering_checklist_answer answer
                    ON answer.checklist_id = checklist.id
                  JOIN metering_checklist_item item ON item.id = answer.item_id
                 WHERE (answer.result = 'unanswered' AND item.mandatory IS TRUE)
                    OR (answer.result = 'fail' AND item.critical IS TRUE))
            """
        )
        # _checklist_complete_guarded: those the orders complete
        columns["checklists_to_complete"] = SQL(
            """
            fsm_order.id IN (SELECT order_id FROM gate_guarded_checklist
                              WHERE state != 'done')
            """
        )
        return ctes, columns

    @api.model
    def _metering_is_stage(self, stage, xmlid):
        """Whether `stage` is the stage of this XML id, from the registry's
        cache of XML ids: `env.ref` checks that the record exists, a query on
        every call, several times in every stage change."""
        return stage.id == self.env["ir.model.data"]._xmlid_to_res_id(xmlid)

    def _metering_stage_problems(self, stage, vals):
        """What prevents these orders from entering the stage, as messages that
        name the order (process results, verification verdict, backfill
        review, checklists). Each addon adds its own through super(); `vals`
        are the values written with the stage."""
        problems = []
        if self._metering_is_stage(stage, "fieldservice.fsm_stage_completed"):
            problems += self._process_result_problems(vals)
            problems += self._verdict_problems()
            problems += self._settlement_problems()
            problems += self.rotation_line_ids._problems()
        if stage.is_closed:
            problems += [
                self.env._(
                    "%(order)s: a team leader reviews the backfilled record against "
                    "its paper record first",
                    order=order.name,
                )
                for order in self
                if order.is_backfilled and not order.backfill_reviewed_by_id
            ]
        problems += self._checklist_problems(stage)
        return problems

    def _metering_stage_entered(self, stage, facts=None):
        """What entering a stage does, once the gate has let the orders in:
        guarded checklists are completed, completion applies the orders.
        Extended by the addons. `facts`: what the gate's fast check found of
        these orders (`_metering_stage_facts`), None where the ORM checked."""
        self._checklist_complete_guarded(facts)
        if self._metering_is_stage(stage, "fieldservice.fsm_stage_completed"):
            self._metering_complete()
        return True

    def _process_result_problems(self, vals):
        """What each process must have recorded before its order completes."""
        required = {
            "fault": ("fault_symptom", "fault_cause", "arrived_on"),
            "retrofit": ("retrofit_reason", "retrofit_scope", "retrofit_approval"),
            "terminal": ("comm_channel", "terminal_online", "terminal_data_read"),
        }
        problems = []
        for order in self:
            missing = [
                order._fields[name]._description_string(self.env)
                for name in required.get(order.metering_process, ())
                if not vals.get(name, order[name])
            ]
            if order.metering_process == "fault" and vals.get(
                "supply_interrupted", order.supply_interrupted
            ):
                missing += [
                    order._fields[name]._description_string(self.env)
                    for name in ("outage_start", "supply_restored_on")
                    if not vals.get(name, order[name])
                ]
            if missing:
                problems.append(
                    self.env._(
                        "%(order)s: record %(fields)s",
                        order=order.name,
                        fields=", ".join(missing),
                    )
                )
        return problems

    def _verdict_problems(self):
        return [
            self.env._(
                "%(order)s: record the errors found at the test points of the device "
                "under test",
                order=order.name,
            )
            for order in self
            if order.metering_process in VERIFICATION_PROCESSES
            and order.tested_equipment_id
            and not order.test_verdict
        ]

    def _settlement_problems(self):
        """Every error ends in a settled calculation (manual 5.6, 5.8)."""
        return [
            self.env._(
                "%(order)s: approve its refund / make-up calculation, or have a "
                "team leader record that none is needed",
                order=order.name,
            )
            for order in self
            if order.metering_process == "error"
            and not order.no_adjustment_reason
            and "approved" not in order.energy_adjustment_ids.mapped("state")
        ]

    # Checklists -------------------------------------------------------------

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
        by_type = assignments.grouped("order_type_id")
        return {
            order: by_type.get(order.type, assignments.browse())
            for order in self
            if order.type
        }

    def _checklist_values(self, assignment):
        return {"team_id": self.team_id.id, "order_type_id": self.type.id}

    def _checklist_responsible_user(self):
        return self.team_id.leader_user_id

    def _guarded_checklists(self, stage):
        """The checklists of these orders that guard `stage` or an earlier one
        (a cancelled order is guarded by nothing)."""
        if self._metering_is_stage(stage, "fieldservice.fsm_stage_cancelled"):
            return self.env["metering.checklist"]
        return self.sudo().checklist_ids.filtered(
            lambda c: c.guard_stage_id and stage.sequence >= c.guard_stage_id.sequence
        )

    def _checklist_problems(self, stage):
        blocked = self._guarded_checklists(stage).filtered(
            lambda c: c._blocking_answers()
        )
        if not blocked:
            return []
        return [
            self.env._(
                "%(order)s: its checklists are not complete:\n%(details)s",
                order=order.name,
                details=checklists._blocking_message(),
            )
            for order, checklists in blocked.grouped(
                lambda c: self.browse(c.res_id)
            ).items()
        ]

    def _checklist_complete_guarded(self, facts=None):
        """Passing the gate completes the checklists that guard the stage
        (`facts`: the gate's fast check told which orders have some, see
        `_metering_stage_sql`)."""
        orders = self
        if facts is not None:
            orders = self.browse(
                id_ for id_ in self._ids if facts[id_]["checklists_to_complete"]
            )
        for stage, staged in orders.grouped("stage_id").items():
            checklists = staged._guarded_checklists(stage).filtered(
                lambda c: c.state != "done"
            )
            checklists.sudo().write(
                {
                    "state": "done",
                    "completed_by_id": self.env.user.id,
                    "completed_on": fields.Datetime.now(),
                }
            )

    # Business methods -------------------------------------------------------

    def _metering_complete(self):
        """Apply a completed order to the registry: device status, history,
        readings, and the first inspection the installation calls for."""
        today = fields.Date.context_today(self)
        # when the work ended, for the on-time KPIs of the evaluations
        self.filtered(lambda order: not order.date_end).write(
            {"date_end": fields.Datetime.now()}
        )
        History = self.env["metering.device.history"].sudo()
        history_vals, first_inspections = [], self.browse()
        for order in self:
            removed, installed = (
                order.removed_equipment_id,
                order.installed_equipment_id,
            )
            if removed:
                history_vals.append(
                    order._metering_history_vals(
                        removed, "removed", order.removed_final_reading
                    )
                )
                removed.sudo().write(
                    {
                        "device_state": "removed",
                        "last_reading": order.removed_final_reading,
                    }
                )
            if installed:
                history_vals.append(
                    order._metering_history_vals(
                        installed, "installed", order.installed_initial_reading
                    )
                )
                installed.sudo().write(
                    {
                        "device_state": "installed",
                        "location_id": order.location_id.id,
                        "installed_date": today,
                        "last_reading": order.installed_initial_reading,
                    }
                )
                if (
                    order.metering_process in FIRST_INSPECTION_PROCESSES
                    and order.location_id.metering_class in FIRST_INSPECTION_CLASSES
                ):
                    first_inspections |= order
        History.create(history_vals)
        first_inspections._without_follow_up(
            "fsm_order_type_first_inspection"
        )._create_first_inspection_orders()
        verified = self.filtered(
            lambda order: (
                order.metering_process in VERIFICATION_PROCESSES
                and order.tested_equipment_id
            )
        )
        verified.tested_equipment_id.sudo().write({"last_test_date": today})
        failed = verified.filtered(lambda order: order.test_verdict == "failed")
        failed._without_follow_up(
            "fsm_order_type_install"
        )._create_out_of_tolerance_orders()
        failed.tested_equipment_id._rotate_failed_batches()
        self.filtered(
            lambda order: order.metering_process == "fault" and order.energy_affected
        )._without_follow_up("fsm_order_type_error")._create_error_orders()
        self.rotation_line_ids._apply_to_registry()
        verified.filtered("ticket_id")._post_dispute_results()

    def _metering_history_vals(self, device, event, reading):
        self.ensure_one()
        return {
            "equipment_id": device.id,
            "event": event,
            "location_id": self.location_id.id,
            "reading": reading,
            "order_id": self.id,
            "seals": self.seals_removed if event == "removed" else self.seals_applied,
        }

    def _without_follow_up(self, type_xmlid):
        """Those of these orders that have no follow-up order of that type yet:
        completion plans each follow-up once, so an order reopened and
        completed again, or one whose follow-up was planned by hand, gets no
        second replacement, error-handling or first-inspection order."""
        if not self:
            return self
        order_type = self.env.ref(f"metering_service.{type_xmlid}")
        planned = (
            self.env["fsm.order"]
            .sudo()
            .with_context(active_test=False)
            ._read_group(
                [("origin_order_id", "in", self.ids), ("type", "=", order_type.id)],
                ["origin_order_id"],
            )
        )
        return self - self.browse([origin.id for (origin,) in planned])

    def _create_first_inspection_orders(self):
        order_type = self.env.ref(
            "metering_service.fsm_order_type_first_inspection", raise_if_not_found=False
        )
        if not self or not order_type:
            return self.browse()
        now = fields.Datetime.now()
        vals_list = []
        for order in self:
            policy = self.env["metering.policy"]._for_company(order.company_id)
            vals_list.append(
                {
                    "type": order_type.id,
                    "location_id": order.location_id.id,
                    "company_id": order.company_id.id,
                    "origin_order_id": order.id,
                    "equipment_ids": [
                        fields.Command.link(order.installed_equipment_id.id)
                    ],
                    "deadline": now
                    + relativedelta(months=policy.first_inspection_months),
                }
            )
        inspections = self.sudo().create(vals_list)
        for order, inspection in zip(self, inspections, strict=True):
            order.message_post(
                body=self.env._(
                    "First inspection order %(inspection)s created, due %(deadline)s.",
                    inspection=inspection.name,
                    deadline=fields.Date.to_string(inspection.deadline.date()),
                )
            )
        return inspections

    def _create_out_of_tolerance_orders(self):
        """A meter out of tolerance is replaced within the policy's working days,
        and its error is handled (refund or make-up energy)."""
        replace_type = self.env.ref("metering_service.fsm_order_type_install")
        error_type = self.env.ref("metering_service.fsm_order_type_error")
        now = fields.Datetime.now()
        vals_list = []
        for order in self:
            company = order.company_id
            Policy = self.env["metering.policy"]
            deadline = Policy._working_day_deadline(
                company, Policy._for_company(company).replacement_days, now
            )
            common = {
                "location_id": order.location_id.id,
                "company_id": company.id,
                "origin_order_id": order.id,
                "ticket_id": order.ticket_id.id,
                "equipment_ids": [fields.Command.link(order.tested_equipment_id.id)],
            }
            vals_list += [
                {
                    **common,
                    "type": replace_type.id,
                    "removed_equipment_id": order.tested_equipment_id.id,
                    "removed_final_reading": order.tested_equipment_id.last_reading,
                    "deadline": deadline,
                },
                {**common, "type": error_type.id},
            ]
        orders = self.sudo().create(vals_list)
        for order in self:
            order.message_post(
                body=self.env._(
                    "Out of tolerance (largest error %(error)s %%, tolerance "
                    "%(tolerance)s %%): replacement and error-handling orders created.",
                    error=order.max_abs_error,
                    tolerance=order.tolerance,
                )
            )
        return orders

    def _create_error_orders(self):
        """A fault that affected the metered energy is settled by an
        error-handling order (manual 5.6)."""
        error_type = self.env.ref("metering_service.fsm_order_type_error")
        orders = self.sudo().create(
            [
                {
                    "type": error_type.id,
                    "location_id": order.location_id.id,
                    "company_id": order.company_id.id,
                    "origin_order_id": order.id,
                    "ticket_id": order.ticket_id.id,
                    "equipment_ids": [
                        fields.Command.link(device.id)
                        for device in order.removed_equipment_id
                    ],
                }
                for order in self
            ]
        )
        for order, error_order in zip(self, orders, strict=True):
            order.message_post(
                body=self.env._(
                    "The fault affected the metered energy: error-handling order "
                    "%(order)s created.",
                    order=error_order.name,
                )
            )
        return orders

    def _post_dispute_results(self):
        """Give the verification result back to the customer on the request."""
        template = self.env.ref("metering_service.mail_template_dispute_result")
        for order in self:
            order.ticket_id.sudo().message_post_with_source(
                template,
                subtype_xmlid="mail.mt_comment",
                render_values={"order": order},
            )
