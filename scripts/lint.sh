#!/usr/bin/env bash
# make lint: ruff (lint and format check), pylint-odoo's mandatory checks, and OCA's
# pre-commit checks of the modules (manifest, XML, CSV) and of the translation catalogues.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
check_odoo
ensure_venv
cd "$REPO"
say "ruff check"
"$VENV/bin/ruff" check addons tests scripts
say "ruff format --check"
"$VENV/bin/ruff" format --check addons tests scripts
say "pylint-odoo (mandatory checks)"
"$VENV/bin/pylint" --rcfile=.pylintrc-mandatory addons/dealer_aftersales addons/dealer_kpi
say "OCA checks of the modules (manifest, XML, CSV)"
"$VENV/bin/oca-checks-odoo-module" addons/dealer_aftersales addons/dealer_kpi
# po-pretty-format would empty every msgstr equal to its msgid (VIN, PDF, ID, and the demo's
# Chinese terms); tests/test_translations.py requires every term translated, so they stay.
say "OCA checks of the translation catalogues"
"$VENV/bin/oca-checks-po" --disable po-pretty-format addons/*/i18n/*.po addons/*/i18n/*.pot
