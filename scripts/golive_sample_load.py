"""Loads the sample migration pack into a new store of a database (make golive-sample).

    python scripts/golive_sample_load.py DATABASE PACK_DIR [--store NAME]

Creates the store as an admin would (a company, set up as a store: warehouse, sequences, chart
of accounts, time zone), sets the parts categories of the pack to FIFO valued in real time for
it, then runs a go-live import of the pack's files as one zip, and prints its summary. Uses
Odoo's own ORM (scripts/odoo_db.py's settings)."""

import argparse
import base64
import io
import os
import sys
import time
import zipfile

sys.path.insert(0, os.path.dirname(__file__))
import odoo_db


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("database")
    parser.add_argument("pack")
    parser.add_argument("--store", default="广州天河丰田 4S 店（期初导入样例）")
    parser.add_argument(
        "--profile", metavar="FILE", help="write a cProfile of the import to FILE (pstats) and count its queries"
    )
    args = parser.parse_args()
    odoo_db._setup()
    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(os.listdir(args.pack)):
            if name.endswith(".csv"):
                archive.write(os.path.join(args.pack, name), name)
    with Registry(args.database).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"lang": "zh_CN", "tz": "Asia/Shanghai"})
        if not env["ir.module.module"].search([("name", "=", "dealer_golive"), ("state", "=", "installed")]):
            odoo_db._fail(f"dealer_golive is not installed in {args.database} (make demo installs it).")
        main_store = env.ref("base.main_company")
        store = env["res.company"].search([("name", "=", args.store)], limit=1)
        if not store:
            store = env["res.company"].create(
                {
                    "name": args.store,
                    "country_id": main_store.country_id.id,
                    "currency_id": main_store.currency_id.id,
                    "parent_id": False,
                }
            )
        env.user.company_ids |= store
        env = env(context=dict(env.context, allowed_company_ids=[store.id]))
        store = store.with_env(env)
        store.action_dealer_setup_store()
        # One write for all the categories: Odoo's revaluation on a change of cost method reads
        # every product of the categories, once per write.
        categories = env["product.category"].search([("name", "in", ["售后配件", "油品"])])
        categories.with_company(store).write({"property_cost_method": "fifo", "property_valuation": "real_time"})
        opening = env["account.account"].search(
            [*env["account.account"]._check_company_domain(store), ("account_type", "=", "equity_unaffected")], limit=1
        )
        job = env["dealer.golive.import"].create(
            {
                "company_id": store.id,
                "file_data": base64.b64encode(buffer.getvalue()),
                "file_name": "期初导入样例.zip",
                "opening_account_id": opening.id,
            }
        )
        profiler = None
        if args.profile:
            import cProfile

            profiler = cProfile.Profile()
        queries = cr.sql_log_count
        started = time.monotonic()
        if profiler:
            profiler.runcall(job.action_import)
        else:
            job.action_import()
        seconds = time.monotonic() - started
        if profiler:
            profiler.dump_stats(args.profile)
            print(f"profile written to {args.profile}: {cr.sql_log_count - queries} queries", file=sys.stderr)
        for problem in job.problem_ids.filtered("blocking")[:20]:
            print(f"  {problem.sheet} row {problem.row}: {problem.message}", file=sys.stderr)
        if job.state != "done":
            odoo_db._fail(f"{job.name} was refused: {job.problem_count} problems (above).")
        print(f"{job.name} imported into {store.name} in {seconds:.0f} s:")
        for kind, figures in (job.summary or {}).items():
            print(f"  {kind}: {figures['rows']} rows, {figures['created']} created, {figures['skipped']} already there")
        # The books agree with after-sales from day one: every line of the reconciliation is zero.
        result = env["dealer.reconciliation.analysis"].reconcile(job.golive_date, store.ids)[store.id]
        print(f"After-sales and general ledger on {job.golive_date}:")
        for line in result["lines"]:
            figures = f"{line['aftersales']:,.2f} / {line['ledger']:,.2f}, difference {line['difference']:,.2f}"
            print(f"  {line['name']}: {figures}")
        if any(line["difference"] for line in result["lines"]):
            odoo_db._fail("the reconciliation is not zero on the sample pack (above).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
