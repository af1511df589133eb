"""Parts and vehicle inventory: aging, stagnant stock, turnover, fill rate, ABC, EOQ, vehicles.

Every figure is checked against a value worked out by hand in the comments. The
tests run in a store of their own (a company with its own warehouse) so the demo
store's history does not mix in; the store counts its days in Beijing time.
"""

import datetime
import io
import math

import openpyxl

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged

from .common import make_vin

D = datetime.date


@tagged("post_install", "-at_install")
class DealerInventoryCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US", tracking_disable=True))
        calendar = cls.env["resource.calendar"].create({"name": "广州店工作时间", "tz": "Asia/Shanghai"})
        cls.store = cls.env["res.company"].create({"name": "广州测试丰田 4S 店", "resource_calendar_id": calendar.id})
        calendar.company_id = cls.store
        cls.env.user.company_ids |= cls.store
        cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=[cls.store.id]))
        cls.warehouse = cls.env["stock.warehouse"].search([("company_id", "=", cls.store.id)], limit=1)
        cls.stock = cls.warehouse.lot_stock_id
        cls.supplier = cls.env.ref("stock.stock_location_suppliers")
        cls.customer = cls.env.ref("stock.stock_location_customers")
        cls.production = cls.env["stock.location"].search(
            [("usage", "=", "production"), ("company_id", "=", cls.store.id)], limit=1
        )
        cls.category = cls.env["product.category"].create({"name": "测试配件"})
        cls.category.with_company(cls.store).write(
            {"property_cost_method": "fifo", "property_valuation": "manual_periodic"}
        )
        cls.vehicle_category = cls.env["product.category"].create({"name": "测试整车", "dealer_vehicle": True})
        cls.vehicle_category.with_company(cls.store).write({"property_cost_method": "fifo"})
        cls.Analysis = cls.env["dealer.inventory.analysis"]

    @classmethod
    def _part(cls, name, cost=10.0, **values):
        return (
            cls.env["product.product"]
            .with_company(cls.store)
            .create({"name": name, "is_storable": True, "categ_id": cls.category.id, "standard_price": cost, **values})
        )

    @classmethod
    def _at(cls, day, hour=10):
        """``hour`` o'clock in Beijing on ``day``, in UTC."""
        return datetime.datetime.combine(day, datetime.time(hour)) - datetime.timedelta(hours=8)

    @classmethod
    def _move(cls, product, quantity, source, destination, day, price=0.0, hour=10):
        move = cls.env["stock.move"].create(
            {
                "name": product.name,
                "product_id": product.id,
                "product_uom_qty": quantity,
                "product_uom": product.uom_id.id,
                "location_id": source.id,
                "location_dest_id": destination.id,
                "price_unit": price,
                "company_id": cls.store.id,
            }
        )
        move._action_confirm()
        move._action_assign()
        move.quantity = quantity
        move.picked = True
        move._action_done()
        move._dealer_backdate(cls._at(day, hour))
        return move

    @classmethod
    def _receive(cls, product, quantity, cost, day, hour=10):
        return cls._move(product, quantity, cls.supplier, cls.stock, day, price=cost, hour=hour)

    @classmethod
    def _issue(cls, product, quantity, day, destination=None, hour=10):
        return cls._move(product, quantity, cls.stock, destination or cls.production, day, hour=hour)


