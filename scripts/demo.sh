#!/usr/bin/env bash
# make demo: the product on a demo database of a Chinese 4S store.
# Creates (or reuses) the database DEMO_DB (default dealer_demo) with both
# addons, demo data, the l10n_cn chart of accounts and Chinese users, then
# serves Odoo on http://localhost:HTTP_PORT (default 8069), login admin/admin.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
DEMO_DB=${DEMO_DB:-dealer_demo}
HTTP_PORT=${HTTP_PORT:-8069}

prepare
addons_hash=$(cd "$REPO" && find addons -type f -not -name '*.pyc' -print0 | sort -z | xargs -0 sha1sum | sha1sum | cut -c1-40)
stamp="$RUN_DIR/$DEMO_DB.addons.sha1"
update=()
case $(odoo_py "$REPO/scripts/odoo_db.py" state "$DEMO_DB") in
    missing)
        say "Creating the demo database $DEMO_DB (about two minutes)"
        odoo_py "$REPO/scripts/odoo_db.py" create-demo "$DEMO_DB"
        echo "$addons_hash" > "$stamp"
        ;;
    empty)
        die "Database $DEMO_DB exists but does not have the dealer addons installed.
       Drop it with 'make demo-reset', or choose another name: DEMO_DB=name make demo"
        ;;
    ready)
        if [ "$(cat "$stamp" 2>/dev/null)" != "$addons_hash" ]; then
            say "The addons changed since $DEMO_DB was last served: upgrading them"
            update=(-i "$DEALER_ADDONS" -u "$DEALER_ADDONS")  # -i: an addon added since
            echo "$addons_hash" > "$stamp"
        else
            say "Reusing the demo database $DEMO_DB"
        fi
        ;;
esac
say "Serving Odoo on http://localhost:$HTTP_PORT  (database $DEMO_DB, login admin / admin, or advisor, technician, parts, accountant, manager, customer: password = login)"
exec_args=(-d "$DEMO_DB" --db-filter="^$DEMO_DB\$" --http-port="$HTTP_PORT" "${update[@]}")
odoo_bin "${exec_args[@]}" "$@"
