"""Benchmark of the stage gate and of the order form, against plain Field Service.

For each crew size, number of workers and number of briefings, in one
transaction rolled back afterwards, on the suite's database and on the
database with only the OCA modules:

- create N orders (default 1,000) in one batch, each worked by a crew drawn
  from the workers; on the suite's side their type requires a safety
  briefing and a qualification that every worker holds;
- move them all to the work-start stage in one write; on the suite's side
  the briefings (each covering N / briefings orders, acknowledged by the
  whole crew) clear the gate (best time of START_REPEATS writes, rolled back
  in between; the queries of one);
- open one order's form as the web client does (web_read with the form
  view's specification, on a cold cache), as the administrator.

Prints seconds, SQL queries per order and their ratio to the plain side.
Run through bench/run.

Usage: python3 bench/gate_bench.py -c ODOO_CONF -d DB --plain-database DB [--orders N]
"""

import json
import time
from datetime import timedelta

from bench_common import measure, out, parser, ratio, result, setup_odoo, side, table
from lxml import etree

# (crew size, workers, briefings)
VARIANTS = [(2, 200, 10), (2, 20, 10), (4, 200, 100)]
FORM_READS = 20
START_REPEATS = 5


def _workers(env, count):
    persons = env["fsm.person"].create(
        [{"name": f"Bench worker {i}"} for i in range(count)]
    )
    employees = env["hr.employee"].create(
        [
            {"name": person.name, "work_contact_id": person.partner_id.id}
            for person in persons
        ]
    )
    return persons, employees


def _order_type(env, suite, employees):
    vals = {"name": "Bench live-line exchange", "internal_type": "fsm"}
    if suite:
        qualification = env["metering.qualification.type"].create(
            {"name": "Bench live-line work"}
        )
        today = env.cr.now().date()
        env["metering.qualification"].with_context(tracking_disable=True).create(
            [
                {
                    "employee_id": employee.id,
                    "type_id": qualification.id,
                    "date_from": today - timedelta(days=30),
                    "date_to": today + timedelta(days=365),
                }
                for employee in employees
            ]
        )
        vals |= {
            "requires_safety_briefing": True,
            "required_qualification_type_ids": [(6, 0, qualification.ids)],
        }
    return env["fsm.order.type"].create(vals)


def _start_stage(env, suite):
    if suite:
        return env.ref("metering_safety.fsm_stage_in_progress")
    stage = env["fsm.stage"].search([("name", "=", "In Progress")], limit=1)
    return stage or env["fsm.stage"].create(
        {"name": "In Progress", "sequence": 50, "stage_type": "order"}
    )


