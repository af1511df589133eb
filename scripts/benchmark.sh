#!/usr/bin/env bash
# make benchmark: the benchmarks of docs/benchmarks.md on BENCH_DB (make data first),
# then the load test against an Odoo server with workers on loopback.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
BENCH_DB=${BENCH_DB:-dealer_bench}
prepare
[ "$(odoo_py "$REPO/scripts/odoo_db.py" state "$BENCH_DB")" = ready ] || die "no $BENCH_DB: run make data first"
odoo_py "$REPO/scripts/benchmark.py" "$BENCH_DB" --runs "${RUNS:-5}" --out "$REPO/docs/benchmarks.md" \
    2> >(grep -v ' INFO ' >&2)
say "Load test: ${CLIENTS:-4} clients x ${LOAD_ORDERS:-25} repair orders against Odoo with ${WORKERS:-2} workers"
odoo_py "$REPO/scripts/load_test.py" "$BENCH_DB" --clients "${CLIENTS:-4}" --orders "${LOAD_ORDERS:-25}" \
    --workers "${WORKERS:-2}" --out "$REPO/docs/benchmarks.md" 2> >(grep -v ' INFO ' >&2)
say "Go-live imports: the sample pack at scales ${GOLIVE_SCALES:-1,5,10} into new stores of $BENCH_DB"
odoo_py "$REPO/scripts/benchmark_golive.py" "$BENCH_DB" --scales "${GOLIVE_SCALES:-1,5,10}" \
    --out "$REPO/docs/benchmarks.md" 2> >(grep -v ' INFO ' >&2)
say "Results written to docs/benchmarks.md"
