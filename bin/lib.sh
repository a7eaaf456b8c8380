# shellcheck shell=bash
# Shared helpers of bin/serve and bin/test. Sourced, never run.
#
# Settings (environment variables, all optional):
#   METERING_PYTHON   Python interpreter that imports Odoo 19; when set it is used as it
#                     is and Odoo is never installed   (default: .venv/bin/python or python3,
#                     whichever imports Odoo 19.0; else Odoo is installed into .venv/)
#   METERING_ODOO_SOURCE  where that installation takes Odoo 19.0 from: a URL of a source
#                     archive, a git repository (ending in .git), an archive file or a
#                     checkout directory        (default: Odoo's official nightly source
#                     archive, $ODOO_OFFICIAL_SOURCE below)
#   METERING_DB_HOST  PostgreSQL host                           (default: 127.0.0.1)
#   METERING_DB_PORT  PostgreSQL port                           (default: 5432)
#   METERING_DB_USER  database role, created if missing         (default: odoo)
#   METERING_DB_PASSWORD  its password                          (default: odoo)

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ADDONS_DIR="$REPO_ROOT/addons"
CONFIG_FILE="$REPO_ROOT/config/odoo.conf"
MODULES="metering_service,metering_safety,metering_showcase,metering_rotation_queue"

# The project-local virtualenv that receives Odoo when no interpreter imports it.
VENV_DIR="$REPO_ROOT/.venv"
ODOO_OFFICIAL_SOURCE="https://nightly.odoo.com/19.0/nightly/src/odoo_19.0.latest.tar.gz"
ODOO_SOURCE="${METERING_ODOO_SOURCE:-$ODOO_OFFICIAL_SOURCE}"

PY="${METERING_PYTHON:-python3}" # ensure_odoo settles it
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

# Run "$@" as the postgres superuser over the local socket: the METERING_DB_* connection
# (PGHOST, PGUSER, PGPASSWORD exported above) is the role being created, not postgres.
as_postgres() {
    local clean=(env -u PGHOST -u PGUSER -u PGPASSWORD)
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "${clean[@]}" "$@"
    else
        sudo -u postgres "${clean[@]}" "$@"
    fi
}

# Install with apt-get those of the Debian packages $2... that are missing; $1 says what
# they are for. Waits for the dpkg lock that another apt-get may hold.
apt_install() {
    local why="$1" missing=() package
    shift
    for package in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
            missing+=("$package")
        fi
    done
    [ "${#missing[@]}" -eq 0 ] && return 0
    if ! command -v apt-get >/dev/null 2>&1; then
        say "warning: not a Debian system; install ${missing[*]} ($why) by hand." >&2
        return 1
    fi
    step "Installing ${missing[*]} ($why, Debian packages)"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 update -qq >/dev/null &&
        as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq \
            --no-install-recommends "${missing[@]}" >/dev/null
}

# What a real deployment prints with: wkhtmltopdf turns reports into PDF, and the Noto
# CJK fonts give it Chinese glyphs (without them Chinese text prints as empty boxes).
# A wkhtmltopdf already on the PATH (such as the patched-Qt build from wkhtmltopdf.org,
# which prints headers and footers) is kept.
ensure_report_tools() {
    local packages=(fonts-noto-cjk)
    command -v wkhtmltopdf >/dev/null 2>&1 || packages+=(wkhtmltopdf)
    apt_install "PDF reports with Chinese text" "${packages[@]}" ||
        die "could not install ${packages[*]} with apt-get; install them, then try again."
}

# Print the major version of the Odoo that interpreter $1 imports; fail if none.
odoo_version_of() {
    command -v "$1" >/dev/null 2>&1 &&
        "$1" -c 'import odoo.release as r; print(r.major_version)' 2>/dev/null
}

# Settle PY, the interpreter that runs Odoo 19.0:
#   1. METERING_PYTHON when set, as it is (stop with advice if it has no Odoo 19.0);
#   2. this project's .venv/bin/python, once Odoo was installed there;
#   3. python3, when it imports Odoo 19.0;
#   4. otherwise install Odoo 19.0 into .venv/ (bootstrap_odoo) and take that.
ensure_odoo() {
    if [ -n "${METERING_PYTHON:-}" ]; then
        require_odoo
    elif [ "$(odoo_version_of "$VENV_DIR/bin/python")" = "19.0" ]; then
        PY="$VENV_DIR/bin/python"
    elif [ "$(odoo_version_of python3)" = "19.0" ]; then
        PY=python3
    else
        bootstrap_odoo
        PY="$VENV_DIR/bin/python"
    fi
}

