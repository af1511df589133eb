#!/usr/bin/env bash
# make platform-test: Odoo's own repair and stock_account test suites on a
# database where both dealer addons are installed, so that our extensions are
# shown not to break the platform. They run through pytest-odoo, with the full
# registry (our overrides included) loaded, on a throwaway database.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
PLATFORM_DB=${PLATFORM_DB:-dealer_platform_$$}
SUITES=(repair stock_account)

prepare
cleanup() { odoo_py "$REPO/scripts/odoo_db.py" drop "$PLATFORM_DB" >/dev/null || true; }
trap cleanup EXIT

log="$RUN_DIR/platform-odoo.log"
say "Installing $DEALER_ADDONS into $PLATFORM_DB"
odoo_py "$REPO/scripts/odoo_db.py" drop "$PLATFORM_DB" >/dev/null
set +e
odoo_bin -d "$PLATFORM_DB" -i "$DEALER_ADDONS" --stop-after-init \
    --http-port="${TEST_HTTP_PORT:-8169}" --logfile= >"$log" 2>&1
rc=$?
set -e
[ "$rc" = 0 ] || die "installing the addons failed (exit $rc): see $log"
if grep -E '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "$log"; then
    die "errors were logged while installing the addons: see $log"
fi

paths=()
for suite in "${SUITES[@]}"; do
    [ -d "$ODOO_SRC/addons/$suite/tests" ] || die "Odoo's $suite tests are missing from $ODOO_SRC"
    paths+=("$ODOO_SRC/addons/$suite/tests")
done
say "Running Odoo's ${SUITES[*]} test suites with the dealer addons installed"
cd "$REPO"
pytest_args=(--odoo-database="$PLATFORM_DB" --odoo-config="$REPO/odoo.conf"
    --odoo-addons-path="$ADDONS_PATH" --odoo-http --odoo-log-level=warn
    --odoo-extra="db_host=$DB_HOST" --odoo-extra="db_port=$DB_PORT" --odoo-extra="db_user=$DB_USER")
[ -z "$DB_PASSWORD" ] || pytest_args+=(--odoo-extra="db_password=$DB_PASSWORD")
set +e
"$VENV/bin/pytest" "${pytest_args[@]}" -p no:cacheprovider -rs "$@" "${paths[@]}"
rc=$?
set -e
case $rc in
    0) ;;
    5) die "pytest collected none of Odoo's ${SUITES[*]} tests" ;;
    *) die "Odoo's own ${SUITES[*]} tests failed with the dealer addons installed (exit $rc)" ;;
esac
