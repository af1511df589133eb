#!/usr/bin/env bash
# make screenshots: the main screens and printed documents, photographed in Chromium in
# Chinese on the demo database (make demo first) by the TestScreenshots test, whose
# transaction is rolled back; the pictures go to docs/screenshots/<screen>.png.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
DEMO_DB=${DEMO_DB:-dealer_demo}
prepare
[ "$(odoo_py "$REPO/scripts/odoo_db.py" state "$DEMO_DB")" = ready ] || die "no demo database $DEMO_DB: run make demo first"
shots="$RUN_DIR/screenshots"
rm -rf "$shots"
mkdir -p "$shots" "$REPO/docs/screenshots"
"$VENV/bin/pytest" --odoo-database="$DEMO_DB" --odoo-config="$REPO/odoo.conf" --odoo-addons-path="$ADDONS_PATH" \
    --odoo-http --odoo-log-level=warn --odoo-extra="db_host=$DB_HOST" --odoo-extra="db_port=$DB_PORT" \
    --odoo-extra="db_user=$DB_USER" --odoo-extra="screenshots=$shots" -p no:cacheprovider \
    "$REPO/addons/dealer_aftersales/tests/test_screenshots.py" "$REPO/addons/dealer_kpi/tests/test_kpi_screenshots.py" \
    || die "the screenshots tests failed"
count=0
for file in "$shots"/*/screenshots/dealer_screen_*.png; do
    [ -e "$file" ] || continue
    name=$(basename "$file" | sed -E 's/^dealer_screen_(.*)_[0-9]{8}_[0-9]{6}_[0-9]+_Test[A-Za-z]*Screenshots\.png$/\1/')
    cp "$file" "$REPO/docs/screenshots/$name.png"
    count=$((count + 1))
done
[ "$count" -gt 0 ] || die "no screenshot was taken"
say "$count screenshots in docs/screenshots"
