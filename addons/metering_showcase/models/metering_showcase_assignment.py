# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from pytz import timezone, utc

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .metering_showcase_visit import LIVE_STATES, _covered, work_spans


class MeteringShowcaseAssignment(models.Model):
    """An employee in a role of a visit, over the role's window: from its
    preparation before the visit to the end of the visit (or of the
    preparation). Refused when the employee is booked elsewhere, on time off
    or not at work then."""

    _name = "metering.showcase.assignment"
    _description = "Visit Staff Assignment"
    _inherit = ["metering.earned.mixin"]
    _order = "visit_id, role_id, id"

    visit_id = fields.Many2one(
        "metering.showcase.visit", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="visit_id.company_id", store=True)
    role_id = fields.Many2one("metering.showcase.role", required=True, index=True)
    employee_id = fields.Many2one(
        "hr.employee",
        required=True,
        index=True,
        domain="[('id', 'in', qualified_employee_ids)]",
    )
    qualified_employee_ids = fields.Many2many(related="role_id.employee_ids")
    user_id = fields.Many2one(
        related="employee_id.user_id", store=True, index="btree_not_null"
    )
    date_start = fields.Datetime(
        "From",
        compute="_compute_window",
        store=True,
        readonly=False,
        required=True,
        precompute=True,
        help="Computed from the role's preparation window; may be moved.",
    )
    date_stop = fields.Datetime(
        "To",
        compute="_compute_window",
        store=True,
        readonly=False,
        required=True,
        precompute=True,
    )
    visit_state = fields.Selection(related="visit_id.state")
    note = fields.Char()

    _one_role_per_employee = models.Constraint(
        "UNIQUE(visit_id, role_id, employee_id)",
        "An employee holds a role of a visit once.",
    )
    _window_order = models.Constraint(
        "CHECK(date_stop > date_start)", "An assignment ends after it starts."
    )

    @api.depends("role_id", "visit_id.start", "visit_id.stop")
    def _compute_window(self):
        for assignment in self:
            visit = assignment.visit_id
            if assignment.role_id and visit.start and visit.stop:
                assignment.date_start, assignment.date_stop = (
                    assignment.role_id._window(visit.start, visit.stop)
                )
            else:
                assignment.date_start = assignment.date_start or visit.start
                assignment.date_stop = assignment.date_stop or visit.stop

    @api.depends("role_id", "employee_id")
    def _compute_display_name(self):
        for assignment in self:
            assignment.display_name = (
                f"{assignment.role_id.name} · {assignment.employee_id.name}"
            )

    @api.constrains("employee_id", "role_id", "date_start", "date_stop")
    def _check_conflicts(self):
        unqualified = self.filtered(
            lambda a: a.employee_id not in a.role_id.employee_ids
        )
        if unqualified:
            raise ValidationError(
                self.env._(
                    "%(employee)s is not qualified for %(role)s.",
                    employee=unqualified[0].employee_id.name,
                    role=unqualified[0].role_id.name,
                )
            )
        live = self.filtered(lambda a: a.visit_id.state in LIVE_STATES)
        conflicts = self._window_conflicts(
            [(a.id, a.employee_id, a.date_start, a.date_stop, a.visit_id) for a in live]
        )
        if conflicts:
            raise ValidationError("\n".join(conflicts.values()))

    @api.model
    def _window_conflicts(self, slots):
        """{key: message} of the slots that cannot be staffed.

        `slots` are (key, employee, start, stop, visit); a key that is an
        assignment id is not in conflict with itself. An employee is refused
        when booked in another visit over an overlapping window (preparation
        windows included), on approved time off, or outside his working hours.
        Three searches and one working-time computation per calendar, whatever
        the number of slots."""
        if not slots:
            return {}
        employees = (
            self.env["hr.employee"]
            .browse({employee.id for _k, employee, _s, _t, _v in slots})
            .sudo()
        )
        start = min(s for _k, _e, s, _t, _v in slots)
        stop = max(t for _k, _e, _s, t, _v in slots)
        booked = defaultdict(list)
        for other in self.sudo().search(
            [
                ("employee_id", "in", employees.ids),
                ("visit_id.state", "in", LIVE_STATES),
                ("date_start", "<", stop),
                ("date_stop", ">", start),
            ]
        ):
            # plain tuples: the loop below reads them for every slot
            booked[other.employee_id.id].append(
                (other.date_start, other.date_stop, other.id, other)
            )
        leaves = defaultdict(list)
        for leave in (
            self.env["hr.leave"]
            .sudo()
            .search(
                [
                    ("employee_id", "in", employees.ids),
                    ("state", "=", "validate"),
                    ("date_from", "<", stop),
                    ("date_to", ">", start),
                ]
            )
        ):
            leaves[leave.employee_id.id].append((leave.date_from, leave.date_to, leave))
        spans = {}
        for calendar, staff in employees.grouped("resource_calendar_id").items():
            if not calendar:
                continue
            by_resource = work_spans(calendar, start, stop, resources=staff.resource_id)
            for employee in staff:
                spans[employee.id] = by_resource[employee.resource_id.id]
        # the visits of the slots come from anywhere: read them together
        visits = self.env["metering.showcase.visit"].browse(
            {visit.id for _k, _e, _s, _t, visit in slots}
        )
        conflicts = {}
        zones = {}
        for key, employee, slot_start, slot_stop, visit in slots:
            employee_id = employee.id
            other = next(
                (
                    a
                    for a_start, a_stop, a_id, a in booked[employee_id]
                    if a_id != key and a_start < slot_stop and slot_start < a_stop
                ),
                None,
            )
            leave = next(
                (
                    leave
                    for l_start, l_stop, leave in leaves[employee_id]
                    if l_start < slot_stop and slot_start < l_stop
                ),
                None,
            )
            covered = employee_id not in spans or _covered(
                slot_start, slot_stop, spans[employee_id]
            )
            if not (other or leave or not covered):
                continue
            visit = visit.with_prefetch(visits._prefetch_ids)
            employee = employee.with_prefetch(employees._prefetch_ids)
            zone_key = (employee.id, visit.hall_id.id)
            if zone_key not in zones:
                zones[zone_key] = timezone(
                    employee.resource_calendar_id.tz
                    or visit.hall_id.resource_calendar_id.tz
                    or "UTC"
                )

            def local(dt, tz=zones[zone_key]):
                return utc.localize(dt).astimezone(tz).strftime("%Y-%m-%d %H:%M")

            if other and other.visit_id == visit:
                conflicts[key] = self.env._(
                    "%(employee)s is already %(role)s of visit %(visit)s from "
                    "%(start)s to %(stop)s: cannot take another role then.",
                    employee=employee.name,
                    role=other.role_id.name,
                    visit=visit.display_name,
                    start=local(other.date_start),
                    stop=local(other.date_stop),
                )
            elif other:
                conflicts[key] = self.env._(
                    "%(employee)s is already %(role)s of visit %(other)s from "
                    "%(start)s to %(stop)s: cannot also serve visit %(visit)s.",
                    employee=employee.name,
                    role=other.role_id.name,
                    other=other.visit_id.display_name,
                    start=local(other.date_start),
                    stop=local(other.date_stop),
                    visit=visit.display_name,
                )
            elif leave:
                conflicts[key] = self.env._(
                    "%(employee)s is on time off (%(leave)s) from %(start)s to "
                    "%(stop)s: cannot serve visit %(visit)s.",
                    employee=employee.name,
                    leave=leave.holiday_status_id.name,
                    start=local(leave.date_from),
                    stop=local(leave.date_to),
                    visit=visit.display_name,
                )
            else:
                conflicts[key] = self.env._(
                    "%(employee)s does not work from %(start)s to %(stop)s "
                    "(%(calendar)s): cannot serve visit %(visit)s.",
                    employee=employee.name,
                    start=local(slot_start),
                    stop=local(slot_stop),
                    calendar=employee.resource_calendar_id.name,
                    visit=visit.display_name,
                )
        return conflicts

    @api.model_create_multi
    def create(self, vals_list):
        assignments = super().create(vals_list)
        assignments._notify_assignees()
        return assignments

    @api.ondelete(at_uninstall=False)
    def _unlink_withdraw_assignees(self):
        """An assignee taken off a visit loses its to-do and leaves its
        calendar event (Odoo tells him the event no longer includes him)."""
        for assignment in self.sudo():
            visit = assignment.visit_id
            others = visit.assignment_ids - self.sudo()
            user = assignment.user_id
            if user and user not in others.user_id:
                visit.activity_ids.filtered(
                    lambda a, user=user: a.user_id == user
                ).unlink()
            partner = assignment.employee_id.work_contact_id
            if (
                visit.event_id
                and partner
                and partner not in others.employee_id.work_contact_id
            ):
                visit.event_id.write(
                    {"partner_ids": [fields.Command.unlink(partner.id)]}
                )

    def _notify_assignees(self):
        """Each assignee gets a to-do on the visit and joins its calendar
        event: one create for the to-dos, one write per event."""
        assignments = self.sudo()
        todo = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id("metering.showcase.visit")
        self.env["mail.activity"].sudo().create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": assignment.visit_id.id,
                    "activity_type_id": todo.id,
                    "automated": True,
                    "note": todo.default_note,
                    "date_deadline": fields.Datetime.context_timestamp(
                        self, assignment.date_start
                    ).date(),
                    "summary": self.env._(
                        "%(role)s for visit %(visit)s",
                        role=assignment.role_id.name,
                        visit=assignment.visit_id.display_name,
                    ),
                    "user_id": assignment.user_id.id,
                }
                for assignment in assignments
                if assignment.user_id
            ]
        )
        for event, group in (
            assignments.filtered("visit_id.event_id")
            .grouped(lambda a: a.visit_id.event_id)
            .items()
        ):
            partners = group.employee_id.work_contact_id - event.partner_ids
            if partners:
                event.write(
                    {"partner_ids": [fields.Command.link(p.id) for p in partners]}
                )
