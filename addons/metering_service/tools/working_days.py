# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Working-day deadlines as China's service commitments count them.

Plain functions without Odoo. The day of the request is day 0; counting starts
the next day. A day counts when it is a working weekday of the calendar and
not a statutory holiday, or when it is a make-up working day (调休上班, a
Saturday or Sunday worked in exchange for a holiday).
"""

from datetime import timedelta


def add_working_days(start, days, weekdays, holidays=(), workdays=()):
    """The date `days` working days after the date `start`.

    weekdays: the weekdays worked (0 = Monday ... 6 = Sunday);
    holidays, workdays: dates off and make-up dates worked."""
    if days <= 0:
        return start
    holidays, workdays = set(holidays), set(workdays)
    day, counted = start, 0
    while counted < days:
        day += timedelta(days=1)
        if day in workdays or (day.weekday() in weekdays and day not in holidays):
            counted += 1
    return day