class TestTurnover(DealerInventoryCase):
    def test_worked_example(self):
        """The domain reference's example: 7 days, issues 0,2,4,0,1,4,4 (15), closing stock
        11,12,10,11,10,8,5 (mean 67/7 = 9.571): rate 15/9.571 = 156.7 %, 7/1.567 = 4.467 days.
        At 1 元 a unit the values are the quantities."""
        part = self._part("示例配件", cost=1.0)
        self._receive(part, 11, 1.0, D(2026, 2, 20))
        receipts = [0, 3, 2, 1, 0, 2, 1]
        issues = [0, 2, 4, 0, 1, 4, 4]
        for offset, (received, issued) in enumerate(zip(receipts, issues, strict=True)):
            day = D(2026, 3, 1) + datetime.timedelta(days=offset)
            if received:
                self._receive(part, received, 1.0, day, hour=9)
            if issued:
                self._issue(part, issued, day, hour=15)
        figures = self.Analysis.turnover(D(2026, 3, 1), D(2026, 3, 7), self.store)
        for key in (self.store.id, False):
            self.assertEqual(figures[key]["outflow_cost"], 15.0)
            self.assertAlmostEqual(figures[key]["avg_inventory_cost"], 67 / 7, places=6)
            self.assertEqual(round(figures[key]["turnover_rate"], 1), 156.7)
            self.assertEqual(round(figures[key]["turnover_days"], 3), 4.467)
        by_product = self.Analysis.turnover(D(2026, 3, 1), D(2026, 3, 7), self.store, groupby="product")
        self.assertEqual(round(by_product[self.store.id, part.id]["turnover_days"], 3), 4.467)
        by_category = self.Analysis.turnover(D(2026, 3, 1), D(2026, 3, 7), self.store, groupby="category")
        self.assertEqual(round(by_category[self.store.id, self.category.id]["turnover_rate"], 1), 156.7)

        # The analysis screen gives the same figures, also for a group of parts (ratio of the sums).
        report = self.env["dealer.parts.turnover.report"].with_context(
            dealer_date_from="2026-03-01", dealer_date_to="2026-03-07", dealer_company_ids=[self.store.id]
        )
        [(outflow, average, rate, days)] = report._read_group(
            [], [], ["outflow_cost:sum", "avg_value:sum", "turnover_rate:sum", "turnover_days:sum"]
        )
        self.assertEqual((outflow, round(average, 3), round(rate, 1), round(days, 3)), (15.0, 9.571, 156.7, 4.467))

    def test_times_days_and_period(self):
        """April 2026 (30 days). Brake pads at 10 元: 20 on hand from March (200), 6 issued on
        11 April: closing 200 for 10 days, 140 for 20, mean (2 000 + 2 800) / 30 = 160; 60 issued:
        60 / 160 = 0.375 times in the period, 0.375 × 365 / 30 = 4.5625 times a year (37.5 %),
        30 / 0.375 = 80 days. Wiper blades at 5 元: 10 on hand (50), none issued. Both parts:
        60 / 210 = 0.2857 times, × 365 / 30 = 3.476 a year, 30 × 210 / 60 = 105 days."""
        pads = self._part("刹车片", cost=10.0)
        wipers = self._part("雨刮片", cost=5.0)
        self._receive(pads, 20, 10.0, D(2026, 3, 1))
        self._receive(wipers, 10, 5.0, D(2026, 3, 1))
        self._issue(pads, 6, D(2026, 4, 11), hour=15)
        report = self.env["dealer.parts.turnover.report"].with_context(
            dealer_date_from="2026-04-01", dealer_date_to="2026-04-30", dealer_company_ids=[self.store.id]
        )
        line = report.search([("product_id", "=", pads.id)])
        self.assertEqual((line.outflow_cost, line.avg_value, line.period_days), (60.0, 160.0, 30))
        self.assertAlmostEqual(line.turnover_times, 0.375, places=6)
        self.assertAlmostEqual(line.turnover_times_year, 4.5625, places=6)
        self.assertAlmostEqual(line.turnover_rate, 37.5, places=6)
        self.assertAlmostEqual(line.turnover_days, 80.0, places=6)
        self.assertEqual((line.date_from, line.date_to), (D(2026, 4, 1), D(2026, 4, 30)))
        self.assertEqual(line.period, "2026-04-01 – 2026-04-30")
        idle = report.search([("product_id", "=", wipers.id)])
        self.assertEqual((idle.avg_value, idle.turnover_times, idle.turnover_times_year), (50.0, 0.0, 0.0))
        # The pivot's column is the period; a group is the ratio of its sums.
        aggregates = ["turnover_times:sum", "turnover_times_year:sum", "turnover_days:sum", "turnover_rate:sum"]
        [(period, times, year, days, rate)] = report._read_group([], ["period"], aggregates)
        self.assertEqual(period, "2026-04-01 – 2026-04-30")
        self.assertEqual((round(times, 4), round(year, 3), round(days, 6)), (0.2857, 3.476, 105.0))
        self.assertEqual(round(rate, 2), 28.57)
        # The KPI stays a percentage: parts_turnover_rate of the domain reference.
        kpi = self.Analysis.turnover(D(2026, 4, 1), D(2026, 4, 30), self.store, groupby="product")
        self.assertAlmostEqual(kpi[self.store.id, pads.id]["turnover_rate"], 37.5, places=6)
        self.assertAlmostEqual(kpi[self.store.id, pads.id]["turnover_days"], 80.0, places=6)

    def test_wizard_says_parts_turnover(self):
        """The wizard's button is the parts' turnover (周转), not turnover as in revenue."""
        arch = self.env["dealer.inventory.report.wizard"].get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="action_open_turnover" type="object" string="Parts Turnover"', arch)
        wizard = self.env["dealer.inventory.report.wizard"].create(
            {"date_from": D(2026, 4, 1), "date_to": D(2026, 4, 30), "company_ids": [Command.set(self.store.ids)]}
        )
        action = wizard.action_open_turnover()
        self.assertEqual(action["name"], "Parts Turnover 2026-04-01 – 2026-04-30")

    def test_store_day_and_returns(self):
        """An issue at 23:00 Beijing time on 31 March belongs to March (15:00 UTC), one at midnight
        starting 2 April to April (16:00 UTC on the 1st); a part the customer brings back reduces
        what was issued."""
        part = self._part("机油滤清器", cost=40.0)
        self._receive(part, 10, 40.0, D(2026, 3, 1))
        self._issue(part, 2, D(2026, 3, 31), hour=23)
        self._issue(part, 3, D(2026, 4, 2), hour=0)
        self._move(part, 1, self.customer, self.stock, D(2026, 3, 31), price=40.0, hour=11)
        march = self.Analysis.turnover(D(2026, 3, 1), D(2026, 3, 31), self.store)[self.store.id]
        self.assertEqual(march["outflow_cost"], 40.0)  # 2 issued, 1 returned, at 40
        self.assertEqual(march["outflow_qty"], 1.0)
        april = self.Analysis.turnover(D(2026, 4, 1), D(2026, 4, 30), self.store)[self.store.id]
        self.assertEqual(april["outflow_cost"], 120.0)

    def test_bad_period(self):
        with self.assertRaisesRegex(UserError, "start date on or before its end date"):
            self.Analysis.turnover(D(2026, 4, 2), D(2026, 4, 1), self.store)


