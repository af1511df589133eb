"""The cashier's desk (收银台): the customer's amount with VAT, split payments in the store's
payment journals, on account for customers with credit, the release and the gate pass, the
hand-over gate, and the accountant's Post Invoices."""

import ast

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import DealerRepairCase, store_of_its_own

GROUP = "dealer_aftersales.dealer_aftersales_group_"
# Customer: 0.5 h x 150 + 2 oil filters x 80 + 1 ECU x 300 + the deductible 100 = 635, + 13 % = 717.55.
CUSTOMER_TOTAL = 717.55


@tagged("post_install", "-at_install")
class TestCashier(DealerRepairCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.dealer_pay_before_handover = True
        cls.advisor = new_test_user(cls.env, login="cash_sa", groups=f"{GROUP}user")
        cls.accountant = new_test_user(cls.env, login="cash_acc", groups=f"{GROUP}accountant")
        cls.manager = new_test_user(cls.env, login="cash_mgr", groups=f"{GROUP}manager")
        cls.journals = cls.company._dealer_cashier_journals()
        cls.receivable = cls.owner.with_company(cls.company).property_account_receivable_id

    def _customer_and_insurance_order(self):
        """Customer labor and parts, insurance labor and parts with a deductible of 100; finished
        and through its final inspection."""
        repair = self._order(
            labor=[(self.oil_change, None, "customer"), (self.brake_job, None, "insurance")],
            parts=[(self.oil_filter, 2, "customer"), (self.ecu, 1, "customer"), (self.brake_pads, 2, "insurance")],
            insurer_id=self.insurer.id,
            insurance_deductible=100,
        )
        self._finish(repair)
        repair.action_qc_pass()
        return repair

    def _customer_invoice(self, repair):
        return repair.dealer_move_ids.filtered(lambda m: m.dealer_pay_type == "customer")

    def _counts(self):
        return {
            model: self.env[model].search_count([])
            for model in ("account.payment", "account.move", "account.move.line", "account.partial.reconcile")
        }

    def _gate_pass(self, repair, user):
        report = self.env["ir.actions.report"].with_user(user)
        html, __ = report._render_qweb_html("dealer_aftersales.report_gate_pass", repair.ids)
        return html.decode()

    # ------------------------------------------------------------------ store setup

    def test_store_has_payment_journals(self):
        """Cash in a cash journal, WeChat Pay, Alipay and bank card in bank journals, each with an
        outstanding receipts account of its own; a new store gets them with its chart."""
        for company in (self.company, store_of_its_own(self.env, "佛山南海粤丰丰田（收银测试）")[1]):
            journals = company._dealer_cashier_journals()
            self.assertEqual(set(journals), {"cash", "wechat", "alipay", "card"})
            self.assertEqual(journals["cash"].type, "cash")
            self.assertEqual({journals[m].type for m in ("wechat", "alipay", "card")}, {"bank"})
            accounts = [journal.inbound_payment_method_line_ids[:1].payment_account_id for journal in journals.values()]
            self.assertTrue(all(accounts))
            self.assertEqual(len(set(accounts)), 4, "each journal receives on its own account")
            self.assertEqual({account.account_type for account in accounts}, {"asset_current"})
            self.assertTrue(all(account.reconcile for account in accounts))
            self.assertEqual(journals["wechat"].with_context(lang="zh_CN").name, "微信支付")
            self.assertTrue(company.dealer_pay_before_handover)
        # The store's setup keeps what it has.
        self.assertFalse(self.company._dealer_setup_cashier())

    # ------------------------------------------------------------------ amount with VAT

    def test_customer_amount_with_vat(self):
        repair = self._customer_and_insurance_order()
        self.assertEqual(repair.amount_customer, 535)  # untaxed, without the deductible
        self.assertAlmostEqual(repair.amount_customer_total, CUSTOMER_TOTAL, places=2)
        repair.with_user(self.accountant).action_dealer_invoice()
        invoice = self._customer_invoice(repair)
        self.assertEqual(invoice.state, "draft")
        repair.invalidate_recordset(["amount_customer_total"])
        self.assertAlmostEqual(invoice.amount_total, CUSTOMER_TOTAL, places=2)
        self.assertAlmostEqual(repair.amount_customer_total, invoice.amount_total, places=2)
        # The advisor reads it (the form shows it) without reading the invoices.
        self.assertAlmostEqual(repair.with_user(self.advisor).amount_customer_total, CUSTOMER_TOTAL, places=2)

    # ------------------------------------------------------------------ payment

    def test_split_payment(self):
        repair = self._customer_and_insurance_order()
        with self.assertRaisesRegex(UserError, "cannot be handed over yet"):
            repair.with_user(self.advisor).action_dealer_deliver()
        with self.assertRaisesRegex(UserError, "No gate pass"):
            self._gate_pass(repair, self.advisor)
        self.assertFalse(repair.delivery_time)

        repair.with_user(self.accountant).action_dealer_collect(
            [{"method": "wechat", "amount": 500}, {"method": "cash", "amount": 217.55}]
        )
        invoice = self._customer_invoice(repair)
        self.assertEqual(invoice.state, "posted")
        self.assertAlmostEqual(invoice.amount_total, CUSTOMER_TOTAL, places=2)
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        self.assertFalse(invoice.amount_residual)
        # The insurer's invoice stays a draft for the accountant.
        insurer_invoice = repair.dealer_move_ids.filtered(lambda m: m.dealer_pay_type == "insurance")
        self.assertEqual(insurer_invoice.state, "draft")

        payments = repair.dealer_payment_ids.sorted("amount")
        self.assertEqual(len(payments), 2)
        self.assertTrue(all(payment.state in ("in_process", "paid") for payment in payments))
        for payment, method, amount in ((payments[0], "cash", 217.55), (payments[1], "wechat", 500.0)):
            journal = self.journals[method]
            outstanding = journal.inbound_payment_method_line_ids[:1].payment_account_id
            self.assertEqual(payment.journal_id, journal)
            self.assertAlmostEqual(payment.amount, amount, places=2)
            self.assertEqual(payment.partner_id, self.owner)
            self._assert_balanced(payment.move_id)
            self.assertEqual(
                self._lines(payment.move_id),
                sorted([(outstanding.id, amount, 0.0), (self.receivable.id, 0.0, amount)]),
            )
            self.assertTrue(payment.move_id.line_ids.filtered(lambda l: l.account_id == self.receivable).reconciled)
        self.assertTrue(repair.dealer_released)
        self.assertEqual(repair.dealer_released_by, self.accountant)
        self.assertTrue(repair.dealer_release_time)
        self.assertFalse(repair.dealer_on_account_amount)

        html = self._gate_pass(repair, self.advisor)
        self.assertIn(repair.name, html)
        receipt, __ = (
            self.env["ir.actions.report"]
            .with_user(self.accountant)
            ._render_qweb_html("dealer_aftersales.report_receipt", repair.ids)
        )
        self.assertIn("WeChat Pay", receipt.decode())
        self.assertIn("217.55", receipt.decode())

        repair.with_user(self.advisor).action_dealer_deliver()
        self.assertTrue(repair.delivery_time)
        with self.assertRaisesRegex(UserError, "already released"):
            repair.with_user(self.accountant).action_dealer_collect([{"method": "cash", "amount": 1}])

    def test_overpayment_refused(self):
        repair = self._customer_and_insurance_order()
        before = self._counts()
        with self.assertRaisesRegex(UserError, "more than the customer owes"):
            repair.with_user(self.accountant).action_dealer_collect(
                [{"method": "wechat", "amount": 500}, {"method": "cash", "amount": 300}]
            )
        # Less, without on account, is refused too.
        with self.assertRaisesRegex(UserError, "is not paid"):
            repair.with_user(self.accountant).action_dealer_collect([{"method": "alipay", "amount": 700}])
        for bad in ([{"method": "bitcoin", "amount": 10}], [{"method": "cash", "amount": -5}], "cash", [["cash"]]):
            with self.assertRaises(UserError):
                repair.with_user(self.accountant).action_dealer_collect(bad)
        self.assertEqual(self._counts(), before)
        self.assertFalse(repair.dealer_move_ids)
        self.assertFalse(repair.dealer_released)

    def test_on_account(self):
        repair = self._customer_and_insurance_order()
        before = self._counts()
        with self.assertRaisesRegex(UserError, "has no credit with the store"):
            repair.with_user(self.accountant).action_dealer_collect(
                [{"method": "card", "amount": 200}], on_account=True
            )
        self.assertEqual(self._counts(), before)
        self.assertFalse(repair.dealer_released)

        self.owner.dealer_account_customer = True
        self.owner.with_user(self.manager).dealer_credit_limit_manual = 300
        with self.assertRaisesRegex(UserError, "above its credit limit"):
            repair.with_user(self.accountant).action_dealer_collect(
                [{"method": "card", "amount": 200}], on_account=True
            )
        self.assertEqual(self._counts(), before)

        self.owner.with_user(self.manager).dealer_credit_limit_manual = 5000
        repair.with_user(self.accountant).action_dealer_collect([{"method": "card", "amount": 200}], on_account=True)
        invoice = self._customer_invoice(repair)
        self.assertEqual(invoice.payment_state, "partial")
        self.assertAlmostEqual(invoice.amount_residual, CUSTOMER_TOTAL - 200, places=2)
        self.assertAlmostEqual(repair.dealer_on_account_amount, CUSTOMER_TOTAL - 200, places=2)
        self.assertEqual(repair.dealer_payment_ids.journal_id, self.journals["card"])
        self.assertTrue(repair.dealer_released)
        self.assertIn(repair.name, self._gate_pass(repair, self.advisor))
        repair.with_user(self.advisor).action_dealer_deliver()
        self.assertTrue(repair.delivery_time)

    def test_nothing_to_pay_needs_no_release(self):
        """A warranty order: the customer owes nothing, the car leaves without the cashier."""
        repair = self._order(labor=[(self.brake_job, None, "warranty")], parts=[(self.brake_pads, 1, "warranty")])
        self._finish(repair)
        repair.action_qc_pass()
        self.assertEqual(repair.amount_customer_total, 0)
        self.assertIn(repair.name, self._gate_pass(repair, self.advisor))
        repair.with_user(self.advisor).action_dealer_deliver()
        self.assertTrue(repair.delivery_time)

    def test_setting_off_hands_over_unpaid(self):
        repair = self._customer_and_insurance_order()
        self.company.dealer_pay_before_handover = False
        repair.with_user(self.advisor).action_dealer_deliver()
        self.assertTrue(repair.delivery_time)

    # ------------------------------------------------------------------ the desk

    def test_desk(self):
        repair = self._customer_and_insurance_order()
        waiting = ast.literal_eval(self.env.ref("dealer_aftersales.repair_order_action_dealer_cashier").domain)
        self.assertIn(repair, self.env["repair.order"].search(waiting))
        # The advisor sees the amount, and cannot take the payment.
        action = repair.with_user(self.advisor).action_dealer_cashier()
        desk = self.env["dealer.cashier.wizard"].with_user(self.advisor).browse(action["res_id"])
        self.assertAlmostEqual(desk.amount_total, CUSTOMER_TOTAL, places=2)
        self.assertFalse(desk.can_collect)
        self.assertFalse(desk.line_ids)
        with self.assertRaises(AccessError):
            desk.action_confirm()
        # The cashier's desk proposes the whole amount in cash; it can be split.
        action = repair.with_user(self.accountant).action_dealer_cashier()
        desk = self.env["dealer.cashier.wizard"].with_user(self.accountant).browse(action["res_id"])
        self.assertTrue(desk.can_collect)
        self.assertEqual(desk.line_ids.mapped("method"), ["cash"])
        desk.line_ids.amount = 17.55
        desk.line_ids = [Command.create({"method": "alipay", "amount": 700})]
        self.assertFalse(desk.amount_rest)
        result = desk.action_confirm()
        self.assertEqual(result["report_name"], "dealer_aftersales.report_receipt")
        self.assertTrue(repair.dealer_released)
        self.assertEqual(
            sorted(repair.dealer_payment_ids.mapped("journal_id.dealer_payment_method")), ["alipay", "cash"]
        )
        self.assertNotIn(repair, self.env["repair.order"].search(waiting))

    # ------------------------------------------------------------------ refusals by role

    def test_advisor_cannot_take_payment(self):
        repair = self._customer_and_insurance_order()
        before = self._counts()
        for user in (self.advisor, new_test_user(self.env, login="cash_tech", groups=f"{GROUP}technician")):
            with self.assertRaises(AccessError):
                repair.with_user(user).with_context(dealer_server_side=True).action_dealer_collect(
                    [{"method": "cash", "amount": CUSTOMER_TOTAL}]
                )
        with self.assertRaises(AccessError):
            repair.with_user(self.advisor).action_dealer_post_moves()
        self.assertEqual(self._counts(), before)
        self.assertFalse(repair.dealer_released)

    def test_client_cannot_write_release(self):
        repair = self._customer_and_insurance_order()
        for user in (self.advisor, self.accountant, self.manager):
            for vals in (
                {"dealer_released": True},
                {"dealer_on_account_amount": 100},
                {"dealer_release_time": "2026-01-01"},
            ):
                with self.assertRaisesRegex(UserError, "changes only through its actions"):
                    repair.with_user(user).with_context(dealer_server_side=True).write(vals)
        self.assertFalse(repair.dealer_released)
        self.assertFalse(repair.dealer_on_account_amount)
        with self.assertRaisesRegex(UserError, "cannot be handed over yet"):
            repair.with_user(self.advisor).action_dealer_deliver()

    # ------------------------------------------------------------------ Post Invoices

    def test_post_invoices(self):
        repair = self._order(
            labor=[
                (self.oil_change, None, "customer"),
                (self.brake_job, None, "insurance"),
                ("内部检查", 1.0, "internal"),
            ],
            parts=[(self.oil_filter, 1, "customer")],
            insurer_id=self.insurer.id,
        )
        self._finish(repair)
        action = repair.with_user(self.accountant).action_dealer_invoice()
        moves = repair.dealer_move_ids
        self.assertEqual(len(moves), 3)
        self.assertEqual(set(moves.mapped("state")), {"draft"})
        list_view = self.env.ref("dealer_aftersales.account_move_view_list_dealer_repair")
        self.assertEqual(action["views"][0], (list_view.id, "list"))
        arch = list_view.arch
        for field in ("partner_id", "amount_total", "state"):
            self.assertIn(f'name="{field}"', arch)
        self.assertTrue(repair.with_user(self.accountant).dealer_has_draft_moves)

        repair.with_user(self.accountant).action_dealer_post_moves()
        self.assertEqual(set(moves.mapped("state")), {"posted"})
        for move in moves:
            self._assert_balanced(move)
        self.assertFalse(repair.with_user(self.accountant).dealer_has_draft_moves)
        with self.assertRaisesRegex(UserError, "no draft invoice"):
            repair.with_user(self.accountant).action_dealer_post_moves()
