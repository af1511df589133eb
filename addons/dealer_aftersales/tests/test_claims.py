"""Insurance claims, insurer remittances, warranty claims, receivables, credit and policies.

Amounts are worked out by hand in the comments: labor at 180 元/h (insurance) and
120 元/h (warranty), brake pads sold at 400 (cost 220), VAT 13 %.
"""

import base64
import datetime

from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged

from .common import DealerClaimCase


class TestInsuranceClaim(DealerClaimCase):
    def test_assessment_and_approval_limits(self):
        claim = self._claim()
        self.assertEqual((claim.assessed_amount, claim.not_covered_amount, claim.state), (3000, 500, "reported"))
        self.assertTrue(claim.name.startswith("BX"))
        claim.action_assess()
        with self.assertRaisesRegex(UserError, "cannot be approved for .*3,500.00.*: the insurer assessed .*3,000.00"):
            claim.action_approve(3500, 0)
        with self.assertRaisesRegex(
            UserError, r"deductible .*4,000.00.* cannot be above the approved amount .*3,000.00"
        ):
            claim.action_approve(3000, 4000)
        self.assertEqual((claim.state, claim.approved_amount, claim.deductible), ("assessed", 0, 0))
        with self.assertRaisesRegex(UserError, "is Assessed: this step needs it Settled"):
            claim.action_close()
        claim.action_approve(2800, 300)
        self.assertEqual((claim.state, claim.approved_amount, claim.deductible), ("approved", 2800, 300))

    def test_deleting_several_claims_at_once(self):
        """Two claims deleted together: refused, both kept, when one of them is invoiced (this
        raised "Expected singleton" before); two that may go are deleted together."""
        invoiced = self._invoiced_claim("PICC-2026-DEL1")
        draft = self._claim("PICC-2026-DEL2")
        with self.assertRaisesRegex(UserError, "A claim with an invoice or settlements cannot be deleted"):
            (invoiced | draft).with_user(self.manager).unlink()
        self.assertEqual(len((invoiced | draft).exists()), 2)
        other = self._claim("PICC-2026-DEL3")
        (draft | other).with_user(self.manager).unlink()
        self.assertFalse((draft | other).exists())

    def test_rejection_needs_a_reason(self):
        claim = self._claim()
        with self.assertRaisesRegex(UserError, "Write down why"):
            claim.action_reject()
        claim.reject_reason = "非保险责任（酒驾）"
        claim.action_reject()
        self.assertEqual(claim.state, "rejected")

    def test_invoices_follow_the_approved_figures(self):
        claim = self._invoiced_claim()
        repair = claim.repair_id
        self.assertEqual(
            (repair.insurer_id, repair.insurance_deductible, repair.service_type), (self.insurer, 300, "accident")
        )
        insurer_invoice = claim.invoice_id
        self.assertEqual(claim.state, "invoiced")
        self.assertEqual(insurer_invoice.partner_id, self.insurer)
        self.assertEqual((insurer_invoice.amount_untaxed, insurer_invoice.amount_total), (2500, 2825))
        customer_invoice = repair.dealer_move_ids.filtered(lambda m: m.partner_id == self.owner)
        self.assertEqual((customer_invoice.amount_untaxed, customer_invoice.amount_total), (400, 452))
        self.assertIn("Above the amount approved", " ".join(customer_invoice.invoice_line_ids.mapped("name")))
        for move in repair.dealer_move_ids:
            self._assert_balanced(move)

    def test_invoicing_before_approval_is_refused(self):
        claim = self._claim()
        repair = self._order(labor=[(self.brake_job, None, "insurance")], insurer_id=self.insurer.id)
        claim.repair_id = repair
        self._finish(repair)
        with self.assertRaisesRegex(UserError, "once claim .* is approved"):
            repair.action_dealer_invoice()
        self.assertFalse(repair.dealer_move_ids)

    def test_partial_then_short_payment_written_off(self):
        claim = self._invoiced_claim()
        accountant_claim = claim.with_user(self.accountant)
        accountant_claim._settle(1000, self.bank, fields.Date.today())
        self.assertEqual((claim.state, claim.amount_open, claim.amount_paid), ("partly_settled", 1825, 1000))
        with self.assertRaisesRegex(UserError, "2,000.00.* is above what is open on .*1,825.00"):
            accountant_claim._settle(2000, self.bank, fields.Date.today())
        with self.assertRaisesRegex(UserError, "Give the reason"):
            accountant_claim._settle(1700, self.bank, fields.Date.today(), "writeoff")
        self.assertEqual((len(claim.settlement_ids), claim.amount_open), (1, 1825))
        # The insurer pays 1 700 and cuts 125: written off to the settlement-difference account.
        settlement = accountant_claim._settle(1700, self.bank, fields.Date.today(), "writeoff", "保险公司核减工时费")
        self.assertEqual((claim.state, claim.amount_open, claim.amount_written_off), ("settled", 0, 125))
        move = settlement.payment_id.move_id
        self._assert_balanced(move)
        lines = {(line.account_id, line.debit, line.credit) for line in move.line_ids}
        self.assertIn((self.writeoff_account, 125, 0), lines)
        self.assertIn((self.receivable, 0, 1825), lines)
        self.assertEqual(sum(move.line_ids.filtered(lambda l: l.debit).mapped("debit")), 1825)
        with self.assertRaisesRegex(UserError, "is Settled: there is nothing to settle"):
            accountant_claim._settle(10, self.bank, fields.Date.today())
        claim.action_close()
        self.assertEqual(claim.state, "closed")

    def test_short_payment_rebilled_to_customer(self):
        """The insurer pays 2 000 of 2 825: 825 moves to the customer by a credit note to the
        insurer and an invoice to the customer (no VAT: it stays on the insurer's invoice)."""
        claim = self._invoiced_claim()
        settlement = claim.with_user(self.accountant)._settle(2000, self.bank, fields.Date.today(), "rebill")
        self.assertEqual((claim.state, claim.amount_rebilled), ("settled", 825))
        refund = settlement.move_ids.filtered(lambda m: m.move_type == "out_refund")
        rebill = settlement.move_ids.filtered(lambda m: m.move_type == "out_invoice")
        insurance_revenue = self.configs["insurance"].labor_account_id
        self.assertEqual(
            sorted((l.account_id.id, l.debit, l.credit) for l in refund.line_ids),
            sorted([(insurance_revenue.id, 825, 0), (self.receivable.id, 0, 825)]),
        )
        self.assertEqual((rebill.partner_id, rebill.amount_total, rebill.amount_residual), (self.owner, 825, 825))
        self.assertEqual(
            sorted((l.account_id.id, l.debit, l.credit) for l in rebill.line_ids),
            sorted([(insurance_revenue.id, 0, 825), (self.receivable.id, 825, 0)]),
        )
        self.assertIn(claim.invoice_id.payment_state, ("paid", "in_payment"))
        self.assertIn(refund, claim.repair_id.dealer_move_ids)

    def test_nothing_paid_everything_written_off(self):
        claim = self._invoiced_claim()
        settlement = claim.with_user(self.accountant)._settle(0, self.bank, fields.Date.today(), "writeoff", "拒赔")
        [entry] = settlement.move_ids
        self._assert_balanced(entry)
        self.assertEqual(
            sorted((l.account_id.id, l.debit, l.credit) for l in entry.line_ids),
            sorted([(self.writeoff_account.id, 2825, 0), (self.receivable.id, 0, 2825)]),
        )
        self.assertEqual((claim.state, claim.amount_open), ("settled", 0))

    def test_settle_wizard(self):
        claim = self._invoiced_claim()
        action = claim.with_user(self.accountant).action_settle()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.accountant)
            .with_context(**action["context"])
            .create({"amount": 2825, "journal_id": self.bank.id})
        )
        self.assertEqual(wizard.difference, 0)
        wizard.action_confirm()
        self.assertEqual((claim.state, claim.amount_paid), ("settled", 2825))
        move = claim.settlement_ids.payment_id.move_id
        self._assert_balanced(move)
        self.assertEqual(
            sorted((l.account_id.account_type, l.debit, l.credit) for l in move.line_ids),
            [("asset_current", 2825, 0), ("asset_receivable", 0, 2825)],
        )

    def test_advisor_cannot_settle(self):
        claim = self._invoiced_claim()
        with self.assertRaises(AccessError), self.cr.savepoint():
            claim.with_user(self.advisor)._settle(2825, self.bank, fields.Date.today())
        self.assertEqual(claim.state, "invoiced")


