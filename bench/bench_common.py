"""Helpers shared by the benchmarks.

Every figure is measured twice, on the same machine and in the same run: on
the suite's database, and on the plain database that has only the OCA
modules (fieldservice, hr, helpdesk_mgmt, dms) installed, with the same data and
the same process. Each side runs in a process of its own (`side()`), so that
neither inherits the other's caches, and its peak memory is its own.
"""

import argparse
import json
import resource
import subprocess
import sys
import time

RESULT = "BENCH-RESULT "


def out(line):
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def measure(env, func):
    """(result, seconds, SQL queries) of func(), flushed, on a cold cache."""
    env.flush_all()
    env.invalidate_all()
    queries = env.cr.sql_log_count
    started = time.perf_counter()
    result = func()
    env.flush_all()
    return result, time.perf_counter() - started, env.cr.sql_log_count - queries


def peak_mb():
    """The peak resident memory of this process, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def ratio(value, plain):
    return value / plain if plain else float("nan")


def parser(doc):
    """The arguments of every benchmark: the two databases, and which side
    this process runs (none: run both and compare)."""
    result = argparse.ArgumentParser(description=doc.splitlines()[0])
    result.add_argument("-c", "--config", required=True)
    result.add_argument("-d", "--database", required=True)
    result.add_argument(
        "--plain-database", help="the database with only the OCA modules installed"
    )
    result.add_argument("--side", choices=("suite", "plain"))
    result.add_argument("--phase", default="run")
    result.add_argument("--params", default="{}", help="JSON (internal)")
    return result


def setup_odoo(args):
    from odoo.tools import config

    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])


def side(script, args, which, phase="run", echo=False, **params):
    """Run `script` for one side in a process of its own; its result (the
    JSON it printed last with `result()`). With `echo`, what else it printed
    is printed here."""
    database = args.database if which == "suite" else args.plain_database
    command = [
        sys.executable,
        script,
        "-c",
        args.config,
        "-d",
        database,
        "--side",
        which,
        "--phase",
        phase,
        "--params",
        json.dumps(params),
    ]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    lines = [
        line[len(RESULT) :]
        for line in completed.stdout.splitlines()
        if line.startswith(RESULT)
    ]
    if completed.returncode or not lines:
        sys.stderr.write(completed.stdout + completed.stderr)
        raise SystemExit(f"{script} --side {which} --phase {phase} failed")
    if echo:
        for line in completed.stdout.splitlines():
            if not line.startswith(RESULT):
                out(line)
    return json.loads(lines[-1])


def result(values):
    """Hand this side's figures back to the comparing process."""
    out(RESULT + json.dumps(values))


def table(header, rows):
    """Print rows (lists of cells) under a header, right-aligned."""
    cells = [header] + [[_cell(value) for value in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    for row in cells:
        out(
            "  ".join(
                cell.rjust(width) for cell, width in zip(row, widths, strict=True)
            )
        )


def _cell(value):
    if isinstance(value, float):
        if value != value:  # nan
            return "-"
        if abs(value) >= 100:
            return f"{value:,.0f}"
        return f"{value:.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)
