"""Benchmark of the evaluation scorecards (issue 16).

In one transaction rolled back afterwards: 100,000 work orders over the last
twelve months, 10,000 of their checklists with 1,000,000 answers, spread over
the employees' Field Service workers; then the monthly evaluations of 50 and
200 employees on a scorecard of every delivered KPI are computed at once:
seconds and SQL queries per evaluation, which must not grow with the number
of employees (the KPIs are grouped queries per period, not per evaluation).

Run through bench/run.

Usage: python3 bench/evaluation_bench.py -c ODOO_CONF -d DB
       [--orders N] [--answers N] [--employees 50,200]
"""

import argparse
import time
from datetime import date

from bench_common import measure, out
from dateutil.relativedelta import relativedelta

import odoo
from odoo import api
from odoo.fields import Command
from odoo.modules.registry import Registry
from odoo.tools import config

CHECKLISTS = 10_000


def _setup(env, employees, orders, answers):
    started = time.perf_counter()
    team = env["fsm.team"].create({"name": "Bench team"})
    owner = env["res.partner"].create({"name": "Bench owner"})
    locations = env["fsm.location"].create(
        [{"name": f"Bench point {i}", "owner_id": owner.id} for i in range(500)]
    )
    partners = env["res.partner"].create(
        [{"name": f"Bench worker {i}"} for i in range(employees)]
    )
    staff = env["hr.employee"].create(
        [{"name": p.name, "work_contact_id": p.id} for p in partners]
    )
    persons = env["fsm.person"].create([{"partner_id": p.id} for p in partners])
    template = env["metering.checklist.template"].create(
        {
            "name": "Bench checklist",
            "item_ids": [
                Command.create({"name": f"Item {i}", "critical": i == 0})
                for i in range(10)
            ],
        }
    )
    start = date.today().replace(day=1) - relativedelta(months=12)
    env.flush_all()
    cr = env.cr
    stages = [env.ref(f"fieldservice.fsm_stage_{s}").id for s in ("new", "completed")]
    cr.execute(
        """
        INSERT INTO fsm_order (name, team_id, location_id, company_id, stage_id,
                               person_id, metering_process, request_early,
                               deadline, date_end, arrival_deadline, arrived_on)
        SELECT 'BENCH-' || n, %(team)s, (%(locations)s)[1 + n %% 500], %(company)s,
               (%(stages)s)[1 + (n %% 5 > 0)::int], (%(persons)s)[1 + n %% %(np)s],
               (ARRAY['install', 'dispute', 'fault', 'rotation'])[1 + n %% 4],
               d - interval '3 days', d, d + (n %% 3 - 1) * interval '1 day',
               d - interval '3 days' + interval '45 minutes',
               d - interval '3 days' + (n %% 60) * interval '1 minute'
          FROM generate_series(1, %(orders)s) AS n,
               LATERAL (SELECT %(start)s::timestamp
                               + (n %% 365) * interval '1 day' AS d) AS t
        """,
        {
            "team": team.id,
            "locations": locations.ids,
            "company": env.company.id,
            "stages": stages,
            "persons": persons.ids,
            "np": len(persons),
            "orders": orders,
            "start": start,
        },
    )
    cr.execute(
        """
        INSERT INTO metering_checklist (template_id, res_model, res_id, order_id,
                                        company_id, team_id, state, score,
                                        result, completed_on)
        SELECT %(template)s, 'fsm.order', o.id, o.id, o.company_id, o.team_id,
               'done', o.id %% 100, 'passed', o.deadline
          FROM fsm_order o WHERE o.name LIKE 'BENCH-%%' ORDER BY o.id
         LIMIT %(checklists)s
        """,
        {"template": template.id, "checklists": CHECKLISTS},
    )
    cr.execute(
        "SELECT id FROM metering_checklist WHERE template_id = %s ORDER BY id",
        (template.id,),
    )
    checklists = [row[0] for row in cr.fetchall()]
    cr.execute(
        """
        INSERT INTO metering_checklist_answer (checklist_id, item_id, sequence,
                                               template_id, company_id, result,
                                               is_applicable)
        SELECT (%(checklists)s)[1 + n %% %(count)s], (%(items)s)[1 + n %% 10], 1,
               %(template)s, %(company)s,
               CASE WHEN n %% 17 = 0 THEN 'fail' ELSE 'pass' END, TRUE
          FROM generate_series(1, %(answers)s) AS n
        """,
        {
            "checklists": checklists,
            "count": len(checklists),
            "items": template.item_ids.ids,
            "template": template.id,
            "company": env.company.id,
            "answers": answers,
        },
    )
    cr.execute("ANALYZE fsm_order")
    cr.execute("ANALYZE metering_checklist")
    cr.execute("ANALYZE metering_checklist_answer")
    out(
        f"data: {orders:,} orders, {CHECKLISTS:,} checklists, {answers:,} answers, "
        f"{employees} employees in {time.perf_counter() - started:.1f} s"
    )
    return staff, start


def _scorecard(env):
    codes = [code for code, _label, _kind in env["metering.evaluation"]._kpi_registry()]
    template = env["metering.scorecard.template"].create(
        {
            "name": "Bench scorecard",
            "subject": "employee",
            "criterion_ids": [
                Command.create({"name": code, "source": "automatic", "kpi_code": code})
                for code in codes
            ],
        }
    )
    template.action_publish()
    return template, len(codes)


def bench(env, employees_list, orders, answers):
    staff, start = _setup(env, max(employees_list), orders, answers)
    template, kpis = _scorecard(env)
    out(f"{kpis} KPIs, 12 monthly evaluations per employee")
    out(
        f"{'employees':>9} {'evaluations':>11} {'seconds':>8} {'ms/eval':>8} "
        f"{'queries':>8} {'queries/eval':>12}"
    )
    Evaluation = env["metering.evaluation"]
    for count in employees_list:
        evaluations = (
            Evaluation.sudo()
            .create(
                [
                    {
                        "template_id": template.id,
                        "employee_id": employee.id,
                        "period_type": "month",
                        "date_from": start + relativedelta(months=month),
                    }
                    for employee in staff[:count]
                    for month in range(12)
                ]
            )
            .sudo(False)
        )
        _result, seconds, queries = measure(env, evaluations.action_compute)
        n = len(evaluations)
        out(
            f"{count:>9} {n:>11} {seconds:>8.2f} {1000 * seconds / n:>8.1f} "
            f"{queries:>8} {queries / n:>12.3f}"
        )
        evaluations.sudo().unlink()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--answers", type=int, default=1_000_000)
    parser.add_argument("--employees", default="50,200")
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    with Registry(args.database).cursor() as cr:
        admin = api.Environment(cr, odoo.SUPERUSER_ID, {}).ref("base.user_admin")
        env = api.Environment(cr, admin.id, {})
        employees = [int(n) for n in args.employees.split(",")]
        bench(env, employees, args.orders, args.answers)
        cr.rollback()


if __name__ == "__main__":
    main()
