"""The first month after go-live, in figures worked out by hand: a small pack of opening data
(parts with their receipt dates, customers and their service history, open receivables) is
imported, the store then works thirty days (a maintenance job of a returning customer uses
parts, a counter sale, an insurer pays part of its invoice), and the after-sales analyses the
KPI engine reads (dealer_aftersales' ``dealer.inventory.analysis``, ``dealer.parts.aging.report``,
``dealer.parts.turnover.report``, ``dealer.receivable.analysis``) give the hand figures on the
go-live day and at the end of the month. dealer_kpi is not a dependency of dealer_golive: the
tests read the analyses its engine calls for the stock and receivables KPIs, and for the customer
base the vehicles' last visits and predicted due dates its churn is computed from.

Dates are relative to the store's today (Beijing time): go-live ``G`` is 40 days ago and the
first month is the 30 days ``[G, G + 29]``, so the figures are the same on any day the tests
run, whatever the length of the calendar months around it.
"""

import datetime

import pytz
from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.tests import tagged

from odoo.addons.dealer_aftersales.tests.common import make_vin

from .common import GoliveCase, workbook
from .test_golive_import import CUSTOMERS, HISTORY, PARTS, RECEIVABLES

FIRST_MONTH_DAYS = 30


@tagged("post_install", "-at_install")
class TestGoliveFirstMonth(GoliveCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tz = pytz.timezone(cls.store._dealer_tz())
        today = fields.Date.context_today(cls.store.with_context(tz=cls.tz.zone))
        cls.golive = today - datetime.timedelta(days=40)
        cls.month_end = cls.golive + datetime.timedelta(days=FIRST_MONTH_DAYS - 1)
        cls.vins = {
            name: make_vin(serial)
            for name, serial in (("chen", 731001), ("huang", 731002), ("taxi", 731003), ("li", 731004))
        }
        cls.job = cls._import_pack()
        cls.parts = {
            product.default_code: product
            for product in cls.env["product.product"].search([("default_code", "like", "FS-90")])
        }
        cls.vehicles = {name: cls.env["dealer.vehicle"].search([("vin", "=", vin)]) for name, vin in cls.vins.items()}
        cls._first_month()

    # ------------------------------------------------------------------ the pack and the month

    @classmethod
    def _day(cls, days):
        """Go-live plus ``days`` (negative: before go-live)."""
        return cls.golive + datetime.timedelta(days=days)

    @classmethod
    def _at(cls, days, hour):
        """``hour`` o'clock in the store on day ``G + days``, as the naive UTC datetime Odoo stores."""
        local = cls.tz.localize(datetime.datetime.combine(cls._day(days), datetime.time(hour)))
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    @classmethod
    def _import_pack(cls):
        """The old system's pack, every date counted back from go-live G.

        Parts (all in 佛山配件), one row per receipt still in stock:
            FS-9001 oil filter     8 × 38  =   304   received G - 100
            FS-9001 oil filter    20 × 40  =   800   received G - 10
            FS-9002 air filter    10 × 60  =   600   received G - 45
            FS-9003 spark plug     3 × 50  =   150   received G - 200
            FS-9004 wiper blade    2 × 120 =   240   received G - 400
                                            2 094 元 of stock
        Customers and their last visits (the brand's interval: 6 months, no odometer figures,
        so every due date is on time): 陈志明 G - 400 and G - 200; 黄丽 G - 170; the taxi
        company G - 60 (an accident repair paid by the insurer); 李强 G - 420 only.
        Open receivables, 10 600 元:
            YS-2001 taxi company   3 000  invoiced G - 20,  due G + 10
            YS-2002 insurer        5 000  invoiced G - 75,  due G - 45
            YS-2003 manufacturer     800  invoiced G - 130, due G - 100
            YS-2004 陈志明         1 200  invoiced G - 280, due G - 250
            YS-2005 李强             600  invoiced G - 430, due G - 400
        """
        ago = cls._day
        vins = cls.vins
        data = workbook(
            {
                "配件库存": [
                    PARTS,
                    ("FS-9001", "机油滤清器", "佛山配件", "", 8, 38, ago(-100).isoformat()),
                    ("FS-9001", "机油滤清器", "佛山配件", "", 20, 40, ago(-10).isoformat()),
                    ("FS-9002", "空气滤清器", "佛山配件", "", 10, 60, ago(-45).isoformat()),
                    ("FS-9003", "火花塞", "佛山配件", "", 3, 50, ago(-200).isoformat()),
                    ("FS-9004", "雨刮片", "佛山配件", "", 2, 120, ago(-400).isoformat()),
                ],
                "客户车辆": [
                    CUSTOMERS,
                    ("陈志明", "13926081234", vins["chen"], "粤E·C1001", "佛山丰田", "凯美瑞", 2022, "", "", "", ""),
                    ("黄丽", "13660001111", vins["huang"], "粤E·C1002", "佛山丰田", "凯美瑞", 2023, "", "", "", ""),
                    (
                        "佛山顺风出租车公司",
                        "0757-82221234",
                        vins["taxi"],
                        "粤E·T1003",
                        "佛山丰田",
                        "凯美瑞",
                        2021,
                        "",
                        "",
                        "",
                        "",
                    ),
                    ("李强", "13900139000", vins["li"], "粤E·C1004", "佛山丰田", "凯美瑞", 2019, "", "", "", ""),
                ],
                "维修历史": [
                    HISTORY,
                    (vins["chen"], ago(-400).isoformat(), "", "保养", "WX-3001", "机油机滤", 680, "客户"),
                    (vins["chen"], ago(-200).isoformat(), "", "保养", "WX-3002", "机油机滤", 720, "客户"),
                    (vins["huang"], ago(-170).isoformat(), "", "保养", "WX-3003", "机油机滤", 650, "客户"),
                    (vins["taxi"], ago(-60).isoformat(), "", "事故", "WX-3004", "前保险杠钣喷", 5000, "保险"),
                    (vins["li"], ago(-420).isoformat(), "", "保养", "WX-3005", "机油机滤", 600, "客户"),
                ],
                "期初应收": [
                    RECEIVABLES,
                    ("客户", "佛山顺风出租车公司", "0757-82221234", "YS-2001", ago(-20), ago(10), 3000),
                    ("保险公司", "中国平安财产保险股份有限公司佛山分公司", "", "YS-2002", ago(-75), ago(-45), 5000),
                    ("厂家", "佛山丰田", "", "YS-2003", ago(-130), ago(-100), 800),
                    ("客户", "陈志明", "13926081234", "YS-2004", ago(-280), ago(-250), 1200),
                    ("客户", "李强", "13900139000", "YS-2005", ago(-430), ago(-400), 600),
                ],
            }
        )
        # GoliveCase._job reads only class attributes: called on the class, for the whole class.
        job = cls._job(cls, data, control_parts_value=2094, control_receivable_amount=10600)
        job.action_check()
        job.action_import()
        return job

    @classmethod
    def _first_month(cls):
        """The store's first thirty days in Odoo.

        G + 9: 黄丽 comes back for her maintenance (checked in at 09:30): 10 oil filters and 1 air
        filter, the job done at 11:00. G + 14: the insurer pays 3 000 of its 5 000. G + 19: a
        wiper blade sold over the counter at 15:00."""
        stock = cls.warehouse.lot_stock_id
        cls.parts["FS-9001"].lst_price = 80
        cls.parts["FS-9002"].lst_price = 120
        cls.repair = cls.env["repair.order"].create(
            {
                "vehicle_id": cls.vehicles["huang"].id,
                "service_type": "maintenance",
                "checkin_time": cls._at(9, 9) + datetime.timedelta(minutes=30),
                "mileage_in": 31000,
                "move_ids": [
                    Command.create(
                        {
                            "product_id": cls.parts[code].id,
                            "product_uom_qty": quantity,
                            "repair_line_type": "add",
                            "dealer_pay_type": "customer",
                        }
                    )
                    for code, quantity in (("FS-9001", 10), ("FS-9002", 1))
                ],
            }
        )
        cls.repair.action_validate()
        cls.repair.action_repair_start()
        cls.repair.action_repair_end()
        cls.repair.move_ids.filtered(lambda move: move.state == "done")._dealer_backdate(cls._at(9, 11))

        cls.bank = cls.env["account.journal"].search(
            [("company_id", "=", cls.store.id), ("type", "=", "bank")], limit=1
        )
        insurer_invoice = cls.job.entry_ids.filtered(lambda move: move.ref == "YS-2002")
        cls.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=insurer_invoice.ids
        ).create({"amount": 3000, "payment_date": cls._day(14), "journal_id": cls.bank.id})._create_payments()

        wiper = cls.parts["FS-9004"]
        sale = cls.env["stock.move"].create(
            {
                "name": "柜台销售",
                "product_id": wiper.id,
                "product_uom_qty": 1,
                "product_uom": wiper.uom_id.id,
                "location_id": stock.id,
                "location_dest_id": cls.env.ref("stock.stock_location_customers").id,
                "company_id": cls.store.id,
            }
        )
        sale._action_confirm()
        sale._action_assign()
        sale.quantity = 1
        sale.picked = True
        sale._action_done()
        sale._dealer_backdate(cls._at(19, 15))
        cls.sale = sale

    # ------------------------------------------------------------------ readers

    def _buckets(self, date):
        """{bucket: (quantity, value)} of the parts aging report at the end of ``date``."""
        report = (
            self.env["dealer.parts.aging.report"]
            .with_user(self.manager)
            .with_context(dealer_company_ids=[self.store.id], dealer_date=fields.Date.to_string(date))
        )
        return {
            bucket.display_name: (quantity, value)
            for bucket, quantity, value in report._read_group([], ["bucket_id"], ["quantity:sum", "value:sum"])
        }

    def _stagnant(self, date):
        rates = self.env["dealer.inventory.analysis"].with_user(self.manager).stagnant_rates(date, self.store)
        figures = rates[self.store.id]
        return (
            figures["value"],
            figures["stagnant_value"],
            round(figures["rate_amount"], 2),
            figures["stagnant_qty"],
            figures["stagnant_received"],
            round(figures["rate_qty"], 2),
        )

    def _aging(self, date):
        aging = self.env["dealer.receivable.analysis"].with_user(self.manager).aging(date, self.store)
        return {bucket: amount for bucket, amount in aging[self.store.id].items() if amount}

    # ------------------------------------------------------------------ the tests

    def test_pack_imported(self):
        """The pack is imported whole: 5 receipts worth 2 094 元, 4 vehicles, 5 visits, 5 open
        invoices worth 10 600 元; the month's parts came out of stock as FIFO issues them."""
        self.assertEqual(self.job.state, "done", self._problems(self.job))
        self.assertEqual(
            {kind: figures["created"] for kind, figures in self.job.summary.items()},
            {"parts": 5, "customers": 4, "history": 5, "receivables": 5},
        )
        self.assertEqual(self.store.dealer_stagnant_days, 90)
        self.assertEqual(self.repair.state, "done")
        # FIFO: the 10 filters are the 8 of G - 100 at 38 and 2 of G - 10 at 40: 304 + 80 = 384;
        # the air filter 60; the wiper the one of G - 400 at 120.
        issued = {
            move.product_id.default_code: -sum(move.stock_valuation_layer_ids.mapped("value"))
            for move in self.repair.move_ids | self.sale
        }
        self.assertEqual(issued, {"FS-9001": 384.0, "FS-9002": 60.0, "FS-9004": 120.0})

    def test_go_live_day(self):
        """On go-live day G, before anything of the month: aging buckets, stagnant rates and the
        receivables aging of the pack alone."""
        # Ages at G: 10 days (800) -> 0-30; 45 (600) -> 31-60; 100 (304) -> 91-180;
        # 200 (150) -> 181-365; 400 (240) -> over 365. Nothing in 61-90.
        self.assertEqual(
            self._buckets(self.golive),
            {
                "0–30 days": (20.0, 800.0),
                "31–60 days": (10.0, 600.0),
                "91–180 days": (8.0, 304.0),
                "181–365 days": (3.0, 150.0),
                "Over 365 days": (2.0, 240.0),
            },
        )
        # Stagnant = received more than 90 days before: 304 + 150 + 240 = 694 of 2 094 元 → 33.14 %;
        # by quantity the 8 + 3 + 2 = 13 received by those receipts are all still there → 100 %.
        self.assertEqual(self._stagnant(self.golive), (2094.0, 694.0, 33.14, 13.0, 13.0, 100.0))
        # Receivables at G: YS-2001 due in 10 days → not due 3 000; YS-2002 45 days overdue → 31-90
        # 5 000; YS-2003 100 days → 91-180 800; YS-2004 250 days (6 to 12 months) → bad 1 200;
        # YS-2005 400 days (over 12 months) → dead 600. Total 10 600; ar_bad_debt (over 6 months)
        # = 1 200 + 600 = 1 800, ar_dead_debt = 600.
        self.assertEqual(
            self._aging(self.golive),
            {"not_due": 3000.0, "31_90": 5000.0, "91_180": 800.0, "bad": 1200.0, "dead": 600.0, "total": 10600.0},
        )

    def test_first_month_stock(self):
        """At the end of the first month (G + 29): aging buckets and stagnant rates after the
        month's issues; turnover of the 30 days for the store and per part."""
        # Left at G + 29: FS-9001 18 of G - 10 (720, 39 days → 31-60) — its G - 100 receipt is
        # used up; FS-9002 9 of G - 45 (540, 74 days → 61-90); FS-9003 3 (150, 229 days →
        # 181-365); FS-9004 1 (120, 429 days → over 365). 720 + 540 + 150 + 120 = 1 530 元.
        self.assertEqual(
            self._buckets(self.month_end),
            {
                "31–60 days": (18.0, 720.0),
                "61–90 days": (9.0, 540.0),
                "181–365 days": (3.0, 150.0),
                "Over 365 days": (1.0, 120.0),
            },
        )
        # Stagnant: 150 + 120 = 270 of 1 530 元 → 17.65 %; by quantity, the receipts older than
        # 90 days with stock left (G - 200 and G - 400; G - 100 has none) hold 3 + 1 = 4 of the
        # 3 + 2 = 5 they received → 80 %.
        self.assertEqual(self._stagnant(self.month_end), (1530.0, 270.0, 17.65, 4.0, 5.0, 80.0))
        # Turnover over [G, G + 29], 30 days. Issued at cost 384 + 60 + 120 = 564 元.
        # End-of-day stock: 2 094 on G … G + 8 (9 days), 2 094 - 444 = 1 650 on G + 9 … G + 18
        # (10 days), 1 650 - 120 = 1 530 on G + 19 … G + 29 (11 days):
        # (9 × 2 094 + 10 × 1 650 + 11 × 1 530) / 30 = 52 176 / 30 = 1 739.20 元 on average.
        # Rate 564 / 1 739.20 = 32.43 %; days 30 / 0.3243 = 52 176 / 564 = 92.51.
        turnover = (
            self.env["dealer.inventory.analysis"]
            .with_user(self.manager)
            .turnover(self.golive, self.month_end, self.store)[self.store.id]
        )
        self.assertEqual(
            (
                turnover["outflow_cost"],
                turnover["outflow_qty"],
                round(turnover["avg_inventory_cost"], 2),
                round(turnover["turnover_rate"], 2),
                round(turnover["turnover_days"], 2),
                turnover["period_days"],
            ),
            (564.0, 12.0, 1739.2, 32.43, 92.51, 30),
        )
        # Per part, from the turnover report. FS-9001: opening 304 + 800 = 1 104, 384 out on G + 9
        # (21 of the 30 days): 1 104 - 384 × 21 / 30 = 835.20 average, 384 / 835.20 = 45.98 %.
        # FS-9003 never moved: 150 on average, nothing issued, 0 %.
        report = (
            self.env["dealer.parts.turnover.report"]
            .with_user(self.manager)
            .with_context(
                dealer_company_ids=[self.store.id],
                dealer_date_from=fields.Date.to_string(self.golive),
                dealer_date_to=fields.Date.to_string(self.month_end),
            )
        )
        per_part = {
            product.default_code: (outflow, round(average, 2), round(rate, 2))
            for product, outflow, average, rate in report._read_group(
                [], ["product_id"], ["outflow_cost:sum", "avg_value:sum", "turnover_rate:sum"]
            )
        }
        self.assertEqual(
            per_part,
            {
                "FS-9001": (384.0, 835.2, 45.98),
                # 600 - 60 × 21 / 30 = 558 average; 60 / 558 = 10.75 %.
                "FS-9002": (60.0, 558.0, 10.75),
                "FS-9003": (0.0, 150.0, 0.0),
                # 240 - 120 × 11 / 30 = 196 average; 120 / 196 = 61.22 %.
                "FS-9004": (120.0, 196.0, 61.22),
            },
        )

    def test_first_month_receivables(self):
        """The receivables aging the day before the insurer pays and at the end of the month."""
        # G + 13: nothing paid yet; YS-2001 is 3 days overdue now → 1-30; YS-2002 58 days → 31-90.
        self.assertEqual(
            self._aging(self._day(13)),
            {"1_30": 3000.0, "31_90": 5000.0, "91_180": 800.0, "bad": 1200.0, "dead": 600.0, "total": 10600.0},
        )
        # G + 29: YS-2001 19 days overdue → 1-30 3 000; YS-2002 5 000 - 3 000 paid = 2 000 left,
        # 74 days → 31-90; YS-2003 129 days → 91-180 800; YS-2004 279 days → bad 1 200; YS-2005
        # 429 days → dead 600. Total 10 600 - 3 000 = 7 600; ar_bad_debt 1 800, ar_dead_debt 600.
        self.assertEqual(
            self._aging(self.month_end),
            {"1_30": 3000.0, "31_90": 2000.0, "91_180": 800.0, "bad": 1200.0, "dead": 600.0, "total": 7600.0},
        )

    def test_first_month_customers(self):
        """Last visits and predicted due dates (what churn and return rates are computed from)
        at the end of the first month: the returning customer is due again in 6 months, the
        lapsed ones are overdue."""
        six_months = relativedelta(months=6)
        vehicles = self.vehicles
        # 陈志明: last visit G - 200, due 6 months later, about G - 17: overdue, no visit since.
        # 黄丽: imported last visit G - 170 (due about G + 13); came back on G + 9 → due G + 9 + 6 months.
        # Taxi: G - 60 → due about G + 122. 李强: G - 420 → due about G - 238.
        self.assertEqual(
            {name: (vehicle.last_service_date, vehicle.next_service_date) for name, vehicle in vehicles.items()},
            {
                "chen": (self._day(-200), self._day(-200) + six_months),
                "huang": (self._day(9), self._day(9) + six_months),
                "taxi": (self._day(-60), self._day(-60) + six_months),
                "li": (self._day(-420), self._day(-420) + six_months),
            },
        )
        self.assertEqual({vehicle.next_service_basis for vehicle in vehicles.values()}, {"time"})
        # Overdue at the end of the month (due before G + 29, no visit since): 陈志明 and 李强.
        overdue = self.env["dealer.vehicle"].search(
            [("company_id", "=", self.store.id), ("next_service_date", "<", self.month_end)]
        )
        self.assertEqual(overdue, vehicles["chen"] | vehicles["li"])
        # 黄丽's two visits: G - 170 in the old system's history, G + 9 a repair order of Odoo.
        self.assertEqual(vehicles["huang"].history_ids.mapped("date"), [self._day(-170)])
        self.assertEqual(vehicles["huang"].repair_ids, self.repair)
        # What dealer_kpi's retention KPIs make of it over [G, G + 29] (not a dependency of
        # dealer_golive, so not asserted here): base at G (a visit in the 12 months before) 陈志明,
        # 黄丽 and the taxi = 3 (李强's only visit is 14 months old); churned = due + 30 grace days
        # falling in the month: 陈志明 (about G + 13) = 1 → churn_rate 1 / 3 = 33.33 %; returned:
        # 黄丽 → return_rate 33.33 %; new customers 0; customer base at G + 29: 3.
