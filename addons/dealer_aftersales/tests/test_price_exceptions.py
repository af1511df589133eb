"""The audit of confirmed repair orders: changes of prices, discounts, hours and pay types are
logged with who and when for the manager's review; an advisor cannot change a confirmed
order's prices."""

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from .common import DealerRepairCase


@tagged("post_install", "-at_install")
class TestPriceExceptions(DealerRepairCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Exception = cls.env["dealer.price.exception"]
        common = {"company_id": cls.company.id, "company_ids": [Command.set(cls.company.ids)]}
        cls.advisor = new_test_user(
            cls.env, login="audit_advisor", groups="dealer_aftersales.dealer_aftersales_group_user", **common
        )
        cls.manager = new_test_user(
            cls.env, login="audit_manager", groups="dealer_aftersales.dealer_aftersales_group_manager", **common
        )

    def _confirmed(self):
        repair = self._order(labor=[(self.oil_change, None, "customer")], parts=[(self.oil_filter, 1, "customer")])
        repair.action_validate()
        self.assertEqual(repair.state, "confirmed")
        return repair

    def _log(self, repair):
        return [
            (e.line_kind, e.field_label, e.old_value, e.new_value, e.user_id)
            for e in self.Exception.search([("repair_id", "=", repair.id)], order="id")
        ]

    def test_draft_changes_are_not_exceptions(self):
        repair = self._order(labor=[(self.oil_change, None, "customer")], parts=[(self.oil_filter, 1, "customer")])
        repair.labor_line_ids.with_user(self.advisor).write({"discount": 10})
        repair.move_ids.with_user(self.advisor).write({"dealer_price_unit": 70})
        self.assertFalse(self._log(repair))

    def test_manager_changes_are_logged(self):
        repair = self._confirmed()
        labor, part = repair.labor_line_ids, repair.move_ids
        labor.with_user(self.manager).write({"rate": 120, "discount": 5})
        part.with_user(self.manager).write({"dealer_discount": 10, "dealer_pay_type": "warranty"})
        labor.with_user(self.manager).write({"rate": 120})  # no change, no entry
        log = self._log(repair)
        self.assertEqual(
            [entry[:4] for entry in log],
            [
                ("labor", "Rate per Hour", "150.0", "120.0"),
                ("labor", "Discount (%)", "0.0", "5.0"),
                ("part", "Discount (%)", "0.0", "10.0"),
                ("part", "Pay Type", "Customer", "Warranty"),
            ],
        )
        self.assertEqual({entry[4] for entry in log}, {self.manager})
        # 120 x 0.5 h less 5 %, and the part at 80 less 10 % moved to the warranty payer.
        self.assertEqual((repair.amount_customer, repair.amount_warranty), (57.0, 72.0))
        # The manager reviews them.
        entries = self.Exception.with_user(self.manager).search([("repair_id", "=", repair.id)])
        entries.action_review()
        self.assertEqual(set(entries.mapped("reviewer_id")), {self.manager})

    def test_advisor_cannot_change_confirmed_prices(self):
        repair = self._confirmed()
        for lines, vals in (
            (repair.labor_line_ids, {"rate": 100}),
            (repair.labor_line_ids, {"hours": 2}),
            (repair.move_ids, {"dealer_price_unit": 50}),
            (repair.move_ids, {"dealer_discount": 20}),
        ):
            with self.subTest(vals=vals), self.assertRaisesRegex(UserError, "only the after-sales manager"):
                lines.with_user(self.advisor).write(vals)
        self.assertEqual((repair.labor_line_ids.rate, repair.labor_line_ids.hours), (150, 0.5))
        self.assertEqual((repair.move_ids.dealer_price_unit, repair.move_ids.dealer_discount), (80, 0))
        self.assertFalse(self._log(repair))
        # A pay type change (the insurer takes the line over) is the advisor's, and is logged.
        repair.move_ids.with_user(self.advisor).write({"dealer_pay_type": "insurance"})
        self.assertEqual(self._log(repair), [("part", "Pay Type", "Customer", "Insurance", self.advisor)])
        # Advisors do not see the log; the store's manager does, other stores' users do not.
        self.assertFalse(
            self.env["ir.model.access"].with_user(self.advisor).check("dealer.price.exception", "read", False)
        )
