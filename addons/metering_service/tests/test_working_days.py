# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from odoo.exceptions import AccessError
from odoo.tests import BaseCase

from ..tools.working_days import add_working_days
from .common import MeteringCommon

WEEK = {0, 1, 2, 3, 4}
# National Day golden week as the official schedule gives it: 1-7 October
# off, Sunday 27 September and Saturday 10 October worked instead.
GOLDEN_WEEK = [date(2026, 10, day) for day in range(1, 8)]
MAKE_UP = [date(2026, 9, 27), date(2026, 10, 10)]


class TestWorkingDaysMath(BaseCase):
    def test_request_day_is_day_zero(self):
        # Monday's request, 3 working days: Thursday
        self.assertEqual(
            add_working_days(date(2026, 11, 23), 3, WEEK), date(2026, 11, 26)
        )
        # Friday's request: Monday is day 1, Wednesday day 3
        self.assertEqual(
            add_working_days(date(2026, 11, 27), 3, WEEK), date(2026, 12, 2)
        )

    def test_golden_week_and_its_make_up_saturday(self):
        # Wednesday 30 September: the 1st-7th are off, Thursday 8 and Friday 9
        # count, Saturday 10 is worked, then Monday 12 and Tuesday 13
        self.assertEqual(
            add_working_days(date(2026, 9, 30), 5, WEEK, GOLDEN_WEEK, MAKE_UP),
            date(2026, 10, 13),
        )
        # a make-up Sunday counts too
        self.assertEqual(
            add_working_days(date(2026, 9, 25), 1, WEEK, GOLDEN_WEEK, MAKE_UP),
            date(2026, 9, 27),
        )


class TestWorkingDayDeadline(MeteringCommon):
    def test_deadline_follows_the_official_schedule(self):
        self.env.company.resource_calendar_id.tz = "Asia/Shanghai"
        Day = self.env["metering.calendar.day"]
        Day.create(
            [
                {"date": day, "kind": "holiday", "name": "National Day"}
                for day in GOLDEN_WEEK
            ]
            + [{"date": day, "kind": "workday", "name": "Make-up"} for day in MAKE_UP]
        )
        # a request at 10:00 Beijing time on Wednesday 30 September
        deadline = self.env["metering.policy"]._working_day_deadline(
            self.env.company, 5, datetime(2026, 9, 30, 2, 0)
        )
        # closes at 17:00 Beijing time (09:00 UTC) on Tuesday 13 October
        self.assertEqual(deadline, datetime(2026, 10, 13, 9, 0))

    def test_only_the_manager_keeps_the_schedule(self):
        Day = self.env["metering.calendar.day"]
        Day.with_user(self.manager).create(
            {"date": "2027-01-01", "kind": "holiday", "name": "New Year"}
        )
        with self.assertRaises(AccessError):
            Day.with_user(self.leader).create(
                {"date": "2027-01-02", "kind": "holiday", "name": "New Year"}
            )