class TestRemittance(DealerClaimCase):
    def _remittance(self, lines, **values):
        return (
            self.env["dealer.insurance.remittance"]
            .with_user(self.accountant)
            .create(
                {
                    "name": "人保 2026-11 赔款到账",
                    "insurer_id": self.insurer.id,
                    "journal_id": self.bank.id,
                    "line_ids": [Command.create(line) for line in lines],
                    **values,
                }
            )
        )

    def test_unknown_line_applies_nothing(self):
        first = self._invoiced_claim("PICC-A")
        second = self._invoiced_claim("PICC-B")
        remittance = self._remittance(
            [{"reference": "PICC-A", "amount": 2825}, {"reference": "PICC-ZZZ", "amount": 100}]
        )
        with self.assertRaisesRegex(UserError, "PICC-ZZZ: no claim of this insurer has that number"):
            remittance.action_apply()
        self.assertEqual((first.state, first.amount_open, remittance.state), ("invoiced", 2825, "draft"))
        self.assertFalse(self.env["account.payment"].search([("partner_id", "=", self.insurer.id)]))

        remittance.line_ids.filtered(lambda l: l.reference == "PICC-ZZZ").write(
            {"reference": "PICC-B", "amount": 2000, "difference_handling": "writeoff", "reason": "核减"}
        )
        remittance.action_apply()
        self.assertEqual((first.state, second.state, remittance.state), ("settled", "settled", "done"))
        self.assertEqual(second.amount_written_off, 825)
        self.assertEqual(remittance.amount_total, 4825)
        self.assertEqual(first.settlement_ids.remittance_id, remittance)

    def test_load_xlsx(self):
        import io

        import xlsxwriter

        self._invoiced_claim("PICC-X")
        buffer = io.BytesIO()
        book = xlsxwriter.Workbook(buffer)
        sheet = book.add_worksheet()
        for row, values in enumerate((("报案号", "赔付金额"), ("PICC-X", 2825), (None, None), ("PICC-Y", "abc"))):
            sheet.write_row(row, 0, values)
        book.close()
        remittance = self._remittance([], file=base64.b64encode(buffer.getvalue()), file_name="人保.xlsx")
        with self.assertRaisesRegex(UserError, "Row 4: abc is not an amount"):
            remittance.action_load_file()
        self.assertFalse(remittance.line_ids)

    def test_load_csv_and_overpayment(self):
        self._invoiced_claim("PICC-C")
        content = '报案号,赔付金额\nPICC-C,"3,000.00"\n'
        remittance = self._remittance([], file=base64.b64encode(content.encode()), file_name="remittance.csv")
        remittance.action_load_file()
        self.assertEqual([(l.reference, l.amount) for l in remittance.line_ids], [("PICC-C", 3000.0)])
        with self.assertRaisesRegex(UserError, "3,000.00.* is above what is open on claim .*2,825.00"):
            remittance.action_apply()


