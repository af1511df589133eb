"""The after-sales accountant's reconciliation with the general ledger, on a store of its own (no
demo history): the figures below were worked out by hand."""

import datetime

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged

from .common import make_vin, store_of_its_own


@tagged("post_install", "-at_install")
class TestReconciliation(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env, cls.store = store_of_its_own(cls.env, "核对测试 4S 店", "核对店工作时间")
        Account = cls.env["account.account"].with_company(cls.store)
        cls.valuation = Account.create({"code": "140599", "name": "库存商品-配件", "account_type": "asset_current"})
        cls.stock_in = Account.create({"code": "140699", "name": "在途物资", "account_type": "asset_current"})
        cls.stock_out = Account.create({"code": "640199", "name": "配件成本", "account_type": "expense"})
        cls.category = cls.env["product.category"].create({"name": "核对配件"})
        cls.category.with_company(cls.store).write(
            {
                "property_cost_method": "fifo",
                "property_valuation": "real_time",
                "property_stock_valuation_account_id": cls.valuation.id,
                "property_stock_account_input_categ_id": cls.stock_in.id,
                "property_stock_account_output_categ_id": cls.stock_out.id,
            }
        )
        cls.part = cls.env["product.product"].create(
            {
                "name": "机油滤清器（核对）",
                "is_storable": True,
                "categ_id": cls.category.id,
                "lst_price": 80,
                "taxes_id": [Command.clear()],
                "company_id": cls.store.id,
            }
        )
        cls.env.ref("dealer_aftersales.product_product_labor").with_company(cls.store).taxes_id = [Command.clear()]
        cls.env["dealer.pay.type.config"]._get(cls.store, "customer").labor_rate = 150
        cls.warehouse = cls.env["stock.warehouse"].search([("company_id", "=", cls.store.id)], limit=1)
        brand = cls.env["fleet.vehicle.model.brand"].create({"name": "核对品牌"})
        model = cls.env["fleet.vehicle.model"].create({"name": "核对车型", "brand_id": brand.id})
        cls.owner = cls.env["res.partner"].create({"name": "李娜", "lang": "en_US"})
        cls.vehicle = cls.env["dealer.vehicle"].create(
            {"vin": make_vin(700001), "model_id": model.id, "partner_id": cls.owner.id, "company_id": cls.store.id}
        )
        cls.bank = cls.env["account.journal"].search(
            [("company_id", "=", cls.store.id), ("type", "=", "bank")], limit=1
        )
        cls.misc = cls.env["account.journal"].search(
            [("company_id", "=", cls.store.id), ("type", "=", "general")], limit=1
        )
        cls.receivable = cls.owner.with_company(cls.store).property_account_receivable_id
        cls.income = Account.search(
            [*Account._check_company_domain(cls.store), ("account_type", "=", "income")], order="code", limit=1
        )
        cls.accountant = new_test_user(
            cls.env,
            login="reconcile_acc",
            groups="base.group_user,dealer_aftersales.dealer_aftersales_group_accountant",
            company_id=cls.store.id,
            company_ids=[cls.store.id],
            lang="en_US",
        )
        cls.advisor = new_test_user(
            cls.env,
            login="reconcile_sa",
            groups="base.group_user,dealer_aftersales.dealer_aftersales_group_user",
            company_id=cls.store.id,
            company_ids=[cls.store.id],
            lang="en_US",
        )
        # Entries are dated on the day of the user's clock, orders done on the store's (Shanghai):
        # the report is read the day after, when both are past, and "before" two days earlier.
        cls.today = fields.Date.today()
        cls.after = cls.today + datetime.timedelta(days=1)

    # ------------------------------------------------------------------ fixtures

    def _receive(self, quantity, cost):
        move = self.env["stock.move"].create(
            {
                "name": "采购入库",
                "product_id": self.part.id,
                "product_uom": self.part.uom_id.id,
                "product_uom_qty": quantity,
                "price_unit": cost,
                "location_id": self.env.ref("stock.stock_location_suppliers").id,
                "location_dest_id": self.warehouse.lot_stock_id.id,
                "company_id": self.store.id,
            }
        )
        move._action_confirm()
        move.quantity = quantity
        move.picked = True
        move._action_done()
        self.assertEqual(move.state, "done")
        return move

    def _repair(self, hours, parts):
        repair = self.env["repair.order"].create(
            {
                "company_id": self.store.id,
                "vehicle_id": self.vehicle.id,
                "mileage_in": 15000,
                "labor_line_ids": [Command.create({"name": "保养工时", "hours": hours, "pay_type": "customer"})],
                "move_ids": [
                    Command.create(
                        {
                            "product_id": self.part.id,
                            "product_uom_qty": parts,
                            "repair_line_type": "add",
                            "dealer_pay_type": "customer",
                        }
                    )
                ]
                if parts
                else [],
            }
        )
        repair.action_validate()
        repair.action_repair_start()
        repair.action_repair_end()
        self.assertEqual(repair.state, "done")
        return repair

    def _reconcile(self, date=None, user=None):
        Analysis = self.env["dealer.reconciliation.analysis"].with_user(user or self.accountant)
        result = Analysis.reconcile(fields.Date.to_string(date or self.after), [self.store.id])
        return {line["key"]: line for line in result[self.store.id]["lines"]}

    def _figures(self, line):
        return (line["aftersales"], line["ledger"], line["difference"])

    def _docs(self, line):
        return [
            (doc["model"], doc["id"], doc["aftersales"], doc["ledger"], doc["difference"]) for doc in line["documents"]
        ]

    def _manual_entry(self, account, amount, partner=None):
        entry = self.env["account.move"].create(
            {
                "move_type": "entry",
                "journal_id": self.misc.id,
                "date": self.today,
                "ref": "手工调整",
                "line_ids": [
                    Command.create(
                        {"name": "手工调整", "account_id": account.id, "debit": amount, "partner_id": partner}
                    ),
                    Command.create({"name": "手工调整", "account_id": self.income.id, "credit": amount}),
                ],
            }
        )
        entry.action_post()
        return entry

    # ------------------------------------------------------------------ tests

    def test_clean_store_reconciles_then_a_manual_entry_breaks_it(self):
        # 10 filters received at 40 (stock 400); the order uses 2 (stock 320) and bills
        # 1 h × 150 + 2 × 80 = 310, no tax; the customer pays 100: 210 open.
        self._receive(10, 40)
        repair = self._repair(1, 2)
        self.assertEqual(repair.amount_customer, 310)
        lines = self._reconcile()
        self.assertEqual(list(lines), ["unbilled", "receivable", "stock"])
        self.assertEqual(self._figures(lines["unbilled"]), (310, 0, 310))
        self.assertEqual(self._docs(lines["unbilled"]), [("repair.order", repair.id, 310, 0, 310)])
        self.assertEqual(self._figures(lines["stock"]), (320, 320, 0))

        repair.with_user(self.accountant).action_dealer_invoice()
        invoice = repair.dealer_move_ids
        invoice.action_post()
        self.assertEqual(invoice.amount_total, 310)
        self.env["account.payment.register"].with_context(active_model="account.move", active_ids=invoice.ids).create(
            {"amount": 100, "journal_id": self.bank.id, "payment_date": self.today}
        )._create_payments()
        self.assertEqual(invoice.amount_residual, 210)

        lines = self._reconcile()
        self.assertEqual(self._figures(lines["unbilled"]), (0, 0, 0))
        self.assertEqual(self._figures(lines["receivable"]), (210, 210, 0))
        self.assertEqual(self._figures(lines["stock"]), (320, 320, 0))
        self.assertFalse([line["documents"] for line in lines.values() if line["documents"]])
        # The day before, nothing had happened yet.
        before = self._reconcile(self.today - datetime.timedelta(days=2))
        self.assertEqual([self._figures(line) for line in before.values()], [(0, 0, 0)] * 3)

        # A second order repaired (1.5 h × 150 = 225, no parts) waits to be invoiced.
        second = self._repair(1.5, 0)
        lines = self._reconcile()
        self.assertEqual(self._docs(lines["unbilled"]), [("repair.order", second.id, 225, 0, 225)])

        # Manual entries on the stock account (50) and on the receivable account (30).
        stock_entry = self._manual_entry(self.valuation, 50)
        receivable_entry = self._manual_entry(self.receivable, 30, self.owner.id)
        lines = self._reconcile()
        self.assertEqual(self._figures(lines["stock"]), (320, 370, -50))
        self.assertEqual(self._docs(lines["stock"]), [("account.move", stock_entry.id, 0, 50, -50)])
        self.assertEqual(lines["stock"]["documents"][0]["name"], stock_entry.display_name)
        self.assertEqual(self._figures(lines["receivable"]), (210, 240, -30))
        self.assertEqual(self._docs(lines["receivable"]), [("account.move", receivable_entry.id, 0, 30, -30)])

        # The accountant's screen shows the same.
        wizard = (
            self.env["dealer.reconciliation.wizard"]
            .with_user(self.accountant)
            .create({"date": self.after, "company_ids": [Command.set(self.store.ids)]})
        )
        self.assertIn(stock_entry.display_name, wizard.result_html)
        self.assertIn("-50.00", wizard.result_html)

    def test_refusals(self):
        Analysis = self.env["dealer.reconciliation.analysis"]
        with self.assertRaisesRegex(UserError, "must be a date"):
            Analysis.with_user(self.accountant).reconcile("garbage", [self.store.id])
        with self.assertRaisesRegex(UserError, "between 1900"):
            Analysis.with_user(self.accountant).reconcile("0001-01-01", [self.store.id])
        main = self.env.ref("base.main_company")
        with self.assertRaisesRegex(AccessError, "accounts of"):
            Analysis.with_user(self.accountant).reconcile(fields.Date.to_string(self.today), [main.id])
        with self.assertRaises(AccessError):
            Analysis.with_user(self.advisor).reconcile(fields.Date.to_string(self.today), [self.store.id])
