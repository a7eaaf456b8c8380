# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time

import pytz
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools import working_days

# Metering device classes (DL/T 448): I is the largest installation, V a
# single-phase customer.
METERING_CLASSES = [
    ("1", "I"),
    ("2", "II"),
    ("3", "III"),
    ("4", "IV"),
    ("5", "V"),
]

PERIOD_FIELDS = (
    "class_1_monthly_kwh",
    "class_1_capacity_kva",
    "class_2_monthly_kwh",
    "class_2_capacity_kva",
    "class_3_monthly_kwh",
    "class_3_capacity_kva",
    "first_inspection_months",
    "inspection_months_class_1",
    "inspection_months_class_2",
    "inspection_months_class_3",
    "rotation_years_class_1",
    "rotation_years_class_2",
    "rotation_years_class_3",
    "rotation_years_class_4",
    "rotation_years_class_5",
    "instrument_transformer_test_years",
    "dispute_days",
    "replacement_days",
    "rotation_horizon_days",
    "checklist_retention_years",
)


class MeteringPolicy(models.Model):
    """The periods and thresholds of the metering standards, per company.

    Every number defaults to DL/T 448-2000, the 1996 supply rules and State
    Grid's service commitments (see the addon's DESCRIPTION), and stays
    editable by the center manager: standards are revised.
    """

    _name = "metering.policy"
    _description = "Metering Policy"
    _inherit = ["mail.thread", "metering.earned.mixin"]
    _rec_name = "company_id"

    company_id = fields.Many2one(
        "res.company",
        required=True,
        readonly=True,
        ondelete="cascade",
        default=lambda self: self.env.company,
    )
    # Classification thresholds
    class_1_monthly_kwh = fields.Float(
        "Class I from (kWh/month)", default=5_000_000, tracking=True
    )
    class_1_capacity_kva = fields.Float(
        "Class I from (kVA)", default=10_000, tracking=True
    )
    class_2_monthly_kwh = fields.Float(
        "Class II from (kWh/month)", default=1_000_000, tracking=True
    )
    class_2_capacity_kva = fields.Float(
        "Class II from (kVA)", default=2_000, tracking=True
    )
    class_3_monthly_kwh = fields.Float(
        "Class III from (kWh/month)", default=100_000, tracking=True
    )
    class_3_capacity_kva = fields.Float(
        "Class III from (kVA)", default=315, tracking=True
    )
    # Inspections
    first_inspection_months = fields.Integer(
        default=1,
        tracking=True,
        help="A new or retrofitted class I-IV installation is inspected on site "
        "within this many months.",
    )
    inspection_months_class_1 = fields.Integer(
        "Periodic inspection, class I (months)", default=3, tracking=True
    )
    inspection_months_class_2 = fields.Integer(
        "Periodic inspection, class II (months)", default=6, tracking=True
    )
    inspection_months_class_3 = fields.Integer(
        "Periodic inspection, class III (months)", default=12, tracking=True
    )
    # Rotation (periodic replacement) of meters
    rotation_years_class_1 = fields.Integer(
        "Rotation, class I (years)", default=4, tracking=True
    )
    rotation_years_class_2 = fields.Integer(
        "Rotation, class II (years)", default=4, tracking=True
    )
    rotation_years_class_3 = fields.Integer(
        "Rotation, class III (years)", default=4, tracking=True
    )
    rotation_years_class_4 = fields.Integer(
        "Rotation, class IV (years)", default=6, tracking=True
    )
    rotation_years_class_5 = fields.Integer(
        "Rotation, class V (years)",
        default=10,
        tracking=True,
        help="Single-phase meters are rotated by batch.",
    )
    rotate_failed_batch = fields.Boolean(
        "Rotate a batch whose sample fails",
        default=True,
        tracking=True,
        help="DL/T 448: when a single-phase meter of a batch is found out of "
        "tolerance, the whole batch falls due for rotation.",
    )
    rotation_horizon_days = fields.Integer(
        "Rotation planning horizon (days)",
        default=90,
        tracking=True,
        help="The monthly planning creates rotation orders for the meters whose "
        "rotation falls due within this many days.",
    )
    rotation_max_devices = fields.Integer(
        "Meters per rotation order",
        default=50,
        tracking=True,
        help="Largest number of meters one rotation order replaces.",
    )
    instrument_transformer_test_years = fields.Integer(
        "CT/PT on-site test (years)", default=10, tracking=True
    )
    # Deadlines, in working days of the company's calendar
    dispute_days = fields.Integer(
        "Disputed meter result (working days)",
        default=5,
        tracking=True,
        help="State Grid's commitment; the 1996 supply rules allow 7 days.",
    )
    replacement_days = fields.Integer(
        "Out-of-tolerance replacement (working days)", default=3, tracking=True
    )
    repair_minutes_urban = fields.Integer(
        "Field repair on site, urban (minutes)", default=45, tracking=True
    )
    repair_minutes_rural = fields.Integer(
        "Field repair on site, rural (minutes)", default=90, tracking=True
    )
    repair_minutes_remote = fields.Integer(
        "Field repair on site, remote areas (minutes)",
        default=120,
        tracking=True,
        help="State Grid's service commitment: on site within 45 minutes in "
        "towns, 90 in the countryside, 2 hours in remote areas, on average.",
    )

    # Retention of the checklist answers
    checklist_retention_years = fields.Integer(
        "Keep checklist answers (years)",
        default=0,
        tracking=True,
        help="The answers of completed checklists older than this many years are "
        "deleted, once counted into the monthly summary that the checklist "
        "analysis reads; the checklists keep their score and result. 0 keeps "
        "every answer: they are compliance records, deleted only on the "
        "decision of the center's archives.",
    )

    _company_uniq = models.UniqueIndex(
        "(company_id)", "A company has one metering policy."
    )

    @api.constrains(*PERIOD_FIELDS)
    def _check_periods_not_negative(self):
        for policy in self:
            for name in PERIOD_FIELDS:
                if policy[name] < 0:
                    raise ValidationError(
                        self.env._(
                            "Metering policy of %(company)s: %(field)s cannot be "
                            "negative.",
                            company=policy.company_id.name,
                            field=self._fields[name].get_description(self.env)[
                                "string"
                            ],
                        )
                    )

    @api.model
    def _for_company(self, company):
        """The policy of a company, created with the defaults when missing.

        Returned as superuser: computations of every role read its numbers."""
        policy = self.sudo().search([("company_id", "=", company.id)], limit=1)
        return policy or self.sudo().create({"company_id": company.id})

    def write(self, vals):
        result = super().write(vals)
        # Classes depend on the thresholds, due dates on the periods: recompute
        # them as if their inputs had changed (dependent fields follow).
        companies = self.company_id.ids
        self.env["fsm.location"].sudo().search(
            [("company_id", "in", companies)]
        ).modified(["monthly_consumption"])
        self.env["fsm.equipment"].sudo().search(
            [("company_id", "in", companies), ("device_kind", "!=", False)]
        ).modified(["installed_date"])
        return result

    @api.model
    def action_open_company_policy(self):
        """Open the current company's policy (there is one per company)."""
        policy = self._for_company(self.env.company).sudo(False)
        policy.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Metering Policy"),
            "res_model": self._name,
            "res_id": policy.id,
            "view_mode": "form",
            "target": "current",
        }

    @api.model
    def _working_schedule(self, company):
        """(weekdays worked, holidays, make-up working days, closing hour,
        time zone) of the company's working calendar and of the official
        schedule (metering.calendar.day): two queries, for any number of
        deadlines."""
        calendar = company.resource_calendar_id
        attendances = calendar.attendance_ids.filtered(lambda a: not a.display_type)
        weekdays = {int(a.dayofweek) for a in attendances} or {0, 1, 2, 3, 4}
        closing = max(attendances.mapped("hour_to"), default=17.0)
        days = (
            self.env["metering.calendar.day"]
            .sudo()
            .search([("company_id", "in", (company.id, False))])
        )
        holidays = set(days.filtered(lambda d: d.kind == "holiday").mapped("date"))
        leaves = calendar.leave_ids.filtered(lambda leave: not leave.resource_id)
        for leave in leaves:
            day = leave.date_from.date()
            while day <= leave.date_to.date():
                holidays.add(day)
                day += relativedelta(days=1)
        workdays = set(days.filtered(lambda d: d.kind == "workday").mapped("date"))
        return weekdays, holidays, workdays, closing, calendar.tz or "Asia/Shanghai"

    @api.model
    def _working_day_deadline(self, company, days, start, schedule=None):
        """The end of the working day `days` working days after `start` (the
        day of the request is day 0), counting the official schedule's
        holidays and make-up working days (China's 调休)."""
        if not days:
            return False
        weekdays, holidays, workdays, closing, tz = schedule or self._working_schedule(
            company
        )
        zone = pytz.timezone(tz)
        local_start = pytz.utc.localize(start).astimezone(zone)
        day = working_days.add_working_days(
            local_start.date(), days, weekdays, holidays, workdays
        )
        hours, minutes = divmod(round(closing * 60), 60)
        local_end = zone.localize(
            datetime.combine(day, time(min(hours, 23), minutes if hours < 24 else 59))
        )
        return local_end.astimezone(pytz.utc).replace(tzinfo=None)

    def inspection_months(self, metering_class):
        self.ensure_one()
        return {
            "1": self.inspection_months_class_1,
            "2": self.inspection_months_class_2,
            "3": self.inspection_months_class_3,
        }.get(metering_class, 0)

    def rotation_years(self, metering_class):
        self.ensure_one()
        return self[f"rotation_years_class_{metering_class}"] if metering_class else 0

    def classify(self, monthly_kwh, capacity_kva, single_phase):
        """Metering device class I-V of an installation (DL/T 448)."""
        self.ensure_one()
        if single_phase:
            return "5"
        for metering_class in ("1", "2", "3"):
            if (
                monthly_kwh >= self[f"class_{metering_class}_monthly_kwh"]
                or capacity_kva >= self[f"class_{metering_class}_capacity_kva"]
            ):
                return metering_class
        return "4"
