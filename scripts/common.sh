#!/usr/bin/env bash
# Shared by scripts/demo.sh, scripts/test.sh and scripts/lint.sh.
#
# Settings (environment variables, all optional):
#   ODOO_SRC  Odoo 18.0 source tree            default: /opt/odoo-18.0
#   DB_HOST   PostgreSQL host                   default: 127.0.0.1
#   DB_PORT   PostgreSQL port                   default: 5432
#   DB_USER   PostgreSQL role (not "postgres")  default: the current OS user
#   DB_PASSWORD                                 default: none (trust/peer auth)
#   VENV      the project's virtual environment default: <repo>/.venv
#   PYTHON    interpreter that creates VENV     default: python3
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ODOO_SRC=${ODOO_SRC:-/opt/odoo-18.0}
DB_HOST=${DB_HOST:-127.0.0.1}
DB_PORT=${DB_PORT:-5432}
DB_USER=${DB_USER:-$(id -un)}
DB_PASSWORD=${DB_PASSWORD:-}
VENV=${VENV:-$REPO/.venv}
PYTHON=${PYTHON:-python3}
RUN_DIR="$REPO/.run"
ADDONS_PATH="$ODOO_SRC/addons,$REPO/addons"
mkdir -p "$RUN_DIR"

# The addons of a tree (default: this checkout's), one per line: every addons/*/ with a manifest.
# The scripts install, test, lint and translate all of them; a new addon needs no script change.
dealer_addons() {
    local dir=${1:-$REPO}/addons manifest
    for manifest in "$dir"/*/__manifest__.py; do
        [ -f "$manifest" ] && basename "$(dirname "$manifest")"
    done
}
DEALER_ADDONS=$(dealer_addons | paste -sd, -)
# Odoo's --test-tags for all of them: /dealer_aftersales,/dealer_kpi,...
DEALER_TEST_TAGS=$(dealer_addons | sed 's|^|/|' | paste -sd, -)

die() {
    printf '\nERROR: %s\n\n' "$*" >&2
    exit 1
}

say() {
    printf '==> %s\n' "$*"
}

check_odoo() {
    if [ ! -f "$ODOO_SRC/odoo-bin" ] || [ ! -f "$ODOO_SRC/odoo/release.py" ]; then
        die "Odoo 18.0 source tree not found at ODOO_SRC=$ODOO_SRC.
       Put a checkout of Odoo 18.0 Community there (git clone --depth 1 -b 18.0
       https://github.com/odoo/odoo $ODOO_SRC), or point ODOO_SRC at yours:
           ODOO_SRC=/path/to/odoo make demo"
    fi
    if ! grep -qE "^version_info = \(18, 0," "$ODOO_SRC/odoo/release.py"; then
        die "ODOO_SRC=$ODOO_SRC is not Odoo 18.0 ($(grep -m1 '^version_info' "$ODOO_SRC/odoo/release.py"))."
    fi
}

check_postgres() {
    if [ "$DB_USER" = "postgres" ]; then
        die "Odoo refuses to run as the PostgreSQL superuser 'postgres'. Set DB_USER to another role."
    fi
    if ! (exec 3<>"/dev/tcp/$DB_HOST/$DB_PORT") 2>/dev/null; then
        die "PostgreSQL is not reachable at $DB_HOST:$DB_PORT.
       Start it (Debian: pg_ctlcluster 15 main start), or point DB_HOST/DB_PORT at
       a running server, with a role DB_USER=$DB_USER that may create databases."
    fi
}

# Creates or refreshes the project's virtual environment. A stamp of the
# requirement files skips the work when nothing changed.
ensure_venv() {
    local stamp_src stamp
    stamp_src=$(cat "$ODOO_SRC/requirements.txt" "$REPO/requirements.txt" | sha1sum | cut -c1-40)
    stamp="$VENV/.dealer-requirements.sha1"
    if [ -x "$VENV/bin/python" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$stamp_src" ]; then
        return 0
    fi
    say "Installing Python dependencies into $VENV"
    command -v "$PYTHON" >/dev/null || die "$PYTHON not found: Odoo 18.0 needs Python 3.10 to 3.12."
    "$PYTHON" -c 'import sys; sys.exit(not ((3, 10) <= sys.version_info[:2] <= (3, 12)))' \
        || die "Odoo 18.0 needs Python 3.10 to 3.12; $PYTHON is $("$PYTHON" --version 2>&1)."
    [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
    local pip=("$VENV/bin/python" -m pip --quiet --disable-pip-version-check)
    "${pip[@]}" install --upgrade pip
    # Some of Odoo's pinned source packages (cbor2, python-ldap, psycopg2, ...)
    # do not build under pip's build isolation with today's setuptools: build
    # them against an older setuptools installed in the venv itself.
    "${pip[@]}" install 'setuptools<81' wheel 'setuptools_scm<8'
    "${pip[@]}" install --no-build-isolation -r "$ODOO_SRC/requirements.txt" \
        || die "Installing Odoo's requirements failed. On Debian/Ubuntu first run:
           apt-get install libpq-dev libldap2-dev libsasl2-dev"
    "${pip[@]}" install --no-build-isolation -r "$REPO/requirements.txt"
    # Make "import odoo" work inside the venv (pytest-odoo, scripts).
    local site
    site=$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
    echo "$ODOO_SRC" > "$site/odoo-src.pth"
    echo "$stamp_src" > "$stamp"
}

# The XML formatter (prettier and its XML plugin, pinned in package-lock.json) in node_modules/.
ensure_node_tools() {
    local stamp="$REPO/node_modules/.dealer-lock.sha1" stamp_src
    command -v node >/dev/null && command -v npm >/dev/null \
        || die "node and npm are needed for the XML format check (Debian: apt-get install nodejs npm)."
    stamp_src=$(sha1sum "$REPO/package-lock.json" | cut -c1-40)
    if [ -x "$REPO/node_modules/.bin/prettier" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$stamp_src" ]; then
        return 0
    fi
    say "Installing the XML formatter into node_modules"
    (cd "$REPO" && npm ci --no-audit --no-fund --silent) || die "npm ci failed: the XML formatter is not installed."
    echo "$stamp_src" > "$stamp"
}

# The Odoo server, with the repository's odoo.conf and the connection settings.
odoo_bin() {
    local args=(-c "$REPO/odoo.conf" --addons-path="$ADDONS_PATH"
        --db_host="$DB_HOST" --db_port="$DB_PORT" --db_user="$DB_USER")
    [ -z "$DB_PASSWORD" ] || args+=(--db_password="$DB_PASSWORD")
    "$VENV/bin/python" "$ODOO_SRC/odoo-bin" "${args[@]}" "$@"
}

# Python with Odoo importable and the same settings (scripts/odoo_db.py).
odoo_py() {
    DB_HOST="$DB_HOST" DB_PORT="$DB_PORT" DB_USER="$DB_USER" DB_PASSWORD="$DB_PASSWORD" \
        ODOO_CONF="$REPO/odoo.conf" ADDONS_PATH="$ADDONS_PATH" "$VENV/bin/python" "$@"
}

# Stops at once, with what is missing, when Odoo or PostgreSQL is absent.
prepare() {
    check_odoo
    check_postgres
    ensure_venv
    odoo_py "$REPO/scripts/odoo_db.py" ping
}
