# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.reminders import remind_officer_once


class MeteringSecurityStudy(models.Model):
    """A periodic information-security study meeting of a team (manual
    6.3.3: teams study the security rules periodically): who attended, and
    each attendee's own acknowledgement that he studied them."""

    _name = "metering.security.study"
    _inherit = ["mail.thread", "mail.activity.mixin", "metering.earned.mixin"]
    _description = "Security Study Meeting"
    _order = "date desc, id desc"

    name = fields.Char(string="Topic", required=True, tracking=True)
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    team_id = fields.Many2one("fsm.team", tracking=True)
    organizer_id = fields.Many2one(
        "res.users", required=True, default=lambda self: self.env.user, tracking=True
    )
    content = fields.Html(string="What Was Studied")
    attendee_ids = fields.One2many(
        "metering.security.study.attendee", "study_id", string="Attendees"
    )
    next_date = fields.Date(
        string="Next Study By",
        compute="_compute_next_date",
        store=True,
        help="Three months after this one.",
    )
    state = fields.Selection(
        [("planned", "Planned"), ("held", "Held")],
        default="planned",
        required=True,
        readonly=True,
        tracking=True,
    )
    acknowledged_count = fields.Integer(
        compute="_compute_acknowledged_count", string="Acknowledged"
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    @api.depends("date")
    def _compute_next_date(self):
        for study in self:
            study.next_date = study.date and study.date + relativedelta(months=3)

    @api.depends("attendee_ids.acknowledged_on")
    def _compute_acknowledged_count(self):
        for study in self:
            study.acknowledged_count = len(
                study.attendee_ids.filtered("acknowledged_on")
            )

    def action_hold(self):
        """The organizer (or the records officer) records that the meeting
        took place; the attendees then acknowledge it themselves."""
        Level = self.env["metering.classification.level"]
        for study in self:
            if study.organizer_id != self.env.user and not (
                Level._metering_is_records_officer()
            ):
                raise ValidationError(
                    self.env._(
                        "Only the organizer or the records officer records that the "
                        "study %(name)s was held.",
                        name=study.name,
                    )
                )
            if not study.attendee_ids:
                raise ValidationError(
                    self.env._("The study %(name)s has no attendee.", name=study.name)
                )
        self.sudo().write({"state": "held"})
        return True

    @api.model
    def _cron_remind_overdue(self):
        """Remind the records officers when a team's last study is older than
        its period (its next date passed without a newer study)."""
        today = fields.Date.context_today(self)
        studies = self.sudo().search([("state", "=", "held")], order="date desc")
        latest = {}
        for study in studies:
            latest.setdefault(study.team_id, study)
        overdue = self.browse(
            [s.id for s in latest.values() if s.next_date and s.next_date < today]
        )
        remind_officer_once(overdue, self.env._("Hold the next security study"))
        return overdue
