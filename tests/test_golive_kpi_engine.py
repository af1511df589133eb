"""The KPI engine on a store's first month after go-live: the pack of dealer_golive's
TestGoliveFirstMonth (opening parts, customers with their service history, open receivables,
then thirty days of work) read through ``dealer.kpi.engine`` the way the KPI report and the
snapshots call it, against the figures worked out by hand.

dealer_golive does not depend on dealer_kpi, so its own test stops at the analyses the engine
reads; this cross-addon test, on the database with every addon installed, asserts the engine's
stock, receivables and customer KPIs of the go-live store over the first month ``[G, G + 29]``
(``G`` is 40 days before today). The class reuses the pack and the month by subclassing, so the
first-month tests of dealer_golive run once more here, on the same data.
"""

from odoo.tests import tagged

# The module, not the class: a TestCase bound in this module's namespace is collected by pytest
# and would run a second time under its own name.
from odoo.addons.dealer_golive.tests import test_golive_kpis

STOCK = (
    "parts_outflow_cost",
    "parts_avg_inventory_cost",
    "parts_turnover_rate",
    "parts_turnover_days",
    "parts_stagnant_rate_amount",
    "parts_stagnant_rate_qty",
)
RECEIVABLES = ("ar_bad_debt", "ar_dead_debt")
CUSTOMERS = ("customer_base", "new_customers", "churned_customers", "churn_rate", "return_rate")


