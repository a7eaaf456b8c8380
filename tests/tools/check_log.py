"""Print the ERROR, CRITICAL and WARNING records of an Odoo log that no line of
the allowlist expects. Prints nothing when the log is clean.

Usage: check_log.py ODOO_LOG ALLOWLIST
"""

import re
import sys

RECORD = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>[A-Z]+) (?P<rest>.*)$"
)
BAD_LEVELS = {"WARNING", "ERROR", "CRITICAL"}


def read_allowlist(path):
    patterns = []
    with open(path, encoding="utf-8") as allowlist:
        for line in allowlist:
            line = line.strip()
            if line and not line.startswith("#"):
                patterns.append(re.compile(line))
    return patterns


def unexpected_records(log_path, patterns):
    records, current = [], None
    with open(log_path, encoding="utf-8", errors="replace") as log:
        for line in log:
            match = RECORD.match(line)
            if match:
                current = None
                if match["level"] in BAD_LEVELS and not any(
                    pattern.search(line) for pattern in patterns
                ):
                    current = [line.rstrip("\n")]
                    records.append(current)
            elif current is not None and len(current) < 15:
                current.append(line.rstrip("\n"))
    return records


def main(log_path, allowlist_path):
    records = unexpected_records(log_path, read_allowlist(allowlist_path))
    for record in records:
        sys.stdout.write("\n".join(record) + "\n")
    if records:
        sys.stdout.write(f"{len(records)} unexpected ERROR/WARNING record(s)\n")


if __name__ == "__main__":
    main(*sys.argv[1:3])
