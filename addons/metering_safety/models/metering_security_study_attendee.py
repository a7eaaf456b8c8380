# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import ValidationError


class MeteringSecurityStudyAttendee(models.Model):
    """An attendee of a security study, who acknowledges it himself."""

    _name = "metering.security.study.attendee"
    _inherit = ["metering.earned.mixin"]
    _description = "Security Study Attendee"
    _order = "study_id, id"

    study_id = fields.Many2one(
        "metering.security.study", required=True, ondelete="cascade", index=True
    )
    user_id = fields.Many2one("res.users", string="Attendee", required=True)
    acknowledged_on = fields.Datetime(readonly=True, copy=False)
    company_id = fields.Many2one(related="study_id.company_id", store=True)

    _user_unique = models.Constraint(
        "UNIQUE(study_id, user_id)", "Each attendee is listed once per study."
    )

    def action_acknowledge(self):
        """Each attendee acknowledges for himself that he studied the rules."""
        for attendee in self:
            if attendee.user_id != self.env.user:
                raise ValidationError(
                    self.env._(
                        "Only %(name)s can acknowledge the study for himself.",
                        name=attendee.user_id.name,
                    )
                )
            if attendee.study_id.state != "held":
                raise ValidationError(
                    self.env._(
                        "The study %(name)s has not been held yet.",
                        name=attendee.study_id.name,
                    )
                )
            if attendee.acknowledged_on:
                raise ValidationError(
                    self.env._(
                        "%(name)s has already acknowledged the study.",
                        name=attendee.user_id.name,
                    )
                )
        self.sudo().write({"acknowledged_on": fields.Datetime.now()})
        return True
