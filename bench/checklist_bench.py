"""Benchmark of the checklist engine, against plain Field Service.

On the suite's database and on the database with only the OCA modules, in
one transaction each, rolled back afterwards:

- create 1,000 work orders in one batch: on the plain side with a plain
  type; on the suite's side with a type that carries no template, then a
  template of 10, then of 50 items: orders/s, SQL queries per order, and
  their ratio to the plain side;
- on the suite's side, insert 1,000,000 answers (three years of them, in the
  order they are made, by SQL) and time the analysis pivots as a team leader
  opens them (`formatted_read_group`, as the web client asks), each with the
  summary of its plan (EXPLAIN (ANALYZE, BUFFERS): execution time, pages
  read, scans and indexes used): over the answers themselves, then, after
  the monthly summarising (timed), over the analysis report (the summary of
  the closed months and the current month's answers), then again with a
  whole month of answers not summarised yet (the month's last day). The
  BRIN index's block ranges are summarised after each insertion, as the
  nightly summarising (and autovacuum) leaves them.

Answering a checklist is not measured here.

Run through bench/run.

Usage: python3 bench/checklist_bench.py -c ODOO_CONF -d DB --plain-database DB
       [--orders N] [--answers N]
"""

import datetime
import json
import time
from unittest.mock import patch

from bench_common import measure, out, parser, ratio, result, setup_odoo, side, table

import odoo
from odoo import api
from odoo.modules.registry import Registry
from odoo.tools import SQL

ANSWERS = 1_000_000
LEADER = "metering_service.group_team_leader"


def _order_type(env, items):
    order_type = env["fsm.order.type"].create(
        {"name": f"Bench type {items}", "internal_type": "fsm"}
    )
    if items:
        template = env["metering.checklist.template"].create(
            {
                "name": f"Bench template {items}",
                "item_ids": [
                    odoo.fields.Command.create(
                        {"name": f"Item {i}", "sequence": i, "kind": "pass_fail"}
                    )
                    for i in range(items)
                ],
            }
        )
        template.action_publish()
        env["metering.checklist.assignment"].create(
            {"template_id": template.id, "order_type_id": order_type.id}
        )
    return order_type


def _create_orders(env, order_type, locations, count):
    Order = env["fsm.order"].with_context(tracking_disable=True)
    return Order.create(
        [
            {"type": order_type.id, "location_id": locations[i % len(locations)].id}
            for i in range(count)
        ]
    )


def _locations(env):
    owner = env["res.partner"].create({"name": "Bench owner"})
    return env["fsm.location"].create(
        [{"name": f"Bench point {i}", "owner_id": owner.id} for i in range(100)]
    )


def bench_orders(env, suite, count):
    """{items: (seconds, queries)} of creating `count` orders whose type
    carries a template of that many items (0: none)."""
    locations = _locations(env)
    figures = {}
    for items in (0, 10, 50) if suite else (0,):
        order_type = (
            _order_type(env, items)
            if suite
            else env["fsm.order.type"].create(
                {"name": "Bench type", "internal_type": "fsm"}
            )
        )
        orders, seconds, queries = measure(
            env,
            lambda order_type=order_type: _create_orders(
                env, order_type, locations, count
            ),
        )
        if items:
            assert len(orders.checklist_ids.answer_ids) == count * items
        figures[items] = (seconds, queries)
    return figures


# The analysis's pivots, as the web client asks for them: the whole-table
# ones first, then the period one (on the answers only: a period of days is
# read from the answers themselves, narrowed by their BRIN index).
PIVOTS = (
    ("template x result", ["template_id", "result"], []),
    ("most failed items", ["item_id"], [("result", "=", "fail")]),
    (
        "team x month",
        ["team_id", "{month}:month"],
        [("result", "in", ("pass", "fail"))],
    ),
)
PERIOD_PIVOT = ("last 90 days x result", ["result"], [("date", ">=", "{90_days_ago}")])


