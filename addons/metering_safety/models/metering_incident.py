# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class MeteringIncident(models.Model):
    """A department-level incident (manual 6.4.2): a system outage, a fire, an
    earthquake, a sudden illness, an equipment failure or a customer complaint,
    reported by anyone, handled by its steps and closed by a team leader."""

    _name = "metering.incident"
    _description = "Department-Level Incident"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "metering.checklist.target.mixin",
        "metering.earned.mixin",
    ]
    _order = "started_on desc, id desc"
    _metering_sequence = "metering.incident"

    name = fields.Char(
        "Reference", required=True, readonly=True, copy=False, default="/"
    )
    type_id = fields.Many2one(
        "metering.incident.type", "Incident Type", required=True, tracking=True
    )
    instructions = fields.Html(related="type_id.instructions")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    department_id = fields.Many2one("hr.department", tracking=True)
    reported_by_id = fields.Many2one(
        "res.users",
        "Reported by",
        default=lambda self: self.env.user,
        readonly=True,
        index=True,
    )
    handler_ids = fields.Many2many(
        "res.users",
        string="Handled by",
        help="Who handles the incident. Incidents of a restricted type (customer "
        "complaints) are read only by them, their reporter, the team leaders and "
        "the center manager.",
    )
    restricted = fields.Boolean(related="type_id.restricted")
    started_on = fields.Datetime(
        default=fields.Datetime.now, required=True, tracking=True
    )
    ended_on = fields.Datetime(tracking=True)
    description = fields.Html()
    # Html cannot be tracked: the actions are kept in the record itself.
    actions_taken = fields.Html()
    state = fields.Selection(
        [("open", "Open"), ("closed", "Closed")],
        default="open",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    switches_to_backfill = fields.Boolean(related="type_id.switches_to_backfill")

    _ended_after_start = models.Constraint(
        "CHECK(ended_on IS NULL OR ended_on >= started_on)",
        "An incident cannot end before it started.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        incidents = super().create(vals_list)
        open_incidents = incidents.filtered(lambda i: i.state == "open")
        open_incidents._checklist_sync()
        open_incidents._notify_reported()
        return incidents

    def _checklist_assignments(self):
        """The steps of the incident's type."""
        assignments = (
            self.env["metering.checklist.assignment"]
            .sudo()
            .search(
                [
                    ("target_model", "=", self._name),
                    ("incident_type_id", "in", self.type_id.ids),
                    ("template_id.state", "=", "published"),
                ]
            )
        )
        return {
            incident: assignments.filtered(
                lambda a, i=incident: a.incident_type_id == i.type_id
            )
            for incident in self
        }

    def _checklist_responsible_user(self):
        return self.reported_by_id

    def _notify_reported(self):
        todo = self.env.ref("mail.mail_activity_data_todo")
        for incident in self:
            users = self.env["res.users"].search(
                [
                    ("all_group_ids", "in", incident.type_id.notify_group_ids.ids),
                    ("company_ids", "in", incident.company_id.ids),
                    ("share", "=", False),
                ]
            )
            if not users:
                continue
            # As the system: the technician who reports a fire may neither add
            # followers nor schedule his manager's activities.
            incident_sudo = incident.sudo()
            incident_sudo.message_subscribe(partner_ids=users.partner_id.ids)
            for user in users:
                incident_sudo.activity_schedule(
                    activity_type_id=todo.id,
                    summary=self.env._(
                        "%(type)s reported: %(name)s",
                        type=incident.type_id.name,
                        name=incident.name,
                    ),
                    user_id=user.id,
                )

    def action_close(self):
        self._metering_check_role("team_leader")
        blocked = self.checklist_ids.filtered(lambda c: c._blocking_answers())
        if blocked:
            raise UserError(
                self.env._(
                    "The steps of the incident are not all done:\n%(details)s",
                    details=blocked._blocking_message(),
                )
            )
        for incident in self:
            if not incident.actions_taken:
                raise UserError(
                    self.env._(
                        "Record the actions taken before closing incident %(name)s.",
                        name=incident.name,
                    )
                )
        self._metering_earn({"state": "closed", "ended_on": fields.Datetime.now()})
        return True

    @api.model
    def _backfill_incident(self, company):
        """The open incident of the company during which work is recorded by
        hand, if any."""
        return self.search(
            [
                ("state", "=", "open"),
                ("company_id", "=", company.id),
                ("type_id.switches_to_backfill", "=", True),
            ],
            limit=1,
        )