@tagged("post_install", "-at_install")
class TestGoliveKpiEngine(test_golive_kpis.TestGoliveFirstMonth):
    @property
    def Engine(self):
        # A manager of the store calls it, as from the KPI report (a role the engine checks).
        return self.env["dealer.kpi.engine"].with_user(self.manager)

    def _values(self, codes):
        """{code: value rounded to 2 decimals} of the store over the first month; the stores
        together (``False``) are the one store here, and must say the same."""
        values = self.Engine.compute(list(codes), self.golive, self.month_end, self.store.ids)
        for code in codes:
            self.assertEqual(set(values[code]), {self.store.id, False}, code)
            self.assertEqual(values[code][False], values[code][self.store.id], code)
        return {code: round(values[code][self.store.id], 2) for code in codes}

    def _parts(self, codes):
        """{code: (numerator, denominator)} the engine gives for the store's ratio KPIs."""
        rows = self.Engine.compute_rows(list(codes), self.golive, self.month_end, self.store.ids)
        return {
            row["code"]: (round(row["numerator"], 2), round(row["denominator"], 2))
            for row in rows
            if row["company_id"] == self.store.id
        }

    def _drill(self, code):
        return self.Engine.drilldown(code, self.golive, self.month_end, self.store.ids)

    def _drill_records(self, code):
        action = self._drill(code)
        return (
            self.env[action["res_model"]]
            .with_user(self.manager)
            .with_context(**action["context"])
            .search(action["domain"])
        )

    def test_engine_first_month_stock(self):
        """Turnover over [G, G + 29] and stagnant rates at G + 29."""
        self.assertEqual(
            self._values(STOCK),
            {
                # Issued at cost (FIFO): the 10 oil filters of the maintenance on G + 9, 8 × 38 +
                # 2 × 40 = 384, the air filter 60, the wiper sold on G + 19, 120: 564 元.
                "parts_outflow_cost": 564.0,
                # End-of-day stock: 2 094 on G … G + 8 (9 days), 2 094 - 444 = 1 650 on G + 9 …
                # G + 18 (10 days), 1 650 - 120 = 1 530 on G + 19 … G + 29 (11 days):
                # (9 × 2 094 + 10 × 1 650 + 11 × 1 530) / 30 = 52 176 / 30 = 1 739.20 元.
                "parts_avg_inventory_cost": 1739.2,
                # 564 / 1 739.20 = 32.43 %.
                "parts_turnover_rate": 32.43,
                # 30 days / 0.3243 = 30 × 1 739.20 / 564 = 52 176 / 564 = 92.51 days.
                "parts_turnover_days": 92.51,
                # On hand at G + 29: FS-9001 18 of G - 10 (720), FS-9002 9 of G - 45 (540),
                # FS-9003 3 of G - 200 (150), FS-9004 1 of G - 400 (120) = 1 530 元; received
                # more than 90 days before: 150 + 120 = 270 → 270 / 1 530 = 17.65 %.
                "parts_stagnant_rate_amount": 17.65,
                # The receipts older than 90 days with stock left (G - 200: 3 of 3; G - 400: 1 of
                # 2; G - 100 is used up): 4 on hand of 5 received → 80 %.
                "parts_stagnant_rate_qty": 80.0,
            },
        )
        # The parts of the ratios, as a snapshot keeps them.
        self.assertEqual(
            self._parts(STOCK[2:]),
            {
                "parts_turnover_rate": (564.0, 1739.2),
                "parts_turnover_days": (52176.0, 564.0),
                "parts_stagnant_rate_amount": (270.0, 1530.0),
                "parts_stagnant_rate_qty": (4.0, 5.0),
            },
        )
        # The stagnant parts behind the rate: the spark plugs and the wiper left.
        stagnant = self._drill_records("parts_stagnant_rate_amount")
        self.assertEqual(
            sorted((line.product_id.default_code, line.quantity, line.value) for line in stagnant),
            [("FS-9003", 3.0, 150.0), ("FS-9004", 1.0, 120.0)],
        )

    def test_engine_first_month_receivables(self):
        """Bad and dead debt at G + 29."""
        self.assertEqual(
            self._values(RECEIVABLES),
            {
                # Overdue more than 6 months at G + 29: YS-2004 (陈志明, due G - 250, 279 days)
                # 1 200 and YS-2005 (李强, due G - 400, 429 days) 600: 1 800. The insurer's
                # 2 000 left (74 days), YS-2003 (129 days) and YS-2001 (19 days) are younger.
                "ar_bad_debt": 1800.0,
                # Overdue more than 12 months: YS-2005, 600.
                "ar_dead_debt": 600.0,
            },
        )
        # The invoices behind them, in the receivables aging of G + 29.
        self.assertEqual(
            sorted((line.move_id.ref, line.bucket, line.residual) for line in self._drill_records("ar_bad_debt")),
            [("YS-2004", "bad", 1200.0), ("YS-2005", "dead", 600.0)],
        )
        self.assertEqual(self._drill_records("ar_dead_debt").move_id.mapped("ref"), ["YS-2005"])

    def test_engine_first_month_customers(self):
        """Customer base, new, churned, churn and return rates over [G, G + 29] (the store's
        defaults: a 12-month base window, 1 visit, 30 grace days; the brand's 6-month interval,
        no odometer figures, so every due date is the time one)."""
        self.assertEqual(
            self._values(CUSTOMERS),
            {
                # A visit in the 12 months before G + 29: 陈志明 (G - 200), 黄丽 (G - 170 and
                # G + 9), the taxi company (G - 60) = 3; 李强's only visit (G - 420) is too old.
                "customer_base": 3,
                # First visit ever in the month: nobody (黄丽 came back, she is not new).
                "new_customers": 0,
                # In the base at G (a visit in the 12 months before: the same 3) and due + 30
                # grace days within [G, G + 29]: 陈志明, G - 200 + 6 months ≈ G - 17, + 30 ≈
                # G + 13. 黄丽 is due again 6 months after G + 9, the taxi ≈ G + 122 + 30.
                "churned_customers": 1,
                # 1 / 3 = 33.33 %.
                "churn_rate": 33.33,
                # Of the 3 in the base at G, 黄丽 visited in the month: 1 / 3 = 33.33 %.
                "return_rate": 33.33,
            },
        )
        self.assertEqual(self._parts(("churn_rate", "return_rate")), {"churn_rate": (1, 3), "return_rate": (1, 3)})
        # The vehicles behind them.
        vehicles = self.vehicles
        self.assertEqual(self._drill_records("customer_base"), vehicles["chen"] | vehicles["huang"] | vehicles["taxi"])
        self.assertFalse(self._drill_records("new_customers"))
        self.assertEqual(self._drill_records("churned_customers"), vehicles["chen"])
        # The return rate lists the base vehicles that did not come back.
        self.assertEqual(self._drill_records("return_rate"), vehicles["chen"] | vehicles["taxi"])