@tagged("post_install", "-at_install", "is_query_count")
class TestAging(DealerInventoryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.Analysis)

        def ago(days):
            return cls.today - datetime.timedelta(days=days)

        cls.ago = staticmethod(ago)
        # Receipts R1 10 @ 10 (400 days ago), R2 5 @ 12 (100), R3 8 @ 11 (45), R4 4 @ 13 (10);
        # issues 6 (300 days ago) and 7 (50). First in, first out: the 6 and 4 of the 7 empty R1,
        # 3 come from R2: on hand 2 of R2, 8 of R3, 4 of R4 = 14 units, 24 + 88 + 52 = 164 元.
        cls.part = cls._part("前刹车片", cost=10.0)
        cls.layers = [
            cls._receive(cls.part, 10, 10.0, ago(400)),
            cls._issue(cls.part, 6, ago(300)),
            cls._receive(cls.part, 5, 12.0, ago(100)),
            cls._issue(cls.part, 7, ago(50)),
            cls._receive(cls.part, 8, 11.0, ago(45)),
            cls._receive(cls.part, 4, 13.0, ago(10)),
        ]
        cls.Report = cls.env["dealer.parts.aging.report"].with_context(dealer_company_ids=[cls.store.id])

    def _buckets(self, date=None):
        report = self.Report.with_context(dealer_date=fields.Date.to_string(date or self.today))
        return {
            bucket.display_name: (quantity, value)
            for bucket, quantity, value in report._read_group([], ["bucket_id"], ["quantity:sum", "value:sum"])
        }

    def test_buckets_today(self):
        self.assertEqual(
            self._buckets(), {"0–30 days": (4.0, 52.0), "31–60 days": (8.0, 88.0), "91–180 days": (2.0, 24.0)}
        )
        # What is left of each receipt is what Odoo's FIFO valuation left on its layer.
        for line in self.Report.search([]):
            layer = self.env["stock.valuation.layer"].browse(line.id)
            self.assertEqual(line.quantity, layer.remaining_qty)
            self.assertAlmostEqual(line.value, layer.remaining_value, places=2)
        self.assertEqual(self.Report.search([]).warehouse_id, self.warehouse)

    def test_buckets_at_an_earlier_date(self):
        """60 days ago R3, R4 and the issue of 7 had not happened: 4 of R1 (340 days old) and R2."""
        self.assertEqual(self._buckets(self.ago(60)), {"181–365 days": (4.0, 40.0), "31–60 days": (5.0, 60.0)})

    def test_stagnant_rates(self):
        """Older than 90 days: R2 only. By amount 24 / 164 = 14.63 %; by quantity, R2 still holds
        2 of the 5 it received: 40 %."""
        rates = self.Analysis.stagnant_rates(self.today, self.store)[self.store.id]
        self.assertEqual((rates["value"], rates["stagnant_value"]), (164.0, 24.0))
        self.assertEqual(round(rates["rate_amount"], 2), 14.63)
        self.assertEqual((rates["stagnant_qty"], rates["stagnant_received"], rates["rate_qty"]), (2.0, 5.0, 40.0))
        stagnant = self.Report.search([("is_stagnant", "=", True)])
        self.assertEqual(stagnant.mapped("age_days"), [100])
        # The store moves its line to 120 days: nothing is stagnant any more.
        self.store.dealer_stagnant_days = 120
        rates = self.Analysis.stagnant_rates(self.today, self.store)[self.store.id]
        self.assertEqual((rates["stagnant_value"], rates["rate_amount"], rates["rate_qty"]), (0.0, 0.0, None))

    def test_custom_buckets(self):
        self.store.dealer_aging_bucket_ids = [
            Command.clear(),
            Command.create({"day_from": 0, "day_to": 60}),
            Command.create({"day_from": 61, "day_to": 0}),
        ]
        self.assertEqual(self._buckets(), {"0–60 days": (12.0, 140.0), "Over 60 days": (2.0, 24.0)})
        with self.assertRaisesRegex(ValidationError, "without gaps"):
            self.store.dealer_aging_bucket_ids = [
                Command.clear(),
                Command.create({"day_from": 0, "day_to": 30}),
                Command.create({"day_from": 40, "day_to": 0}),
            ]

    def test_aging_is_one_query(self):
        """The aging of a store is one query (after switching JIT off), whatever the number of
        parts and receipts."""
        self.Analysis.stagnant_rates(self.today, self.store)
        with self.assertQueryCount(2):  # JIT off, the aging
            self.Analysis.stagnant_rates(self.today, self.store)
        for index in range(5):
            part = self._part(f"配件 {index}")
            self._receive(part, 3, 5.0, self.ago(200 + index))
            self._issue(part, 1, self.ago(20))
        self.Analysis.stagnant_rates(self.today, self.store)
        with self.assertQueryCount(2):  # JIT off, the aging
            rates = self.Analysis.stagnant_rates(self.today, self.store)
        self.assertEqual(rates[self.store.id]["value"], 164.0 + 5 * 2 * 5.0)

    def test_xlsx_totals_match_the_screen(self):
        self._issue(self.part, 1, self.ago(5))  # from R2: 1 left there
        wizard = self.env["dealer.inventory.report.wizard"].create(
            {"date_from": self.ago(29), "date_to": self.today, "company_ids": [Command.set(self.store.ids)]}
        )
        book = openpyxl.load_workbook(io.BytesIO(wizard._xlsx_content()), data_only=True)
        aging, stagnant, turnover = book.worksheets

        def total_row(sheet):
            [row] = [row for row in sheet.iter_rows(values_only=True) if row[0] == "Total"]
            return row

        [(quantity, value)] = self.Report._read_group([], [], ["quantity:sum", "value:sum"])
        self.assertEqual((quantity, value), (13.0, 152.0))
        row = total_row(aging)
        self.assertEqual((row[3], row[-1]), (13.0, 152.0))
        self.assertEqual(row[4:-1], (52.0, 88.0, 0.0, 12.0, 0.0, 0.0))  # bucket by bucket
        self.assertEqual(total_row(stagnant)[5:7], (1.0, 12.0))
        figures = self.Analysis.turnover(self.ago(29), self.today, self.store)[self.store.id]
        row = total_row(turnover)
        self.assertEqual(turnover.title, "Parts Turnover")
        self.assertEqual(
            turnover.cell(1, 1).value.split(" – "),
            [f"Parts turnover {fields.Date.to_string(self.ago(29))}", fields.Date.to_string(self.today)],
        )
        self.assertEqual(row[3], figures["outflow_cost"])
        self.assertEqual(row[3], 12.0)
        self.assertAlmostEqual(row[4], figures["avg_inventory_cost"], places=6)
        # Times in the 30 days, times a year, days, then the percentage.
        self.assertAlmostEqual(row[5], figures["turnover_rate"] / 100, places=6)
        self.assertAlmostEqual(row[6], figures["turnover_rate"] / 100 * 365 / 30, places=6)
        self.assertAlmostEqual(row[7], figures["turnover_days"], places=6)
        self.assertAlmostEqual(row[8], figures["turnover_rate"], places=6)

    def test_access(self):
        technician = new_test_user(
            self.env,
            login="inv_tech",
            groups="dealer_aftersales.dealer_aftersales_group_technician",
            company_id=self.store.id,
            company_ids=[Command.set(self.store.ids)],
        )
        with self.assertRaises(AccessError):
            self.Report.with_user(technician).search([])
        other = self.env.ref("base.main_company")
        parts = new_test_user(
            self.env,
            login="inv_parts",
            groups="dealer_aftersales.dealer_aftersales_group_parts",
            company_id=self.store.id,
            company_ids=[Command.set(self.store.ids)],
        )
        self.assertEqual(len(self.Report.with_user(parts).search([])), 3)
        # Another store's stock is out of reach, whichever way it is asked for.
        with self.assertRaises(AccessError):
            self.Analysis.with_user(parts).stagnant_rates(self.today, other)
        foreign = (
            self.Report.with_user(parts)
            .with_context(allowed_company_ids=[self.store.id], dealer_company_ids=[other.id])
            .search([])
        )
        self.assertEqual(foreign.company_id, self.store)


