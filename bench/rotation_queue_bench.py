"""Benchmark of rotation planning as queue jobs (metering_rotation_queue).

On the suite's database with metering_rotation_queue installed, for N due
meters (single-phase, ten per metering point, a hundred points per area: the
data of rotation_bench.py), each time on meters of their own:

- in process: `metering.rotation.plan(commit=True)`, as the cron of
  metering_service plans without queue_job, in one process;
- as jobs, 1 worker: an Odoo server started with `--workers=1`,
  `server_wide_modules=base,web,queue_job` and `[queue_job] channels=root:1`;
  the planning is enqueued (one job per 100 orders, 5,000 meters) and the wall
  time runs from the start of the enqueuing to the end of the last job;
- as jobs, 2 workers: the same with `--workers=2` and `channels=root:2`.

Every meter must be planned once (checked on the lines). The job server runs
no cron (`--max-cron-threads=0`). On a machine whose CPUs are shared, the
figures are noisy: the load average is printed before and after.

Run through bench/run.

Usage: python3 bench/rotation_queue_bench.py -c ODOO_CONF -d DB [--count N ...]
"""

import configparser
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time

from bench_common import out, parser, peak_mb, result, setup_odoo, table
from bench_common import side as run_side
from dateutil.relativedelta import relativedelta
from rotation_bench import MAX_DEVICES, _create_meters, _planned

import odoo
from odoo import api, fields
from odoo.modules.registry import Registry

SERVER_TIMEOUT = 180  # seconds for the job server to be ready
PLAN_TIMEOUT = 3600  # seconds for the jobs of one run
DONE_STATES = ("done", "failed", "cancelled")


def _horizon(env):
    return fields.Date.context_today(env.user) + relativedelta(days=1)


def phase_setup(env, params):
    _create_meters(env, True, params["count"], params["tag"])
    env.cr.commit()
    # meters left due by an earlier benchmark would be planned too
    return {"due": env["fsm.equipment"].search_count(_due_domain(env))}


def _due_domain(env):
    return env["metering.rotation"]._due_domain(env.company, _horizon(env))


def phase_plan(env, params):
    """In process, batches committed as they go."""
    env.cr.commit()
    started = time.perf_counter()
    orders = env["metering.rotation"].plan(
        env.company, _horizon(env), MAX_DEVICES, commit=True
    )
    seconds = time.perf_counter() - started
    lines, meters = _planned(env, params["tag"])
    return {
        "seconds": seconds,
        "orders": len(orders),
        "lines": lines,
        "meters": meters,
        "peak_mb": peak_mb(),
    }


def phase_jobs(env, params):
    """Enqueue the planning, then wait for its jobs to be done: the wall time
    from the start of the enqueuing to the end of the last job."""
    Job = env["queue.job"]
    env.cr.commit()
    env.cr.execute("SELECT clock_timestamp() AT TIME ZONE 'UTC'")
    started_at = env.cr.fetchone()[0]
    started = time.perf_counter()
    job_count, __ = env["metering.rotation"]._enqueue_plan(
        env.company, _horizon(env), MAX_DEVICES
    )
    env.cr.commit()
    enqueue_s = time.perf_counter() - started
    domain = [
        ("model_name", "=", "metering.rotation"),
        ("date_created", ">=", started_at),
    ]
    while True:
        env.invalidate_all()
        left = Job.search_count(domain + [("state", "not in", DONE_STATES)])
        if not left:
            break
        if time.perf_counter() - started > PLAN_TIMEOUT:
            raise SystemExit(f"{left} jobs still not done after {PLAN_TIMEOUT} s")
        env.cr.commit()  # a fresh snapshot for the next look
        time.sleep(0.2)
    jobs = Job.search(domain)
    last_done = max(jobs.mapped("date_done") or [started_at])
    failed = jobs.filtered(lambda job: job.state != "done")
    lines, meters = _planned(env, params["tag"])
    return {
        "seconds": (last_done - started_at).total_seconds(),
        "enqueue_s": enqueue_s,
        "jobs": job_count,
        "failed": [f"{job.name}: {job.exc_info or job.state}" for job in failed],
        "exec_s": sum(jobs.mapped("exec_time")),
        "lines": lines,
        "meters": meters,
    }


PHASES = {"setup": phase_setup, "plan": phase_plan, "jobs": phase_jobs}


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


LAUNCHER = """import sys

if sys.argv[1:2] == ["gevent"]:
    # the websocket server, which --workers starts again from sys.argv[0]:
    # the jobs need none, and one that fails to start would be restarted
    # every second, taking the CPUs measured
    import signal

    signal.pause()
else:
    import odoo.cli

    odoo.cli.main()
"""


