"""Benchmark of rotation planning and completion, against plain Field Service.

For each count of due meters (single-phase, installed 11 years ago, ten per
metering point, a hundred metering points per area), on the suite's database
and on the database with only the OCA modules, each side in processes of its
own:

- setup: the areas, points and meters, committed: the first area, point
  and meter created by the ORM, the others copied from their rows in SQL
  (INSERT ... SELECT over generate_series: names numbered, the hierarchy's
  parent, parent path and complete names as Field Service computes them,
  every other column, defaults and stored computes included, the first
  one's), so that a million meters take a minute, not most of an hour;
  `--orm-setup` creates them all by the ORM instead (the same rows: the
  two were compared column by column on 10,000 meters, and planned the
  same orders and lines with the same queries);
- planning, as the monthly cron runs it (metering.rotation.plan with its
  batches committed as they go and the cron's progress): meters/s, SQL
  queries per order, the cron's progress, and the peak memory of the process;
  on the plain side, the same orders (the same areas, 50 meters each) made by
  a plain batched fsm.order create, committed per batch of 1,000 orders;
- completion of those orders in one write: on the suite's side every line
  swapped for a new meter (old meters removed, new ones installed, two
  history rows per meter), on the plain side the same stage write alone;
  rolled back; up to --complete-max meters (one write of a million lines
  is not what completion is).

Then a crash and its resumption: planning 5,000 meters in batches of 1,000
meters that fails in its third batch, then planned again: every meter is
planned once.

Run through bench/run.

Usage: python3 bench/rotation_bench.py -c ODOO_CONF -d DB --plain-database DB
       [--count N ...] [--orm-setup] [--complete-max N] [--no-crash]
"""

import inspect
import json
import os
import time
from collections import defaultdict
from unittest.mock import patch

from bench_common import (
    measure,
    out,
    parser,
    peak_mb,
    ratio,
    result,
    setup_odoo,
    table,
)
from bench_common import side as run_side
from dateutil.relativedelta import relativedelta

import odoo
from odoo import api, fields
from odoo.modules.registry import Registry
from odoo.tools import SQL

METERS_PER_POINT = 10
POINTS_PER_AREA = 100
MAX_DEVICES = 50
ORDER_BATCH = 1000  # the suite's metering.rotation.ORDER_BATCH
BATCH = 5000
CRASH_METERS = 5000
COMPLETE_MAX = 100_000  # the completion in one write: past it, not measured


