#!/usr/bin/env bash
# make test: every addon's tests on a fresh throwaway database.
#  1. creates TEST_DB (default dealer_test_<pid>), loads zh_CN, installs both
#     addons with --test-enable: their at_install and post_install tests run;
#  2. installs the previous release of main (.ci/previous-release) into a second database;
#  3. runs pytest-odoo over tests/ and the addons on the first (the lifecycle test upgrades a
#     copy of it, and the second, to this checkout);
#  4. drops the databases (KEEP_DB=1 keeps the first).
# Any ERROR or CRITICAL line in the Odoo log, or a WARNING of our own addons,
# fails the run, as do failing tests and a run that executed no test.
# Extra arguments go to pytest (e.g. make test ARGS="-k vin").
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
TEST_DB=${TEST_DB:-dealer_test_$$}
# A copy of the tested database that tests/test_lifecycle.py upgrades and uninstalls from.
LIFECYCLE_DB=${TEST_DB}_lifecycle
# The previous release of main, installed to be upgraded to this checkout (tests/test_lifecycle.py).
PREVIOUS_DB=${TEST_DB}_previous
MODULES=$DEALER_ADDONS

prepare
cleanup() {
    odoo_py "$REPO/scripts/odoo_db.py" drop "$LIFECYCLE_DB" >/dev/null || true
    odoo_py "$REPO/scripts/odoo_db.py" drop "$PREVIOUS_DB" >/dev/null || true
    if [ "${KEEP_DB:-0}" != 1 ]; then
        odoo_py "$REPO/scripts/odoo_db.py" drop "$TEST_DB" >/dev/null || true
    else
        say "Kept the test database $TEST_DB"
    fi
}
trap cleanup EXIT

log="$RUN_DIR/test-odoo.log"
say "Installing $MODULES into the fresh database $TEST_DB and running their Odoo tests"
odoo_py "$REPO/scripts/odoo_db.py" drop "$TEST_DB" >/dev/null
# Chromium once before the tours, so that their first start is not a cold one.
if command -v chromium >/dev/null; then
    timeout 60 chromium --headless --no-sandbox --disable-gpu --dump-dom about:blank >/dev/null 2>&1 || true
fi
set +e
# Into the log file, not through a pipe: a Chromium a tour leaves behind would hold a pipe open.
odoo_bin -d "$TEST_DB" -i "$MODULES" --load-language=zh_CN \
    --test-enable --test-tags="$DEALER_TEST_TAGS" \
    --stop-after-init --http-port="${TEST_HTTP_PORT:-8169}" --logfile= >"$log" 2>&1
rc=$?
set -e
# Chromiums of the tours that Odoo did not close (their profiles are Odoo's temporary ones).
pkill -f -- "--user-data-dir=/tmp/tmp[a-z0-9_]*_chrome_odoo" 2>/dev/null || true
grep -E " (ERROR|CRITICAL|WARNING) | odoo\.tests\.(stats|result): " "$log" || true
[ "$rc" = 0 ] || die "Odoo install/tests failed (exit $rc): see $log"
bad=$(grep -E '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "$log" || true)
# Warnings of our addons: their loggers, or messages naming them (the
# database name, dealer_test_*, is on every line and does not count).
bad_ours=$(grep -E "^[0-9-]+ [0-9:,]+ [0-9]+ WARNING \\S+ \\S+: .*(${DEALER_ADDONS//,/|})|"'^[0-9-]+ [0-9:,]+ [0-9]+ WARNING \S+ odoo\.addons\.dealer_' "$log" || true)
skipped=$(grep -E ' odoo\.addons\.dealer_[a-z_]+\.tests\.[a-z_.]+: skipped ' "$log" || true)
if [ -n "$skipped" ]; then
    printf '%s\n' "$skipped" >&2
    die "tests of ours were skipped (above): a skipped test proves nothing; fix what it needs"
fi
if [ -n "$bad$bad_ours" ]; then
    printf '%s\n%s\n' "$bad" "$bad_ours" >&2
    die "errors were logged during install or tests (above; full log: $log)"
fi
grep -qE "odoo.tests.stats|tests when loading database" "$log" \
    || die "Odoo ran no test of $MODULES: see $log"
grep -E "tests when loading database|post-tests in" "$log" || true

say "Copying $TEST_DB to $LIFECYCLE_DB for the upgrade and uninstall tests"
odoo_py "$REPO/scripts/odoo_db.py" copy "$TEST_DB" "$LIFECYCLE_DB"
export DEALER_LIFECYCLE_DB=$LIFECYCLE_DB

# The previous release of main (.ci/previous-release names its commit), installed with its
# demo data into PREVIOUS_DB: tests/test_lifecycle.py upgrades it to this checkout.
previous=$(tr -d '[:space:]' < "$REPO/.ci/previous-release")
git -C "$REPO" cat-file -e "$previous^{commit}" 2>/dev/null \
    || die "the previous release $previous (.ci/previous-release) is not in this clone's history"
previous_dir="$RUN_DIR/previous-release"
rm -rf "$previous_dir" && mkdir -p "$previous_dir"
git -C "$REPO" archive "$previous" addons | tar -x -C "$previous_dir"
say "Installing the previous release ${previous:0:10} into $PREVIOUS_DB"
odoo_py "$REPO/scripts/odoo_db.py" drop "$PREVIOUS_DB" >/dev/null
previous_log="$RUN_DIR/test-previous-release.log"
"$VENV/bin/python" "$ODOO_SRC/odoo-bin" -c "$REPO/odoo.conf" --addons-path="$ODOO_SRC/addons,$previous_dir/addons" \
    --db_host="$DB_HOST" --db_port="$DB_PORT" --db_user="$DB_USER" ${DB_PASSWORD:+--db_password="$DB_PASSWORD"} \
    -d "$PREVIOUS_DB" -i "$(dealer_addons "$previous_dir" | paste -sd, -)" --load-language=zh_CN --stop-after-init --http-port="${TEST_HTTP_PORT:-8169}" \
    --logfile="$previous_log" || die "the previous release did not install: see $previous_log"
export DEALER_PREVIOUS_DB=$PREVIOUS_DB

say "Running pytest-odoo over tests/ and the addons"
cd "$REPO"
pytest_args=(--odoo-database="$TEST_DB" --odoo-config="$REPO/odoo.conf"
    --odoo-addons-path="$ADDONS_PATH" --odoo-http --odoo-log-level=warn
    --odoo-extra="db_host=$DB_HOST" --odoo-extra="db_port=$DB_PORT" --odoo-extra="db_user=$DB_USER")
[ -z "$DB_PASSWORD" ] || pytest_args+=(--odoo-extra="db_password=$DB_PASSWORD")
set +e
"$VENV/bin/pytest" "${pytest_args[@]}" -p no:cacheprovider "$@" tests addons
rc=$?
set -e
case $rc in
    0) ;;
    5) die "pytest collected no test" ;;
    *) die "pytest failed (exit $rc)" ;;
esac
