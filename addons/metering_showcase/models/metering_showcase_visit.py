# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import uuid
from bisect import bisect_right
from collections import defaultdict
from datetime import timedelta

from markupsafe import Markup
from pytz import timezone, utc

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import consteq, html2plaintext

# States in which a visit holds its hall and its staff.
BOOKED_STATES = ("confirmed", "in_progress", "done")
# States of a visit that is still going to happen (or happened).
LIVE_STATES = ("requested", "proposed", "confirmed", "in_progress", "done")
# States of a visit that the lead still prepares (the week board's concern).
UPCOMING_STATES = ("requested", "proposed", "confirmed")
# Changes of a held visit that the security / reception desk is told about.
DESK_FIELDS = (
    "start",
    "duration",
    "hall_id",
    "organisation_id",
    "visitor_count",
    "vehicle_plates",
    "id_check",
    "lead_id",
)
# The lead's report, locked once submitted.
REPORT_FIELDS = ("report_body", "report_photo_ids")
RATINGS = [("1", "1"), ("2", "2"), ("3", "3"), ("4", "4"), ("5", "5")]
FEEDBACK_ASPECTS = (
    "rating_reception",
    "rating_narration",
    "rating_exhibits",
    "rating_organisation",
)


def _merged(spans):
    """Sorted spans with touching or overlapping ones joined."""
    merged = []
    for start, stop in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], stop))
        else:
            merged.append((start, stop))
    return merged


def _covered(start, stop, spans):
    """Whether [start, stop] lies inside one of the merged (sorted, disjoint)
    spans: a bisection, so that a year of working time costs no more than a
    day."""
    index = bisect_right(spans, (start, start)) - 1
    if index + 1 < len(spans) and spans[index + 1][0] <= start:
        index += 1
    return index >= 0 and spans[index][0] <= start and stop <= spans[index][1]


def _local(dt, hall):
    """A naive-UTC datetime in the time zone of the hall's opening hours."""
    return utc.localize(dt).astimezone(timezone(hall.resource_calendar_id.tz or "UTC"))


def work_spans(calendar, start, stop, resources=None):
    """{resource id (False for the calendar itself): merged naive-UTC work
    spans of the calendar between two naive-UTC datetimes}: one computation
    for all the resources, leaves (holidays, time off) taken out."""
    intervals = calendar._work_intervals_batch(
        utc.localize(start), utc.localize(stop), resources=resources
    )
    return {
        resource_id: _merged(
            (
                a.astimezone(utc).replace(tzinfo=None),
                b.astimezone(utc).replace(tzinfo=None),
            )
            for a, b, _meta in spans
        )
        for resource_id, spans in intervals.items()
    }