class TestWarrantyClaim(DealerClaimCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.brand.write({"warranty_claim_days": 30, "warranty_parts_handling": 10})
        cls.fault = cls.env["dealer.fault.code"].create(
            {"code": "B1001", "name": "前刹车异响", "operation_ids": [Command.set(cls.brake_job.ids)]}
        )

    def _warranty_order(self, **values):
        """1.2 h x 120 = 144 labor; one pad at cost 220 + 10 % handling = 242: claimed 386."""
        repair = self._order(
            labor=[(self.brake_job, None, "warranty")], parts=[(self.brake_pads, 1, "warranty")], **values
        )
        self._finish(repair)
        return repair

    def test_claim_from_the_order(self):
        repair = self._warranty_order()
        action = repair.with_user(self.advisor).action_dealer_warranty_claim()
        self.assertEqual(action["context"]["default_repair_id"], repair.id)
        claim = self._warranty_claim(repair)
        self.assertEqual(repair.action_dealer_warranty_claim()["res_id"], claim.id)
        self.assertEqual(repair.action_view_dealer_claims()["res_id"], claim.id)

    def _warranty_claim(self, repair):
        return (
            self.env["dealer.warranty.claim"]
            .with_user(self.advisor)
            .create({"repair_id": repair.id, "fault_code_id": self.fault.id})
        )

    def test_amounts_and_invoice(self):
        repair = self._warranty_order()
        claim = self._warranty_claim(repair)
        self.assertEqual((claim.labor_amount, claim.parts_amount, claim.amount_claimed), (144, 242, 386))
        self.assertEqual(claim.manufacturer_id, self.maker)
        claim.action_submit()
        repair.with_user(self.accountant).action_dealer_invoice()
        invoice = repair.dealer_move_ids.filtered(lambda m: m.partner_id == self.maker)
        self.assertEqual((invoice.amount_untaxed, invoice.amount_total), (386, 436.18))
        invoice.with_user(self.accountant).action_post()
        claim.action_approve()
        self.assertEqual((claim.state, claim.invoice_id, claim.approved_amount), ("approved", invoice, 386))
        claim.with_user(self.accountant)._pay(436.18, self.bank, fields.Date.today())
        self.assertEqual(claim.state, "paid")

        # The manufacturer's audit takes the money back: charged back, re-billed internally.
        with self.assertRaisesRegex(UserError, "reason"):
            claim.action_charge_back()
        claim.reason = "索赔件未按期返还"
        claim.action_charge_back()
        claim.with_user(self.accountant).action_rebill_internal()
        refund = claim.rebill_move_ids.filtered(lambda m: m.move_type == "out_refund")
        entry = claim.rebill_move_ids.filtered(lambda m: m.move_type == "entry")
        self.assertEqual((refund.partner_id, refund.amount_total), (self.maker, 436.18))
        self._assert_balanced(entry)
        internal = self.configs["internal"]
        self.assertEqual(
            sorted((l.account_id.id, l.debit, l.credit) for l in entry.line_ids),
            sorted([(internal.expense_account_id.id, 436.18, 0), (internal.labor_account_id.id, 0, 436.18)]),
        )
        # The manufacturer now owes 436.18 less: its balance is a credit of 436.18.
        self.assertEqual(refund.amount_residual, 436.18)
        with self.assertRaisesRegex(UserError, "already re-billed"):
            claim.with_user(self.accountant).action_rebill_customer()  # re-billing is the accountant's

    def test_payment_registered_on_the_invoice(self):
        repair = self._warranty_order()
        claim = self._warranty_claim(repair)
        claim.action_submit()
        repair.with_user(self.accountant).action_dealer_invoice()
        repair.dealer_move_ids.with_user(self.accountant).action_post()
        claim.action_approve()
        action = claim.with_user(self.accountant).action_register_payment()
        self.env[action["res_model"]].with_user(self.accountant).with_context(**action["context"]).create(
            {"journal_id": self.bank.id}
        )._create_payments()
        self.assertEqual((claim.state, claim.amount_open), ("paid", 0))

    def test_rejected_rebilled_to_customer(self):
        repair = self._warranty_order()
        claim = self._warranty_claim(repair)
        claim.action_submit()
        repair.with_user(self.accountant).action_dealer_invoice()
        invoice = repair.dealer_move_ids.filtered(lambda m: m.partner_id == self.maker)
        invoice.with_user(self.accountant).action_post()
        claim.reason = "超出保修期"
        claim.action_reject()
        claim.with_user(self.accountant).action_rebill_customer()
        customer_invoice = claim.rebill_move_ids.filtered(lambda m: m.move_type == "out_invoice")
        self.assertEqual((customer_invoice.partner_id, customer_invoice.amount_total), (self.owner, 436.18))
        self.assertEqual(invoice.amount_residual, 0)  # closed by the credit note
        for move in claim.rebill_move_ids:
            self._assert_balanced(move)

    def test_audit_checks(self):
        repair = self._warranty_order()
        claim = self._warranty_claim(repair)
        claim.action_submit()
        # Same vehicle and fault again within 30 days.
        second = self._warranty_claim(self._warranty_order(mileage_in=12500))
        with self.assertRaisesRegex(UserError, "same vehicle and fault B1001 was submitted less than 30 days ago"):
            second.action_submit()
        self.assertEqual(second.state, "draft")
        # A labor operation outside the fault code.
        other_fault = self.env["dealer.fault.code"].create(
            {"code": "E2001", "name": "机油泄漏", "operation_ids": [Command.set(self.oil_change.ids)]}
        )
        second.fault_code_id = other_fault
        with self.assertRaisesRegex(UserError, "Labor BRK02 does not belong to fault code E2001"):
            second.action_submit()

    def test_deadline_and_mileage_checks(self):
        today = fields.Date.today()
        self.Reading.create(
            {"vehicle_id": self.vehicle.id, "value": 15000, "date": today - datetime.timedelta(days=10)}
        )
        self.Reading.create(
            {
                "vehicle_id": self.vehicle.id,
                "value": 11000,
                "date": today - datetime.timedelta(days=5),
                "is_correction": True,
                "correction_reason": "更换仪表",
            }
        )
        repair = self._warranty_order(mileage_in=12000)
        repair.completion_time = fields.Datetime.now() - datetime.timedelta(days=40)
        claim = self._warranty_claim(repair)
        with self.assertRaises(UserError) as refusal:
            claim.action_submit()
        message = str(refusal.exception)
        self.assertIn("(12000 km) is lower than an earlier reading of the vehicle (15000 km", message)
        self.assertIn("deadline has passed: Test Brand accepts claims up to 30 days", message)
        self.assertEqual(claim.state, "draft")


class TestReceivables(DealerClaimCase):
    def _invoice(self, partner, amount, date, due, pay_type="customer", post=True, user=None):
        move = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_date": date,
                "invoice_date_due": due,
                "dealer_pay_type": pay_type,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": "维修费",
                            "quantity": 1,
                            "price_unit": amount,
                            "tax_ids": [],
                            "account_id": self.configs["customer"].labor_account_id.id,
                        }
                    )
                ],
            }
        )
        if post:
            move.with_user(user or self.env.user).action_post()
        return move

    def test_aging_at_a_date(self):
        """At D: due D-400 (100) dead, D-200 (200) bad debt, D-45 (300, 30 paid on D-10) 31-90,
        D+10 (400) not due; the insurer's invoice shows as insurer's."""
        today = fields.Date.today()

        def days(n):
            return today - datetime.timedelta(days=n)

        Analysis = self.env["dealer.receivable.analysis"]
        buckets = ("dead", "bad", "91_180", "31_90", "1_30", "not_due", "total")
        moments = {"today": today, "earlier": days(21)}
        before = {name: Analysis.aging(date, self.company)[self.company.id] for name, date in moments.items()}

        def added(name):
            """What the test's invoices add to the store's aging (the demo store has its own)."""
            now = Analysis.aging(moments[name], self.company)[self.company.id]
            return {key: round(now[key] - before[name][key], 2) for key in buckets}

        customer = self.env["res.partner"].create({"name": "陈刚"})
        self._invoice(customer, 100, days(430), days(400))
        self._invoice(customer, 200, days(230), days(200))
        late = self._invoice(customer, 300, days(75), days(45))
        self._invoice(self.insurer, 400, days(20), today + datetime.timedelta(days=10), pay_type="insurance")
        self.env["account.payment.register"].with_context(active_model="account.move", active_ids=late.ids).create(
            {"amount": 30, "payment_date": days(10), "journal_id": self.bank.id}
        )._create_payments()
        self.assertEqual(
            added("today"),
            {"dead": 100, "bad": 200, "91_180": 0, "31_90": 270, "1_30": 0, "not_due": 400, "total": 970},
        )
        # Three weeks ago the 30 was not paid yet, the insurer's invoice did not exist, the 300 was
        # 24 days overdue and the 200 179 days: not yet bad debt.
        self.assertEqual(
            added("earlier"),
            {"dead": 100, "bad": 0, "91_180": 200, "31_90": 0, "1_30": 300, "not_due": 0, "total": 600},
        )
        report = self.env["dealer.receivable.aging.report"]
        kinds = dict(
            report._read_group([("partner_id", "in", (customer | self.insurer).ids)], ["payer_kind"], ["residual:sum"])
        )
        self.assertEqual(kinds, {"customer": 570, "insurer": 400})

    def test_aging_buckets_in_age_order(self):
        """One invoice of 100 in each bucket (due in 10 days, 10, 45, 120, 200 and 400 days ago):
        the pivot's columns, the list's groups and a list sorted by the bucket run from not due to
        dead debt, the order of the selection, not the alphabetical order of the keys."""
        today = fields.Date.today()
        customer = self.env["res.partner"].create({"name": "周敏"})
        for overdue in (400, 200, 120, 45, 10, -10):
            due = today - datetime.timedelta(days=overdue)
            self._invoice(customer, 100, min(due, today), due)
        in_age_order = ["not_due", "1_30", "31_90", "91_180", "bad", "dead"]
        report = self.env["dealer.receivable.aging.report"]
        self.assertEqual([key for key, __ in report._fields["bucket"].selection], in_age_order)
        domain = [("partner_id", "=", customer.id)]
        self.assertEqual(report._read_group(domain, ["bucket"], ["residual:sum"]), [(key, 100) for key in in_age_order])
        # The pivot reads its columns eagerly, rows first (payer, then bucket); the list lazily.
        pivot = report.read_group(domain, ["residual:sum"], ["payer_kind", "bucket"], lazy=False)
        self.assertEqual(
            [(group["payer_kind"], group["bucket"]) for group in pivot], [("customer", key) for key in in_age_order]
        )
        listed = report.web_read_group(domain, ["residual:sum"], ["bucket"])["groups"]
        self.assertEqual([group["bucket"] for group in listed], in_age_order)
        descending = report.read_group(domain, ["residual:sum"], ["bucket"], orderby="bucket desc")
        self.assertEqual([group["bucket"] for group in descending], in_age_order[::-1])
        self.assertEqual(report.search(domain, order="bucket").mapped("bucket"), in_age_order)
        self.assertEqual(report.search(domain, order="bucket desc").mapped("bucket"), in_age_order[::-1])

    def test_aging_agrees_with_the_journal(self):
        """Whatever is in the database (demo included), the aging adds up to the balance of the
        receivable accounts."""
        today = fields.Date.today()
        self._invoiced_claim()
        total = self.env["dealer.receivable.analysis"].aging(today, self.company)[self.company.id]["total"]
        [(balance,)] = self.env["account.move.line"]._read_group(
            [
                ("company_id", "=", self.company.id),
                ("account_id.account_type", "=", "asset_receivable"),
                ("parent_state", "=", "posted"),
                ("date", "<=", today),
            ],
            [],
            ["balance:sum"],
        )
        self.assertAlmostEqual(total, balance, places=2)

    def test_credit_limit_and_approval_gate(self):
        """Over the six months up to this month: invoices of 6 000 and 3 000, and a repair order of
        1 h x 150 + 2 pads x 400 = 950 whose pads cost 440: gross profit 9 510, limit 1 585."""
        today = fields.Date.today()
        bus = self.env["res.partner"].create(
            {"name": "广州市公交集团有限公司", "is_company": True, "dealer_account_customer": True}
        )
        self._invoice(bus, 6000, today - datetime.timedelta(days=40), today - datetime.timedelta(days=10))
        self._invoice(bus, 3000, today - datetime.timedelta(days=35), today - datetime.timedelta(days=5))
        repair = self._order(
            labor=[("检查", 1, "customer")], parts=[(self.brake_pads, 2, "customer")], partner_id=bus.id
        )
        self._finish(repair)
        repair.action_dealer_invoice()
        repair.dealer_move_ids.with_user(self.manager).action_post()
        limits = self.env["res.partner"]._dealer_compute_credit_limits(self.company, today + relativedelta(months=1))
        self.assertEqual(limits[self.company.id, bus.id], 1585)
        self.assertEqual(bus.with_company(self.company).dealer_credit_limit, 1585)

        # It owes far more already: the accountant cannot post another invoice, the manager can.
        invoice = self._invoice(bus, 100, today, today + datetime.timedelta(days=30), post=False)
        with self.assertRaisesRegex(UserError, "needs an after-sales manager's approval"):
            invoice.with_user(self.accountant).action_post()
        self.assertEqual(invoice.state, "draft")
        invoice.with_user(self.manager).action_post()
        self.assertEqual((invoice.state, invoice.dealer_credit_approved_by), ("posted", self.manager))

        # A manager raises the limit: within it and within the term, no approval needed.
        with self.assertRaisesRegex(UserError, "Only an after-sales manager"):
            bus.with_user(self.accountant).with_company(self.company).dealer_credit_limit_manual = 50000
        bus.with_user(self.manager).with_company(self.company).dealer_credit_limit_manual = 50000
        small = self._invoice(bus, 100, today, today + datetime.timedelta(days=30), user=self.accountant)
        self.assertEqual(small.state, "posted")
        long_term = self._invoice(bus, 100, today, today + datetime.timedelta(days=120), post=False)
        with self.assertRaisesRegex(UserError, r"payment term \(120 days\) is longer than the 90 days"):
            long_term.with_user(self.accountant).action_post()

    def test_credit_terms(self):
        partner = self.env["res.partner"].create({"name": "某单位", "dealer_account_customer": True})
        with self.assertRaisesRegex(ValidationError, "at most 90 days"):
            partner.dealer_credit_days = 120
        partner.write({"dealer_government": True, "dealer_credit_days": 180})
        with self.assertRaisesRegex(ValidationError, "at most 180 days"):
            partner.dealer_credit_days = 200

    def test_dunning(self):
        today = fields.Date.today()
        bus = self.env["res.partner"].create({"name": "广州地铁集团", "dealer_account_customer": True})
        bus.with_company(self.company).dealer_credit_limit_manual = 100000
        invoice = self._invoice(bus, 500, today - datetime.timedelta(days=40), today - datetime.timedelta(days=10))
        self.env["account.move"]._cron_dealer_dunning()
        self.env["account.move"]._cron_dealer_dunning()
        self.assertEqual(invoice.activity_ids.mapped("summary"), ["Collect overdue payment"])


