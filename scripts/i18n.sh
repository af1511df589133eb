#!/usr/bin/env bash
# make i18n DB=name: refresh the translation templates and zh_CN catalogues.
# Upgrades both addons in the database DB (one that has them installed, e.g.
# a test database kept with KEEP_DB=1, or dealer_demo), exports each addon's
# terms to i18n/<addon>.pot and merges them into i18n/zh_CN.po: existing
# translations are kept, new terms get Odoo's own zh_CN translation where
# Odoo has the same term, and the untranslated rest is listed.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
DB=${1:?usage: scripts/i18n.sh DATABASE}
prepare
odoo_bin -d "$DB" -i "$DEALER_ADDONS" -u "$DEALER_ADDONS" --load-language=zh_CN --stop-after-init --logfile=/dev/null
status=0
for addon in $(dealer_addons); do
    mkdir -p "$REPO/addons/$addon/i18n"
    odoo_bin -d "$DB" --i18n-export="$REPO/addons/$addon/i18n/$addon.pot" --modules="$addon" --logfile=/dev/null
    odoo_py "$REPO/scripts/i18n_merge.py" "$REPO/addons/$addon/i18n/$addon.pot" "$REPO/addons/$addon/i18n/zh_CN.po" || status=1
done
exit $status