class TestFillRateAbcReorder(DealerInventoryCase):
    def test_fill_rate(self):
        """Two parts asked for on a repair order: one on the shelf, one not (ordered); then the
        second line is removed, the customer did not wait (lost). Fill rate 1 / 2 = 50 %."""
        on_shelf = self._part("空调滤清器")
        missing = self._part("右后视镜总成")
        self._receive(on_shelf, 5, 10.0, fields.Date.context_today(self.Analysis) - datetime.timedelta(days=3))
        brand = self.env["fleet.vehicle.model.brand"].create({"name": "丰田测试"})
        model = self.env["fleet.vehicle.model"].create({"name": "凯美瑞", "brand_id": brand.id})
        owner = self.env["res.partner"].create({"name": "李娜"})
        vehicle = self.env["dealer.vehicle"].create(
            {"vin": make_vin(424242), "model_id": model.id, "partner_id": owner.id, "company_id": self.store.id}
        )
        repair = self.env["repair.order"].create(
            {
                "vehicle_id": vehicle.id,
                "mileage_in": 1000,
                "company_id": self.store.id,
                "move_ids": [
                    Command.create({"product_id": on_shelf.id, "product_uom_qty": 2, "repair_line_type": "add"}),
                    Command.create({"product_id": missing.id, "product_uom_qty": 1, "repair_line_type": "add"}),
                ],
            }
        )
        requests = self.env["dealer.part.request"].search([("repair_id", "=", repair.id)], order="id")
        self.assertEqual(
            [(r.product_id, r.quantity, r.available_qty, r.from_stock, r.outcome) for r in requests],
            [(on_shelf, 2.0, 5.0, True, "stock"), (missing, 1.0, 0.0, False, "ordered")],
        )
        today = fields.Date.context_today(self.Analysis)
        self.assertEqual(
            self.Analysis.fill_rate(today, today, self.store)[self.store.id],
            {"requests": 2, "from_stock": 1, "rate": 50.0},
        )
        repair.move_ids.filtered(lambda move: move.product_id == missing).unlink()
        self.assertEqual(requests[1].outcome, "lost")
        self.assertEqual(self.Analysis.fill_rate(today, today, self.store)[self.store.id]["rate"], 50.0)

    def test_abc(self):
        """Issued over the last year at cost: 800, 150 and 50 元. A makes the first 80 % (800),
        B up to 95 % (150), C the rest and what was never issued."""
        today = fields.Date.context_today(self.Analysis)
        parts = {}
        for name, value in (("机油", 800.0), ("刹车盘", 150.0), ("雨刮片", 50.0), ("大灯总成", 0.0)):
            parts[name] = self._part(name, cost=10.0)
            self._receive(parts[name], 100, 10.0, today - datetime.timedelta(days=200))
            if value:
                self._issue(parts[name], value / 10, today - datetime.timedelta(days=30))
        self.Analysis.compute_abc(self.store, today)
        classes = {name: part.product_tmpl_id.with_company(self.store).dealer_abc_class for name, part in parts.items()}
        self.assertEqual(classes, {"机油": "A", "刹车盘": "B", "雨刮片": "C", "大灯总成": False})
        # With the A line at 90 %, the brake discs (the part crossing it) join class A.
        self.store.dealer_abc_a_percent = 90
        self.Analysis.compute_abc(self.store, today)
        self.assertEqual(parts["刹车盘"].product_tmpl_id.with_company(self.store).dealer_abc_class, "A")
        with self.assertRaisesRegex(ValidationError, "ABC thresholds"):
            self.store.dealer_abc_b_percent = 85

    def test_eoq_safety_stock_and_alarm(self):
        """30-day window, 3 units issued on each of the last 10 days at 10 元:
        annual demand 30 × 365 / 30 = 365; EOQ = √(2 × 365 × 50 / (10 × 20 %)) = √18 250 = 135.09;
        daily mean 1, σ = √((10 × 9 − 30² / 30) / 29) = √(60/29) = 1.4384;
        safety stock = 1.6449 (95 %) × 1.4384 × √7 = 6.260; reorder point 7 + 6.260 = 13.26:
        minimum 14, maximum ⌈13.26 + 135.09⌉ = 149."""
        self.store.write({"dealer_demand_days": 30, "dealer_order_cost": 50, "dealer_holding_rate": 20})
        vendor = self.env["res.partner"].create({"name": "广汽丰田配件中心"})
        part = self._part("空气滤清器", cost=10.0)
        today = fields.Date.context_today(self.Analysis)
        self._receive(part, 36, 10.0, today - datetime.timedelta(days=40))
        for days in range(1, 11):
            self._issue(part, 3, today - datetime.timedelta(days=days))
        report = self.env["dealer.parts.reorder.report"].with_context(dealer_company_ids=[self.store.id])
        line = report.search([("product_id", "=", part.id)])
        self.assertEqual(line.annual_demand, 365.0)
        self.assertAlmostEqual(line.eoq, math.sqrt(18250), places=6)
        self.assertAlmostEqual(line.daily_sigma, math.sqrt(60 / 29), places=6)
        self.assertEqual(round(line.safety_stock, 3), 6.260)
        self.assertEqual(round(line.reorder_point, 2), 13.26)
        self.assertEqual((line.suggested_min, line.suggested_max), (14.0, 149.0))

        line.action_apply()
        orderpoint = self.env["stock.warehouse.orderpoint"].search([("product_id", "=", part.id)])
        self.assertEqual(
            (orderpoint.product_min_qty, orderpoint.product_max_qty, orderpoint.dealer_safety_qty, orderpoint.trigger),
            (14.0, 149.0, 6.26, "auto"),
        )
        line = report.search([("product_id", "=", part.id)])
        self.assertEqual(line.orderpoint_id, orderpoint)
        line.action_apply()  # updates the same rule
        self.assertEqual(self.env["stock.warehouse.orderpoint"].search_count([("product_id", "=", part.id)]), 1)

        # 6 on hand, one more issued: 5 is below the safety stock of 6.26. The alarm starts a
        # purchase from the part's vendor up to the maximum (149 - 5 = 144) and tells the parts manager.
        part.seller_ids = [Command.create({"partner_id": vendor.id, "price": 10.0, "company_id": self.store.id})]
        self.store.dealer_parts_manager_id = self.env.user
        self._issue(part, 1, today)
        purchase_line = self.env["purchase.order.line"].search([("product_id", "=", part.id)])
        self.assertEqual((purchase_line.order_id.partner_id, purchase_line.product_qty), (vendor, 144.0))
        self.assertEqual(purchase_line.order_id.state, "draft")
        activity = part.product_tmpl_id.activity_ids
        self.assertEqual((activity.summary, activity.user_id), ("Safety stock reached", self.env.user))
        # A second issue does not order twice: the request for quotation is already counted.
        self._issue(part, 1, today)
        self.assertEqual(self.env["purchase.order.line"].search_count([("product_id", "=", part.id)]), 1)
        self.assertEqual(len(part.product_tmpl_id.activity_ids), 1)

    def test_on_hand_and_whole_pieces(self):
        """As above, 3 issued on each of the last 10 days at 10 元 (EOQ √18 250 = 135.09), 36
        received: 6 on hand. Brake pads are counted in pieces: order 136, never 135.09 pads;
        engine oil in litres (rounding 0.01) orders 135.10 L."""
        self.store.write({"dealer_demand_days": 30, "dealer_order_cost": 50, "dealer_holding_rate": 20})
        litre = self.env.ref("uom.product_uom_litre")
        parts = {
            "pads": self._part("刹车片", cost=10.0),
            "oil": self._part("机油", cost=10.0, uom_id=litre.id, uom_po_id=litre.id),
        }
        today = fields.Date.context_today(self.Analysis)
        for part in parts.values():
            self._receive(part, 36, 10.0, today - datetime.timedelta(days=40))
            for days in range(1, 11):
                self._issue(part, 3, today - datetime.timedelta(days=days))
        report = self.env["dealer.parts.reorder.report"].with_context(dealer_company_ids=[self.store.id])
        lines = {name: report.search([("product_id", "=", part.id)]) for name, part in parts.items()}
        for name, line in lines.items():
            self.assertAlmostEqual(line.eoq, math.sqrt(18250), places=6, msg=name)
            self.assertEqual((line.qty_on_hand, line.suggested_min, line.suggested_max), (6.0, 14.0, 149.0), name)
            self.assertEqual(line.uom_id, parts[name].uom_id)
        self.assertEqual(lines["pads"].uom_id, self.env.ref("uom.product_uom_unit"))
        self.assertEqual(lines["pads"].suggested_qty, 136.0)
        self.assertAlmostEqual(lines["oil"].suggested_qty, 135.10, places=6)
        # Stock received today shows at once beside the suggestion.
        self._receive(parts["pads"], 4, 10.0, today)
        self.assertEqual(report.search([("product_id", "=", parts["pads"].id)]).qty_on_hand, 10.0)


