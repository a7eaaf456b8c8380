"""Benchmark of rotation planning (issue: plan 100,000 due meters).

For each count, in one transaction that is rolled back afterwards: create the
due meters (single-phase, installed 11 years ago, ten per metering point, a
hundred metering points per area), then measure

- the planning (metering.rotation.plan): meters/s, SQL queries per meter;
- a plain batched fsm.order create of the same number of orders, with the
  same values: orders/s, for comparison;

- the completion of those rotation orders, every line swapped for a new meter
  (the registry: old meters removed, new ones installed, two history rows per
  meter): meters/s, SQL queries per meter, and the ratio to a plain batched
  write of the same registry rows and history;

and print the process's peak memory. Run through bench/run.

Usage: python3 bench/rotation_bench.py -c ODOO_CONF -d DB [--count N ...]
"""

import argparse
import resource

from bench_common import measure, out
from dateutil.relativedelta import relativedelta

import odoo
from odoo import api, fields
from odoo.modules.registry import Registry
from odoo.tools import config

METERS_PER_POINT = 10
POINTS_PER_AREA = 100
MAX_DEVICES = 50
BATCH = 5000


def _create_meters(env, count):
    today = fields.Date.context_today(env.user)
    ctx = {"tracking_disable": True, "mail_create_nolog": True}
    Location = env["fsm.location"].with_context(**ctx)
    owner = env["res.partner"].create({"name": "Bench owner"})
    points_count = -(-count // METERS_PER_POINT)
    areas = Location.create(
        [
            {"name": f"Bench area {i}", "owner_id": owner.id}
            for i in range(-(-points_count // POINTS_PER_AREA))
        ]
    )
    points = Location.browse()
    for start in range(0, points_count, BATCH):
        points |= Location.create(
            [
                {
                    "name": f"Bench point {i}",
                    "owner_id": owner.id,
                    "parent_id": areas[i // POINTS_PER_AREA].id,
                    "supply_voltage": "220v",
                }
                for i in range(start, min(start + BATCH, points_count))
            ]
        )
    Device = env["fsm.equipment"].with_context(**ctx)
    installed = today - relativedelta(years=11)
    for start in range(0, count, BATCH):
        Device.create(
            [
                {
                    "name": f"Bench meter {i}",
                    "device_kind": "single_phase_meter",
                    "device_state": "installed",
                    "installed_date": installed,
                    "location_id": points[i // METERS_PER_POINT].id,
                }
                for i in range(start, min(start + BATCH, count))
            ]
        )
    env.flush_all()
    return today + relativedelta(days=1)


def _bench_completion(env, orders):
    """Swap every line of the rotation orders, complete them, and compare with
    a plain batched write of the same rows."""
    lines = orders.rotation_line_ids
    Device = env["fsm.equipment"].with_context(tracking_disable=True)
    new = Device.browse()
    for start in range(0, len(lines), BATCH):
        new |= Device.create(
            [
                {"name": f"Bench new meter {i}", "device_kind": "single_phase_meter"}
                for i in range(start, min(start + BATCH, len(lines)))
            ]
        )
    for line, meter in zip(lines, new, strict=True):
        line.write(
            {"state": "swapped", "new_equipment_id": meter.id, "final_reading": 100.0}
        )
    completed = env.ref("fieldservice.fsm_stage_completed")
    done = orders.with_context(bypass_order_completed_stage=True)
    _result, complete_s, complete_q = measure(
        env, lambda: done.write({"stage_id": completed.id})
    )
    old = lines.old_equipment_id
    locations = [line.location_id.id for line in lines]
    today = fields.Date.context_today(env.user)

    def plain_write():
        old.write({"device_state": "removed", "last_reading": 100.0})
        new.write({"device_state": "installed", "installed_date": today})
        env["metering.device.history"].create(
            [
                {
                    "equipment_id": device.id,
                    "event": event,
                    "reading": 100.0,
                    "location_id": location_id,
                }
                for devices, event in ((old, "removed"), (new, "installed"))
                for device, location_id in zip(devices, locations, strict=True)
            ]
        )

    _result, plain_s, _plain_q = measure(env, plain_write)
    meters = len(lines)
    return {
        "swapped_per_s": meters / complete_s,
        "complete_queries_per_meter": complete_q / meters,
        "plain_swapped_per_s": meters / plain_s,
    }


def bench(db, count):
    with Registry(db).cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        company = env.company
        horizon = _create_meters(env, count)
        rotation = env["metering.rotation"]

        orders, plan_s, plan_q = measure(
            env, lambda: rotation.plan(company, horizon, MAX_DEVICES)
        )
        planned = len(orders.equipment_ids)
        values = [
            {
                "type": order.type.id,
                "location_id": order.location_id.id,
                "company_id": company.id,
                "equipment_ids": [fields.Command.set(order.equipment_ids.ids)],
            }
            for order in orders
        ]
        Order = env["fsm.order"].with_context(tracking_disable=True)

        def plain_create():
            for start in range(0, len(values), rotation.ORDER_BATCH):
                Order.create(values[start : start + rotation.ORDER_BATCH])

        _result, plain_s, _plain_q = measure(env, plain_create)
        complete = _bench_completion(env, orders)
        cr.rollback()
    return complete | {
        "meters": planned,
        "orders": len(values),
        "meters_per_s": planned / plan_s,
        "orders_per_s": len(values) / plan_s,
        "queries_per_meter": plan_q / planned,
        "plain_orders_per_s": len(values) / plain_s,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--count", type=int, action="append")
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    header = (
        f"{'meters':>8} {'orders':>7} {'meters/s':>9} {'queries/meter':>14} "
        f"{'orders/s':>9} {'plain orders/s':>15} {'ratio':>6}"
    )
    out(header)
    results = []
    for count in args.count or [10_000, 100_000]:
        r = bench(args.database, count)
        results.append(r)
        out(
            f"{r['meters']:>8} {r['orders']:>7} {r['meters_per_s']:>9.0f} "
            f"{r['queries_per_meter']:>14.4f} {r['orders_per_s']:>9.1f} "
            f"{r['plain_orders_per_s']:>15.1f} "
            f"{r['orders_per_s'] / r['plain_orders_per_s']:>6.2f}"
        )
    out("rotation completion (every line swapped)")
    out(
        f"{'meters':>8} {'swapped/s':>10} {'queries/meter':>14} "
        f"{'plain/s':>8} {'ratio':>6}"
    )
    for r in results:
        out(
            f"{r['meters']:>8} {r['swapped_per_s']:>10.0f} "
            f"{r['complete_queries_per_meter']:>14.4f} "
            f"{r['plain_swapped_per_s']:>8.0f} "
            f"{r['swapped_per_s'] / r['plain_swapped_per_s']:>6.2f}"
        )
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out(f"peak memory of the process: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