def _briefings(env, orders, count, crews, employee_of):
    now = env.cr.now()
    per = -(-len(orders) // count)
    vals_list = []
    for start in range(0, len(orders), per):
        chunk = orders[start : start + per]
        crew = {
            employee_of[person]
            for order in chunk
            for person in crews[order.id]
            if employee_of.get(person)
        }
        vals_list.append(
            {
                "order_ids": [(6, 0, chunk.ids)],
                "place": "Bench substation",
                "task": "Exchange the meters",
                "method": "One by one",
                "requirements": "Two people, insulated tools",
                "ticket_kind": "second",
                "ticket_number": f"II-BENCH-{start}",
                "ticket_valid_from": now - timedelta(hours=1),
                "ticket_valid_to": now + timedelta(hours=8),
                "start": now - timedelta(minutes=30),
                "state": "done",
                "attendee_ids": [
                    (0, 0, {"employee_id": employee, "acknowledged_on": now})
                    for employee in sorted(crew)
                ],
            }
        )
    env["metering.safety.briefing"].with_context(tracking_disable=True).create(
        vals_list
    )


def form_spec(env, model):
    """The specification the web client reads a record's form with: its
    fields, the display name of the records they link to, and the columns of
    its lists."""
    views = env[model].get_views([(False, "form")])
    arch = etree.fromstring(views["views"]["form"]["arch"])
    models = views["models"]

    def spec_of(node, model):
        fields_info = models[model]["fields"]
        spec = {"display_name": {}}
        for field in node.iter("field"):
            parent = field.getparent()
            while parent is not None and parent is not node and parent.tag != "field":
                parent = parent.getparent()
            if parent is not node and parent is not None:
                continue  # a column of a sub-list: read with its list
            name = field.get("name")
            info = fields_info.get(name, {})
            if info.get("type") == "many2one":
                spec[name] = {"fields": {"display_name": {}}}
            elif info.get("type") in ("one2many", "many2many"):
                sub = next((c for c in field if c.tag in ("list", "kanban")), None)
                if sub is not None and info["relation"] in models:
                    spec[name] = {"fields": spec_of(sub, info["relation"]), "limit": 40}
                else:
                    spec[name] = {"fields": {"display_name": {}}}
            else:
                spec[name] = {}
        return spec

    return spec_of(arch, model)


def _form(env, order):
    admin = env.ref("base.user_admin")
    user_env = env(user=admin.id, su=False)
    record = order.with_env(user_env)
    spec = form_spec(user_env, "fsm.order")
    record.web_read(spec)  # the views and rules in the registry's caches
    queries = []
    started = time.perf_counter()
    for __ in range(FORM_READS):
        __, __, count = measure(user_env, lambda: record.web_read(spec))
        queries.append(count)
    return {
        "form_queries": min(queries),
        "form_ms": (time.perf_counter() - started) / FORM_READS * 1000,
        "form_fields": len(spec),
    }


def run_variant(env, suite, count, crew_size, workers, briefings):
    persons, employees = _workers(env, workers)
    employee_of = dict(zip(persons.ids, employees.ids, strict=True))
    order_type = _order_type(env, suite, employees)
    stage = _start_stage(env, suite)
    owner = env["res.partner"].create({"name": "Bench owner"})
    locations = env["fsm.location"].create(
        [{"name": f"Bench point {i}", "owner_id": owner.id} for i in range(100)]
    )
    crews = {}
    vals_list = []
    for i in range(count):
        crew = [persons[(i * crew_size + k) % workers].id for k in range(crew_size)]
        vals_list.append(
            {
                "type": order_type.id,
                "location_id": locations[i % len(locations)].id,
                "person_id": crew[0],
                "person_ids": [(6, 0, crew[1:])],
            }
        )
        crews[i] = crew
    Order = env["fsm.order"].with_context(tracking_disable=True)
    orders, create_s, create_q = measure(env, lambda: Order.create(vals_list))
    crews = {order.id: crews[i] for i, order in enumerate(orders)}
    if suite:
        _briefings(env, orders, briefings, crews, employee_of)
    # the start, measured START_REPEATS times on the same orders (rolled
    # back to a savepoint in between): its best time, a fraction of a second
    # that one run on a shared machine can double
    timings = []
    for repeat in range(START_REPEATS):
        savepoint = env.cr.savepoint()
        __, seconds, queries = measure(
            env, lambda: orders.write({"stage_id": stage.id})
        )
        timings.append((seconds, queries))
        savepoint.close(rollback=repeat < START_REPEATS - 1)
        env.invalidate_all()
    write_s = min(seconds for seconds, __ in timings)
    write_q = max(queries for __, queries in timings)
    assert orders.stage_id == stage
    return {
        "create_s": create_s,
        "create_q": create_q / count,
        "write_s": write_s,
        "write_q": write_q / count,
    } | _form(env, orders[0])


def run_side(args):
    import odoo
    from odoo import api
    from odoo.modules.registry import Registry

    params = json.loads(args.params)
    results = []
    with Registry(args.database).cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        for crew_size, workers, briefings in params["variants"]:
            results.append(
                run_variant(
                    env,
                    args.side == "suite",
                    params["orders"],
                    crew_size,
                    workers,
                    briefings,
                )
            )
            cr.rollback()
            env.invalidate_all()
    result(results)


def main():
    arguments = parser(__doc__)
    arguments.add_argument("--orders", type=int, default=1000)
    args, __ = arguments.parse_known_args()
    setup_odoo(args)
    if args.side:
        return run_side(args)
    params = {"orders": args.orders, "variants": VARIANTS}
    suite = side(__file__, args, "suite", **params)
    plain = side(__file__, args, "plain", **params)
    out(f"{args.orders:,} orders per create and per write, suite vs OCA only")
    rows = []
    for (crew, workers, briefings), s, p in zip(VARIANTS, suite, plain, strict=True):
        for step in ("create", "write"):
            rows.append(
                [
                    step,
                    crew,
                    workers,
                    briefings,
                    s[f"{step}_s"],
                    p[f"{step}_s"],
                    ratio(s[f"{step}_s"], p[f"{step}_s"]),
                    round(s[f"{step}_q"] * args.orders),
                    round(p[f"{step}_q"] * args.orders),
                    s[f"{step}_q"],
                    p[f"{step}_q"],
                    ratio(s[f"{step}_q"], p[f"{step}_q"]),
                ]
            )
    table(
        [
            "step",
            "crew",
            "workers",
            "briefings",
            "s",
            "plain s",
            "ratio",
            "queries",
            "plain",
            "queries/order",
            "plain",
            "ratio",
        ],
        rows,
    )
    s, p = suite[0], plain[0]
    out("order form (web_read with the form's specification, cold cache)")
    table(
        ["fields", "queries", "plain", "ratio", "ms", "plain ms", "ratio"],
        [
            [
                s["form_fields"],
                s["form_queries"],
                p["form_queries"],
                ratio(s["form_queries"], p["form_queries"]),
                s["form_ms"],
                p["form_ms"],
                ratio(s["form_ms"], p["form_ms"]),
            ]
        ],
    )


if __name__ == "__main__":
    main()
