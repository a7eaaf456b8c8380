"""Helpers shared by the benchmarks."""

import sys
import time


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
