#!/usr/bin/env bash
# make golive-sample: the sample migration pack (scripts/golive_sample.py, dated from today)
# loaded by a go-live import into a new store of the demo database (make demo first).
#   DEMO_DB  the demo database (default dealer_demo)   SCALE  the pack's size (default 1)
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
DEMO_DB=${DEMO_DB:-dealer_demo}
prepare
[ "$(odoo_py "$REPO/scripts/odoo_db.py" state "$DEMO_DB")" = ready ] || die "no demo database $DEMO_DB: run make demo first"
pack="$RUN_DIR/golive-sample"
rm -rf "$pack"
say "Writing the sample pack (scale ${SCALE:-1}) into $pack"
"$VENV/bin/python" "$REPO/scripts/golive_sample.py" "$pack" --scale "${SCALE:-1}"
say "Importing it into a new store of $DEMO_DB"
odoo_py "$REPO/scripts/golive_sample_load.py" "$DEMO_DB" "$pack" 2> >(grep -v ' INFO ' >&2)
