"""续保分配: the month's renewals placed 5 : 3 : 2 with the insurers, on the insurers' screen."""

import datetime

from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import DealerClaimCase


@tagged("post_install", "-at_install")
class TestRenewalPlacement(DealerClaimCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.cpic = Partner.create({"name": "中国太平洋财产保险广州分公司", "dealer_is_insurer": True})
        cls.pingan = Partner.create({"name": "平安财险广州分公司（测试）", "dealer_is_insurer": True})
        today = fields.Date.context_today(cls.env.user)
        cls.month = today.replace(day=1) + relativedelta(months=1)
        last_month = today.replace(day=1)
        # Accident repairs invoiced this month (the month before the placement's): PICC first.
        for insurer, amount in ((cls.insurer, 900000), (cls.cpic, 600000), (cls.pingan, 300000)):
            cls.env["account.move"].create(
                {
                    "move_type": "out_invoice",
                    "partner_id": insurer.id,
                    "invoice_date": last_month,
                    "dealer_pay_type": "insurance",
                    "invoice_line_ids": [
                        Command.create({"name": "事故车维修", "quantity": 1, "price_unit": amount, "tax_ids": []})
                    ],
                }
            ).action_post()
        # Ten policies end next month: six with PICC, four with Ping An; one more is renewed already.
        Policy = cls.env["dealer.insurance.policy"]
        # The demo's policies of that month set aside (rolled back with the test).
        Policy.search(
            [
                ("company_id", "=", cls.company.id),
                ("date_end", ">=", cls.month),
                ("date_end", "<", cls.month + relativedelta(months=1)),
            ]
        ).unlink()
        cls.policies = Policy.create(
            [
                {
                    "name": f"PLACE-{n}",
                    "insurer_id": (cls.insurer if n < 6 else cls.pingan).id,
                    "vehicle_id": cls.vehicle.id,
                    "premium": 4000,
                    "date_start": cls.month - relativedelta(years=1) + datetime.timedelta(days=n),
                    "date_end": cls.month + datetime.timedelta(days=n),
                }
                for n in range(10)
            ]
        )
        cls.renewed = Policy.create(
            {
                "name": "PLACE-RENEWED",
                "insurer_id": cls.cpic.id,
                "vehicle_id": cls.vehicle.id,
                "premium": 4000,
                "date_start": cls.month - relativedelta(years=1),
                "date_end": cls.month + datetime.timedelta(days=20),
            }
        )
        Policy.create(
            {
                "name": "PLACE-RENEWAL",
                "insurer_id": cls.cpic.id,
                "vehicle_id": cls.vehicle.id,
                "premium": 4000,
                "date_start": cls.renewed.date_end,
                "date_end": cls.renewed.date_end + relativedelta(years=1),
                "renewal_of_id": cls.renewed.id,
            }
        )
        group = "dealer_aftersales.dealer_aftersales_group_"
        cls.technician = new_test_user(cls.env, login="place_tech", groups=f"base.group_user,{group}technician")

    def _wizard(self, user=None, **values):
        return (
            self.env["dealer.renewal.placement.wizard"]
            .with_user(user or self.advisor)
            .create({"month": self.month, "company_id": self.company.id, **values})
        )

    def test_shares_and_counts_of_the_month(self):
        wizard = self._wizard()
        self.assertEqual(wizard.policy_count, 10)
        wizard.action_compute()
        self.assertEqual(
            [(line.insurer_id, line.share, line.revenue, line.policy_count) for line in wizard.line_ids],
            [(self.insurer, 50.0, 900000, 5), (self.cpic, 30.0, 600000, 3), (self.pingan, 20.0, 300000, 2)],
        )

    def test_apply_keeps_insurers_within_their_share(self):
        self._wizard().action_apply()
        placed = {p.name: p.renewal_insurer_id for p in self.policies}
        # PICC keeps five of its six, Ping An two of its four; the three left go to CPIC.
        self.assertEqual([placed[f"PLACE-{n}"] for n in range(5)], [self.insurer] * 5)
        self.assertEqual([placed[f"PLACE-{n}"] for n in (6, 7)], [self.pingan] * 2)
        self.assertEqual([placed[f"PLACE-{n}"] for n in (5, 8, 9)], [self.cpic] * 3)
        self.assertFalse(self.renewed.renewal_insurer_id, "a renewed policy is not placed again")

    def test_other_shares_and_refusals(self):
        wizard = self._wizard(weights="6：4")
        wizard.action_compute()
        self.assertEqual([line.policy_count for line in wizard.line_ids], [6, 4])
        for weights in ("a:b", "0:0", "5:3:-2", "150"):
            with self.subTest(weights=weights), self.assertRaises(UserError):
                self._wizard(weights=weights).action_apply()
        self.assertFalse(self.policies.renewal_insurer_id)
        with self.assertRaises(AccessError):
            self._wizard(user=self.technician)
