"""The KPI engine against figures checked by hand (the domain reference's worked example),
consolidation of stores, refusals and pinned query counts."""

import datetime
import json

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged

from odoo.addons.dealer_aftersales.tests.test_inventory import DealerInventoryCase
from odoo.addons.dealer_kpi.models.dealer_kpi_engine import KPI_PARTS, KPI_SOURCES

SERVICE_FAMILIES = {"repair", "workshop", "accounts", "appointments", "csi", "retention"}

D = datetime.date


@tagged("post_install", "-at_install", "is_query_count")
class TestKpiEngine(DealerInventoryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Engine = cls.env["dealer.kpi.engine"]

    def test_worked_turnover_example(self):
        """7 days, issues 0,2,4,0,1,4,4, closing stock 11,12,10,11,10,8,5: 156.7 %, 4.467 days."""
        part = self._part("示例配件", cost=1.0)
        self._receive(part, 11, 1.0, D(2026, 2, 20))
        for offset, (received, issued) in enumerate(zip([0, 3, 2, 1, 0, 2, 1], [0, 2, 4, 0, 1, 4, 4], strict=True)):
            day = D(2026, 3, 1) + datetime.timedelta(days=offset)
            if received:
                self._receive(part, received, 1.0, day, hour=9)
            if issued:
                self._issue(part, issued, day, hour=15)
        codes = ["parts_outflow_cost", "parts_avg_inventory_cost", "parts_turnover_rate", "parts_turnover_days"]
        values = self.Engine.compute(codes, "2026-03-01", "2026-03-07", self.store.ids)
        store = self.store.id
        self.assertEqual(values["parts_outflow_cost"][store], 15.0)
        self.assertAlmostEqual(values["parts_avg_inventory_cost"][store], 67 / 7, places=6)
        self.assertEqual(round(values["parts_turnover_rate"][store], 1), 156.7)
        self.assertEqual(round(values["parts_turnover_days"][False], 3), 4.467)

    def test_group_is_the_ratio_of_the_sums(self):
        """Fill rate: store A 1 of 2 requests from stock (50 %), store B 3 of 3 (100 %): the group
        is 4 of 5 = 80 %, not the mean of 75 %."""
        other = self.env["res.company"].create({"name": "佛山测试丰田 4S 店"})
        self.env.user.company_ids |= other
        part = self._part("机油滤清器")
        today = fields.Date.context_today(self.Engine)
        Request = self.env["dealer.part.request"].sudo()
        for company, served in ((self.store, [True, False]), (other, [True, True, True])):
            Request.create(
                [
                    {
                        "company_id": company.id,
                        "product_id": part.id,
                        "quantity": 1,
                        "from_stock": ok,
                        "outcome": "stock" if ok else "ordered",
                        "request_date": today,
                    }
                    for ok in served
                ]
            )
        values = self.Engine.compute(["parts_fill_rate"], today, today, (self.store | other).ids)["parts_fill_rate"]
        self.assertEqual((values[self.store.id], values[other.id], values[False]), (50.0, 100.0, 80.0))

    def test_refusals(self):
        with self.assertRaisesRegex(UserError, "does not compute no_such_kpi"):
            self.Engine.compute(["parts_fill_rate", "no_such_kpi"], "2026-03-01", "2026-03-31", self.store.ids)
        with self.assertRaisesRegex(UserError, "start date on or before its end date"):
            self.Engine.compute(["parts_fill_rate"], "2026-03-31", "2026-03-01", self.store.ids)
        manager = new_test_user(
            self.env,
            login="kpi_mgr",
            groups="dealer_aftersales.dealer_aftersales_group_manager",
            company_id=self.store.id,
            company_ids=[Command.set(self.store.ids)],
        )
        main = self.env.ref("base.main_company")
        with self.assertRaises(AccessError):
            self.Engine.with_user(manager).compute(["parts_fill_rate"], "2026-03-01", "2026-03-31", main.ids)
        values = self.Engine.with_user(manager).compute(["parts_fill_rate"], "2026-03-01", "2026-03-31")
        self.assertEqual(set(values["parts_fill_rate"]), {self.store.id, False})

    def test_query_count_does_not_grow_with_the_data(self):
        codes = self.Engine.available_codes()
        today = fields.Date.context_today(self.Engine)
        start = today - datetime.timedelta(days=29)
        self.Engine.compute(codes, start, today, self.store.ids)
        with self.assertQueryCount(19):  # JIT off and 18 statements
            self.Engine.compute(codes, start, today, self.store.ids)
        for index in range(6):
            part = self._part(f"配件 {index}")
            self._receive(part, 5, 10.0, today - datetime.timedelta(days=100 + index))
            self._issue(part, 2, today - datetime.timedelta(days=index + 1))
        self.Engine.compute(codes, start, today, self.store.ids)
        with self.assertQueryCount(19):  # JIT off and 18 statements
            values = self.Engine.compute(codes, start, today, self.store.ids)
        self.assertEqual(values["parts_outflow_cost"][self.store.id], 6 * 2 * 10.0)
        self.assertEqual(values["parts_stagnant_rate_amount"][self.store.id], 100.0)
        # Nor with the number of stores: the group of three costs what one store costs.
        others = self.env["res.company"].create([{"name": "查询计数乙店"}, {"name": "查询计数丙店"}])
        stores = self.store | others
        self.env.user.company_ids |= others
        self.Engine.compute(codes, start, today, stores.ids)
        with self.assertQueryCount(19):
            values = self.Engine.compute(codes, start, today, stores.ids)
        self.assertEqual(values["parts_outflow_cost"][False], 6 * 2 * 10.0)


@tagged("post_install", "-at_install")
class TestKpiEngineRpc(HttpCase):
    def test_over_xmlrpc_and_jsonrpc(self):
        """XML-RPC (compute_rows: string keys, no None) and JSON-RPC (compute) give the same figures."""
        company = self.env.company
        expected = self.env["dealer.kpi.engine"].compute(
            ["parts_fill_rate", "ro_count"], "2026-10-01", "2026-10-31", company.ids
        )
        rows = self.xmlrpc_object.execute(
            self.env.cr.dbname,
            self.env.ref("base.user_admin").id,
            "admin",
            "dealer.kpi.engine",
            "compute_rows",
            ["parts_fill_rate", "ro_count"],
            "2026-10-01",
            "2026-10-31",
            company.ids,
        )
        self.assertEqual(len(rows), 4)
        for row in rows:
            value = expected[row["code"]][row["company_id"]]
            self.assertEqual(row["has_value"], value is not None)
            self.assertEqual(row["value"], value if value is not None else False)
        self.authenticate("admin", "admin")
        response = self.url_open(
            "/web/dataset/call_kw/dealer.kpi.engine/compute",
            data=json.dumps(
                {
                    "params": {
                        "model": "dealer.kpi.engine",
                        "method": "compute",
                        "args": [["parts_fill_rate"], "2026-10-01", "2026-10-31", company.ids],
                        "kwargs": {},
                    }
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        result = response.json()["result"]["parts_fill_rate"]
        self.assertEqual(result[str(company.id)], expected["parts_fill_rate"][company.id])


@tagged("post_install", "-at_install")
class TestKpiEngineSources(TransactionCase):
    """The engine reads each KPI of sections 1, 2 and 6 from the analysis that computes it (those
    analyses have their hand-checked tests in dealer_aftersales), and the numerator and
    denominator it keeps for every ratio KPI give back its value; on the demo store's last
    closed month, so that the figures are not all empty."""

    def setUp(self):
        super().setUp()
        self.Engine = self.env["dealer.kpi.engine"]
        self.store = self.env.ref("base.main_company")
        today = fields.Date.context_today(self.Engine)
        self.date_to = today.replace(day=1) - datetime.timedelta(days=1)
        self.date_from = self.date_to.replace(day=1)

    def test_sections_1_2_6_come_from_their_analyses(self):
        store, date_from, date_to = self.store, self.date_from, self.date_to
        codes = [code for code in self.Engine.available_codes() if KPI_SOURCES[code][0] not in SERVICE_FAMILIES]
        values = {
            code: by_store[store.id]
            for code, by_store in self.Engine.compute(codes, date_from, date_to, store.ids).items()
        }
        Analysis = self.env["dealer.inventory.analysis"]
        Policy = self.env["dealer.insurance.policy"]
        turnover = Analysis.turnover(date_from, date_to, store)[store.id]
        stagnant = Analysis.stagnant_rates(date_to, store)[store.id]
        referrals = Policy.insurer_referrals(date_from, date_to, store).values()
        aging = self.env["dealer.receivable.analysis"].aging(date_to, store)[store.id]
        expected = {
            "parts_outflow_cost": turnover["outflow_cost"],
            "parts_avg_inventory_cost": turnover["avg_inventory_cost"],
            "parts_turnover_rate": turnover["turnover_rate"],
            "parts_turnover_days": turnover["turnover_days"],
            "parts_stagnant_rate_amount": stagnant["rate_amount"],
            "parts_stagnant_rate_qty": stagnant["rate_qty"],
            "parts_fill_rate": Analysis.fill_rate(date_from, date_to, store)[store.id]["rate"],
            "vehicle_turnover_coefficient": Analysis.vehicle_turnover(date_from, date_to, store)[store.id][
                "coefficient"
            ],
            "vehicle_overaged_ratio": Analysis.vehicle_stock(date_to, store)[store.id]["ratio"],
            "insurance_renewal_rate": Policy.renewal_rate(date_from, date_to, store)[store.id]["rate"],
            "accident_referral_ratio": sum(r["revenue"] for r in referrals) / sum(r["premium"] for r in referrals)
            if sum(r["premium"] for r in referrals)
            else None,
            "ar_bad_debt": aging["bad"] + aging["dead"],
            "ar_dead_debt": aging["dead"],
        }
        self.assertEqual(set(expected), set(codes))
        self.assertEqual(values, expected)
        # The demo store has a figure for each of them.
        self.assertFalse([code for code, value in values.items() if value is None])

    def test_parts_give_back_the_value(self):
        parts = self.Engine._compute_parts(self.Engine.available_codes(), self.date_from, self.date_to, self.store.ids)
        with_value = 0
        for code, (_numerator, _denominator, scale) in KPI_PARTS.items():
            for figures in parts[code].values():
                if figures["value"] is None:
                    self.assertFalse(figures["denominator"], code)
                    continue
                with_value += 1
                self.assertAlmostEqual(figures["numerator"] / figures["denominator"] * scale, figures["value"], 6, code)
        self.assertGreaterEqual(with_value, len(KPI_PARTS))