class MeteringShowcaseVisit(models.Model):
    """A visit to the exhibition hall (参观接待, manual 6.5): requested by a
    visiting organisation, accepted by the reception lead into a hall and a
    slot, staffed, prepared by its readiness checklist, run and evaluated by
    the visitors."""

    _name = "metering.showcase.visit"
    _description = "Exhibition Hall Visit"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "metering.checklist.target.mixin",
        "metering.earned.mixin",
    ]
    _order = "start desc, id desc"
    _metering_sequence = "metering.showcase.visit"

    name = fields.Char(
        "Reference", required=True, readonly=True, copy=False, default="/"
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    organisation_id = fields.Many2one(
        "res.partner", "Visiting Organisation", required=True, tracking=True
    )
    contact_id = fields.Many2one(
        "res.partner",
        tracking=True,
        help="Receives the confirmation, the reminder and the feedback link.",
    )
    visitor_count = fields.Integer("Visitors", required=True, default=10, tracking=True)
    level = fields.Selection(
        [
            ("government", "Government"),
            ("headquarters", "Utility Headquarters"),
            ("customer", "Customers"),
            ("student", "Students"),
            ("other", "Other"),
        ],
        "Visitor Level",
        required=True,
        default="customer",
        tracking=True,
    )
    purpose = fields.Text()
    language = fields.Selection(
        [("zh", "Chinese"), ("en", "English"), ("other", "Other")],
        default="zh",
        required=True,
    )
    special_needs = fields.Text()
    vehicle_plates = fields.Char(
        "Vehicles",
        tracking=True,
        help="Plate numbers of the visitors' vehicles, for the security desk.",
    )
    id_check = fields.Boolean(
        "Identity Check at the Gate",
        default=True,
        tracking=True,
        help="The security desk checks every visitor's identity document.",
    )
    hall_id = fields.Many2one(
        "metering.showcase.hall",
        "Exhibition Hall",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self.env["metering.showcase.hall"].search(
            [("company_id", "=", self.env.company.id)], limit=1
        ),
    )
    start = fields.Datetime(required=True, tracking=True, index=True)
    duration = fields.Float("Duration (Hours)", required=True, default=1.5)
    stop = fields.Datetime(
        "End", compute="_compute_stop", store=True, readonly=True, index=True
    )
    lead_id = fields.Many2one(
        "res.users",
        "Reception Lead",
        tracking=True,
        index="btree_not_null",
        domain=lambda self: [
            (
                "all_group_ids",
                "in",
                self.env.ref("metering_showcase.group_reception_team").ids,
            )
        ],
        default=lambda self: self.env.user,
    )
    state = fields.Selection(
        [
            ("requested", "Requested"),
            ("proposed", "Other Slot Proposed"),
            ("confirmed", "Confirmed"),
            ("in_progress", "In Progress"),
            ("done", "Done"),
            ("declined", "Declined"),
            ("cancelled", "Cancelled"),
        ],
        default="requested",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        group_expand=True,
    )
    decline_reason = fields.Text(
        "Reason",
        help="Sent to the contact with a decline or a proposal of another slot.",
    )
    event_id = fields.Many2one("calendar.event", "Calendar Event", readonly=True)
    assignment_ids = fields.One2many(
        "metering.showcase.assignment", "visit_id", "Staff"
    )
    # The week board: what the lead still has to do, computed for a page of
    # visits at once (see _compute_board).
    unstaffed_role_count = fields.Integer("Unstaffed Roles", compute="_compute_board")
    unstaffed_role_names = fields.Char("Roles to Staff", compute="_compute_board")
    blocking_item_count = fields.Integer(
        "Blocking Readiness Items", compute="_compute_board"
    )
    blocking_items = fields.Text("Readiness to Do", compute="_compute_board")
    conflict_count = fields.Integer("Conflicts Found", compute="_compute_board")
    conflicts = fields.Text(compute="_compute_board")
    needs_attention = fields.Boolean(
        compute="_compute_board",
        search="_search_needs_attention",
        help="An upcoming visit with a role to staff, a blocking readiness item "
        "or a conflict.",
    )
    access_token = fields.Char(readonly=True, copy=False, groups="base.group_user")
    visitor_url = fields.Char("Visitor Link", compute="_compute_visitor_url")
    # The visitors' feedback, given through the visit's link once it is done.
    rating_reception = fields.Selection(RATINGS, "Reception", readonly=True)
    rating_narration = fields.Selection(RATINGS, "Narration", readonly=True)
    rating_exhibits = fields.Selection(RATINGS, "Exhibits", readonly=True)
    rating_organisation = fields.Selection(RATINGS, "Organisation", readonly=True)
    rating_average = fields.Float(
        "Average Rating",
        compute="_compute_rating_average",
        store=True,
        readonly=True,
        aggregator="avg",
    )
    feedback_comment = fields.Text("Visitor Comments", readonly=True)
    feedback_on = fields.Datetime("Feedback Given On", readonly=True)
    reminder_sent = fields.Boolean(readonly=True, copy=False)
    # The lead's report after the visit, with its photos; locked once
    # submitted by its action.
    report_body = fields.Html("Lead's Report", copy=False)
    report_photo_ids = fields.Many2many(
        "ir.attachment",
        "metering_showcase_visit_report_photo_rel",
        "visit_id",
        "attachment_id",
        "Photos",
        copy=False,
    )
    report_submitted_on = fields.Datetime(readonly=True, copy=False)
    report_submitted_by_id = fields.Many2one("res.users", readonly=True, copy=False)

    _visitors_positive = models.Constraint(
        "CHECK(visitor_count > 0)", "A visit has at least one visitor."
    )
    _duration_positive = models.Constraint(
        "CHECK(duration > 0)", "A visit lasts some time."
    )

    # Constraints ------------------------------------------------------------

    @api.constrains("start", "duration", "hall_id", "state", "visitor_count")
    def _check_schedule(self):
        problems = self._schedule_problems()
        if problems:
            raise ValidationError("\n".join(problems))

    def _schedule_problems(self):
        """What is wrong with the slots of these visits, as messages that name
        the visit: capacity, opening hours, holidays, and (for the visits that
        hold their hall) another visit too close. A fixed number of queries
        whatever the number of visits."""
        live = self.filtered(lambda v: v.state in LIVE_STATES and v.hall_id)
        problems = [
            self.env._(
                "Visit %(visit)s: %(count)s visitors exceed the capacity of "
                "%(hall)s (%(capacity)s).",
                visit=visit.display_name,
                count=visit.visitor_count,
                hall=visit.hall_id.name,
                capacity=visit.hall_id.capacity,
            )
            for visit in live
            if visit.visitor_count > visit.hall_id.capacity
        ]
        problems += live._opening_hours_problems()
        problems += list(
            live.filtered(lambda v: v.state in BOOKED_STATES)._hall_conflicts().values()
        )
        return problems

    def _opening_hours_problems(self):
        if not self:
            return []
        problems = []
        holidays = self.env["metering.calendar.day"].search(
            [
                ("kind", "=", "holiday"),
                ("company_id", "in", [False, *self.company_id.ids]),
                ("date", ">=", min(self.mapped("start")).date() - timedelta(days=1)),
                ("date", "<=", max(self.mapped("stop")).date() + timedelta(days=1)),
            ]
        )
        holiday_names = {}
        for day in holidays:
            holiday_names.setdefault((day.company_id.id, day.date), day.name)
        for calendar, visits in self.grouped(
            lambda v: v.hall_id.resource_calendar_id
        ).items():
            tz = timezone(calendar.tz or "UTC")
            spans = work_spans(
                calendar,
                min(visits.mapped("start")) - timedelta(days=1),
                max(visits.mapped("stop")) + timedelta(days=1),
            )[False]
            for visit in visits:
                day = utc.localize(visit.start).astimezone(tz).date()
                holiday = holiday_names.get(
                    (visit.company_id.id, day)
                ) or holiday_names.get((False, day))
                if holiday:
                    problems.append(
                        self.env._(
                            "Visit %(visit)s: %(day)s is a holiday (%(holiday)s), "
                            "the hall is closed.",
                            visit=visit.display_name,
                            day=day,
                            holiday=holiday,
                        )
                    )
                elif not _covered(visit.start, visit.stop, spans):
                    problems.append(
                        self.env._(
                            "Visit %(visit)s: %(hall)s is not open for the whole "
                            "visit (opening hours %(calendar)s, holidays "
                            "excluded).",
                            visit=visit.display_name,
                            hall=visit.hall_id.name,
                            calendar=calendar.name,
                        )
                    )
        return problems

    def _hall_conflicts(self):
        """{visit: message} of these visits that another visit holding the
        same hall comes too close to (the hall's buffer kept free between two
        visits)."""
        if not self:
            return {}
        margin = timedelta(minutes=max(self.hall_id.mapped("buffer_minutes")))
        others = self.search(
            [
                ("hall_id", "in", self.hall_id.ids),
                ("state", "in", BOOKED_STATES),
                ("start", "<", max(self.mapped("stop")) + margin),
                ("stop", ">", min(self.mapped("start")) - margin),
            ]
        )
        by_hall = others.grouped("hall_id")
        problems = {}
        for visit in self:
            buffer = timedelta(minutes=visit.hall_id.buffer_minutes)
            for other in by_hall.get(visit.hall_id, others.browse()):
                if (
                    other != visit
                    and other.start < visit.stop + buffer
                    and visit.start < other.stop + buffer
                ):
                    problems[visit] = self.env._(
                        "Visit %(visit)s: %(hall)s is booked by visit %(other)s "
                        "from %(start)s to %(stop)s (%(buffer)s minutes kept "
                        "free between visits).",
                        visit=visit.display_name,
                        hall=visit.hall_id.name,
                        other=other.display_name,
                        start=_local(other.start, other.hall_id).strftime(
                            "%Y-%m-%d %H:%M"
                        ),
                        stop=_local(other.stop, other.hall_id).strftime("%H:%M"),
                        buffer=visit.hall_id.buffer_minutes,
                    )
                    break
        return problems

    # Computes ----------------------------------------------------------------

    @api.depends("start", "duration")
    def _compute_stop(self):
        for visit in self:
            visit.stop = (
                visit.start + timedelta(hours=visit.duration) if visit.start else False
            )

    @api.depends("organisation_id", "name")
    def _compute_display_name(self):
        for visit in self:
            visit.display_name = (
                f"{visit.name} {visit.organisation_id.name}"
                if visit.organisation_id
                else visit.name
            )

    @api.depends(
        "state",
        "assignment_ids.role_id",
        "assignment_ids.date_start",
        "assignment_ids.date_stop",
        "checklist_ids.answer_ids.result",
    )
    def _compute_board(self):
        """What the lead still has to do for each visit: the roles nobody
        holds, the readiness items that block its start, and its conflicts
        (staff double-booked, on time off or off work since they were
        assigned; for a request, the hall taken). A fixed number of queries
        for the whole recordset: one for the roles, the checklists and their
        answers prefetched together, one conflict check for every
        assignment."""
        roles = self.env["metering.showcase.role"].search([])
        upcoming = self.filtered(lambda v: v.id and v.state in UPCOMING_STATES)
        assignments = upcoming.sudo().assignment_ids
        staff_conflicts = self.env["metering.showcase.assignment"]._window_conflicts(
            [
                (a.id, a.employee_id, a.date_start, a.date_stop, a.visit_id)
                for a in assignments
                if a.employee_id and a.date_start and a.date_stop
            ]
        )
        by_visit = defaultdict(list)
        for assignment in assignments:
            if assignment.id in staff_conflicts:
                by_visit[assignment.visit_id.id].append(staff_conflicts[assignment.id])
        requests = upcoming.filtered(lambda v: v.state != "confirmed")
        for visit, message in requests._hall_conflicts().items():
            by_visit[visit.id].append(message)
        checklists = upcoming.sudo().checklist_ids
        blocking = defaultdict(list)
        for checklist in checklists:
            for answer in checklist._blocking_answers():
                blocking[checklist.res_id].append(answer)
        for visit in self:
            missing = roles - visit.assignment_ids.role_id
            visit.unstaffed_role_count = len(missing)
            if visit not in upcoming:
                visit.unstaffed_role_names = False
                visit.blocking_item_count = 0
                visit.blocking_items = False
                visit.conflict_count = 0
                visit.conflicts = False
                visit.needs_attention = False
                continue
            answers = blocking[visit.id]
            visit.unstaffed_role_names = ", ".join(missing.mapped("name")) or False
            visit.blocking_item_count = len(answers)
            visit.blocking_items = (
                "\n".join(
                    self.env._("%(item)s (failed)", item=a.item_id.name)
                    if a.result == "fail"
                    else a.item_id.name
                    for a in answers
                )
                or False
            )
            visit.conflict_count = len(by_visit[visit.id])
            visit.conflicts = "\n".join(by_visit[visit.id]) or False
            visit.needs_attention = bool(missing or answers or by_visit[visit.id])

    def _search_needs_attention(self, operator, value):
        if operator != "in":
            return NotImplemented
        wanted = {bool(v) for v in value}
        if wanted == {True, False}:
            return Domain.TRUE
        candidates = self.search(
            [
                ("state", "in", UPCOMING_STATES),
                ("stop", ">=", fields.Datetime.now()),
            ]
        )
        ids = candidates.filtered("needs_attention").ids
        if True in wanted:
            return Domain("id", "in", ids)
        return Domain("id", "not in", ids)

    @api.depends(*FEEDBACK_ASPECTS)
    def _compute_rating_average(self):
        for visit in self:
            ratings = [int(visit[name]) for name in FEEDBACK_ASPECTS if visit[name]]
            visit.rating_average = sum(ratings) / len(ratings) if ratings else 0.0

    def _compute_visitor_url(self):
        base = self[:1].get_base_url() if self else ""
        for visit in self:
            token = visit.sudo().access_token
            visit.visitor_url = (
                f"{base}/showcase/visit/{visit.id}/{token}" if token else False
            )

    # CRUD ---------------------------------------------------------------------

    def _metering_create_values(self, vals_list):
        for vals in vals_list:
            vals["access_token"] = uuid.uuid4().hex
        return super()._metering_create_values(vals_list)

    def write(self, vals):
        if not self.env.su and set(REPORT_FIELDS) & set(vals):
            submitted = self.filtered("report_submitted_on")
            if submitted:
                raise UserError(
                    self.env._(
                        "Visit %(visit)s: the lead's report was submitted on "
                        "%(date)s; it is no longer changed.",
                        visit=submitted[0].display_name,
                        date=fields.Datetime.to_string(
                            fields.Datetime.context_timestamp(
                                self, submitted[0].report_submitted_on
                            )
                        ),
                    )
                )
        desk_changes = set(DESK_FIELDS) & set(vals)
        held = (
            self.filtered(lambda v: v.state in ("confirmed", "in_progress"))
            if desk_changes
            else self.browse()
        )
        if held:
            before = {
                visit: {name: visit[name] for name in desk_changes} for visit in held
            }
        result = super().write(vals)
        if {"start", "duration"} & set(vals):
            # the windows of the staff moved with the visit
            self.assignment_ids._check_conflicts()
            self._sync_event()
        elif {"hall_id", "lead_id", "organisation_id"} & set(vals):
            self._sync_event()
        if held:
            held.filtered(
                lambda v: any(v[name] != before[v][name] for name in desk_changes)
            )._send_desk_notice("changed")
        return result

    # Actions --------------------------------------------------------------

    def _check_reception(self):
        if not self.env.su and not self.env.user.has_group(
            "metering_showcase.group_reception_team"
        ):
            raise AccessError(
                self.env._("Only the reception team may do this with a visit.")
            )

    def _check_state(self, states, action):
        wrong = self.filtered(lambda v: v.state not in states)
        if wrong:
            raise UserError(
                self.env._(
                    "Visit %(visit)s is %(state)s: it cannot be %(action)s.",
                    visit=wrong[0].display_name,
                    state=dict(self._fields["state"]._description_selection(self.env))[
                        wrong[0].state
                    ],
                    action=action,
                )
            )

    def action_accept(self):
        """The lead accepts the request in its slot: the hall is held, the
        staff calendar gets the event, the readiness checklist is prepared and
        the contact gets the confirmation."""
        self._check_reception()
        self._check_state(("requested", "proposed"), self.env._("accepted"))
        self._metering_earn({"state": "confirmed"})
        self._sync_event()
        self._checklist_sync()
        self._send_notice("metering_showcase.mail_template_visit_confirmed")
        self._send_desk_notice("confirmed")
        return True

    def action_propose_slot(self):
        """The lead proposes the slot now on the visit (changed from the
        requested one) with the reason: the contact accepts it through the
        visit's link."""
        self._check_reception()
        self._check_state(("requested", "proposed"), self.env._("proposed"))
        self._metering_earn({"state": "proposed"})
        self._send_notice("metering_showcase.mail_template_visit_proposed")
        return True

    def action_decline(self):
        self._check_reception()
        self._check_state(("requested", "proposed"), self.env._("declined"))
        missing = self.filtered(lambda v: not v.decline_reason)
        if missing:
            raise UserError(
                self.env._(
                    "Visit %(visit)s: give the reason sent to the contact.",
                    visit=missing[0].display_name,
                )
            )
        self._metering_earn({"state": "declined"})
        self._send_notice("metering_showcase.mail_template_visit_declined")
        return True

    def action_start(self):
        """The visit starts once its readiness checklists let it."""
        self._check_reception()
        self._check_state(("confirmed",), self.env._("started"))
        self._checklist_sync()
        problems = self._checklist_problems()
        if problems:
            raise ValidationError(
                self.env._(
                    "These visits cannot start:\n%(problems)s",
                    problems="\n".join(f"- {problem}" for problem in problems),
                )
            )
        self._checklist_complete()
        self._metering_earn({"state": "in_progress"})
        return True

    def action_done(self):
        self._check_reception()
        self._check_state(("in_progress",), self.env._("closed"))
        self._metering_earn({"state": "done"})
        self._send_notice("metering_showcase.mail_template_visit_feedback")
        return True

    def action_cancel(self):
        self._check_reception()
        self._check_state(
            ("requested", "proposed", "confirmed"), self.env._("cancelled")
        )
        held = self.filtered(lambda v: v.state == "confirmed")
        self._metering_earn({"state": "cancelled"})
        self.event_id.sudo().action_archive()
        held._send_desk_notice("cancelled")
        return True

    def action_submit_report(self):
        """The lead submits his report of a done visit, with its photos: from
        then on it is the record of the visit and no longer changes."""
        self._check_reception()
        self._check_state(("done",), self.env._("reported on"))
        for visit in self:
            if visit.report_submitted_on:
                raise UserError(
                    self.env._(
                        "Visit %(visit)s: the lead's report was submitted already.",
                        visit=visit.display_name,
                    )
                )
            if not html2plaintext(visit.report_body or "").strip():
                raise UserError(
                    self.env._(
                        "Visit %(visit)s: write the report before submitting it.",
                        visit=visit.display_name,
                    )
                )
        # the photos belong to the visit (readable with it, kept with it)
        for visit in self.sudo():
            visit.report_photo_ids.filtered(
                lambda a, visit=visit: (
                    (a.res_model, a.res_id) != (visit._name, visit.id)
                )
            ).write({"res_model": visit._name, "res_id": visit.id})
        self._metering_earn(
            {
                "report_submitted_on": fields.Datetime.now(),
                "report_submitted_by_id": self.env.user.id,
            }
        )
        for visit in self:
            visit.message_post(
                body=self.env._(
                    "The lead's report was submitted with %(count)s photos.",
                    count=len(visit.report_photo_ids),
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_propose_staff(self):
        """Fill every unstaffed role with a qualified employee free for its
        window (see the assignment's conflict check); the candidates passed
        over are named, with their conflict, in a note on the visit."""
        self._check_reception()
        vals_list, refusals = self._staff_proposals()
        assignments = self.env["metering.showcase.assignment"].create(vals_list)
        for visit, messages in refusals.items():
            visit.message_post(
                body=Markup("<p>%s</p><ul>%s</ul>")
                % (
                    self.env._("Propose Staff passed over:"),
                    Markup().join(Markup("<li>%s</li>") % m for m in messages),
                ),
                subtype_xmlid="mail.mt_note",
            )
        return assignments

    def _staff_proposals(self):
        """(values of the assignments to create, {visit: conflicts of the
        qualified candidates in conflict}) for the unstaffed roles of these visits: the
        first qualified employee free for the role's window, neither in
        conflict (one batched check for every candidate of every visit) nor
        given an overlapping window by this proposal. A fixed number of
        queries whatever the number of visits, roles and staff."""
        roles = self.env["metering.showcase.role"].search([])
        slots = []
        for visit in self.filtered(lambda v: v.state in LIVE_STATES):
            for role in roles - visit.assignment_ids.role_id:
                window = role._window(visit.start, visit.stop)
                slots += [
                    ((visit.id, role.id, employee.id), employee, *window, visit)
                    for employee in role.employee_ids
                ]
        conflicts = self.env["metering.showcase.assignment"]._window_conflicts(slots)
        filled = set()
        windows = defaultdict(list)
        refusals = defaultdict(list)
        vals_list = []
        for key, _employee, start, stop, visit in slots:
            visit_id, role_id, employee_id = key
            # every qualified candidate in conflict is named, whether or not
            # another one fills the role: the lead sees who cannot serve
            if key in conflicts:
                if conflicts[key] not in refusals[visit]:
                    refusals[visit].append(conflicts[key])
                continue
            if (visit_id, role_id) in filled:
                continue
            if any(s < stop and start < t for s, t in windows[employee_id]):
                continue
            filled.add((visit_id, role_id))
            windows[employee_id].append((start, stop))
            vals_list.append(
                {"visit_id": visit_id, "role_id": role_id, "employee_id": employee_id}
            )
        return vals_list, dict(refusals)

    def action_open_checklists(self):
        self.ensure_one()
        self._checklist_sync()
        checklists = self.checklist_ids
        if len(checklists) == 1:
            return checklists.action_open()
        return checklists._get_records_action(name=self.env._("Checklists"))

    # Checklists ---------------------------------------------------------------

    def _checklist_assignments(self):
        assignments = (
            self.env["metering.checklist.assignment"]
            .sudo()
            .search(
                [
                    ("target_model", "=", self._name),
                    ("template_id.state", "=", "published"),
                ]
            )
        )
        return {
            visit: assignments
            for visit in self
            if visit.state in ("confirmed", "in_progress", "done")
        }

    def _checklist_responsible_user(self):
        return self.lead_id

    def _checklist_problems(self):
        blocked = (
            self.sudo()
            .checklist_ids.filtered(lambda c: c._blocking_answers())
            .with_env(self.env)
        )
        return [
            self.env._(
                "%(visit)s: its readiness checklists are not complete:\n%(details)s",
                visit=visit.display_name,
                details=checklists._blocking_message(),
            )
            for visit, checklists in blocked.grouped(
                lambda c: self.browse(c.res_id)
            ).items()
        ]

    def _checklist_complete(self):
        self.sudo().checklist_ids.filtered(lambda c: c.state != "done").write(
            {
                "state": "done",
                "completed_by_id": self.env.user.id,
                "completed_on": fields.Datetime.now(),
            }
        )

    # Business methods ---------------------------------------------------------

    def _event_values(self):
        self.ensure_one()
        return {
            "name": self.env._("Visit %(visit)s", visit=self.display_name),
            "start": self.start,
            "stop": self.stop,
            "location": self.hall_id.location or self.hall_id.name,
            "user_id": self.lead_id.id or self.env.user.id,
            "categ_ids": [
                fields.Command.link(
                    self.env.ref(
                        "metering_showcase.calendar_event_type_showcase_tour"
                    ).id
                )
            ],
            "description": self.purpose or "",
        }

    def _sync_event(self):
        """One calendar event per held visit, for the staff calendars."""
        Event = (
            self.env["calendar.event"].sudo().with_context(no_mail_to_attendees=True)
        )
        for visit in self.filtered(lambda v: v.state in BOOKED_STATES):
            vals = visit._event_values()
            if visit.event_id:
                visit.event_id.sudo().write(vals)
                continue
            partners = visit.lead_id.partner_id | (
                visit.assignment_ids.employee_id.work_contact_id
            )
            vals["partner_ids"] = [fields.Command.set(partners.ids)]
            visit.sudo().event_id = Event.create(vals)

    def _ics_attachment(self):
        """The .ics of the visit's event, attached to the confirmation."""
        self.ensure_one()
        if not self.event_id:
            return self.env["ir.attachment"]
        content = self.event_id.sudo()._get_ics_file().get(self.event_id.id)
        if not content:
            return self.env["ir.attachment"]
        return (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": f"{self.name}.ics",
                    "datas": base64.b64encode(content),
                    "mimetype": "text/calendar",
                    "res_model": self._name,
                    "res_id": self.id,
                }
            )
        )

    def _send_notice(self, template_xmlid):
        """Post the notice on the visit, mailed to its contact."""
        template = self.env.ref(template_xmlid, raise_if_not_found=False)
        if not template:
            return
        for visit in self.filtered("contact_id"):
            attachments = (
                visit._ics_attachment()
                if template_xmlid.endswith("_confirmed")
                else self.env["ir.attachment"]
            )
            visit.sudo().message_post_with_source(
                template,
                subtype_xmlid="mail.mt_comment",
                message_type="comment",
                partner_ids=[fields.Command.set(visit.contact_id.ids)],
                attachment_ids=[fields.Command.set(attachments.ids)],
            )

    def _send_desk_notice(self, kind):
        """Tell the security / reception desk of the visits' halls that a
        visit is confirmed, changed or cancelled ("confirmed", "changed",
        "cancelled"): date, time, hall, organisation, visitors, vehicles,
        identity check and lead. Nothing is sent for a hall without a desk."""
        template = self.env.ref(
            "metering_showcase.mail_template_visit_desk_notice",
            raise_if_not_found=False,
        )
        visits = self.filtered(lambda v: v.hall_id.desk_partner_id.email)
        if not template or not visits:
            return self.env["mail.mail"]
        # each notice is a mail of the visit: it shows in the visit's chatter
        mail_ids = [
            template.sudo().with_context(desk_notice=kind).send_mail(visit.id)
            for visit in visits
        ]
        return self.env["mail.mail"].browse(mail_ids)

    def _visitor_accept_proposal(self):
        """The contact accepts the slot proposed by the lead (from the
        visit's link, as superuser)."""
        self.ensure_one()
        if self.state != "proposed":
            raise UserError(self.env._("This visit has no slot proposed."))
        self.sudo().write({"state": "confirmed"})
        self.sudo()._sync_event()
        self.sudo()._checklist_sync()
        self.sudo().message_post(
            body=self.env._("The contact accepted the proposed slot."),
            subtype_xmlid="mail.mt_note",
        )
        self.sudo()._send_notice("metering_showcase.mail_template_visit_confirmed")
        self.sudo()._send_desk_notice("confirmed")

    def _visitor_feedback(self, values):
        """Record the visitors' feedback, once, after the visit."""
        self.ensure_one()
        if self.state != "done":
            raise UserError(self.env._("Feedback is given after the visit."))
        if self.feedback_on:
            raise UserError(self.env._("The feedback of this visit was given."))
        vals = {name: values[name] for name in FEEDBACK_ASPECTS if values.get(name)}
        vals["feedback_comment"] = values.get("feedback_comment") or False
        vals["feedback_on"] = fields.Datetime.now()
        self.sudo().write(vals)
        self.sudo().message_post(
            body=self.env._("The visitors gave their feedback."),
            subtype_xmlid="mail.mt_note",
        )

    @api.model
    def _by_token(self, visit_id, token):
        visit = self.sudo().browse(visit_id).exists()
        if not visit or not token or not consteq(visit.access_token or "", token):
            return self.browse()
        return visit

    @api.model
    def _cron_send_reminders(self):
        """The day before, the contacts of the confirmed visits are reminded
        (once)."""
        now = fields.Datetime.now()
        visits = self.search(
            [
                ("state", "=", "confirmed"),
                ("reminder_sent", "=", False),
                ("start", ">", now),
                ("start", "<=", now + timedelta(days=1)),
            ]
        )
        visits._send_notice("metering_showcase.mail_template_visit_reminder")
        visits.sudo().write({"reminder_sent": True})
        return visits
