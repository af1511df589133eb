#!/usr/bin/env bash
# make lint: ruff (lint and format check) and pylint-odoo's mandatory checks.
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
