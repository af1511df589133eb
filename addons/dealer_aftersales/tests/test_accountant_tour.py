from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged

from .access import ROLES
from .common import DealerClaimCase


@tagged("post_install", "-at_install")
class TestAccountantTour(DealerClaimCase, HttpCase):
    """In Chromium, in Chinese: the accountant invoices a mixed-payer order, then applies the
    insurer's remittance that pays it."""

    def test_invoice_then_apply_remittance(self):
        accountant = new_test_user(
            self.env,
            login="tour_accountant",
            password="tour_accountant",
            groups=ROLES["Accountant"],
            company_id=self.company.id,
            company_ids=[Command.set(self.company.ids)],
            lang="zh_CN",
        )
        # Approved 2 800, deductible 300; the order's insurance lines come to 2 900 (see
        # DealerClaimCase._invoiced_claim): insurer 2 500 + 13 % = 2 825, customer 400 + 13 % = 452.
        claim = self.env["dealer.insurance.claim"].browse(self._repaired_claim("PICC-TOUR-001").id)
        repair = claim.repair_id
        self.start_tour(
            f"/odoo/action-dealer_aftersales.repair_order_action_dealer/{repair.id}",
            "dealer_aftersales_invoice_tour",
            login="tour_accountant",
        )
        invoices = repair.dealer_move_ids
        totals = {move.partner_id: move.amount_total for move in invoices}
        self.assertEqual(totals, {self.insurer: 2825.0, self.owner: 452.0})
        self.assertTrue(all(move.create_uid == accountant for move in invoices))
        invoices.action_post()

        remittance = self.env["dealer.insurance.remittance"].create(
            {
                "name": "人保财险 赔款到账（巡检）",
                "insurer_id": self.insurer.id,
                "journal_id": self.bank.id,
                "date": fields.Date.today(),
                "line_ids": [Command.create({"reference": "PICC-TOUR-001", "amount": 2825.0})],
            }
        )
        self.start_tour(
            f"/odoo/action-dealer_aftersales.dealer_insurance_remittance_action/{remittance.id}",
            "dealer_aftersales_remittance_tour",
            login="tour_accountant",
        )
        self.assertEqual(remittance.state, "done")
        self.assertEqual((claim.state, claim.amount_paid), ("settled", 2825.0))
        insurer_invoice = invoices.filtered(lambda move: move.partner_id == self.insurer)
        self.assertEqual(insurer_invoice.payment_state, "paid")
