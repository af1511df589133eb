"""KPI reads are safe on a read-only replica: the engine, called on a read-only cursor (what
Odoo gives ``@api.readonly`` methods, on the replica when one is configured), computes every
KPI without writing anything, and the web client's JSON-RPC call is routed to such a cursor."""

from odoo import SUPERUSER_ID, api
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestKpiReplica(HttpCase):
    def test_engine_on_a_read_only_cursor(self):
        store = self.env.ref("base.main_company")
        month = self.env["dealer.kpi.snapshot"]._last_closed_month()
        with self.env.registry.cursor(readonly=True) as cr:
            self.assertTrue(cr.readonly)
            env = api.Environment(cr, SUPERUSER_ID, {"allowed_company_ids": store.ids})
            engine = env["dealer.kpi.engine"]
            # Any write here would raise "cannot execute ... in a read-only transaction".
            values = engine.compute(engine.available_codes(), *month, store.ids)
            cr.execute("SHOW transaction_read_only")
            self.assertEqual(cr.fetchone()[0], "on")
        self.assertEqual(set(values), set(self.env["dealer.kpi.engine"].available_codes()))
        self.assertGreater(values["ro_count"][store.id], 0, "the demo store's last month has orders")

    def test_json_rpc_call_is_read_only(self):
        self.assertTrue(getattr(type(self.env["dealer.kpi.engine"]).compute, "_readonly", False))
        self.assertTrue(getattr(type(self.env["dealer.kpi.engine"]).compute_rows, "_readonly", False))
        self.authenticate("admin", "admin")
        month = [str(day) for day in self.env["dealer.kpi.snapshot"]._last_closed_month()]
        values = self.make_jsonrpc_request(
            "/web/dataset/call_kw/dealer.kpi.engine/compute",
            {
                "model": "dealer.kpi.engine",
                "method": "compute",
                "args": [["ro_count", "revenue_total"], *month],
                "kwargs": {},
            },
        )
        self.assertGreater(values["ro_count"]["false"], 0)
