"""Benchmark of the checklist engine, against plain Field Service.

On the suite's database and on the database with only the OCA modules, in
one transaction each, rolled back afterwards:

- create 1,000 work orders in one batch: on the plain side with a plain
  type; on the suite's side with a type that carries no template, then a
  template of 10, then of 50 items: orders/s, SQL queries per order, and
  their ratio to the plain side;
- on the suite's side, insert 1,000,000 answers (three years of them, in the
  order they are made) and time the analysis pivots, each with the summary
  of its plan (EXPLAIN ANALYZE: execution time, scans and indexes used).

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


PIVOTS = (
    ("template x result", ["template_id", "result"], []),
    ("most failed items", ["item_id"], [("result", "=", "fail")]),
    ("team x month", ["team_id", "date:month"], [("result", "in", ("pass", "fail"))]),
    (
        "last 90 days x result",
        ["result"],
        [("date", ">=", "{90_days_ago}")],
    ),
)


def _explain(env, func):
    """(groups, seconds, the plan's summary) of a read_group: its SQL run
    once more under EXPLAIN ANALYZE."""
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
    cr.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {query}", params)
    plan = cr.fetchone()[0][0]
    scans = []

    def walk(node):
        if "Scan" in node["Node Type"]:
            scans.append(
                node["Node Type"]
                + (f" using {node['Index Name']}" if node.get("Index Name") else "")
            )
        for child in node.get("Plans", ()):
            walk(child)

    walk(plan["Plan"])
    return groups, seconds, f"{plan['Execution Time']:.0f} ms, " + ", ".join(scans)


def bench_pivot(env, answers):
    template = env["metering.checklist.template"].search(
        [("name", "=", "Bench template 50")], limit=1
    )
    items = template.item_ids
    teams = env["fsm.team"].search([]) or env["fsm.team"].create({"name": "Bench"})
    checklist = env["metering.checklist"].search(
        [("template_id", "=", template.id)], limit=1
    )
    env.flush_all()
    started = time.perf_counter()
    # answers in the order they are made: a day's answers together, the
    # oldest first (3 years), one in 17 failed
    env.cr.execute(
        """
        INSERT INTO metering_checklist_answer
            (checklist_id, item_id, sequence, template_id, company_id, team_id,
             date, result, is_applicable)
        SELECT %(checklist)s, (%(items)s)[1 + n %% %(count)s], 1, %(template)s,
               %(company)s, (%(teams)s)[1 + n %% %(team_count)s],
               CURRENT_DATE - 1095 + (n * 1095 / %(answers)s)::int,
               CASE WHEN n %% 17 = 0 THEN 'fail' ELSE 'pass' END, TRUE
          FROM generate_series(1, %(answers)s) AS n
        """,
        {
            "checklist": checklist.id,
            "items": items.ids,
            "count": len(items),
            "template": template.id,
            "company": env.company.id,
            "teams": teams.ids,
            "team_count": len(teams),
            "answers": answers,
        },
    )
    env.cr.execute("ANALYZE metering_checklist_answer")
    out(f"inserted {answers:,} answers in {time.perf_counter() - started:.1f} s")
    env.cr.execute(
        "SELECT indexname, pg_size_pretty(pg_relation_size(indexname::regclass)) "
        "FROM pg_indexes WHERE tablename = 'metering_checklist_answer' ORDER BY 1"
    )
    out("indexes: " + ", ".join(f"{name} {size}" for name, size in env.cr.fetchall()))
    Answer = env["metering.checklist.answer"]
    since = (datetime.date.today() - datetime.timedelta(days=90)).isoformat()
    rows = []
    for label, groupby, domain in PIVOTS:
        domain = [
            (f, o, v.format(**{"90_days_ago": since}) if isinstance(v, str) else v)
            for f, o, v in domain
        ]
        groups, seconds, plan = _explain(
            env,
            lambda domain=domain, groupby=groupby: Answer.formatted_read_group(
                domain, groupby, ["__count"]
            ),
        )
        rows.append([label, len(groups), seconds, plan])
    table(["pivot", "groups", "s", "EXPLAIN ANALYZE"], rows)


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
