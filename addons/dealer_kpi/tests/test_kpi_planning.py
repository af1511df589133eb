"""Planning tools (section 7 of the KPI reference): the labor price what-if and budget against
actual, against figures worked out by hand in the comments."""

import datetime

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.dealer_aftersales.tests.common import DealerRepairCase

D = datetime.date
DT = datetime.datetime

# The articles' example: 96.9 an hour, 3 800 hours, cost 30 an hour, 1 000 entries, +20 % price, -20 % entries.
ARTICLES = {
    "labor_rate": 96.9,
    "hours_sold": 3800,
    "labor_cost_rate": 30,
    "entries": 1000,
    "price_change": 20,
    "entries_change": -20,
}


@tagged("post_install", "-at_install")
class TestKpiPlanning(DealerRepairCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Whatif = cls.env["dealer.kpi.labor.whatif"]
        cls.manager = new_test_user(
            cls.env,
            login="kpi_plan_mgr",
            groups="dealer_aftersales.dealer_aftersales_group_manager",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )

    # ------------------------------------------------------------------ labor price what-if

    def test_whatif_articles_example(self):
        wizard = self.Whatif.create(ARTICLES)
        # Before: revenue 96.9 × 3 800 = 368 220.00; cost 30 × 3 800 = 114 000.00;
        #         gross profit 368 220.00 − 114 000.00 = 254 220.00.
        # After:  rate 96.9 × 1.2 = 116.28; entries 1 000 × 0.8 = 800; hours 3 800 × 0.8 = 3 040
        #         (3.8 hours per entry before and after); revenue 116.28 × 3 040
        #         = 348 840.00 + 4 651.20 = 353 491.20; cost 30 × 3 040 = 91 200.00;
        #         gross profit 353 491.20 − 91 200.00 = 262 291.20.
        # Difference: rate +19.38, entries −200, hours −760, revenue −14 728.80, cost −22 800.00,
        #         gross profit +8 071.20.
        # Break-even entries change: 254 220 ÷ ((116.28 − 30) × 3 800) − 1 = 254 220 ÷ 327 864 − 1 = −22.46 %.
        expected = {
            "rate": (96.9, 116.28, 19.38),
            "entries": (1000, 800, -200),
            "hours": (3800, 3040, -760),
            "revenue": (368220.00, 353491.20, -14728.80),
            "cost": (114000.00, 91200.00, -22800.00),
            "gross_profit": (254220.00, 262291.20, 8071.20),
        }
        for figure, values in expected.items():
            with self.subTest(figure=figure):
                for suffix, value in zip(("before", "after", "diff"), values, strict=True):
                    self.assertAlmostEqual(wizard[f"{figure}_{suffix}"], value, places=2, msg=f"{figure}_{suffix}")
        self.assertEqual(wizard.hours_after / wizard.entries_after, wizard.hours_before / wizard.entries_before)
        conclusion = wizard.conclusion
        self.assertIn("+20.0 %", conclusion)
        self.assertIn("-20.0 %", conclusion)
        self.assertIn("gross profit rises by", conclusion)
        self.assertIn("8,071.20", conclusion)
        # Amounts in the company's currency (a symbol and a no-break space before them).
        self.assertRegex(conclusion, r"labor revenue falls by \S+\s14,728\.80")
        self.assertRegex(conclusion, r"the labor cost falls by more \(\S+\s22,800\.00\)")
        self.assertIn("at least -22.5 %", conclusion)

    def test_whatif_price_cut_that_does_not_pay(self):
        # 100 an hour, 1 000 hours, cost 40: gross profit 60 000. -10 % price, +10 % entries:
        # rate 90, hours 1 100, revenue 99 000, cost 44 000, gross profit 55 000: 5 000 less.
        wizard = self.Whatif.create(
            {
                "labor_rate": 100,
                "hours_sold": 1000,
                "labor_cost_rate": 40,
                "entries": 400,
                "price_change": -10,
                "entries_change": 10,
            }
        )
        self.assertAlmostEqual(wizard.gross_profit_after, 55000.00, places=2)
        self.assertAlmostEqual(wizard.gross_profit_diff, -5000.00, places=2)
        self.assertIn("does not pay: gross profit falls by", wizard.conclusion)
        self.assertIn("5,000.00", wizard.conclusion)
        # Break-even: 60 000 ÷ ((90 − 40) × 1 000) − 1 = +20 %: the cut needs a fifth more entries.
        self.assertIn("at least +20.0 %", wizard.conclusion)

    def test_whatif_bad_input_refused(self):
        wizard = self.Whatif.create(ARTICLES)
        for values, message in (
            ({"hours_sold": -1}, "Hours Sold cannot be negative"),
            ({"labor_rate": -96.9}, "Labor Rate per Hour cannot be negative"),
            ({"labor_cost_rate": -30, "entries": -5}, "Labor Cost per Hour, Entries cannot be negative"),
            ({"price_change": -100}, "must be above -100 %"),
            ({"entries_change": -150}, "must be above -100 %"),
        ):
            with self.subTest(values=values), self.assertRaises(ValidationError) as caught:
                wizard.write(values)
            self.assertIn(message, str(caught.exception))
        # Nothing changed: the inputs and the outcome are those of the articles' example.
        self.assertEqual(
            [wizard[name] for name in ARTICLES],
            [96.9, 3800, 30, 1000, 20, -20],
        )
        self.assertAlmostEqual(wizard.gross_profit_after, 262291.20, places=2)
        count = self.Whatif.search_count([])
        with self.assertRaises(ValidationError):
            self.Whatif.create({**ARTICLES, "entries_change": -100})
        self.assertEqual(self.Whatif.search_count([]), count)

    def test_whatif_load_last_month(self):
        """Today is 15 March 2021: the last closed month is February 2021.

        R1 in/done Feb: oil change 0.5 h customer (75) + brakes 2 h insurance (2 × 180 = 360)
        R2 in/done Feb: 1.5 h warranty (1.5 × 120 = 180) + 1 h internal (not sold: left out)
        R3 in/done Feb: 2 h internal only (not a customer's order: neither an entry nor hours)
        R4 in January, done 3 Feb: 1 h customer (150): its hours count, it is not an entry of Feb
        R5 in Feb, done 2 March: 1 h customer (150): an entry of Feb, its hours are March's
        Entries (checked in): R1, R2, R5 = 3. Hours sold (completed): 0.5 + 2 + 1.5 + 1 = 5.0.
        Labor revenue: 75 + 360 + 180 + 150 = 765; effective rate 765 ÷ 5.0 = 153.00.
        """
        orders = [
            (
                [(self.oil_change, None, "customer"), ("更换前刹车片", 2, "insurance")],
                DT(2021, 2, 10, 2),
                DT(2021, 2, 10, 8),
            ),
            (
                [("更换发动机控制单元", 1.5, "warranty"), ("内部复检", 1, "internal")],
                DT(2021, 2, 11, 2),
                DT(2021, 2, 11, 9),
            ),
            ([("新车 PDI", 2, "internal")], DT(2021, 2, 12, 2), DT(2021, 2, 12, 6)),
            ([("底盘检查", 1, "customer")], DT(2021, 1, 20, 2), DT(2021, 2, 3, 8)),
            ([("空调检查", 1, "customer")], DT(2021, 2, 25, 2), DT(2021, 3, 2, 8)),
        ]
        wizard = self.Whatif.with_user(self.manager).create(
            {"labor_cost_rate": 60, "price_change": 10, "entries_change": -20}
        )
        with freeze_time("2021-03-15 06:00:00"), self.assertRaises(UserError) as caught:
            wizard.action_load_last_month()
        self.assertIn("no repair orders checked in or completed in 2021-02", str(caught.exception))
        for labor, checkin, completion in orders:
            repair = self._finish(self._order(labor=labor, insurer_id=self.insurer.id))
            repair.write({"checkin_time": checkin, "completion_time": completion})
        with freeze_time("2021-03-15 06:00:00"):
            action = wizard.action_load_last_month()
        self.assertEqual(action["res_id"], wizard.id)
        self.assertEqual(
            (wizard.labor_rate, wizard.hours_sold, wizard.entries, wizard.loaded_period), (153.0, 5.0, 3, "2021-02")
        )
        # After: rate 153 × 1.1 = 168.30; hours 5 × 0.8 = 4.0; revenue 168.30 × 4 = 673.20;
        # gross profit before 765 − 60 × 5 = 465.00, after 673.20 − 60 × 4 = 433.20.
        self.assertAlmostEqual(wizard.rate_after, 168.30, places=2)
        self.assertAlmostEqual(wizard.hours_after, 4.0, places=2)
        self.assertAlmostEqual(wizard.gross_profit_before, 465.00, places=2)
        self.assertAlmostEqual(wizard.gross_profit_after, 433.20, places=2)
        self.assertIn("does not pay: gross profit falls by", wizard.conclusion)

    # ------------------------------------------------------------------ budget against actual

    @classmethod
    def _store(cls, name, code):
        """A store of its own (no demo entries) with a journal and an account of each kind."""
        store = cls.env["res.company"].create({"name": name})
        cls.env.user.company_ids |= store
        Account = cls.env["account.account"].with_company(store)
        accounts = {
            key: Account.create(
                {
                    "code": f"{code}{number}",
                    "name": f"{name} {key}",
                    "account_type": account_type,
                    "company_ids": [Command.set(store.ids)],
                }
            )
            for key, number, account_type in (
                ("income", "4001", "income"),
                ("other_income", "4101", "income_other"),
                ("cost", "5001", "expense_direct_cost"),
                ("expense", "6001", "expense"),
                ("depreciation", "6101", "expense_depreciation"),
            )
        }
        journal = cls.env["account.journal"].create(
            {"name": f"{name} misc", "code": f"M{code}", "type": "general", "company_id": store.id}
        )
        return store, journal, accounts

    def _entry(self, journal, date, lines, post=True):
        """A journal entry; ``lines`` are (account, amount), debit positive and credit negative."""
        move = self.env["account.move"].create(
            {
                "move_type": "entry",
                "journal_id": journal.id,
                "date": date,
                "line_ids": [
                    Command.create(
                        {"name": "test", "account_id": account.id, "debit": max(amount, 0), "credit": max(-amount, 0)}
                    )
                    for account, amount in lines
                ],
            }
        )
        if post:
            move.action_post()
        return move

    def test_budget_against_actual(self):
        store_a, journal_a, acc_a = self._store("预算测试甲店", "91")
        store_b, journal_b, acc_b = self._store("预算测试乙店", "92")
        accountant = new_test_user(
            self.env,
            login="kpi_budget_acc",
            groups="dealer_aftersales.dealer_aftersales_group_accountant",
            company_id=store_a.id,
            company_ids=[Command.set((store_a | store_b).ids)],
        )
        # Store A, September: sales 10 000 and other income 500; parts cost 6 000; rent 4 000 and
        # depreciation 500. A draft entry is not an actual.
        self._entry(
            journal_a, D(2026, 9, 10), [(acc_a["income"], -10000), (acc_a["cost"], 6000), (acc_a["expense"], 4000)]
        )
        self._entry(journal_a, D(2026, 9, 25), [(acc_a["other_income"], -500), (acc_a["depreciation"], 500)])
        self._entry(journal_a, D(2026, 9, 28), [(acc_a["income"], -99999), (acc_a["expense"], 99999)], post=False)
        # Store A, October: sales 8 000 and other income 300; parts cost 5 000; rent 3 000 + 300.
        self._entry(
            journal_a, D(2026, 10, 5), [(acc_a["income"], -8000), (acc_a["cost"], 5000), (acc_a["expense"], 3000)]
        )
        self._entry(journal_a, D(2026, 10, 31), [(acc_a["other_income"], -300), (acc_a["expense"], 300)])
        # Store A, November (no budget), and store B, September: neither belongs in store A's lines.
        self._entry(journal_a, D(2026, 11, 1), [(acc_a["income"], -7000), (acc_a["cost"], 7000)])
        self._entry(journal_b, D(2026, 9, 15), [(acc_b["income"], -70000), (acc_b["expense"], 70000)])

        Budget = (
            self.env["dealer.kpi.budget"]
            .with_user(accountant)
            .with_context(allowed_company_ids=(store_a | store_b).ids)
        )
        lines = {
            (store, month, kind): Budget.create(
                {
                    "company_id": store.id,
                    "month": month,
                    "kind": kind,
                    "name": name,
                    "amount": amount,
                    "account_ids": [Command.set(accounts.ids)],
                }
            )
            for store, month, kind, name, amount, accounts in (
                (store_a, D(2026, 9, 17), "revenue", "Service sales", 12000, self.env["account.account"]),
                (store_a, D(2026, 9, 1), "cost", "Parts cost", 5000, self.env["account.account"]),
                (store_a, D(2026, 9, 1), "expense", "Operating expenses", 5000, self.env["account.account"]),
                (store_a, D(2026, 10, 1), "revenue", "Service sales", 8000, acc_a["income"]),
                (store_a, D(2026, 10, 1), "cost", "Parts cost", 4000, self.env["account.account"]),
                (store_a, D(2026, 10, 1), "expense", "Operating expenses", 4000, self.env["account.account"]),
                (store_b, D(2026, 9, 1), "revenue", "Service sales", 50000, self.env["account.account"]),
            )
        }
        self.assertEqual(lines[store_a, D(2026, 9, 17), "revenue"].month, D(2026, 9, 1), "moved to the 1st")

        Report = self.env["dealer.kpi.budget.report"]
        # (budget, actual, variance = actual − budget, achievement = actual ÷ budget)
        expected = {
            # revenue, no accounts: income 10 000 + other income 500 (revenue reads positive)
            (store_a, D(2026, 9, 17), "revenue"): (12000, 10500, -1500, 87.5),
            (store_a, D(2026, 9, 1), "cost"): (5000, 6000, 1000, 120.0),
            # expense, no accounts: rent 4 000 + depreciation 500; the draft 99 999 left out
            (store_a, D(2026, 9, 1), "expense"): (5000, 4500, -500, 90.0),
            # revenue on the sales account only: the other income of 300 left out
            (store_a, D(2026, 10, 1), "revenue"): (8000, 8000, 0, 100.0),
            (store_a, D(2026, 10, 1), "cost"): (4000, 5000, 1000, 125.0),
            # 3 000 + 300 = 3 300 ÷ 4 000 = 82.5 %
            (store_a, D(2026, 10, 1), "expense"): (4000, 3300, -700, 82.5),
            # store B's 70 000 is its own, not store A's
            (store_b, D(2026, 9, 1), "revenue"): (50000, 70000, 20000, 140.0),
        }
        for key, values in expected.items():
            row = Report.browse(lines[key].id)
            with self.subTest(line=(key[0].name, key[1], key[2])):
                self.assertEqual((row.company_id, row.budget_id), (key[0], lines[key]))
                self.assertEqual([row.budget, row.actual, row.variance, round(row.achievement, 1)], list(values))
        # A group's achievement is the ratio of its sums: store A's revenue 18 500 ÷ 20 000 = 92.5 %
        # (not the mean 93.75 %); cost 11 000 ÷ 9 000 = 122.2 %; expense 7 800 ÷ 9 000 = 86.7 %.
        groups = {
            kind: (budget, actual, round(achievement, 1))
            for kind, budget, actual, achievement in Report._read_group(
                [("company_id", "=", store_a.id)], ["kind"], ["budget:sum", "actual:sum", "achievement:sum"]
            )
        }
        self.assertEqual(
            groups,
            {"revenue": (20000, 18500, 92.5), "cost": (9000, 11000, 122.2), "expense": (9000, 7800, 86.7)},
        )
        # Both stores' revenue: 88 500 ÷ 70 000 = 126.4 %.
        [[achievement]] = Report._read_group(
            [("kind", "=", "revenue"), ("company_id", "in", (store_a | store_b).ids)], [], ["achievement:sum"]
        )
        self.assertEqual(round(achievement, 1), 126.4)
        # An entry posted later shows at once (the report reads the journal items, nothing is stored).
        self._entry(journal_a, D(2026, 10, 20), [(acc_a["income"], -1000), (acc_a["expense"], 1000)])
        self.env.invalidate_all()
        self.assertEqual(Report.browse(lines[store_a, D(2026, 10, 1), "revenue"].id).actual, 9000)
        self.assertEqual(Report.browse(lines[store_a, D(2026, 10, 1), "expense"].id).actual, 4300)

    def test_budget_rules(self):
        store_a, _journal_a, acc_a = self._store("预算测试甲店", "91")
        store_b, _journal_b, _acc_b = self._store("预算测试乙店", "92")
        Budget = self.env["dealer.kpi.budget"]
        line_a = Budget.create(
            {"company_id": store_a.id, "month": D(2026, 9, 1), "kind": "revenue", "name": "Service sales", "amount": 1}
        )
        line_b = Budget.create(
            {"company_id": store_b.id, "month": D(2026, 9, 1), "kind": "revenue", "name": "Service sales", "amount": 2}
        )
        # A revenue line takes revenue accounts only.
        with self.assertRaises(ValidationError) as caught:
            line_a.account_ids = acc_a["expense"]
        self.assertIn("not of its kind", str(caught.exception))
        # One line of a kind and name per store and month (whatever day is entered).
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            Budget.create({"company_id": store_a.id, "month": "2026-09-30", "kind": "revenue", "name": "Service sales"})
            self.env.flush_all()
        # A service advisor of store B reads store B's lines only, and edits none.
        advisor = new_test_user(
            self.env,
            login="kpi_budget_adv",
            groups="dealer_aftersales.dealer_aftersales_group_user",
            company_id=store_b.id,
            company_ids=[Command.set(store_b.ids)],
        )
        as_advisor = self.env(user=advisor, context={"lang": "en_US"})
        self.assertEqual(as_advisor["dealer.kpi.budget"].search([("name", "=", "Service sales")]), line_b)
        self.assertEqual(
            as_advisor["dealer.kpi.budget.report"].search([("name", "=", "Service sales")]).ids, line_b.ids
        )
        with self.assertRaises(AccessError):
            as_advisor["dealer.kpi.budget"].browse(line_a.id).read(["amount"])
        with self.assertRaises(AccessError):
            as_advisor["dealer.kpi.budget"].browse(line_b.id).write({"amount": 3})
        with self.assertRaises(AccessError):
            as_advisor["dealer.kpi.budget"].create(
                {"company_id": store_b.id, "month": D(2026, 10, 1), "kind": "cost", "name": "Parts cost"}
            )
