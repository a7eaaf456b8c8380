"""Benchmark of Propose Staff for exhibition-hall visits (issue 15).

In one transaction rolled back afterwards: 40 reception staff working
8:00-18:00 on weekdays, each with four days off over the year, qualified for
the six delivered roles; 500 visits held in one hall over the next year (two
a weekday, 9:30 and 14:00), every fifth one staffed already. Then "Propose
Staff" is asked for the unstaffed roles of the first 100 and of all 500
visits, with 10 and with 40 qualified staff: seconds and SQL queries of the
proposal (the conflict checks of every candidate of every role of every
visit: double booking with preparation windows, time off, working hours),
which must not grow with the number of visits or staff; then the whole
action for 500 visits and 40 staff, which also creates the assignments, the
assignees' to-dos and the notes naming the candidates passed over.

There is no OCA-only counterpart: neither Field Service nor Helpdesk staffs
visits, so this benchmark runs on the suite's database only (like the
evaluation and need-to-know benchmarks).

Run through bench/run.

Usage: python3 bench/showcase_bench.py -c ODOO_CONF -d DB
       [--visits 100,500] [--staff 10,40]
"""

import argparse
import time
from datetime import date, datetime, timedelta

from bench_common import measure, out

import odoo
from odoo import api
from odoo.fields import Command
from odoo.modules.registry import Registry
from odoo.tools import config

TZ_OFFSET = timedelta(hours=8)  # Asia/Shanghai


def _calendar(env, name, hour_from, hour_to):
    return env["resource.calendar"].create(
        {
            "name": name,
            "tz": "Asia/Shanghai",
            "attendance_ids": [
                Command.create(
                    {
                        "name": f"{name} {day}",
                        "dayofweek": str(day),
                        "hour_from": hour_from,
                        "hour_to": hour_to,
                        "day_period": "morning",
                    }
                )
                for day in range(5)
            ],
        }
    )


def _setup(env, visits_count, staff_count):
    started = time.perf_counter()
    env = env(context=dict(env.context, tracking_disable=True, mail_notrack=True))
    hall = env["metering.showcase.hall"].create(
        {
            "name": "Bench hall",
            "capacity": 50,
            "buffer_minutes": 30,
            "resource_calendar_id": _calendar(env, "Bench hall", 9, 17).id,
        }
    )
    hours = _calendar(env, "Bench staff", 8, 18)
    staff = env["hr.employee"].create(
        [
            {"name": f"Bench guide {i}", "resource_calendar_id": hours.id}
            for i in range(staff_count)
        ]
    )
    first = date.today() + timedelta(days=7 - date.today().weekday())  # Monday
    holidays = set(
        env["metering.calendar.day"]
        .search([("kind", "=", "holiday"), ("date", ">=", first)])
        .mapped("date")
    )
    days = []
    day = first
    while len(days) * 2 < visits_count:
        if day.weekday() < 5 and day not in holidays:
            days.append(day)
        day += timedelta(days=1)
    organisation = env["res.partner"].create(
        {"name": "Bench visitors", "is_company": True}
    )
    Visit = env["metering.showcase.visit"].sudo()
    visits = Visit.create(
        [
            {
                "organisation_id": organisation.id,
                "visitor_count": 20,
                "hall_id": hall.id,
                "start": datetime.combine(day, datetime.min.time())
                + timedelta(hours=hour)
                - TZ_OFFSET,
                "duration": 1.5,
                "state": "confirmed",
            }
            for day in days
            for hour in (9.5, 14)
        ][:visits_count]
    )
    leave_type = env["hr.leave.type"].create(
        {
            "name": "Bench day off",
            "requires_allocation": False,
            "leave_validation_type": "no_validation",
        }
    )
    leaves = env["hr.leave"].create(
        [
            {
                "employee_id": employee.id,
                "holiday_status_id": leave_type.id,
                "request_date_from": days[(7 * i + 53 * n) % len(days)],
                "request_date_to": days[(7 * i + 53 * n) % len(days)],
            }
            for i, employee in enumerate(staff)
            for n in range(4)
        ]
    )
    leaves.filtered(lambda leave: leave.state != "validate")._action_validate()
    roles = env["metering.showcase.role"].search([])
    roles.sudo().write({"employee_ids": [Command.set(staff.ids)]})
    # every fifth visit staffed already: the others are checked against them
    staffed = visits[::5]
    vals_list, _refusals = staffed._staff_proposals()
    env["metering.showcase.assignment"].create(vals_list)
    env.flush_all()
    env.cr.execute("ANALYZE metering_showcase_visit")
    env.cr.execute("ANALYZE metering_showcase_assignment")
    env.cr.execute("ANALYZE hr_leave")
    out(
        f"data: {len(visits)} visits over {len(days)} weekdays, {len(staff)} staff "
        f"with {len(leaves)} days off, {len(roles)} roles, "
        f"{len(staffed)} visits staffed already ({len(vals_list)} assignments), "
        f"in {time.perf_counter() - started:.1f} s"
    )
    return visits, staff, roles


def bench(env, visits_list, staff_list):
    visits, staff, roles = _setup(env, max(visits_list), max(staff_list))
    reception = env.ref("metering_showcase.group_reception_team")
    env.user.group_ids = [Command.link(reception.id)]
    visits[:1].with_env(env)._staff_proposals()  # the registry's caches warmed
    out(
        f"{'visits':>6} {'staff':>5} {'candidates':>10} {'proposed':>8} "
        f"{'passed over':>11} {'seconds':>8} {'queries':>8}"
    )
    for count in visits_list:
        for staff_count in staff_list:
            roles.sudo().write({"employee_ids": [Command.set(staff[:staff_count].ids)]})
            batch = visits[:count].with_env(env)
            (vals_list, refusals), seconds, queries = measure(
                env, batch._staff_proposals
            )
            candidates = sum(
                staff_count * (len(roles) - len(visit.assignment_ids))
                for visit in batch
            )
            out(
                f"{count:>6} {staff_count:>5} {candidates:>10,} {len(vals_list):>8} "
                f"{sum(len(m) for m in refusals.values()):>11} {seconds:>8.2f} "
                f"{queries:>8}"
            )
    count, staff_count = max(visits_list), max(staff_list)
    roles.sudo().write({"employee_ids": [Command.set(staff[:staff_count].ids)]})
    batch = visits[:count].with_env(env)
    assignments, seconds, queries = measure(env, batch.action_propose_staff)
    out(
        f"whole action, {count} visits and {staff_count} staff: "
        f"{len(assignments)} assignments in {seconds:.2f} s, {queries} queries "
        f"({queries / count:.1f} per visit: the creates, to-dos and notes)"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--visits", default="100,500")
    parser.add_argument("--staff", default="10,40")
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    with Registry(args.database).cursor() as cr:
        admin = api.Environment(cr, odoo.SUPERUSER_ID, {}).ref("base.user_admin")
        env = api.Environment(cr, admin.id, {})
        bench(
            env,
            [int(n) for n in args.visits.split(",")],
            [int(n) for n in args.staff.split(",")],
        )
        cr.rollback()


if __name__ == "__main__":
    main()
