"""Benchmark of the need-to-know checks, against plain OCA dms.

In one transaction rolled back afterwards, on each side: a directory of
10,000 documents and a user who lists it (the list's search_read of 80 rows
and its count, as the web client opens a directory).

- suite (metering_service and metering_safety): a third of the documents
  are secret; the user is given 0, 10, 100 and 1,000 grants. Opening the
  directory costs the same number of SQL queries whatever the number of
  grants: the grants are one SQL subquery of the access rule, not a loop.
- plain (only the OCA modules and dms, no classification layer): the same
  directory of 10,000 documents opened by a dms user, whose access is dms's
  own access groups; it has no grants, so its figure is the same on each row.
  This is the counterpart that matters: what the classification layer costs
  on top of the document manager it is built on.

Run through bench/run.

Usage: python3 bench/confidentiality_bench.py -c ODOO_CONF -d DB
       --plain-database DB [--files N]
"""

from bench_common import measure, out, parser, ratio, result, setup_odoo, side, table

GRANTS = (0, 10, 100, 1000)


def _setup(env, suite, count):
    from odoo import fields

    groups = [env.ref("dms.group_dms_user").id]
    if suite:
        groups.append(env.ref("metering_service.group_field_technician").id)
    user = env["res.users"].create(
        {
            "name": "Bench technician",
            "login": "bench-confidentiality",
            "group_ids": [fields.Command.link(gid) for gid in groups],
        }
    )
    storage = env["dms.storage"].create({"name": "Bench", "save_type": "database"})
    group = env["dms.access.group"].create(
        {"name": "Bench", "explicit_user_ids": [fields.Command.set(user.ids)]}
    )
    vals = {
        "name": "Bench root",
        "is_root_directory": True,
        "storage_id": storage.id,
        "group_ids": [fields.Command.link(group.id)],
    }
    secret = internal = None
    if suite:
        secret = env.ref("metering_safety.classification_level_secret")
        internal = env.ref("metering_safety.classification_level_internal")
        vals["classification_level_id"] = internal.id
    root = env["dms.directory"].create(vals)
    env.flush_all()
    if suite:
        env.cr.execute(
            """
            INSERT INTO dms_file (name, directory_id, classification_level_id,
                                  active, size, create_uid, create_date,
                                  write_uid, write_date)
            SELECT 'Bench document ' || n, %(dir)s,
                   CASE WHEN n %% 3 = 0 THEN %(secret)s ELSE %(internal)s END,
                   TRUE, 0, 1, now(), 1, now()
              FROM generate_series(1, %(count)s) AS n
            """,
            {
                "dir": root.id,
                "secret": secret.id,
                "internal": internal.id,
                "count": count,
            },
        )
    else:
        env.cr.execute(
            """
            INSERT INTO dms_file (name, directory_id, active, size, create_uid,
                                  create_date, write_uid, write_date)
            SELECT 'Bench document ' || n, %(dir)s, TRUE, 0, 1, now(), 1, now()
              FROM generate_series(1, %(count)s) AS n
            """,
            {"dir": root.id, "count": count},
        )
    env.cr.execute("ANALYZE dms_file")
    return user, root, secret


def _grant(env, user, files):
    from odoo import fields

    env["metering.document.grant"].create(
        [
            {
                "file_id": dms_file.id,
                "user_id": user.id,
                "reason": "Bench",
                "date_expiry": fields.Date.today(),
                "state": "approved",
            }
            for dms_file in files
        ]
    )


def _open_directory(env, user, root, suite):
    Files = env["dms.file"].with_user(user)
    domain = [("directory_id", "=", root.id)]
    names = ["name", "classification_level_id"] if suite else ["name"]
    rows = Files.search_read(domain, names, limit=80)
    return rows, Files.search_count(domain)


def run_side(args):
    import json

    import odoo
    from odoo import api
    from odoo.modules.registry import Registry

    suite = args.side == "suite"
    count = json.loads(args.params)["files"]
    rows = []
    with Registry(args.database).cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        user, root, secret = _setup(env, suite, count)
        secret_files = env["dms.file"].browse()
        if suite:
            secret_files = env["dms.file"].search(
                [
                    ("directory_id", "=", root.id),
                    ("classification_level_id", "=", secret.id),
                ]
            )
        _open_directory(env, user, root, suite)  # warm the registry caches
        given = 0
        for grants in GRANTS:
            if suite:
                _grant(env, user, secret_files[given:grants])
                given = grants
            (__, visible), seconds, queries = measure(
                env, lambda: _open_directory(env, user, root, suite)
            )
            expected = count - len(secret_files) + (grants if suite else 0)
            assert visible == expected, (visible, expected)
            rows.append(
                {
                    "grants": grants,
                    "visible": visible,
                    "queries": queries,
                    "ms": seconds * 1000,
                }
            )
        cr.rollback()
    result({"secret": len(secret_files), "rows": rows})


def main():
    arguments = parser(__doc__)
    arguments.add_argument("--files", type=int, default=10000)
    args, __ = arguments.parse_known_args()
    setup_odoo(args)
    if args.side:
        return run_side(args)
    suite = side(__file__, args, "suite", files=args.files)
    plain = side(__file__, args, "plain", files=args.files)
    out(
        f"directory of {args.files:,} documents, {suite['secret']:,} secret, "
        "suite vs OCA dms only"
    )
    table(
        [
            "grants",
            "visible",
            "plain",
            "queries",
            "plain",
            "ratio",
            "ms",
            "plain ms",
            "× plain time",
        ],
        [
            [
                s["grants"],
                s["visible"],
                p["visible"],
                s["queries"],
                p["queries"],
                ratio(s["queries"], p["queries"]),
                s["ms"],
                p["ms"],
                ratio(s["ms"], p["ms"]),
            ]
            for s, p in zip(suite["rows"], plain["rows"], strict=True)
        ],
    )


if __name__ == "__main__":
    main()