def _create_meters(env, suite, count, tag, orm=False):
    """The areas, points and meters, committed: the first area, point and
    meter made by the ORM, the others copied from them in SQL (or, with
    `orm`, all of them by the ORM, in batches)."""
    if orm:
        return _create_meters_orm(env, suite, count, tag)
    points_count = -(-count // METERS_PER_POINT)
    areas_count = -(-points_count // POINTS_PER_AREA)
    area, point, meter = _create_meters_orm(env, suite, 1, tag)
    env.flush_all()
    cr = env.cr
    # the ids of every area, point and meter, the first ones the ORM's
    cr.execute(
        """
        CREATE TEMP TABLE bench_area ON COMMIT DROP AS
        SELECT 0 AS i, %(location)s::int AS location_id, %(partner)s::int AS partner_id
         UNION ALL
        SELECT i, nextval('fsm_location_id_seq'), nextval('res_partner_id_seq')
          FROM generate_series(1, %(count)s - 1) i
        """,
        {"location": area.id, "partner": area.partner_id.id, "count": areas_count},
    )
    cr.execute(
        """
        CREATE TEMP TABLE bench_point ON COMMIT DROP AS
        SELECT 0 AS i, %(location)s::int AS location_id, %(partner)s::int AS partner_id
         UNION ALL
        SELECT i, nextval('fsm_location_id_seq'), nextval('res_partner_id_seq')
          FROM generate_series(1, %(count)s - 1) i
        """,
        {"location": point.id, "partner": point.partner_id.id, "count": points_count},
    )
    _copy_locations(env, area, "bench_area", f"Bench {tag} area ", None)
    _copy_locations(env, point, "bench_point", f"Bench {tag} point ", "bench_area")
    # the meters: the first one's row, stored computes included (the same
    # kind, state, installation date and class for all)
    _copy(
        cr,
        "fsm_equipment",
        {
            "id": SQL("nextval('fsm_equipment_id_seq')"),
            "name": SQL("%s || g.i", f"Bench {tag} meter "),
            "location_id": SQL("p.location_id"),
        },
        SQL(
            """generate_series(1, %s - 1) g(i)
               JOIN bench_point p ON p.i = g.i / %s
               JOIN fsm_equipment f ON f.id = %s
              ORDER BY g.i""",
            count,
            METERS_PER_POINT,
            meter.id,
        ),
    )
    # the statistics the ORM's rows would have had from autovacuum by now
    cr.execute("ANALYZE res_partner, fsm_location, fsm_equipment")
    env.cr.commit()
    env.invalidate_all()


def _copy(cr, table, values, source):
    """Insert into table a row per row of source (SQL after FROM, the row
    to copy as f): the columns in values (column: SQL) set, the others
    copied from f."""
    cr.execute(
        """
        SELECT column_name FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name = %s
         ORDER BY ordinal_position
        """,
        [table],
    )
    copied = [column for (column,) in cr.fetchall() if column not in values]
    cr.execute(
        SQL(
            "INSERT INTO %s (%s) SELECT %s FROM %s",
            SQL.identifier(table),
            SQL(", ").join(SQL.identifier(column) for column in [*values, *copied]),
            SQL(", ").join(
                [*values.values(), *(SQL.identifier("f", column) for column in copied)]
            ),
            source,
        )
    )


def _copy_locations(env, first, ids_table, prefix, parents_table):
    """Locations (and their partners) numbered as in ids_table, copied from
    the ORM's first one: the names numbered, the hierarchy (parent, parent
    path, complete names) the one Field Service computes, an area
    (parents_table None) at the top, a point under area i / POINTS_PER_AREA."""
    partner = first.partner_id
    owner = partner.parent_id
    # res.partner's complete name: "owner, name" for a child of the owner
    assert partner.complete_name == f"{owner.name}, {partner.name}"
    ids = SQL.identifier(ids_table)
    _copy(
        env.cr,
        "res_partner",
        {
            "id": SQL("t.partner_id"),
            "name": SQL("%s || t.i", prefix),
            "complete_name": SQL("%s || t.i", f"{owner.name}, {prefix}"),
        },
        SQL(
            "%s t JOIN res_partner f ON f.id = %s WHERE t.i > 0 ORDER BY t.i",
            ids,
            partner.id,
        ),
    )
    values = {"id": SQL("t.location_id"), "partner_id": SQL("t.partner_id")}
    if parents_table:
        # fsm.location's complete name: "parent's complete name / name"
        assert first.complete_name == f"{first.parent_id.complete_name} / {first.name}"
        values |= {
            "parent_id": SQL("a.location_id"),
            "parent_path": SQL("a.parent_path || t.location_id || '/'"),
            "complete_name": SQL("a.complete_name || ' / ' || %s || t.i", prefix),
        }
        parents = SQL(
            """JOIN (SELECT pt.i, pt.location_id, l.parent_path, l.complete_name
                       FROM %s pt JOIN fsm_location l ON l.id = pt.location_id) a
                 ON a.i = t.i / %s""",
            SQL.identifier(parents_table),
            POINTS_PER_AREA,
        )
    else:
        assert first.complete_name == first.name and not first.parent_id
        values |= {
            "parent_id": SQL("NULL::int"),
            "parent_path": SQL("t.location_id || '/'"),
            "complete_name": SQL("%s || t.i", prefix),
        }
        parents = SQL()
    _copy(
        env.cr,
        "fsm_location",
        values,
        SQL(
            """%s t %s JOIN fsm_location f ON f.id = %s
              WHERE t.i > 0 ORDER BY t.i""",
            ids,
            parents,
            first.id,
        ),
    )


def _create_meters_orm(env, suite, count, tag):
    """The areas, points and meters, created by the ORM and committed in
    batches (the cache emptied after each); the first area, point and meter."""
    today = fields.Date.context_today(env.user)
    ctx = {"tracking_disable": True, "mail_create_nolog": True}
    Location = env["fsm.location"].with_context(**ctx)
    owner = env["res.partner"].create({"name": "Bench owner"})
    points_count = -(-count // METERS_PER_POINT)
    areas = Location.create(
        [
            {"name": f"Bench {tag} area {i}", "owner_id": owner.id}
            for i in range(-(-points_count // POINTS_PER_AREA))
        ]
    ).ids
    points = []
    for start in range(0, points_count, BATCH):
        points += Location.create(
            [
                {
                    "name": f"Bench {tag} point {i}",
                    "owner_id": owner.id,
                    "parent_id": areas[i // POINTS_PER_AREA],
                }
                | ({"supply_voltage": "220v"} if suite else {})
                for i in range(start, min(start + BATCH, points_count))
            ]
        ).ids
        env.cr.commit()
        env.invalidate_all()
    Device = env["fsm.equipment"].with_context(**ctx)
    installed = today - relativedelta(years=11)
    meters = []
    for start in range(0, count, BATCH):
        meters += Device.create(
            [
                {
                    "name": f"Bench {tag} meter {i}",
                    "location_id": points[i // METERS_PER_POINT],
                }
                | (
                    {
                        "device_kind": "single_phase_meter",
                        "device_state": "installed",
                        "installed_date": installed,
                    }
                    if suite
                    else {}
                )
                for i in range(start, min(start + BATCH, count))
            ]
        ).ids
        env.cr.commit()
        env.invalidate_all()
    return (
        Location.browse(areas[0]),
        Location.browse(points[0]),
        Device.browse(meters[0]),
    )


def _plain_plan(env, company, tag):
    """What the suite's planning makes, by plain Field Service: one order per
    area and 50 meters, created in batches of 1,000 orders, each committed."""
    env.cr.execute(
        """
        SELECT split_part(l.parent_path, '/', 1)::int, e.id
          FROM fsm_equipment e JOIN fsm_location l ON l.id = e.location_id
         WHERE e.name LIKE %s
         ORDER BY 1, 2
        """,
        [f"Bench {tag} meter %"],
    )
    by_area = defaultdict(list)
    for area_id, device_id in env.cr.fetchall():
        by_area[area_id].append(device_id)
    chunks = [
        (area_id, ids[start : start + MAX_DEVICES])
        for area_id, ids in sorted(by_area.items())
        for start in range(0, len(ids), MAX_DEVICES)
    ]
    Order = env["fsm.order"].with_context(tracking_disable=True)
    order_ids = []
    for start in range(0, len(chunks), ORDER_BATCH):
        order_ids += Order.create(
            [
                {
                    "location_id": area_id,
                    "company_id": company.id,
                    "equipment_ids": [fields.Command.set(device_ids)],
                }
                for area_id, device_ids in chunks[start : start + ORDER_BATCH]
            ]
        ).ids
        env.cr.commit()
        env.invalidate_all()
    return env["fsm.order"].browse(order_ids)


def _suite_plan(env, company, horizon):
    """The planning as the cron runs it: its progress record and context."""
    cron = env.ref("metering_service.ir_cron_plan_rotation")
    cron, progress = cron._add_progress()
    env = env(context=dict(cron.env.context, cron_id=cron.id))
    Rotation = env["metering.rotation"]
    if "commit" not in inspect.signature(Rotation.plan).parameters:
        # a version that plans in one transaction: measured as it is
        orders = Rotation.plan(company, horizon, MAX_DEVICES)
        env.cr.commit()
        progress.write({"done": len(orders.equipment_ids), "remaining": 0})
        return orders, progress
    orders = Rotation.plan(company, horizon, MAX_DEVICES, commit=True)
    return orders, progress


def _swap_lines(env, orders):
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
    env.cr.execute(
        """
        UPDATE metering_rotation_line l
           SET state = 'swapped', new_equipment_id = n.new_id, final_reading = 100
          FROM unnest(%s, %s) AS n(line_id, new_id)
         WHERE l.id = n.line_id
        """,
        [lines.ids, new.ids],
    )
    # the crew answered the orders' delivered checklists, which guard completion
    env.cr.execute(
        """
        UPDATE metering_checklist_answer a SET result = 'pass'
          FROM metering_checklist c
         WHERE c.id = a.checklist_id AND a.result = 'unanswered'
           AND c.res_model = 'fsm.order' AND c.res_id = ANY(%s)
        """,
        [orders.ids],
    )
    if "safety_cleared_on" in orders._fields:
        # work started after the crew's briefing (metering_safety's gate)
        env.cr.execute(
            "UPDATE fsm_order SET safety_cleared_on = now() WHERE id = ANY(%s)",
            [orders.ids],
        )
    env.invalidate_all()


def phase_setup(env, suite, params):
    _create_meters(env, suite, params["count"], params["tag"], params["orm"])
    env.cr.commit()
    return {}


def phase_plan(env, suite, params):
    company = env.company
    horizon = fields.Date.context_today(env.user) + relativedelta(days=1)
    env.cr.commit()
    before_mb = peak_mb()
    progress = None
    if suite:
        (orders, progress), plan_s, plan_q = measure(
            env, lambda: _suite_plan(env, company, horizon)
        )
    else:
        orders, plan_s, plan_q = measure(
            env, lambda: _plain_plan(env, company, params["tag"])
        )
    values = {
        "peak_mb": peak_mb(),
        "orders": len(orders),
        "plan_s": plan_s,
        "plan_q": plan_q,
        "start_mb": before_mb,
    }
    env.cr.execute(
        "SELECT count(*) FROM fsm_equipment_fsm_order_rel WHERE fsm_order_id = ANY(%s)",
        [orders.ids],
    )
    values["meters"] = env.cr.fetchone()[0]
    if suite:
        env.cr.execute(
            "SELECT count(*) FROM metering_rotation_line WHERE order_id = ANY(%s)",
            [orders.ids],
        )
        values["lines"] = env.cr.fetchone()[0]
    if progress:
        values["progress"] = [progress.done, progress.remaining]
    if values["meters"] > params["complete_max"]:
        return values  # completion in one write: measured on smaller counts
    completed = env.ref("fieldservice.fsm_stage_completed")
    if suite:
        _swap_lines(env, orders)
    done = orders.with_context(bypass_order_completed_stage=True)
    __, values["complete_s"], values["complete_q"] = measure(
        env, lambda: done.write({"stage_id": completed.id})
    )
    env.cr.rollback()
    return values


def phase_crash(env, suite, params):
    """Plan CRASH_METERS meters in batches of 20 orders (1,000 meters) and
    fail in the third batch: two committed, the third rolled back."""
    company = env.company
    _create_meters(env, suite, CRASH_METERS, params["tag"])  # copied in SQL
    horizon = fields.Date.context_today(env.user) + relativedelta(days=1)
    Rotation = type(env["metering.rotation"])
    insert = Rotation._insert_lines
    batches = []

    def crash_in_third_batch(self, orders):
        batches.append(len(orders))
        if len(batches) == 3:
            raise RuntimeError("crash")
        return insert(self, orders)

    with (
        patch.object(Rotation, "ORDER_BATCH", 20),
        patch.object(Rotation, "_insert_lines", crash_in_third_batch),
    ):
        try:
            _suite_plan(env, company, horizon)
        except RuntimeError:
            env.cr.rollback()
    env.invalidate_all()
    after_crash = _planned(env, params["tag"])
    with patch.object(Rotation, "ORDER_BATCH", 20):
        _suite_plan(env, company, horizon)
    env.invalidate_all()
    return {"after_crash": after_crash, "after_resume": _planned(env, params["tag"])}


def _planned(env, tag):
    """(lines, distinct meters on them) of the tag's meters."""
    env.cr.execute(
        """
        SELECT count(*), count(DISTINCT l.old_equipment_id)
          FROM metering_rotation_line l
          JOIN fsm_equipment e ON e.id = l.old_equipment_id
         WHERE e.name LIKE %s
        """,
        [f"Bench {tag} meter %"],
    )
    return list(env.cr.fetchone())


def _load():
    with open("/proc/loadavg", encoding="utf-8") as loadavg:
        return " ".join(loadavg.read().split()[:3])


PHASES = {"setup": phase_setup, "plan": phase_plan, "crash": phase_crash}


def main():
    arguments = parser(__doc__)
    arguments.add_argument("--count", type=int, action="append")
    arguments.add_argument(
        "--orm-setup",
        action="store_true",
        help="create every area, point and meter by the ORM (slow: most of an "
        "hour for a million meters) instead of copying the first ones in SQL",
    )
    arguments.add_argument(
        "--complete-max",
        type=int,
        default=COMPLETE_MAX,
        help="measure the completion in one write up to this many meters "
        f"(default {COMPLETE_MAX:,})",
    )
    arguments.add_argument(
        "--no-crash", action="store_true", help="skip the crash and resumption"
    )
    args, __ = arguments.parse_known_args()
    setup_odoo(args)
    if args.side:
        with Registry(args.database).cursor() as cr:
            env = api.Environment(cr, odoo.SUPERUSER_ID, {})
            params = json.loads(args.params)
            return result(PHASES[args.phase](env, args.side == "suite", params))
    rows = []
    for run, count in enumerate(args.count or [10_000, 30_000]):
        figures = {}
        for which in ("suite", "plain"):
            started = time.perf_counter()
            tag = f"{os.getpid()}-{run}-{count}"
            run_side(
                __file__,
                args,
                which,
                "setup",
                count=count,
                tag=tag,
                orm=args.orm_setup,
            )
            setup_s = time.perf_counter() - started
            figures[which] = run_side(
                __file__,
                args,
                which,
                "plan",
                count=count,
                tag=tag,
                complete_max=args.complete_max,
            )
            figures[which]["setup_s"] = setup_s
            figures[which]["load"] = _load()
        rows.append((count, figures["suite"], figures["plain"]))
    out("rotation planning (batches committed as they go), suite vs OCA only")
    table(
        [
            "meters",
            "orders",
            "meters/s",
            "plain",
            "ratio",
            "queries/order",
            "plain",
            "ratio",
            "peak MB",
            "plain",
            "progress done/left",
        ],
        [
            [
                s["meters"],
                s["orders"],
                s["meters"] / s["plan_s"],
                p["meters"] / p["plan_s"],
                ratio(p["plan_s"], s["plan_s"]),
                s["plan_q"] / s["orders"],
                p["plan_q"] / p["orders"],
                ratio(s["plan_q"] / s["orders"], p["plan_q"] / p["orders"]),
                s["peak_mb"],
                p["peak_mb"],
                "/".join(f"{n:,}" for n in s["progress"]),
            ]
            for count, s, p in rows
        ],
    )
    out(
        "  (meters/s ratio: suite throughput / plain throughput; peak MB: the "
        "planning process, {:.0f} MB of it before planning)".format(
            rows[0][1]["start_mb"]
        )
    )
    for count, s, p in rows:
        out(
            f"  {count:,} meters: {s['lines']:,} lines; setup "
            f"{s['setup_s']:.0f} s and {p['setup_s']:.0f} s plain "
            f"({'ORM' if args.orm_setup else 'SQL copies'}); load average after "
            f"the suite's side {s['load']}, after plain's {p['load']}"
        )
    rows = [row for row in rows if "complete_s" in row[1]]
    if rows:
        out("rotation completion in one write (suite: every line swapped and applied)")
        table(
            ["meters", "meters/s", "plain", "ratio", "queries/order", "plain", "ratio"],
            [
                [
                    s["meters"],
                    s["meters"] / s["complete_s"],
                    p["meters"] / p["complete_s"],
                    ratio(p["complete_s"], s["complete_s"]),
                    s["complete_q"] / s["orders"],
                    p["complete_q"] / p["orders"],
                    ratio(s["complete_q"] / s["orders"], p["complete_q"] / p["orders"]),
                ]
                for count, s, p in rows
            ],
        )
    if args.no_crash:
        return
    crash = run_side(__file__, args, "suite", "crash", tag=f"{os.getpid()}-crash")
    out(
        f"crash in the third batch of {CRASH_METERS:,} meters: "
        f"{crash['after_crash'][0]:,} meters committed; resumed: "
        f"{crash['after_resume'][0]:,} lines for {crash['after_resume'][1]:,} "
        "distinct meters"
    )


if __name__ == "__main__":
    main()