class TestPolicies(DealerClaimCase):
    def test_renewal_rate_reminders_referrals_and_placement(self):
        today = fields.Date.today()
        Policy = self.env["dealer.insurance.policy"]
        pingan = self.env["res.partner"].create({"name": "平安财险广州分公司", "dealer_is_insurer": True})
        cpic = self.env["res.partner"].create({"name": "太平洋财险广州分公司", "dealer_is_insurer": True})
        self.env["res.partner"].search(
            [("dealer_is_insurer", "=", True), ("id", "not in", (self.insurer | pingan | cpic).ids)]
        ).dealer_is_insurer = False
        start = today.replace(day=1)
        end = start + relativedelta(months=1) - datetime.timedelta(days=1)
        # Four policies end this month; three are renewed through the store: 75 %.
        old = Policy.create(
            [
                {
                    "name": f"OLD-{n}",
                    "insurer_id": self.insurer.id,
                    "vehicle_id": self.vehicle.id,
                    "premium": 4000,
                    "date_start": start - relativedelta(years=1),
                    "date_end": start + datetime.timedelta(days=n),
                }
                for n in range(4)
            ]
        )
        Policy.create(
            [
                {
                    "name": f"NEW-{n}",
                    "insurer_id": insurer.id,
                    "vehicle_id": self.vehicle.id,
                    "premium": premium,
                    "date_start": start + datetime.timedelta(days=n),
                    "date_end": start + relativedelta(years=1),
                    "renewal_of_id": old[n].id,
                }
                for n, (insurer, premium) in enumerate(((self.insurer, 5000), (self.insurer, 5000), (pingan, 4000)))
            ]
        )
        rate = Policy.renewal_rate(start, end, self.company)[self.company.id]
        self.assertEqual((rate["expiring"], rate["renewed"], rate["rate"]), (4, 3, 75.0))
        # Reminders: a policy ending in 30 days gets one (once), one ending in 90 days or renewed none.
        soon, later, renewed = Policy.create(
            [
                {
                    "name": name,
                    "insurer_id": self.insurer.id,
                    "vehicle_id": self.vehicle.id,
                    "premium": 3000,
                    "date_start": today - datetime.timedelta(days=330),
                    "date_end": today + datetime.timedelta(days=days),
                }
                for name, days in (("SOON", 30), ("LATER", 90), ("RENEWED", 20))
            ]
        )
        Policy.create(
            {
                "name": "RENEWAL",
                "insurer_id": cpic.id,
                "vehicle_id": self.vehicle.id,
                "premium": 3000,
                "date_start": renewed.date_end,
                "date_end": renewed.date_end + relativedelta(years=1),
                "renewal_of_id": renewed.id,
            }
        )
        Policy._cron_renewal_reminders()
        Policy._cron_renewal_reminders()
        self.assertEqual(soon.activity_ids.mapped("summary"), ["Renew the insurance policy"])
        self.assertFalse(later.activity_ids | renewed.activity_ids)

        # The insurer sent 9 000 of accident repairs for 10 000 of premium placed: 0.9.
        self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.insurer.id,
                "invoice_date": start,
                "dealer_pay_type": "insurance",
                "invoice_line_ids": [
                    Command.create({"name": "事故车维修", "quantity": 1, "price_unit": 9000, "tax_ids": []})
                ],
            }
        ).action_post()
        referrals = Policy.insurer_referrals(start, end, self.company)
        self.assertEqual(referrals[self.insurer.id], {"premium": 10000, "revenue": 9000, "ratio": 0.9})
        self.assertEqual(referrals[pingan.id]["ratio"], 0)
        # Next month's renewals: 5 : 3 : 2 by this month's accident revenue.
        placement = Policy.renewal_placement(start + relativedelta(months=1), self.company)
        self.assertEqual(
            [(insurer, share) for insurer, share, __ in placement],
            [(self.insurer.id, 50.0), (cpic.id, 30.0), (pingan.id, 20.0)],
        )


