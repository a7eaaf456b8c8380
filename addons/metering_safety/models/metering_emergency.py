# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html2plaintext

EMERGENCY_KINDS = [
    ("mass_outage", "Mass Outage"),
    ("severe_weather", "Severe Weather or Disaster"),
    ("grid_accident", "Grid Stability Accident"),
    ("facility_damage", "Widespread Facility Damage"),
]


class MeteringEmergency(models.Model):
    """A company-level emergency (manual 6.4.1): the center enters emergency
    state with the company plan until the center manager closes it after a
    review of what happened and the lessons learned."""

    _name = "metering.emergency"
    _description = "Company-Level Emergency"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "metering.checklist.target.mixin",
        "metering.earned.mixin",
    ]
    _order = "declared_on desc, id desc"
    _metering_sequence = "metering.emergency"

    name = fields.Char(
        "Reference", required=True, readonly=True, copy=False, default="/"
    )
    title = fields.Char(required=True, tracking=True)
    kind = fields.Selection(EMERGENCY_KINDS, required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    state = fields.Selection(
        [("active", "Active"), ("closed", "Closed")],
        default="active",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    declared_by_id = fields.Many2one(
        "res.users",
        "Declared by",
        default=lambda self: self.env.user,
        readonly=True,
        required=True,
    )
    declared_on = fields.Datetime(
        default=fields.Datetime.now, required=True, readonly=True
    )
    situation = fields.Html(
        help="The situation as first analysed: affected area, faults, company plan."
    )
    roster_ids = fields.One2many(
        "metering.emergency.roster", "emergency_id", "On-Call Roster"
    )
    order_ids = fields.One2many("fsm.order", "emergency_id", "Repair Orders")
    order_count = fields.Integer(compute="_compute_order_count")
    # Review, required to close
    # Html cannot be tracked: the review is kept in the record and its chatter.
    what_happened = fields.Html()
    lessons_learned = fields.Html()
    closed_by_id = fields.Many2one("res.users", "Closed by", readonly=True, copy=False)
    closed_on = fields.Datetime(readonly=True, copy=False)

    _one_active_per_company = models.UniqueIndex(
        "(company_id) WHERE state = 'active'",
        "The company is already in emergency state: close the active emergency "
        "before declaring another one.",
    )

    def _compute_order_count(self):
        counts = dict(
            self.env["fsm.order"]._read_group(
                [("emergency_id", "in", self.ids)], ["emergency_id"], ["__count"]
            )
        )
        for emergency in self:
            emergency.order_count = counts.get(emergency, 0)

    @api.model_create_multi
    def create(self, vals_list):
        company_ids = [
            vals.get("company_id") or self.env.company.id
            for vals in vals_list
            if vals.get("state", "active") == "active"
        ]
        active = self.search(
            [("state", "=", "active"), ("company_id", "in", company_ids)], limit=1
        )
        if active or len(set(company_ids)) < len(company_ids):
            company = active.company_id or self.env["res.company"].browse(
                company_ids[0]
            )
            raise UserError(
                self.env._(
                    "%(company)s is already in emergency state: close the active "
                    "emergency before declaring another one.",
                    company=company.name,
                )
            )
        emergencies = super().create(vals_list)
        active = emergencies.filtered(lambda e: e.state == "active")
        active._checklist_sync()
        active._notify_declared()
        active._bus_send_changed()
        return emergencies

    def _bus_send_changed(self):
        """Open web clients refresh their emergency-mode badge at once."""
        self.env["bus.bus"]._sendone(
            self.env.ref("base.group_user"),
            "metering_safety/emergency_changed",
            {"company_ids": self.company_id.ids},
        )

    def _notify_declared(self):
        """Everyone in the company's metering roles follows the emergency, so
        its updates reach them wherever they are."""
        for emergency in self:
            users = self.env["res.users"].search(
                [
                    ("all_group_ids", "in", self.env.ref("base.group_user").ids),
                    (
                        "all_group_ids",
                        "in",
                        (
                            self.env.ref("metering_service.group_service_clerk")
                            | self.env.ref("metering_service.group_field_technician")
                        ).ids,
                    ),
                    ("company_ids", "in", emergency.company_id.ids),
                ]
            )
            emergency.message_subscribe(partner_ids=users.partner_id.ids)
            emergency.message_post(
                body=self.env._(
                    "%(company)s enters emergency state: %(title)s. Everyone stays "
                    "reachable 24 hours a day; crews hold their on-site safety "
                    "meeting before work.",
                    company=emergency.company_id.name,
                    title=emergency.title,
                ),
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )

    def _checklist_assignments(self):
        """The tools and spare-parts checklists, prepared for every emergency."""
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
        return dict.fromkeys(self, assignments)

    def _checklist_responsible_user(self):
        return self.declared_by_id

    def _checklist_check_answer_access(self):
        """Team leaders prepare the tools and spare parts of an emergency
        they may not otherwise change."""
        self.check_access("read")
        self._metering_check_role("team_leader")

    def write(self, vals):
        if self.filtered(lambda e: e.state == "closed") and set(vals) - {
            "message_main_attachment_id",
            "activity_ids",
        }:
            raise UserError(
                self.env._("A closed emergency is a record: it cannot be changed.")
            )
        return super().write(vals)

    def action_close(self):
        for emergency in self:
            missing = [
                label
                for field, label in (
                    ("what_happened", self.env._("what happened")),
                    ("lessons_learned", self.env._("lessons learned")),
                )
                if not html2plaintext(emergency[field] or "").strip()
            ]
            if missing:
                raise UserError(
                    self.env._(
                        "Emergency %(emergency)s can only be closed after its review: "
                        "fill in %(missing)s.",
                        emergency=emergency.name,
                        missing=", ".join(missing),
                    )
                )
        self._metering_earn(
            {
                "state": "closed",
                "closed_by_id": self.env.user.id,
                "closed_on": fields.Datetime.now(),
            }
        )
        self._bus_send_changed()
        return True

    def action_view_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "metering_service.fsm_order_action"
        )
        action.update(
            domain=[("emergency_id", "=", self.id)],
            context={"default_emergency_id": self.id},
        )
        return action

    @api.model
    def get_active_emergencies(self):
        """The active emergencies of the user's companies, for the banner that
        shows emergency mode across the web client."""
        emergencies = self.search(
            [("state", "=", "active"), ("company_id", "in", self.env.companies.ids)]
        )
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        return [
            {
                "id": emergency.id,
                "name": emergency.name,
                "title": emergency.title,
                "kind": kinds[emergency.kind],
            }
            for emergency in emergencies
        ]
