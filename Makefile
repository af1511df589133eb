# The two commands a newcomer runs:
#   make demo   Odoo 18 with both addons on the demo database dealer_demo
#   make test   both addons' tests on a fresh throwaway database
# Settings: ODOO_SRC (default /opt/odoo-18.0), DB_HOST, DB_PORT, DB_USER,
# DEMO_DB, HTTP_PORT; see README.md.
.PHONY: demo test lint format platform-test i18n demo-reset venv ci data benchmark screenshots golive-sample

demo:
	scripts/demo.sh

test:
	scripts/test.sh $(ARGS)

lint:
	scripts/lint.sh

format:
	bash -c 'source scripts/common.sh && ensure_venv && ensure_node_tools && cd "$$REPO" && .venv/bin/ruff format addons tests scripts && node_modules/.bin/prettier --write --log-level warn "addons/**/*.xml"'

platform-test:
	scripts/platform_tests.sh

data:
	scripts/data.sh

benchmark:
	scripts/benchmark.sh

golive-sample:
	scripts/golive_sample.sh

screenshots:
	scripts/screenshots.sh

i18n:
	scripts/i18n.sh $(DB)

demo-reset:
	bash -c 'source scripts/common.sh && prepare && odoo_py scripts/odoo_db.py drop $${DEMO_DB:-dealer_demo} && rm -f .run/$${DEMO_DB:-dealer_demo}.addons.sha1'

venv:
	bash -c 'source scripts/common.sh && check_odoo && ensure_venv'

ci:
	bash .ci/run
