"""Benchmark of the checklist engine (issue: compliance checklists).

In one transaction rolled back afterwards:

- create 1,000 work orders whose type carries a template of 10, then 50
  items, in one batch: orders/s, SQL queries per order and per item; and the
  plain cost of creating the same 1,000 orders with a type that carries no
  template, for comparison;
- insert 1,000,000 answers and time the analysis pivot (answers grouped by
  template, item and result).

Run through bench/run.

Usage: python3 bench/checklist_bench.py -c ODOO_CONF -d DB [--orders N]
"""

import argparse
import time

from bench_common import measure, out

import odoo
from odoo import api
from odoo.modules.registry import Registry
from odoo.tools import config

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


def bench_orders(env, count):
    owner = env["res.partner"].create({"name": "Bench owner"})
    locations = env["fsm.location"].create(
        [{"name": f"Bench point {i}", "owner_id": owner.id} for i in range(100)]
    )
    plain_type = _order_type(env, 0)
    _orders, plain_s, plain_q = measure(
        env, lambda: _create_orders(env, plain_type, locations, count)
    )
    out(
        f"plain: {count} orders without template: {count / plain_s:.1f} orders/s, "
        f"{plain_q / count:.2f} queries/order"
    )
    out(
        f"{'items':>6} {'orders/s':>9} {'queries/order':>14} {'queries/item':>13} "
        f"{'ratio to plain':>15}"
    )
    for items in (10, 50):
        order_type = _order_type(env, items)
        orders, seconds, queries = measure(
            env,
            lambda order_type=order_type: _create_orders(
                env, order_type, locations, count
            ),
        )
        assert len(orders.checklist_ids.answer_ids) == count * items
        out(
            f"{items:>6} {count / seconds:>9.1f} {queries / count:>14.2f} "
            f"{queries / (count * items):>13.4f} {plain_s / seconds:>15.2f}"
        )


def bench_pivot(env):
    template = env["metering.checklist.template"].search(
        [("name", "=", "Bench template 50")], limit=1
    )
    items = template.item_ids
    team = env["fsm.team"].search([], limit=1)
    checklist = env["metering.checklist"].search(
        [("template_id", "=", template.id)], limit=1
    )
    env.flush_all()
    started = time.perf_counter()
    env.cr.execute(
        """
        INSERT INTO metering_checklist_answer
            (checklist_id, item_id, sequence, template_id, company_id, team_id,
             date, result, is_applicable)
        SELECT %(checklist)s, (%(items)s)[1 + n %% %(count)s], 1, %(template)s,
               %(company)s, %(team)s, CURRENT_DATE - (n %% 365),
               CASE WHEN n %% 17 = 0 THEN 'fail' ELSE 'pass' END, TRUE
          FROM generate_series(1, %(answers)s) AS n
        """,
        {
            "checklist": checklist.id,
            "items": items.ids,
            "count": len(items),
            "template": template.id,
            "company": env.company.id,
            "team": team.id,
            "answers": ANSWERS,
        },
    )
    env.cr.execute("ANALYZE metering_checklist_answer")
    out(f"inserted {ANSWERS:,} answers in {time.perf_counter() - started:.1f} s")
    Answer = env["metering.checklist.answer"]
    for label, groupby, domain in (
        ("pivot per template x result", ["template_id", "result"], []),
        ("most failed items", ["item_id"], [("result", "=", "fail")]),
        (
            "per team x month",
            ["team_id", "date:month"],
            [("result", "in", ("pass", "fail"))],
        ),
    ):
        env.invalidate_all()
        started = time.perf_counter()
        groups = Answer.formatted_read_group(domain, groupby, ["__count"])
        out(f"{label}: {len(groups)} groups in {time.perf_counter() - started:.3f} s")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--orders", type=int, default=1000)
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    with Registry(args.database).cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        bench_orders(env, args.orders)
        bench_pivot(env)
        cr.rollback()


if __name__ == "__main__":
    main()