def _explain(env, func):
    """(groups, seconds, the plan's summary) of a read_group: its SQL run
    once more under EXPLAIN (ANALYZE, BUFFERS)."""
    cr = env.cr
    captured = []
    execute = cr.execute

    def capture(query, params=None, log_exceptions=True):
        if "GROUP BY" in str(query):
            captured.append((query, params))
        return execute(query, params, log_exceptions)

    env.invalidate_all()
    started = time.perf_counter()
    with patch.object(cr, "execute", capture):
        groups = func()
    seconds = time.perf_counter() - started
    query, params = captured[-1]
    if isinstance(query, SQL):
        query, params = query.code, query.params
    cr.execute(f"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {query}", params)
    plan = cr.fetchone()[0][0]
    scans = []

    def walk(node):
        if "Scan" in node["Node Type"] and node["Node Type"] != "Subquery Scan":
            relation = node.get("Index Name") or node.get("Relation Name") or ""
            scans.append(
                f"{node['Node Type']} {relation} ({node.get('Actual Rows', 0):,} rows)"
            )
        for child in node.get("Plans", ()):
            walk(child)

    walk(plan["Plan"])
    top = plan["Plan"]
    buffers = top.get("Shared Hit Blocks", 0) + top.get("Shared Read Blocks", 0)
    return (
        groups,
        seconds,
        f"{plan['Execution Time']:.0f} ms, {buffers:,} buffers "
        f"({buffers * 8 / 1024:.0f} MB): " + "; ".join(scans),
    )


def _insert_answers(env, checklist, template, teams, order_types, answers, days, end):
    """Insert `answers` answers spread over the `days` days before `end`, in
    the order they are made: a day's answers together, the oldest first,
    one in 17 failed, one in 50 not applicable."""
    env.cr.execute(
        """
        INSERT INTO metering_checklist_answer
            (checklist_id, item_id, sequence, template_id, company_id, team_id,
             order_type_id, date, result, is_applicable, pass_rate)
        SELECT %(checklist)s, (%(items)s)[1 + n %% %(count)s], 1, %(template)s,
               %(company)s, (%(teams)s)[1 + (n / %(count)s) %% %(team_count)s],
               (%(types)s)[1 + (n / 7) %% %(type_count)s],
               %(end)s::date - %(days)s + (n::bigint * %(days)s / %(answers)s)::int,
               CASE WHEN n %% 17 = 0 THEN 'fail'
                    WHEN n %% 50 = 1 THEN 'na' ELSE 'pass' END,
               TRUE,
               CASE WHEN n %% 17 = 0 OR n %% 50 = 1 THEN 0 ELSE 100 END
          FROM generate_series(0, %(answers)s - 1) AS n
        """,
        {
            "checklist": checklist.id,
            "items": template.item_ids.ids,
            "count": len(template.item_ids),
            "template": template.id,
            "company": env.company.id,
            "teams": teams.ids,
            "team_count": len(teams),
            "types": order_types.ids,
            "type_count": len(order_types),
            "answers": answers,
            "days": days,
            "end": end,
        },
    )


def _pivots(Model, pivots, month_field):
    since = (datetime.date.today() - datetime.timedelta(days=90)).isoformat()
    rows = []
    for label, groupby, domain in pivots:
        groupby = [g.format(month=month_field) for g in groupby]
        domain = [
            (f, o, v.format(**{"90_days_ago": since}) if isinstance(v, str) else v)
            for f, o, v in domain
        ]
        aggregates = ["__count"] + (
            ["answer_count:sum", "pass_rate:avg"]
            if "answer_count" in Model._fields
            else ["pass_rate:avg"]
        )
        groups, seconds, plan = _explain(
            Model.env,
            lambda domain=domain, groupby=groupby, aggregates=aggregates: (
                Model.formatted_read_group(domain, groupby, aggregates)
            ),
        )
        rows.append([label, len(groups), seconds, plan])
    return rows


def _load():
    return " ".join(open("/proc/loadavg").read().split()[:3])


