"""Standard services (保养套餐): one pick of the labor catalog adds the service's labor and parts."""

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import DealerRepairCase

GROUP = "dealer_aftersales.dealer_aftersales_group_"


@tagged("post_install", "-at_install")
class TestServicePackage(DealerRepairCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        stock = cls.env["stock.warehouse"].search([("company_id", "=", cls.company.id)], limit=1).lot_stock_id
        cls.oil = cls.env["product.product"].create(
            {
                "name": "原厂机油 0W-20 4L",
                "is_storable": True,
                "lst_price": 320,
                "standard_price": 180,
                "taxes_id": cls.vat13.ids,
            }
        )
        cls.env["stock.quant"]._update_available_quantity(cls.oil, stock, 20)
        cls.package = cls.env["dealer.labor.operation"].create(
            {
                "code": "TC001",
                "name": "基础保养套餐",
                "hours": 0.5,
                "part_ids": [
                    Command.create({"product_id": cls.oil.id, "quantity": 1}),
                    Command.create({"product_id": cls.oil_filter.id, "quantity": 1}),
                ],
            }
        )
        cls.advisor = new_test_user(cls.env, login="package_sa", groups=f"base.group_user,{GROUP}user")
        cls.accountant = new_test_user(cls.env, login="package_acc", groups=f"base.group_user,{GROUP}accountant")
        cls.manager = new_test_user(cls.env, login="package_mgr", groups=f"base.group_user,{GROUP}manager")

    def _parts(self, repair):
        return sorted(
            (m.product_id.name, m.product_uom_qty, m.dealer_pay_type, m.dealer_price_unit)
            for m in repair.move_ids.filtered(lambda m: m.repair_line_type == "add")
        )

    def test_one_pick_adds_labor_and_parts_and_invoices_them(self):
        repair = self._order(labor=[(self.package, None, "customer")])
        self.assertEqual(repair.labor_line_ids.mapped("hours"), [0.5])
        self.assertEqual(
            self._parts(repair), [("原厂机油 0W-20 4L", 1, "customer", 320), ("机油滤清器", 1, "customer", 80)]
        )
        # 0.5 h x 150 = 75 labor, 320 + 80 parts.
        self.assertEqual((repair.amount_labor, repair.amount_parts, repair.amount_customer), (75, 400, 475))
        self._finish(repair)
        repair.with_user(self.accountant).action_dealer_invoice()
        invoice = repair.dealer_move_ids
        self.assertEqual((invoice.amount_untaxed, invoice.amount_tax, invoice.amount_total), (475, 61.75, 536.75))
        invoice.action_post()
        customer = self.configs["customer"]
        self.assertEqual(
            self._lines(invoice),
            sorted(
                [
                    (customer.labor_account_id.id, 0, 75),
                    (customer.parts_account_id.id, 0, 320),
                    (customer.parts_account_id.id, 0, 80),
                    (self.tax_account.id, 0, 61.75),
                    (self.owner.property_account_receivable_id.id, 536.75, 0),
                ]
            ),
        )

    def test_added_by_the_advisor_on_a_confirmed_order_at_the_lines_pay_type(self):
        repair = self._order(labor=[(self.brake_job, None, "customer")], parts=[(self.oil_filter, 1, "customer")])
        repair.action_validate()
        repair.with_user(self.advisor).write(
            {"labor_line_ids": [Command.create({"operation_id": self.package.id, "pay_type": "warranty"})]}
        )
        self.assertEqual(
            self._parts(repair),
            [
                ("原厂机油 0W-20 4L", 1, "warranty", 320),
                ("机油滤清器", 1, "customer", 80),
                ("机油滤清器", 1, "warranty", 80),
            ],
        )
        self.assertTrue(
            all(m.state != "draft" for m in repair.move_ids), "parts added to a confirmed order are confirmed"
        )
        # The same part for the same payer is not added twice.
        repair.with_user(self.advisor).write(
            {"labor_line_ids": [Command.create({"operation_id": self.package.id, "pay_type": "customer"})]}
        )
        self.assertEqual(len(repair.move_ids.filtered(lambda m: m.product_id == self.oil_filter)), 2)
        self.assertEqual(len(repair.move_ids.filtered(lambda m: m.product_id == self.oil)), 2)

    def test_catalog_is_the_managers(self):
        with self.assertRaises(AccessError):
            self.package.part_ids[0].with_user(self.advisor).quantity = 5
        with self.assertRaises(AccessError):
            self.env["dealer.labor.operation.part"].with_user(self.advisor).create(
                {"operation_id": self.package.id, "product_id": self.ecu.id}
            )
        self.package.with_user(self.manager).write(
            {"part_ids": [Command.create({"product_id": self.ecu.id, "quantity": 1})]}
        )
        self.assertEqual(len(self.package.part_ids), 3)

    def test_bad_package_lines_refused(self):
        Part = self.env["dealer.labor.operation.part"].with_user(self.manager)
        for values in ({"quantity": 0}, {"quantity": -1}, {"product_id": self.labor_product.id}):
            with self.subTest(values=values), self.assertRaises(ValidationError):
                Part.create({"operation_id": self.package.id, "product_id": self.oil.id, **values})
        self.assertEqual(len(self.package.part_ids), 2)

    def test_a_stores_package_is_its_own(self):
        other = self.env["res.company"].create({"name": "佛山南海店（套餐）"})
        package = self.env["dealer.labor.operation"].create(
            {
                "code": "TC009",
                "name": "佛山套餐",
                "hours": 1,
                "company_id": other.id,
                "part_ids": [Command.create({"product_id": self.oil.id, "quantity": 1})],
            }
        )
        Part = self.env["dealer.labor.operation.part"].with_user(self.advisor)
        self.assertFalse(Part.search([("id", "in", package.part_ids.ids)]))
        self.assertTrue(Part.search([("id", "in", self.package.part_ids.ids)]))
