"""Load test: concurrent clients create and progress repair orders over JSON-RPC against an
Odoo server with workers, on loopback only; bounded in clients, orders and time.

    python scripts/load_test.py DATABASE [--clients 4] [--orders 25] [--workers 2] [--seconds 300]
                                         [--port 8469] [--out docs/benchmarks.md]

Each client logs in (its own session, as the store's service advisor would), then for each of
its ``--orders`` orders: creates a repair order with two labor lines and a part on a vehicle of
the first generated store, confirms it, starts it and finishes it: four calls, each timed. The
server is started here (``--workers`` HTTP workers, no cron) and stopped at the end, whatever
happens. Prints p50 and p95 latency per call and overall, and the errors; appends them to
``--out``.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from odoo_db import _fail, _setup

REPO = Path(__file__).resolve().parent.parent
STEPS = ("create", "action_validate", "action_repair_start", "action_repair_end")


def _prepare(database):
    """Gives the admin the generated stores; returns (store id, vehicle ids, labor operation ids, part ids)."""
    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry

    with Registry(database).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        stores = env["res.company"].search([("name", "like", "基准门店")], order="name")
        if not stores:
            _fail(f"no generated stores in {database}: run make data first")
        admin = env.ref("base.user_admin")
        admin.write({"company_ids": [(4, store.id) for store in stores], "password": "admin"})
        store = stores[0]
        vehicles = env["dealer.vehicle"].search([("company_id", "=", store.id)], limit=500).ids
        operations = env["dealer.labor.operation"].search([("code", "like", "BENCH-")]).ids
        parts = env["product.product"].search([("default_code", "like", "BENCH-")], limit=20).ids
        return store.id, vehicles, operations, parts


class Client:
    def __init__(self, base, database):
        self.base = base
        self.database = database
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        self.timings = {step: [] for step in STEPS}
        self.errors = []

    def _post(self, path, params):
        body = json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}).encode()
        request = urllib.request.Request(self.base + path, body, {"Content-Type": "application/json"})
        with self.opener.open(request, timeout=120) as response:
            reply = json.loads(response.read())
        if reply.get("error"):
            raise RuntimeError(reply["error"].get("data", {}).get("message") or reply["error"].get("message"))
        return reply["result"]

    def login(self):
        self._post("/web/session/authenticate", {"db": self.database, "login": "admin", "password": "admin"})

    def call(self, model, method, args, context):
        return self._post(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": {"context": context}},
        )

    def run(self, orders, store, vehicles, operations, parts, deadline, seed):
        rng = random.Random(seed)
        context = {"allowed_company_ids": [store], "lang": "zh_CN", "tz": "Asia/Shanghai"}
        try:
            self.login()
        except (OSError, RuntimeError) as error:
            self.errors.append(f"login: {error}")
            return
        for _index in range(orders):
            if time.monotonic() > deadline:
                self.errors.append("time limit reached")
                return
            values = {
                "vehicle_id": rng.choice(vehicles),
                "company_id": store,
                "labor_line_ids": [
                    (0, 0, {"operation_id": op, "pay_type": "customer"}) for op in rng.sample(operations, 2)
                ],
                "move_ids": [
                    (0, 0, {"product_id": rng.choice(parts), "product_uom_qty": 1, "repair_line_type": "add"})
                ],
            }
            order_id = None
            for step in STEPS:
                started = time.perf_counter()
                try:
                    if step == "create":
                        order_id = self.call("repair.order", "create", [values], context)
                    else:
                        self.call("repair.order", step, [[order_id]], context)
                except (OSError, RuntimeError, urllib.error.HTTPError) as error:
                    self.errors.append(f"{step}: {error}")
                    break
                self.timings[step].append(time.perf_counter() - started)


def _percentile(values, share):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("database")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--orders", type=int, default=25, help="repair orders per client")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seconds", type=int, default=300, help="the whole test stops after this")
    parser.add_argument("--port", type=int, default=8469)
    parser.add_argument("--out", default=None)
    args = parser.parse_args(argv)
    odoo = _setup()
    config = odoo.tools.config
    store, vehicles, operations, parts = _prepare(args.database)
    odoo_bin = Path(odoo.__path__[0]).parent / "odoo-bin"
    command = [
        sys.executable,
        str(odoo_bin),
        f"--config={os.environ.get('ODOO_CONF', REPO / 'odoo.conf')}",
        f"--addons-path={config['addons_path']}",
        f"--db_host={config['db_host'] or ''}",
        f"--db_port={config['db_port'] or ''}",
        f"--db_user={config['db_user'] or ''}",
        f"--database={args.database}",
        f"--db-filter=^{args.database}$",
        "--http-interface=127.0.0.1",
        f"--http-port={args.port}",
        f"--workers={args.workers}",
        "--max-cron-threads=0",
        "--limit-time-real=300",
        "--logfile=",
        "--log-level=warn",
    ]
    if config["db_password"]:
        command.append(f"--db_password={config['db_password']}")
    log = open(REPO / ".run" / "load-test-server.log", "w", encoding="utf-8")  # noqa: SIM115
    server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{args.port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/web/health", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    _fail(f"the Odoo server did not start: see {log.name}")
                time.sleep(0.5)
        clients = [Client(base, args.database) for _index in range(args.clients)]
        deadline = time.monotonic() + args.seconds
        started = time.monotonic()
        threads = [
            threading.Thread(target=client.run, args=(args.orders, store, vehicles, operations, parts, deadline, seed))
            for seed, client in enumerate(clients)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(args.seconds + 30)
        elapsed = time.monotonic() - started
    finally:
        server.terminate()
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
    errors = [error for client in clients for error in client.errors]
    every = [t for client in clients for step in STEPS for t in client.timings[step]]
    done = min(len(client.timings["action_repair_end"]) for client in clients) if clients else 0
    lines = [
        f"\n## Load: {args.clients} concurrent clients over JSON-RPC, {args.workers} HTTP workers\n",
        (
            f"Each client created and progressed {args.orders} repair orders (create, confirm, start, finish); "
            f"{sum(len(c.timings['action_repair_end']) for c in clients)} orders done in {elapsed:.0f} s "
            f"({len(every) / elapsed:.1f} calls a second), {len(errors)} errors.\n"
        ),
        "| call | calls | p50 | p95 |",
        "|---|---:|---:|---:|",
    ]
    for step in STEPS:
        values = [t for client in clients for t in client.timings[step]]
        p50, p95 = _percentile(values, 0.5) * 1000, _percentile(values, 0.95) * 1000
        lines.append(f"| {step} | {len(values)} | {p50:,.0f} ms | {p95:,.0f} ms |")
    p50, p95 = statistics.median(every) * 1000, _percentile(every, 0.95) * 1000
    lines.append(f"| all | {len(every)} | {p50:,.0f} ms | {p95:,.0f} ms |")
    if errors:
        lines.append("\nErrors: " + "; ".join(sorted(set(errors))[:10]))
    text = "\n".join(lines) + "\n"
    print(text)
    if args.out:
        with open(args.out, "a", encoding="utf-8") as out:
            out.write(text)
    if errors or done < args.orders:
        sys.exit(1)


if __name__ == "__main__":
    main(sys.argv[1:])
