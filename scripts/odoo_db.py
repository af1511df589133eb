"""Database chores for the demo and test commands, with Odoo as a library.

    python scripts/odoo_db.py ping
    python scripts/odoo_db.py state NAME        # prints: missing | empty | ready
    python scripts/odoo_db.py create-demo NAME  # the Chinese 4S demo store
    python scripts/odoo_db.py create-bench NAME # the same without demo data (benchmarks)
    python scripts/odoo_db.py drop NAME
    python scripts/odoo_db.py copy NAME COPY    # database and filestore (lifecycle tests)

Connection settings come from the environment (DB_HOST, DB_PORT, DB_USER,
DB_PASSWORD), the configuration file from ODOO_CONF, the addons path from
ADDONS_PATH and the data directory from DATA_DIR; scripts/common.sh sets all of them. The same script runs inside
the official odoo:18.0 image (docker/docker-compose.yml).
"""

import os
import sys


def _dealer_addons():
    """Every dealer_* addon on ADDONS_PATH (the checkout's addons/, or /mnt/extra-addons in docker)."""
    found = set()
    for path in filter(None, os.environ.get("ADDONS_PATH", "").split(",")):
        if os.path.isdir(path):
            found.update(
                name
                for name in os.listdir(path)
                if name.startswith("dealer_") and os.path.isfile(os.path.join(path, name, "__manifest__.py"))
            )
    return sorted(found, key=lambda name: (name != "dealer_aftersales", name)) or ["dealer_aftersales", "dealer_kpi"]


DEMO_MODULES = ["l10n_cn", *_dealer_addons()]
DEMO_LANG = "zh_CN"
DEMO_COUNTRY = "cn"


def _setup():
    import odoo

    args = []
    if os.environ.get("ODOO_CONF"):
        args.append(f"--config={os.environ['ODOO_CONF']}")
    if os.environ.get("ADDONS_PATH"):
        args.append(f"--addons-path={os.environ['ADDONS_PATH']}")
    if os.environ.get("DATA_DIR"):
        args.append(f"--data-dir={os.environ['DATA_DIR']}")
    for name in ("host", "port", "user", "password"):
        value = os.environ.get(f"DB_{name.upper()}")
        if value:
            args.append(f"--db_{name}={value}")
    odoo.tools.config.parse_config(args)
    return odoo


def _fail(message):
    sys.stderr.write(f"\nERROR: {message}\n\n")
    sys.exit(1)


def ping(odoo):
    import psycopg2

    try:
        with odoo.sql_db.db_connect("postgres").cursor() as cr:
            cr.execute("SHOW server_version")
            version = cr.fetchone()[0]
            cr.execute("SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user")
            can_create = cr.fetchone()[0]
    except psycopg2.Error as exc:
        _fail(f"cannot connect to PostgreSQL: {str(exc).strip()}")
    if not can_create:
        _fail("the PostgreSQL role may not create databases (ALTER ROLE ... CREATEDB).")
    print(f"PostgreSQL {version} reachable")


def state(odoo, name):
    """missing: no such database; empty: exists without our addons; ready."""
    if name not in odoo.service.db.list_dbs(force=True):
        return "missing"
    with odoo.sql_db.db_connect(name).cursor() as cr:
        cr.execute("SELECT 1 FROM pg_tables WHERE tablename = 'ir_module_module'")
        if not cr.fetchone():
            return "empty"
        # The base addon is enough: make demo installs an addon added since (see scripts/demo.sh).
        cr.execute("SELECT 1 FROM ir_module_module WHERE name = 'dealer_aftersales' AND state = 'installed'")
        return "ready" if cr.fetchone() else "empty"


def create_demo(odoo, name, demo=True):
    """A database as the web database manager would create it for a store in
    China (country, currency, time zone, language), then the l10n_cn chart of
    accounts and both addons with demo data (``demo``), and every user in Chinese."""
    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry
    from odoo.service import db

    if state(odoo, name) != "missing":
        _fail(f"database {name} already exists; drop it first (make demo-reset).")
    db._create_empty_database(name)
    db._initialize_db(None, name, demo, DEMO_LANG, "admin", "admin", DEMO_COUNTRY)
    with Registry(name).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        if env.company.country_id.code != "CN" or env.company.currency_id.name != "CNY":
            _fail(f"database {name} was not initialized (see the log above).")
    # The chart of accounts first: Odoo loads it at the end of the install,
    # and the addons' demo data (labor rates, revenue accounts) needs it.
    odoo.tools.config["load_language"] = DEMO_LANG
    odoo.tools.config["init"] = dict.fromkeys(DEMO_MODULES[:1], True)
    with Registry.new(name, update_module=True).cursor() as cr:
        if api.Environment(cr, SUPERUSER_ID, {}).company.chart_template != "cn":
            _fail(f"the l10n_cn chart of accounts was not loaded into {name}.")
    odoo.tools.config["init"] = dict.fromkeys(DEMO_MODULES[1:], True)
    registry = Registry.new(name, update_module=True)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        if demo and not env.ref("dealer_aftersales.repair_order_maintenance_demo", raise_if_not_found=False):
            _fail(f"the demo data of dealer_aftersales did not load into {name} (see the log above).")
        users = env["res.users"].with_context(active_test=False).search([("share", "=", False)])
        users.write({"lang": DEMO_LANG, "tz": "Asia/Shanghai"})
        env["res.partner"].search([("lang", "!=", DEMO_LANG)]).write({"lang": DEMO_LANG})
    with odoo.sql_db.db_connect(name).cursor() as cr:
        cr.execute("SELECT name FROM ir_module_module WHERE name = ANY(%s) AND state = 'installed'", [DEMO_MODULES])
        missing = set(DEMO_MODULES) - {row[0] for row in cr.fetchall()}
    if missing:
        _fail(f"{', '.join(sorted(missing))} did not install into {name} (see the log above).")
    print(f"database {name} created: {', '.join(DEMO_MODULES)} {'with' if demo else 'without'} demo data, {DEMO_LANG}")


def drop(odoo, name):
    from odoo.service import db

    if name in db.list_dbs(force=True):
        db.exp_drop(name)
        print(f"database {name} dropped")


def copy(odoo, name, target):
    from odoo.service import db

    drop(odoo, target)
    db.exp_duplicate_database(name, target, neutralize_database=False)
    print(f"database {name} copied to {target}")


def main(argv):
    if not argv or argv[0] not in ("ping", "state", "create-demo", "create-bench", "drop", "copy"):
        _fail(__doc__)
    odoo = _setup()
    command, args = argv[0], argv[1:]
    if command == "ping":
        ping(odoo)
    elif command == "state":
        print(state(odoo, args[0]))
    elif command == "create-demo":
        create_demo(odoo, args[0])
    elif command == "create-bench":
        create_demo(odoo, args[0], demo=False)
    elif command == "drop":
        drop(odoo, args[0])
    elif command == "copy":
        copy(odoo, args[0], args[1])


if __name__ == "__main__":
    main(sys.argv[1:])