class TestVehicleStock(DealerInventoryCase):
    def test_overaged_and_turnover(self):
        """Four cars received 120, 95, 30 and 5 days ago; the one of 95 days sold 10 days ago.
        Today 3 in stock, 1 over 90 days: 33.3 %. Over the last 30 days: 3 in stock at the
        start, -1 on day 21 (11 days in the period), +1 on day 26 (6 days): mean 3 - 5/30 =
        2.8333; 1 delivered: coefficient 1 / 2.8333 = 0.353."""
        today = fields.Date.context_today(self.Analysis)
        camry = self.env["product.product"].create(
            {
                "name": "凯美瑞 2.0E",
                "is_storable": True,
                "tracking": "serial",
                "categ_id": self.vehicle_category.id,
                "standard_price": 160000,
            }
        )
        lots = {}
        for days in (120, 95, 30, 5):
            lot = self.env["stock.lot"].create(
                {"name": make_vin(900000 + days), "product_id": camry.id, "company_id": self.store.id}
            )
            self._vehicle_move(camry, lot, self.supplier, self.stock, today - datetime.timedelta(days=days))
            lots[days] = lot
        self._vehicle_move(camry, lots[95], self.stock, self.customer, today - datetime.timedelta(days=10))

        stock = self.Analysis.vehicle_stock(today, self.store)[self.store.id]
        self.assertEqual((stock["in_stock"], stock["overaged"], round(stock["ratio"], 1)), (3, 1, 33.3))
        report = self.env["dealer.vehicle.stock.report"].with_context(dealer_company_ids=[self.store.id])
        self.assertEqual(report.search([("is_overaged", "=", True)]).lot_id, lots[120])
        self.assertEqual(sorted(report.search([]).mapped("age_days")), [5, 30, 120])
        turnover = self.Analysis.vehicle_turnover(today - datetime.timedelta(days=29), today, self.store)[self.store.id]
        self.assertEqual(turnover["delivered"], 1)
        self.assertAlmostEqual(turnover["avg_in_stock"], 3 - 5 / 30, places=6)
        self.assertEqual(round(turnover["coefficient"], 3), 0.353)
        # Parts figures leave the vehicles out.
        self.assertEqual(self.Analysis.stagnant_rates(today, self.store)[self.store.id]["value"], 0.0)

    def test_vin_is_the_serial_number(self):
        camry = self.env["product.product"].create(
            {"name": "凯美瑞 2.5Q", "is_storable": True, "tracking": "serial", "categ_id": self.vehicle_category.id}
        )
        with self.assertRaisesRegex(ValidationError, "serial number is its VIN"):
            self.env["stock.lot"].create(
                {"name": "LVGB1AEK0SG00001", "product_id": camry.id, "company_id": self.store.id}
            )

    @classmethod
    def _vehicle_move(cls, product, lot, source, destination, day):
        move = cls.env["stock.move"].create(
            {
                "name": product.name,
                "product_id": product.id,
                "product_uom_qty": 1,
                "product_uom": product.uom_id.id,
                "location_id": source.id,
                "location_dest_id": destination.id,
                "price_unit": product.standard_price,
                "company_id": cls.store.id,
            }
        )
        move._action_confirm()
        move.move_line_ids.unlink()
        cls.env["stock.move.line"].create(
            {
                "move_id": move.id,
                "product_id": product.id,
                "lot_id": lot.id,
                "quantity": 1,
                "product_uom_id": product.uom_id.id,
                "location_id": source.id,
                "location_dest_id": destination.id,
                "picked": True,
            }
        )
        move.picked = True
        move._action_done()
        move._dealer_backdate(cls._at(day))