class JobServer:
    """An Odoo server with queue_job's job runner and `workers` HTTP workers
    (the job runner is a process of its own), on a free loopback port."""

    def __init__(self, args, workers, work_dir):
        self.args, self.workers = args, workers
        self.config = os.path.join(work_dir, f"jobs-{workers}.conf")
        self.log = os.path.join(work_dir, f"jobs-{workers}.log")
        conf = configparser.ConfigParser(interpolation=None)
        conf.read(args.config, encoding="utf-8")
        conf["options"].update(
            server_wide_modules="base,web,queue_job",
            workers=str(workers),
            max_cron_threads="0",
            http_interface="127.0.0.1",
            http_port=str(_free_port()),
            gevent_port=str(_free_port()),
            # a job creates 100 orders: give it more than a request's default
            limit_time_cpu="1800",
            limit_time_real="1800",
            log_level="info",
        )
        conf["queue_job"] = {"channels": f"root:{workers}"}
        with open(self.config, "w", encoding="utf-8") as handle:
            conf.write(handle)
        self.process = None

    def __enter__(self):
        database = self.args.database
        launcher = os.path.join(os.path.dirname(self.config), "odoo-launcher.py")
        with open(launcher, "w", encoding="utf-8") as handle:
            handle.write(LAUNCHER)
        self.output = open(self.log + ".out", "w", encoding="utf-8")  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                sys.executable,
                launcher,
                "-c",
                self.config,
                "-d",
                database,
                "--db-filter",
                f"^{database}$",
                "--logfile",
                self.log,
            ],
            stdout=self.output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + SERVER_TIMEOUT
        ready = f"queue job runner ready for db {database}"
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"the job server stopped: see {self.log}")
            if os.path.exists(self.log):
                with open(self.log, encoding="utf-8") as handle:
                    text = handle.read()
                if ready in text and "database connections ready" in text:
                    return self
            time.sleep(0.5)
        raise SystemExit(f"the job server is not ready after {SERVER_TIMEOUT} s")

    def __exit__(self, *exc):
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self.output.close()


def _load():
    return "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def _check(figures, tag, count):
    if figures["meters"] != count or figures["lines"] != count:
        sys.stderr.write(json.dumps(figures) + "\n")
        raise SystemExit(f"{tag}: {figures['lines']} lines for {count} meters")


def main():
    arguments = parser(__doc__)
    arguments.add_argument("--count", type=int, action="append")
    args, __ = arguments.parse_known_args()
    setup_odoo(args)
    if args.side:
        with Registry(args.database).cursor() as cr:
            env = api.Environment(cr, odoo.SUPERUSER_ID, {})
            params = json.loads(args.params)
            return result(PHASES[args.phase](env, params))
    out(f"{os.cpu_count()} CPUs, load average before: {_load()}")
    rows = []
    with tempfile.TemporaryDirectory(prefix="rotation-queue-bench-") as work_dir:
        for count in args.count or [30_000]:
            figures = {}
            for run in ("in process", "1 worker", "2 workers"):
                tag = f"q{os.getpid()}-{count}-{run[0]}"
                due = run_side(__file__, args, "suite", "setup", count=count, tag=tag)
                if due["due"] != count:
                    raise SystemExit(f"{due['due']} meters due, not {count}")
                if run == "in process":
                    figures[run] = run_side(__file__, args, "suite", "plan", tag=tag)
                else:
                    with JobServer(args, int(run[0]), work_dir):
                        figures[run] = run_side(
                            __file__, args, "suite", "jobs", tag=tag
                        )
                    if figures[run]["failed"]:
                        raise SystemExit(
                            "failed jobs:\n" + "\n".join(figures[run]["failed"])
                        )
                _check(figures[run], f"{run} ({count:,})", count)
                line = f"  {count:,} meters {run}: {figures[run]['seconds']:.1f} s"
                if "jobs" in figures[run]:
                    line += (
                        f" ({figures[run]['jobs']} jobs, enqueued in "
                        f"{figures[run]['enqueue_s']:.1f} s, "
                        f"{figures[run]['exec_s']:.1f} s of job execution)"
                    )
                out(line)
            rows.append((count, figures))
    out("rotation planning as queue jobs (metering_rotation_queue), same data")
    table(
        [
            "meters",
            "in process m/s",
            "1 worker m/s",
            "2 workers m/s",
            "2 vs 1",
            "2 vs in process",
            "jobs",
            "enqueue s",
        ],
        [
            [
                count,
                count / f["in process"]["seconds"],
                count / f["1 worker"]["seconds"],
                count / f["2 workers"]["seconds"],
                f["1 worker"]["seconds"] / f["2 workers"]["seconds"],
                f["in process"]["seconds"] / f["2 workers"]["seconds"],
                f["2 workers"]["jobs"],
                f["2 workers"]["enqueue_s"],
            ]
            for count, f in rows
        ],
    )
    out(
        "  (wall time from the start of the enqueuing to the end of the last job; "
        "in process: plan(commit=True) in one process; every meter planned once)"
    )
    out(f"load average after: {_load()} (shared CPUs: the figures are noisy)")


if __name__ == "__main__":
    main()
