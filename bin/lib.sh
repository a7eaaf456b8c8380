# shellcheck shell=bash
# Shared helpers of bin/serve and bin/test. Sourced, never run.
#
# Settings (environment variables, all optional):
#   METERING_PYTHON   Python interpreter that imports Odoo 19   (default: python3)
#   METERING_DB_HOST  PostgreSQL host                           (default: 127.0.0.1)
#   METERING_DB_PORT  PostgreSQL port                           (default: 5432)
#   METERING_DB_USER  database role, created if missing         (default: odoo)
#   METERING_DB_PASSWORD  its password                          (default: odoo)

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ADDONS_DIR="$REPO_ROOT/addons"
CONFIG_FILE="$REPO_ROOT/config/odoo.conf"
MODULES="metering_service,metering_safety,metering_showcase"

PY="${METERING_PYTHON:-python3}"
DB_HOST="${METERING_DB_HOST:-127.0.0.1}"
DB_PORT="${METERING_DB_PORT:-5432}"
DB_USER="${METERING_DB_USER:-odoo}"
DB_PASSWORD="${METERING_DB_PASSWORD:-odoo}"
export PGHOST="$DB_HOST" PGPORT="$DB_PORT" PGUSER="$DB_USER" PGPASSWORD="$DB_PASSWORD"

say() { printf '%s\n' "$*"; }
step() { printf '\n==> %s\n' "$*"; }
die() {
    printf 'error: %s\n' "$*" >&2
    exit 2
}

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        die "'$*' needs root and sudo is not available: run it as root, then try again."
    fi
}

as_postgres() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        sudo -u postgres "$@"
    fi
}

# Stop with a clear message unless Odoo 19.0 can be imported.
require_odoo() {
    if ! command -v "$PY" >/dev/null 2>&1; then
        odoo_missing "the Python interpreter '$PY' was not found"
    fi
    local version
    if ! version="$("$PY" -c 'import odoo.release as r; print(r.major_version)' 2>/dev/null)"; then
        odoo_missing "'$PY' cannot import odoo"
    fi
    if [ "$version" != "19.0" ]; then
        odoo_missing "'$PY' imports Odoo $version, and this suite needs 19.0"
    fi
}

odoo_missing() {
    cat >&2 <<MSG
error: Odoo 19.0 is needed: $1.

This suite runs on Odoo 19.0 Community, which is a prerequisite and not installed by
this repository. Get it in one of two ways:

  1. Source install (https://www.odoo.com/documentation/19.0/administration/on_premise/source.html):
     clone Odoo's 19.0 branch outside this repository, install its requirements.txt
     (on Python 3.11 take cbor2==5.6.2 instead of the pinned 5.4.2), then
     'pip install -e <odoo-checkout>' so that 'python3 -c "import odoo"' works.
     Set METERING_PYTHON if Odoo lives in another interpreter or virtualenv.

  2. Docker: 'docker compose -f docker/docker-compose.yml up' uses the official
     odoo:19.0 and postgres:16 images (see README.md).
MSG
    exit 2
}

odoo() {
    "$PY" -m odoo "$@"
}

# Install this project's Python requirements (OCA addons, test tools) when missing.
ensure_requirements() {
    if "$PY" - "$REPO_ROOT/requirements.txt" <<'PYCHECK' >/dev/null 2>&1; then
import sys
from importlib.metadata import PackageNotFoundError, version
from packaging.requirements import Requirement
for line in open(sys.argv[1]):
    line = line.split("#")[0].strip()
    if not line:
        continue
    req = Requirement(line)
    try:
        if not req.specifier.contains(version(req.name), prereleases=True):
            sys.exit(1)
    except PackageNotFoundError:
        sys.exit(1)
PYCHECK
        return 0
    fi
    step "Installing Python requirements (requirements.txt)"
    "$PY" -m pip install --disable-pip-version-check -q -r "$REPO_ROOT/requirements.txt" ||
        die "could not install requirements.txt with '$PY -m pip'. The OCA addons declare Odoo as a
dependency: install Odoo itself with pip ('pip install -e <odoo-checkout>') first."
}

# Start a local PostgreSQL when none answers, installing Debian's package if needed.
ensure_postgres() {
    if pg_isready -q -h "$DB_HOST" -p "$DB_PORT" 2>/dev/null; then
        return 0
    fi
    case "$DB_HOST" in
        127.0.0.1 | localhost | ::1) ;;
        *) die "PostgreSQL at $DB_HOST:$DB_PORT does not answer; start it, or unset METERING_DB_HOST to use a local one." ;;
    esac
    if ! command -v pg_ctlcluster >/dev/null 2>&1; then
        step "Installing PostgreSQL (Debian package)"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null ||
            die "apt-get update failed"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null ||
            die "could not install PostgreSQL with apt-get"
    fi
    local cluster version name
    cluster="$(pg_lsclusters --no-header 2>/dev/null | head -n 1)"
    if [ -z "$cluster" ]; then
        version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
        step "Creating PostgreSQL cluster $version/main"
        as_root pg_createcluster "$version" main >/dev/null || die "pg_createcluster failed"
        cluster="$(pg_lsclusters --no-header | head -n 1)"
    fi
    version="$(awk '{print $1}' <<<"$cluster")"
    name="$(awk '{print $2}' <<<"$cluster")"
    step "Starting PostgreSQL $version/$name"
    as_root pg_ctlcluster "$version" "$name" start 2>/dev/null || true
    for _ in $(seq 1 30); do
        pg_isready -q -h "$DB_HOST" -p "$DB_PORT" && return 0
        sleep 1
    done
    die "PostgreSQL did not start; see /var/log/postgresql/"
}

# Create the database role Odoo connects with (Odoo refuses to run as 'postgres').
ensure_role() {
    if psql -d postgres -tAc 'SELECT 1' >/dev/null 2>&1; then
        return 0
    fi
    step "Creating database role '$DB_USER'"
    as_postgres psql -q -v ON_ERROR_STOP=1 -d postgres \
        -v role="$DB_USER" -v password="$DB_PASSWORD" <<'SQL' || die "could not create the role '$DB_USER'"
SELECT format('CREATE ROLE %I LOGIN CREATEDB PASSWORD %L', :'role', :'password')
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('ALTER ROLE %I LOGIN CREATEDB PASSWORD %L', :'role', :'password') \gexec
SQL
    psql -d postgres -tAc 'SELECT 1' >/dev/null 2>&1 ||
        die "cannot connect to PostgreSQL as '$DB_USER' on $DB_HOST:$DB_PORT"
}

db_exists() {
    [ "$(psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$1'")" = "1" ]
}

# Write a copy of config/odoo.conf to $1 with this repository's absolute addons path and
# the database connection of the environment (METERING_DB_*), for Odoo's -c option.
write_config() {
    "$PY" - "$CONFIG_FILE" "$1" <<PYCONF || die "could not write the configuration $1"
import configparser, sys
conf = configparser.ConfigParser(interpolation=None)
conf.read(sys.argv[1], encoding="utf-8")
conf["options"].update(
    addons_path="$ADDONS_DIR", db_host="$DB_HOST", db_port="$DB_PORT",
    db_user="$DB_USER", db_password="$DB_PASSWORD",
)
with open(sys.argv[2], "w", encoding="utf-8") as out:
    conf.write(out)
PYCONF
}