@tagged("post_install", "-at_install")
class TestClaimFile(DealerClaimCase, HttpCase):
    """The claim file (理赔资料) in Chinese: the assessment, the approval and the settlement, as
    HTML and as a PDF from wkhtmltopdf (which fetches its assets over HTTP)."""

    def test_claim_file_in_chinese(self):
        claim = self.env["dealer.insurance.claim"].browse(self._invoiced_claim("PICC-FILE-001").id)
        # The insurer pays 2 700 of the 2 825 invoiced; the 125 left is written off.
        claim._settle(2700, self.bank, fields.Date.today(), handling="writeoff", reason="核减工时")
        claim.partner_id.lang = "zh_CN"
        Report = self.env["ir.actions.report"]
        html = Report._render_qweb_html("dealer_aftersales.action_report_claim_file", claim.ids)[0].decode()
        for text in (
            "理赔资料",
            "PICC-FILE-001",
            "定损",
            "前保险杠皮",
            "3,000.00",
            "2,800.00",
            "300.00",
            "2,825.00",
            "2,700.00",
            "125.00",
        ):
            self.assertIn(text, html)
        pdf, kind = Report.with_context(force_report_rendering=True)._render_qweb_pdf(
            "dealer_aftersales.action_report_claim_file", claim.ids
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