# Stop with a clear message unless $PY (METERING_PYTHON) imports Odoo 19.0.
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

METERING_PYTHON=$PY is set, so this command uses that interpreter as it is. Either:

  1. unset METERING_PYTHON: then bin/serve and bin/test install Odoo 19.0 themselves
     into this project's .venv/ (from METERING_ODOO_SOURCE, by default Odoo's
     official source archive), or
  2. point METERING_PYTHON to an interpreter or virtualenv that imports Odoo 19.0, or
  3. use Docker: 'docker compose -f docker/docker-compose.yml up' runs the suite on the
     official odoo:19.0 and postgres:16 images (see README.md).
MSG
    exit 2
}

# Stop the bootstrap: say which step failed and what to do about it.
bootstrap_failed() { # bootstrap_failed STEP ADVICE
    cat >&2 <<MSG

error: installing Odoo 19.0 into .venv/ failed at step $1.
$2

Run the command again once this is fixed; it goes on where it stopped (remove .venv/ to
start over). Alternatives: set METERING_PYTHON to an interpreter that imports Odoo 19.0,
or use Docker (docker/docker-compose.yml, see README.md).
MSG
    exit 2
}

# Install Odoo 19.0 into .venv/ from ODOO_SOURCE, with its Python requirements, the way
# Odoo's source-install guide does it, in six steps.
bootstrap_odoo() {
    local base="python3" kind src archive
    step "Odoo 19.0 cannot be imported: installing it into $VENV_DIR"
    say "    source: $ODOO_SOURCE"
    say "    (set METERING_ODOO_SOURCE to a source archive, a URL or a checkout to use another)"

    # 1. Where does the source come from? Checked first, so that a wrong setting fails
    #    at once and leaves nothing behind.
    step "[1/6] Checking the Odoo source"
    case "$ODOO_SOURCE" in
        *.git | git@* | git://*) kind=git ;;
        http://* | https://* | ftp://* | file://*) kind=url ;;
        *)
            if [ -d "$ODOO_SOURCE" ]; then
                kind=dir
            elif [ -f "$ODOO_SOURCE" ]; then
                kind=archive
            else
                bootstrap_failed "1/6 (the Odoo source)" "METERING_ODOO_SOURCE='$ODOO_SOURCE' does not exist: it is neither a file, a
directory nor a URL. Point it at Odoo 19.0's source archive (.tar.gz, .tar or .zip), at a
checkout of Odoo's 19.0 branch, or unset it to download the official archive
$ODOO_OFFICIAL_SOURCE."
            fi
            ;;
    esac
    if ! command -v "$base" >/dev/null 2>&1 ||
        ! "$base" -c 'import sys; sys.exit(sys.version_info < (3, 10))' 2>/dev/null; then
        bootstrap_failed "1/6 (the Python interpreter)" "Odoo 19.0 needs Python 3.10 or later as 'python3' on the PATH; install it