def bench_pivot(env, answers):
    template = env["metering.checklist.template"].search(
        [("name", "=", "Bench template 50")], limit=1
    )
    # a center's twenty teams; the template is that of one type of order
    teams = env["fsm.team"].create([{"name": f"Bench team {i}"} for i in range(20)])
    order_types = template.assignment_ids.order_type_id
    checklist = env["metering.checklist"].search(
        [("template_id", "=", template.id)], limit=1
    )
    leader = env["res.users"].create(
        {
            "name": "Bench leader",
            "login": "bench-leader",
            "group_ids": [odoo.fields.Command.set([env.ref(LEADER).id])],
        }
    )
    env.flush_all()
    today = datetime.date.today()
    started = time.perf_counter()
    _insert_answers(env, checklist, template, teams, order_types, answers, 1095, today)
    env.cr.execute("ANALYZE metering_checklist_answer")
    # the block ranges of the BRIN index, as autovacuum or the nightly
    # summarising leave them (unsummarised ranges match any date)
    env["metering.checklist.answer.month"]._summarise_date_index()
    out(
        f"inserted {answers:,} answers (three years to today) in "
        f"{time.perf_counter() - started:.1f} s; load average {_load()}"
    )
    env.cr.execute(
        "SELECT pg_size_pretty(pg_relation_size('metering_checklist_answer')), "
        "pg_size_pretty(pg_indexes_size('metering_checklist_answer'))"
    )
    out("answers: table %s, indexes %s" % env.cr.fetchone())
    env.cr.execute(
        "SELECT indexname, pg_size_pretty(pg_relation_size(indexname::regclass)) "
        "FROM pg_indexes WHERE tablename = 'metering_checklist_answer' ORDER BY 1"
    )
    out("indexes: " + ", ".join(f"{name} {size}" for name, size in env.cr.fetchall()))
    headers = ["pivot", "groups", "s", "EXPLAIN (ANALYZE, BUFFERS)"]
    Answer = env["metering.checklist.answer"].with_user(leader)
    out("Pivots over the answers themselves (before the summary)")
    table(headers, _pivots(Answer, PIVOTS + (PERIOD_PIVOT,), "date"))

    Summary = env["metering.checklist.answer.month"]
    started = time.perf_counter()
    Summary._summarise()
    seconds = time.perf_counter() - started
    env.cr.execute(
        "SELECT COUNT(*), COUNT(DISTINCT month), "
        "pg_size_pretty(pg_total_relation_size('metering_checklist_answer_month')) "
        "FROM metering_checklist_answer_month"
    )
    rows, months, size = env.cr.fetchone()
    out(
        f"summarised {months} closed months into {rows:,} rows ({size}) in "
        f"{seconds:.1f} s; load average {_load()}"
    )
    env.cr.execute("ANALYZE metering_checklist_answer_month")
    started = time.perf_counter()
    stale = Summary._stale_months(today.replace(day=1))
    out(
        f"the nightly check, nothing to summarise ({len(stale)} stale months): "
        f"{time.perf_counter() - started:.1f} s"
    )
    Report = env["metering.checklist.answer.report"].with_user(leader)
    out(f"Pivots over the analysis (summary + the answers since {today:%Y-%m}-01)")
    table(headers, _pivots(Report, PIVOTS, "month"))

    # at the month's end: a whole month of answers is live
    month_start = today.replace(day=1)
    month_end = (month_start + datetime.timedelta(days=32)).replace(day=1)
    live = answers // 36
    _insert_answers(
        env,
        checklist,
        template,
        teams,
        order_types,
        live,
        (month_end - month_start).days,
        month_end - datetime.timedelta(days=1),
    )
    env.cr.execute("ANALYZE metering_checklist_answer")
    env["metering.checklist.answer.month"]._summarise_date_index()
    out(
        f"Pivots over the analysis at the month's end ({live:,} more answers dated "
        "this month, not summarised yet)"
    )
    table(headers, _pivots(Report, PIVOTS, "month"))
    out(f"load average {_load()}")


def run_side(args):
    params = json.loads(args.params)
    suite = args.side == "suite"
    with Registry(args.database).cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        figures = bench_orders(env, suite, params["orders"])
        if suite:
            bench_pivot(env, params["answers"])
        cr.rollback()
    result({str(items): value for items, value in figures.items()})


def main():
    arguments = parser(__doc__)
    arguments.add_argument("--orders", type=int, default=1000)
    arguments.add_argument("--answers", type=int, default=ANSWERS)
    args, __ = arguments.parse_known_args()
    setup_odoo(args)
    if args.side:
        return run_side(args)
    params = {"orders": args.orders, "answers": args.answers}
    plain = side(__file__, args, "plain", **params)
    suite = side(__file__, args, "suite", **params, echo=True)
    count = args.orders
    plain_s, plain_q = plain["0"]
    out(f"{count:,} orders in one create, suite vs OCA only")
    table(
        ["items", "orders/s", "plain", "ratio", "queries/order", "plain", "ratio"],
        [
            [
                int(items),
                count / seconds,
                count / plain_s,
                ratio(plain_s, seconds),
                queries / count,
                plain_q / count,
                ratio(queries, plain_q),
            ]
            for items, (seconds, queries) in suite.items()
        ],
    )


if __name__ == "__main__":
    main()
