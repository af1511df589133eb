#!/usr/bin/env bash
# make golive-sample: the sample migration pack of the repository (addons/dealer_golive/samples/
# golive-pack) loaded by a go-live import into a new store of the demo database (make demo first).
#   DEMO_DB  the demo database (default dealer_demo)
#   SCALE    a pack of that size written by scripts/golive_sample.py, dated from today, instead
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
DEMO_DB=${DEMO_DB:-dealer_demo}
prepare
[ "$(odoo_py "$REPO/scripts/odoo_db.py" state "$DEMO_DB")" = ready ] || die "no demo database $DEMO_DB: run make demo first"
if [ -z "${SCALE:-}" ]; then
    # The pack in the repository (addons/dealer_golive/samples/golive-pack/README.md).
    pack="$REPO/addons/dealer_golive/samples/golive-pack"
else
    pack="$RUN_DIR/golive-sample"
    rm -rf "$pack"
    say "Writing the sample pack (scale $SCALE, dated from today) into $pack"
    "$VENV/bin/python" "$REPO/scripts/golive_sample.py" "$pack" --scale "$SCALE"
fi
say "Importing it into a new store of $DEMO_DB"
odoo_py "$REPO/scripts/golive_sample_load.py" "$DEMO_DB" "$pack" 2> >(grep -v ' INFO ' >&2)