(apt-get install python3 python3-venv python3-dev), then try again."
    fi
    say "    $kind; Python: $(command -v "$base") ($("$base" -c 'import platform; print(platform.python_version())'))"

    # 2. Debian packages needed to build Odoo's requirements: a C compiler and the
    #    headers of libpq (psycopg2), OpenLDAP and SASL (python-ldap), venv.
    step "[2/6] Debian packages to build Odoo's requirements"
    local build_packages=(gcc libpq-dev libldap2-dev libsasl2-dev)
    case "$(command -v "$base")" in
        /usr/bin/*) build_packages+=(python3-dev python3-venv) ;; # Debian's own Python
    esac
    apt_install "to build Odoo's requirements" "${build_packages[@]}" ||
        say "    could not install ${build_packages[*]}: going on, python-ldap will be left out"
    say "    done"

    # 3. The source itself, under .venv/src/ unless it is a local checkout.
    step "[3/6] Getting Odoo 19.0's source"
    mkdir -p "$VENV_DIR/src" || bootstrap_failed "3/6 (the source)" "cannot create $VENV_DIR/src."
    src="$VENV_DIR/src/odoo"
    case "$kind" in
        dir) src="$(cd "$ODOO_SOURCE" && pwd)" ;;
        git)
            rm -rf "$src"
            git clone --depth 1 --branch 19.0 "$ODOO_SOURCE" "$src" ||
                bootstrap_failed "3/6 (git clone of $ODOO_SOURCE)" "git could not clone the 19.0 branch: check the address and the network, or
download the source elsewhere and point METERING_ODOO_SOURCE at the archive."
            ;;
        url | archive)
            archive="$ODOO_SOURCE"
            if [ "$kind" = url ]; then
                archive="$VENV_DIR/src/$(basename "${ODOO_SOURCE%%\?*}")"
                say "    downloading $ODOO_SOURCE"
                if command -v curl >/dev/null 2>&1; then
                    curl -fL --connect-timeout 30 --retry 2 --progress-bar -o "$archive.part" "$ODOO_SOURCE"
                else
                    "$base" -c 'import sys, urllib.request; urllib.request.urlretrieve(*sys.argv[1:])' \
                        "$ODOO_SOURCE" "$archive.part"
                fi || bootstrap_failed "3/6 (downloading $ODOO_SOURCE)" "The download failed: check the network (a proxy?), or download Odoo 19.0's
source archive elsewhere and set METERING_ODOO_SOURCE to the file."
                mv "$archive.part" "$archive"
            fi
            say "    unpacking $archive"
            rm -rf "$src" && mkdir -p "$src"
            case "$archive" in
                *.zip) "$base" -m zipfile -e "$archive" "$src" ;;
                *) tar -xf "$archive" -C "$src" ;;
            esac || bootstrap_failed "3/6 (unpacking $archive)" "The archive could not be unpacked: is it a complete .tar.gz, .tar or .zip?"
            ;;
    esac
    # An archive holds the source at its top or in one directory: find setup.py's place.
    local release
    release="$(find "$src" -maxdepth 3 -path '*/odoo/release.py' -print -quit 2>/dev/null)"
    if [ -z "$release" ] || [ ! -f "$(dirname "$(dirname "$release")")/setup.py" ]; then
        bootstrap_failed "3/6 (the source)" "$ODOO_SOURCE holds no Odoo source (no setup.py next to odoo/release.py)."
    fi
    src="$(dirname "$(dirname "$release")")"
    grep -qE '^version_info = \(19, 0,' "$release" ||
        bootstrap_failed "3/6 (the source)" "$ODOO_SOURCE is not Odoo 19.0 ($(grep -m1 '^version_info' "$release")).
Point METERING_ODOO_SOURCE at Odoo's 19.0 source."
    say "    $src"

    # 4. The virtualenv.
    step "[4/6] Creating the virtualenv $VENV_DIR"
    "$base" -m venv "$VENV_DIR" ||
        bootstrap_failed "4/6 (python3 -m venv)" "On Debian the venv module is the package python3-venv: apt-get install python3-venv."
    local vpy="$VENV_DIR/bin/python"
    local pip=("$vpy" -m pip install --disable-pip-version-check)

    # 5. Odoo's requirements, pinned as Odoo pins them, with two adjustments: cbor2 5.4.2
    #    does not build on Python 3.11 (5.6.2 does), and python-ldap is left out when the
    #    OpenLDAP headers are missing (only the auth_ldap addon needs it).
    step "[5/6] Installing Odoo's Python requirements (pip, from PyPI; a few minutes)"
    local requirements="$VENV_DIR/src/odoo-requirements.txt"
    [ -f "$src/requirements.txt" ] ||
        bootstrap_failed "5/6 (Odoo's requirements)" "$src has no requirements.txt: take Odoo's source archive or a checkout, not a wheel."
    sed -e 's/^cbor2==5\.4\.2/cbor2==5.6.2/' "$src/requirements.txt" >"$requirements"
    if [ ! -f /usr/include/ldap.h ]; then
        say "    no OpenLDAP headers (libldap2-dev): leaving python-ldap out (LDAP login unavailable)"
        sed -i -e '/^python-ldap/d' "$requirements"
    fi
    "${pip[@]}" -r "$requirements" ||
        bootstrap_failed "5/6 (pip install of Odoo's requirements)" "pip's messages above name the package. A package that fails to build usually
misses a C header: install the Debian package (libpq-dev, libldap2-dev, libsasl2-dev,
python3-dev) and try again."

    # 6. Odoo itself, from its source tree. Compat mode puts the tree on sys.path (a
    #    plain editable install makes Odoo warn "addons path is not a directory").
    step "[6/6] Installing Odoo 19.0 from $src"
    "${pip[@]}" --no-deps --config-settings editable_mode=compat -e "$src" ||
        bootstrap_failed "6/6 (pip install of Odoo)" "pip could not install Odoo from $src; see its messages above."
    [ "$(odoo_version_of "$vpy")" = "19.0" ] ||
        bootstrap_failed "6/6 (import odoo)" "Odoo was installed but '$vpy' cannot import it."
    say "    Odoo 19.0 installed in $VENV_DIR"
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
        die "could not install requirements.txt with '$PY -m pip' (see pip's messages above). The OCA
addons declare Odoo as a dependency: '$PY' must have Odoo 19.0 installed as a package."
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
