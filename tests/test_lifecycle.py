"""Lifecycle, on a copy of the tested database (``make test`` makes it and names it in
DEALER_LIFECYCLE_DB): upgrading both addons keeps every row of their tables as it was, and
uninstalling dealer_kpi leaves dealer_aftersales' data in place and its invoicing, workshop and
web client working (their Odoo tests run again on that database). And from the previous
release of main (DEALER_PREVIOUS_DB, installed by ``make test`` from the commit in
``.ci/previous-release``): upgrading a store's database to this checkout keeps its data.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import psycopg2
import pytest

import odoo
from odoo.tools import config

REPO = Path(__file__).resolve().parents[1]
ODOO_BIN = Path(odoo.__path__[0]).parent / "odoo-bin"
ADDONS = ("dealer_aftersales", "dealer_kpi", "dealer_golive")
ODOO_MODELS = ("repair.order", "stock.move", "account.move", "account.move.line", "account.payment")
# Written by every upgrade (data files are reloaded): not data.
STAMPS = {"write_date", "write_uid"}
# Tests of dealer_aftersales that run again once dealer_kpi is gone: invoicing into journal
# entries, the workshop, access, and a tour in the web client.
AFTERSALES_TESTS = (
    "/dealer_aftersales:TestRepairInvoicing,/dealer_aftersales:TestWorkshop,/dealer_aftersales:TestVehicleTour"
)


@pytest.fixture(scope="module")
def database():
    name = os.environ.get("DEALER_LIFECYCLE_DB")
    if not name:
        pytest.fail("DEALER_LIFECYCLE_DB is not set: run the tests with `make test`, which copies the test database")
    return name


@pytest.fixture(scope="module")
def previous_database():
    name = os.environ.get("DEALER_PREVIOUS_DB")
    if not name:
        pytest.fail(
            "DEALER_PREVIOUS_DB is not set: run the tests with `make test`, which installs the previous release"
        )
    return name


def _connect(name):
    return psycopg2.connect(
        dbname=name,
        host=config["db_host"] or None,
        port=config["db_port"] or None,
        user=config["db_user"] or None,
        password=config["db_password"] or None,
    )


def _settings(database):
    """odoo-bin's options for ``database``, as this test run connects."""
    return [
        f"--config={REPO / 'odoo.conf'}",
        f"--addons-path={config['addons_path']}",
        f"--db_host={config['db_host']}",
        f"--db_port={config['db_port']}",
        f"--db_user={config['db_user']}",
        *([f"--db_password={config['db_password']}"] if config["db_password"] else []),
        f"--database={database}",
    ]


def _odoo(database, *args):
    """Runs odoo-bin on ``database``; returns its log, failing on a non-zero exit or an ERROR."""
    command = [
        sys.executable,
        str(ODOO_BIN),
        *_settings(database),
        "--http-port=8269",
        "--logfile=",
        "--stop-after-init",
        *args,
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=1200, check=False)
    log = result.stdout + result.stderr
    errors = re.findall(r"^\S+ \S+ \d+ (?:ERROR|CRITICAL) .*$", log, re.MULTILINE)
    assert result.returncode == 0 and not errors, f"odoo-bin {' '.join(args)} failed:\n" + "\n".join(
        errors or log.splitlines()[-40:]
    )
    return log


def _tables(cr, modules):
    """{table: [columns]} of the stored models the modules define (all named dealer.*), and of
    the Odoo models that carry the after-sales money: repair orders, their parts, the books."""
    cr.execute(
        """
        SELECT DISTINCT m.model
          FROM ir_model m
          JOIN ir_model_data d ON d.model = 'ir.model' AND d.res_id = m.id
         WHERE d.module = ANY(%s) AND m.model LIKE 'dealer.%%'
        """,
        [list(modules)],
    )
    tables = {}
    for model in [model for (model,) in cr.fetchall()] + list(ODOO_MODELS):
        table = model.replace(".", "_")
        cr.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = %s AND table_schema = 'public'"
            " AND EXISTS (SELECT 1 FROM pg_tables WHERE tablename = %s)",
            [table, table],
        )
        columns = sorted(c for (c,) in cr.fetchall() if c not in STAMPS)
        if columns:
            tables[table] = columns
    return tables


def _kpi_columns(cr):
    """{table: columns} that dealer_kpi adds to other addons' tables."""
    cr.execute(
        """
        SELECT f.model, f.name
          FROM ir_model_fields f
          JOIN ir_model_data d ON d.model = 'ir.model.fields' AND d.res_id = f.id
         WHERE d.module = 'dealer_kpi' AND f.store
        """
    )
    added = {}
    for model, name in cr.fetchall():
        added.setdefault(model.replace(".", "_"), set()).add(name)
    return added


def _fingerprint(name, tables, up_to=None):
    """{table: (rows, md5 of every row's columns)} for the given columns; with ``up_to``
    ({table: id}), of the rows up to that id only."""
    with _connect(name) as conn, conn.cursor() as cr:
        prints = {}
        for table, columns in tables.items():
            cols = ", ".join(f'"{c}"' for c in columns)
            where = f"WHERE id <= {int(up_to[table] or 0)}" if up_to is not None else ""
            cr.execute(f"SELECT count(*), md5(string_agg(row({cols})::text, '|' ORDER BY id)) FROM \"{table}\" {where}")
            prints[table] = cr.fetchone()
        return prints


