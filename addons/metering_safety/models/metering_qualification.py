# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

EXPIRY_WARNING_DAYS = 30


class MeteringQualification(models.Model):
    _name = "metering.qualification"
    _inherit = ["mail.thread", "mail.activity.mixin", "metering.earned.mixin"]
    _description = "Worker Qualification"
    _order = "date_to, id"
    _check_company_auto = True

    employee_id = fields.Many2one(
        "hr.employee",
        required=True,
        index=True,
        check_company=True,
        tracking=True,
        help="Worker who holds the certificate.",
    )
    type_id = fields.Many2one(
        "metering.qualification.type",
        string="Qualification Type",
        required=True,
        check_company=True,
        tracking=True,
    )
    number = fields.Char(string="Certificate Number", tracking=True)
    issuer = fields.Char(help="Authority that issued the certificate.")
    date_from = fields.Date(string="Valid From", required=True, tracking=True)
    date_to = fields.Date(
        string="Valid To",
        required=True,
        tracking=True,
        help="Last day on which the certificate is valid.",
    )
    certificate = fields.Binary(
        string="Certificate Scan", attachment=True, help="Scan of the certificate."
    )
    certificate_filename = fields.Char()
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    reminder_sent = fields.Boolean(
        copy=False,
        help="The expiry reminder was scheduled; a new end date resets it.",
    )
    state = fields.Selection(
        [("valid", "Valid"), ("expiring", "Expiring Soon"), ("expired", "Expired")],
        compute="_compute_state",
        help="Expiring soon: the certificate expires within 30 days.",
    )

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for qualification in self.filtered(lambda q: q.date_from and q.date_to):
            if qualification.date_to < qualification.date_from:
                raise ValidationError(
                    self.env._(
                        "The qualification %(name)s of %(employee)s ends before "
                        "it starts.",
                        name=qualification.type_id.name,
                        employee=qualification.employee_id.name,
                    )
                )

    @api.depends("date_to")
    def _compute_state(self):
        today = fields.Date.context_today(self)
        soon = today + timedelta(days=EXPIRY_WARNING_DAYS)
        for qualification in self:
            if not qualification.date_to:
                qualification.state = False
            elif qualification.date_to < today:
                qualification.state = "expired"
            elif qualification.date_to <= soon:
                qualification.state = "expiring"
            else:
                qualification.state = "valid"

    @api.depends("employee_id", "type_id")
    def _compute_display_name(self):
        for qualification in self:
            qualification.display_name = " - ".join(
                filter(
                    None, [qualification.employee_id.name, qualification.type_id.name]
                )
            )

    def write(self, vals):
        if "date_to" in vals:
            vals = {**vals, "reminder_sent": False}
        return super().write(vals)

    @api.model
    def _cron_remind_expiry(self):
        """Remind the worker and his team leader, once, 30 days before a
        qualification expires."""
        today = fields.Date.context_today(self)
        expiring = self.search(
            [
                ("reminder_sent", "=", False),
                ("date_to", ">=", today),
                ("date_to", "<=", today + timedelta(days=EXPIRY_WARNING_DAYS)),
            ]
        )
        todo = self.env.ref("mail.mail_activity_data_todo")
        persons = self.env["fsm.person"].search(
            [
                (
                    "partner_id",
                    "in",
                    (
                        expiring.employee_id.work_contact_id
                        | expiring.employee_id.user_id.partner_id
                    ).ids,
                )
            ]
        )
        person_of = {
            employee: person
            for person, employee in persons._metering_employees().items()
            if employee
        }
        for qualification in expiring:
            employee = qualification.employee_id
            person = person_of.get(employee, persons.browse())
            users = (
                employee.user_id
                | person.team_id.leader_user_id
                | employee.parent_id.user_id
            )
            for user in users:
                qualification.activity_schedule(
                    activity_type_id=todo.id,
                    date_deadline=qualification.date_to,
                    summary=self.env._(
                        "%(qualification)s of %(employee)s expires on %(date)s",
                        qualification=qualification.type_id.name,
                        employee=employee.name,
                        date=qualification.date_to,
                    ),
                    user_id=user.id,
                )
        expiring.write({"reminder_sent": True})
        return expiring
