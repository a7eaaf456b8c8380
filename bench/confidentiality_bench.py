"""Benchmark of the need-to-know checks (issue: document confidentiality).

In one transaction rolled back afterwards: a directory of 10,000 documents,
a third of them secret; a user given 0, 10, 100 and 1,000 grants. For each,
opening the directory as that user (the list's search_read of 80 rows and its
count) costs the same number of SQL queries, whatever the number of grants:
the grants are one SQL subquery of the access rule, not a loop.

Run through bench/run.

Usage: python3 bench/confidentiality_bench.py -c ODOO_CONF -d DB [--files N]
"""

import argparse

from bench_common import measure, out

import odoo
from odoo import api, fields
from odoo.modules.registry import Registry
from odoo.tools import config


def _setup(env, count):
    secret = env.ref("metering_safety.classification_level_secret")
    internal = env.ref("metering_safety.classification_level_internal")
    user = env["res.users"].create(
        {
            "name": "Bench technician",
            "login": "bench-confidentiality",
            "group_ids": [
                fields.Command.link(
                    env.ref("metering_service.group_field_technician").id
                ),
                fields.Command.link(env.ref("dms.group_dms_user").id),
            ],
        }
    )
    storage = env["dms.storage"].create({"name": "Bench", "save_type": "database"})
    group = env["dms.access.group"].create(
        {"name": "Bench", "explicit_user_ids": [fields.Command.set(user.ids)]}
    )
    root = env["dms.directory"].create(
        {
            "name": "Bench root",
            "is_root_directory": True,
            "storage_id": storage.id,
            "group_ids": [fields.Command.link(group.id)],
            "classification_level_id": internal.id,
        }
    )
    env.flush_all()
    env.cr.execute(
        """
        INSERT INTO dms_file (name, directory_id, classification_level_id, active,
                              size, create_uid, create_date, write_uid, write_date)
        SELECT 'Bench document ' || n, %(dir)s,
               CASE WHEN n %% 3 = 0 THEN %(secret)s ELSE %(internal)s END,
               TRUE, 0, 1, now(), 1, now()
          FROM generate_series(1, %(count)s) AS n
        """,
        {"dir": root.id, "secret": secret.id, "internal": internal.id, "count": count},
    )
    env.cr.execute("ANALYZE dms_file")
    return user, root, secret


def _grant(env, user, files):
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


def _open_directory(env, user, root):
    Files = env["dms.file"].with_user(user)
    domain = [("directory_id", "=", root.id)]
    rows = Files.search_read(domain, ["name", "classification_level_id"], limit=80)
    return rows, Files.search_count(domain)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--files", type=int, default=10000)
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    with Registry(args.database).cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        user, root, secret = _setup(env, args.files)
        secret_files = env["dms.file"].search(
            [
                ("directory_id", "=", root.id),
                ("classification_level_id", "=", secret.id),
            ]
        )
        out(f"directory of {args.files:,} documents, {len(secret_files):,} secret")
        out(f"{'grants':>7} {'visible':>8} {'queries':>8} {'ms':>8}")
        given = 0
        _open_directory(env, user, root)  # warm the registry caches
        for grants in (0, 10, 100, 1000):
            _grant(env, user, secret_files[given:grants])
            given = grants
            (rows, count), seconds, queries = measure(
                env, lambda: _open_directory(env, user, root)
            )
            assert count == args.files - len(secret_files) + grants, count
            out(f"{grants:>7} {count:>8} {queries:>8} {seconds * 1000:>8.1f}")
        cr.rollback()


if __name__ == "__main__":
    main()
