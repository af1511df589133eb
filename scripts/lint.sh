#!/usr/bin/env bash
# make lint: ruff (lint and format check), pylint-odoo's mandatory checks, OCA's pre-commit
# checks of the modules (manifest, XML, CSV) and of the translation catalogues, and the XML
# format check (prettier with the XML plugin, .prettierrc.yml; `make format` rewrites).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
check_odoo
ensure_venv
ensure_node_tools
cd "$REPO"
say "ruff check"
"$VENV/bin/ruff" check addons tests scripts
say "ruff format --check"
"$VENV/bin/ruff" format --check addons tests scripts
say "pylint-odoo (mandatory checks)"
mapfile -t addon_dirs < <(dealer_addons | sed "s|^|addons/|")
"$VENV/bin/pylint" --rcfile=.pylintrc-mandatory "${addon_dirs[@]}"
say "OCA checks of the modules (manifest, XML, CSV)"
"$VENV/bin/oca-checks-odoo-module" "${addon_dirs[@]}"
# po-pretty-format would empty every msgstr equal to its msgid (VIN, PDF, ID, and the demo's
# Chinese terms); tests/test_translations.py requires every term translated, so they stay.
say "OCA checks of the translation catalogues"
"$VENV/bin/oca-checks-po" --disable po-pretty-format addons/*/i18n/*.po addons/*/i18n/*.pot
say "XML format check (prettier, .prettierrc.yml)"
node_modules/.bin/prettier --check --log-level warn "addons/**/*.xml" \
    || die "XML files are not formatted: run make format (it only re-indents; text is preserved)."
