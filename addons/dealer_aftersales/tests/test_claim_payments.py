"""The books and after-sales agree: an insurer's invoice paid in Odoo's accounting (Register
Payment, a bank reconciliation) settles its claim exactly as paying from the claim does, and
never twice when both are used.

Every claim here is _invoiced_claim's: the insurer's invoice is 2 500 + 13 % VAT = 2 825."""

from odoo import fields
from odoo.tests import tagged

from .common import DealerClaimCase


@tagged("post_install", "-at_install")
class TestInsurerInvoicePaidInTheBooks(DealerClaimCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.today()

    def _register_payment(self, invoice, **values):
        """Odoo's Register Payment on ``invoice``, as the accountant does it from the invoice."""
        return (
            self.env["account.payment.register"]
            .with_user(self.accountant)
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"journal_id": self.bank.id, "payment_date": self.today, **values})
            ._create_payments()
        )

    def _settle_from_claim(self, claim, amount, handling="open", reason=None):
        """The claim's Settle button."""
        action = claim.with_user(self.accountant).action_settle()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.accountant)
            .with_context(**action["context"])
            .create(
                {
                    "amount": amount,
                    "journal_id": self.bank.id,
                    "date": self.today,
                    "difference_handling": handling,
                    "reason": reason,
                }
            )
        )
        wizard.action_confirm()

    def _figures(self, claim):
        """What the claim says of its settlement: its state and amounts, and its settlements."""
        claim.invalidate_recordset()
        settlements = [
            (s.date, s.amount_paid, s.amount_difference, s.difference_handling, s.reason or False, bool(s.payment_id))
            for s in claim.settlement_ids.sorted("id")
        ]
        return (
            claim.state,
            claim.amount_paid,
            claim.amount_written_off,
            claim.amount_rebilled,
            claim.amount_open,
            settlements,
        )

    def _entry_lines(self, move):
        """(account type, debit, credit) of a posted, balanced journal entry."""
        self._assert_balanced(move)
        return sorted((line.account_id.account_type, line.debit, line.credit) for line in move.line_ids)

    def _settlement_notes(self, claim, user):
        return claim.message_ids.filtered(lambda m: m.author_id == user.partner_id and "Settlement:" in (m.body or ""))

    def test_full_payment_registered_on_the_invoice(self):
        from_claim = self._invoiced_claim("PICC-BOOKS-A")
        self._settle_from_claim(from_claim, 2825)
        in_books = self._invoiced_claim("PICC-BOOKS-B")
        payment = self._register_payment(in_books.invoice_id)

        expected = ("settled", 2825, 0, 0, 0, [(self.today, 2825, 0, "open", False, True)])
        self.assertEqual(self._figures(from_claim), expected)
        self.assertEqual(self._figures(in_books), expected)
        self.assertEqual(in_books.settlement_ids.payment_id, payment)
        self.assertEqual(in_books.settlement_ids.move_ids, payment.move_id)
        self.assertIn(in_books.invoice_id.payment_state, ("paid", "in_payment"))
        # The same journal entry either way: 2 825 from the insurer's receivable to the bank's outstanding receipts.
        lines = [("asset_current", 2825, 0), ("asset_receivable", 0, 2825)]
        self.assertEqual(self._entry_lines(from_claim.settlement_ids.payment_id.move_id), lines)
        self.assertEqual(self._entry_lines(payment.move_id), lines)
        self.assertEqual(len(self._settlement_notes(in_books, self.accountant)), 1)
        # Settled: closing it is the next step, as from the claim.
        in_books.with_user(self.accountant).action_close()
        self.assertEqual(in_books.state, "closed")

    def test_partial_payment_then_the_rest_from_the_claim(self):
        from_claim = self._invoiced_claim("PICC-BOOKS-C")
        self._settle_from_claim(from_claim, 1000)
        in_books = self._invoiced_claim("PICC-BOOKS-D")
        payment = self._register_payment(in_books.invoice_id, amount=1000, payment_difference_handling="open")

        expected = ("partly_settled", 1000, 0, 0, 1825, [(self.today, 1000, 0, "open", False, True)])
        self.assertEqual(self._figures(from_claim), expected)
        self.assertEqual(self._figures(in_books), expected)
        self.assertEqual(
            self._entry_lines(payment.move_id), [("asset_current", 1000, 0), ("asset_receivable", 0, 1000)]
        )
        # The insurer pays the rest, recorded on the claim: counted once, by its own settlement.
        self._settle_from_claim(in_books, 1825)
        self.assertEqual(
            self._figures(in_books),
            (
                "settled",
                2825,
                0,
                0,
                0,
                [(self.today, 1000, 0, "open", False, True), (self.today, 1825, 0, "open", False, True)],
            ),
        )
        self.assertEqual(len(self._settlement_notes(in_books, self.accountant)), 2)

    def test_claim_first_then_the_rest_registered_on_the_invoice(self):
        claim = self._invoiced_claim("PICC-BOOKS-E")
        self._settle_from_claim(claim, 2000)
        self.assertEqual(len(claim.settlement_ids), 1)
        payment = self._register_payment(claim.invoice_id)
        self.assertEqual(payment.amount, 825)
        self.assertEqual(
            self._figures(claim),
            (
                "settled",
                2825,
                0,
                0,
                0,
                [(self.today, 2000, 0, "open", False, True), (self.today, 825, 0, "open", False, True)],
            ),
        )
        self.assertEqual(claim.settlement_ids.sorted("id")[-1].payment_id, payment)
        self.assertEqual(sum(claim.settlement_ids.mapped("amount_paid")), claim.invoice_id.amount_total)

    def test_short_payment_marked_fully_paid(self):
        """The insurer pays 2 700 and cuts 125, written off on Register Payment ("mark as fully
        paid") or on the claim: the same settlement and the same entry."""
        from_claim = self._invoiced_claim("PICC-BOOKS-F")
        self._settle_from_claim(from_claim, 2700, "writeoff", "保险公司核减工时费")
        in_books = self._invoiced_claim("PICC-BOOKS-G")
        payment = self._register_payment(
            in_books.invoice_id,
            amount=2700,
            payment_difference_handling="reconcile",
            writeoff_account_id=self.writeoff_account.id,
            writeoff_label="保险公司核减工时费",
        )
        expected = ("settled", 2700, 125, 0, 0, [(self.today, 2700, 125, "writeoff", "保险公司核减工时费", True)])
        self.assertEqual(self._figures(from_claim), expected)
        self.assertEqual(self._figures(in_books), expected)
        lines = [("asset_current", 2700, 0), ("asset_receivable", 0, 2825), ("expense", 125, 0)]
        self.assertEqual(self._entry_lines(from_claim.settlement_ids.payment_id.move_id), lines)
        self.assertEqual(self._entry_lines(payment.move_id), lines)

    def test_remittance_counted_once(self):
        claim, remittance = self._applied_remittance("PICC-BOOKS-H", "人保 2026-12 赔款到账")
        self.assertEqual(len(claim.settlement_ids), 1)
        self.assertEqual(claim.settlement_ids.remittance_id, remittance)
        self.assertEqual((claim.amount_paid, claim.amount_open), (2825, 0))

    def test_bank_reconciliation(self):
        """The insurer's transfer on the bank statement, reconciled with the invoice (Odoo's bank
        reconciliation books the statement line against the receivable)."""
        claim = self._invoiced_claim("PICC-BOOKS-I")
        statement_line = self.env["account.bank.statement.line"].create(
            {
                "journal_id": self.bank.id,
                "date": self.today,
                "payment_ref": "PICC-BOOKS-I 赔款",
                "partner_id": self.insurer.id,
                "amount": 1500,
            }
        )
        __, suspense, __ = statement_line.with_context(skip_account_move_synchronization=True)._seek_for_lines()
        receivable = self._receivable_lines(claim.invoice_id)
        suspense.with_context(skip_account_move_synchronization=True).account_id = receivable.account_id
        (suspense | receivable).reconcile()
        self.assertEqual(
            self._figures(claim), ("partly_settled", 1500, 0, 0, 1325, [(self.today, 1500, 0, "open", False, False)])
        )
        self.assertEqual(claim.settlement_ids.move_ids, statement_line.move_id)
        self.assertEqual(
            self._entry_lines(statement_line.move_id), [("asset_cash", 1500, 0), ("asset_receivable", 0, 1500)]
        )
        # The rest from the claim: settled, 2 825 in all.
        self._settle_from_claim(claim, 1325)
        self.assertEqual((claim.state, claim.amount_paid, len(claim.settlement_ids)), ("settled", 2825, 2))