def _max_ids(name, tables):
    with _connect(name) as conn, conn.cursor() as cr:
        ids = {}
        for table in tables:
            cr.execute(f'SELECT max(id) FROM "{table}"')
            ids[table] = cr.fetchone()[0]
        return ids


def _upgrade_keeps_rows(database, tables, what):
    """Upgrades both addons on ``database``: every row of ``tables`` (which have demo data) is
    as it was before."""
    before = _fingerprint(database, tables)
    assert before["dealer_vehicle"][0] > 0 and before["dealer_kpi_snapshot"][0] > 0, f"{what} has demo data"
    last = _max_ids(database, tables)
    _odoo(database, "--update=" + ",".join(_installed(database)))
    # The rows there before, as they were; demo records a release adds (a new service package)
    # come after them.
    after = _fingerprint(database, tables, up_to=last)
    changed = sorted(table for table in tables if before[table] != after[table])
    assert not changed, f"upgrading {what} changed the data of {changed}"


def _journal(cr):
    """How many journal items, and their debits and credits."""
    cr.execute("SELECT count(*), sum(debit), sum(credit) FROM account_move_line")
    return cr.fetchone()


def _installed(name):
    """Our addons installed in ``name`` (a previous release may have fewer)."""
    with _connect(name) as conn, conn.cursor() as cr:
        cr.execute("SELECT name FROM ir_module_module WHERE name = ANY(%s) AND state = 'installed'", [list(ADDONS)])
        return sorted(row[0] for row in cr.fetchall())


def _state(name, module):
    with _connect(name) as conn, conn.cursor() as cr:
        cr.execute("SELECT state FROM ir_module_module WHERE name = %s", [module])
        return cr.fetchone()[0]


def test_upgrade_keeps_data_and_uninstalling_kpi_keeps_aftersales(database):
    with _connect(database) as conn, conn.cursor() as cr:
        tables = _tables(cr, ADDONS)
        # dealer_aftersales' tables without what dealer_kpi adds to them.
        kpi_columns = _kpi_columns(cr)
        aftersales = {
            table: [c for c in columns if c not in kpi_columns.get(table, ())]
            for table, columns in _tables(cr, ADDONS[:1]).items()
        }
        journal_before = _journal(cr)
    assert {"dealer_vehicle", "dealer_repair_labor", "dealer_kpi_snapshot"} <= set(tables)

    # 1. Upgrade: every row of every table of both addons is still there, unchanged.
    _upgrade_keeps_rows(database, tables, "the copy")
    aftersales_before = _fingerprint(database, aftersales)

    # 2. Uninstall dealer_kpi: its tables go, dealer_aftersales' rows stay (the columns dealer_kpi
    # added to them go with it), the books are untouched.
    script = (
        "env['ir.module.module'].search([('name', '=', 'dealer_kpi')]).button_immediate_uninstall()\nenv.cr.commit()\n"
    )
    command = [sys.executable, str(ODOO_BIN), "shell", *_settings(database), "--logfile=", "--no-http"]
    result = subprocess.run(command, input=script, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert _state(database, "dealer_kpi") == "uninstalled"
    assert _state(database, "dealer_aftersales") == "installed"
    with _connect(database) as conn, conn.cursor() as cr:
        cr.execute("SELECT to_regclass('dealer_kpi_snapshot'), to_regclass('dealer_kpi_target')")
        assert cr.fetchone() == (None, None), "dealer_kpi's tables are dropped"
        remaining = _tables(cr, ADDONS[:1])
        assert _journal(cr) == journal_before, "uninstalling dealer_kpi changed no journal item"
    missing = {t: sorted(set(c) - set(remaining.get(t, ()))) for t, c in aftersales.items()}
    assert not any(missing.values()), f"uninstalling dealer_kpi dropped dealer_aftersales columns: {missing}"
    aftersales_after = _fingerprint(database, aftersales)
    changed = sorted(table for table in aftersales if aftersales_before[table] != aftersales_after[table])
    assert not changed, f"uninstalling dealer_kpi changed dealer_aftersales' data in {changed}"

    # 3. dealer_aftersales still works: its invoicing, workshop and tour tests pass again.
    log = _odoo(database, "--update=dealer_aftersales", "--test-enable", f"--test-tags={AFTERSALES_TESTS}")
    ran = re.search(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests", log)
    assert ran, "no test ran after uninstalling dealer_kpi:\n" + log[-3000:]
    failed, errors, total = map(int, ran.groups())
    assert (failed, errors) == (0, 0) and total >= 10, ran.group(0)


def test_upgrade_from_the_previous_release(previous_database):
    """A store on the previous release upgrades to this one: the code moved between files and
    folders (models, reports, views, demo), the names stayed, and every row of the addons' tables
    and of the books is as it was; what this release adds has its default."""
    installed = _installed(previous_database)
    with _connect(previous_database) as conn, conn.cursor() as cr:
        tables = _tables(cr, ADDONS)
        journal_before = _journal(cr)
    _upgrade_keeps_rows(previous_database, tables, "the previous release")
    with _connect(previous_database) as conn, conn.cursor() as cr:
        assert _journal(cr) == journal_before, "upgrading changed no journal item"
        cr.execute("SELECT DISTINCT dealer_price_ceiling FROM res_company")
        assert cr.fetchall() == [(1_000_000,)], "the stores get the default price ceiling"
        cr.execute("SELECT state FROM ir_module_module WHERE name = ANY(%s)", [installed])
        assert {state for (state,) in cr.fetchall()} == {"installed"}
