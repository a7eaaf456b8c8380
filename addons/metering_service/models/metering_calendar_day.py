# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class MeteringCalendarDay(models.Model):
    """A statutory holiday, or a make-up working day (调休上班), of the year's
    official schedule: Odoo's working calendars can take days off but not a
    Saturday worked in exchange. The center manager enters or imports the
    schedule once a year; working-day deadlines follow it."""

    _name = "metering.calendar.day"
    _description = "Statutory Holiday or Make-up Working Day"
    _inherit = ["metering.earned.mixin"]
    _order = "date desc"

    date = fields.Date(required=True, index=True)
    kind = fields.Selection(
        [("holiday", "Statutory Holiday"), ("workday", "Make-up Working Day")],
        required=True,
        default="holiday",
    )
    name = fields.Char(required=True, translate=True)
    company_id = fields.Many2one("res.company", help="Empty: every company.")

    _date_uniq = models.UniqueIndex(
        "(COALESCE(company_id, 0), date)", "A day appears once in the schedule."
    )
