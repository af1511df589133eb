#!/usr/bin/env bash
# make data: a benchmark database with generated dealer-group activity.
#   BENCH_DB (default dealer_bench) is created without demo data the first time;
#   STORES (10) stores with MONTHS (12) months of ORDERS (1500) repair orders a month
#   are added to it on each run (scripts/generate_data.py says what is generated).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
BENCH_DB=${BENCH_DB:-dealer_bench}
prepare
if [ "$(odoo_py "$REPO/scripts/odoo_db.py" state "$BENCH_DB")" != ready ]; then
    odoo_py "$REPO/scripts/odoo_db.py" drop "$BENCH_DB" >/dev/null
    say "Creating $BENCH_DB (both addons, no demo data)"
    odoo_py "$REPO/scripts/odoo_db.py" create-bench "$BENCH_DB" >"$RUN_DIR/bench-create.log" 2>&1 \
        || die "creating $BENCH_DB failed: see $RUN_DIR/bench-create.log"
fi
say "Generating ${STORES:-10} stores x ${MONTHS:-12} months x ${ORDERS:-1500} repair orders in $BENCH_DB"
odoo_py "$REPO/scripts/generate_data.py" "$BENCH_DB" --stores "${STORES:-10}" --months "${MONTHS:-12}" \
    --orders "${ORDERS:-1500}" 2> >(grep -v ' INFO ' >&2)
