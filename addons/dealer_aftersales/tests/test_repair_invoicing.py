from datetime import date, datetime

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user

from .common import DealerRepairCase


class TestRepairOrder(DealerRepairCase):
    def test_order_from_vehicle(self):
        repair = self._order(labor=[(self.oil_change, None, "customer")], parts=[(self.oil_filter, 1, "customer")])
        self.assertEqual(repair.partner_id, self.owner)
        self.assertEqual(repair.warranty_partner_id, self.maker)
        labor = repair.labor_line_ids
        self.assertEqual((labor.name, labor.hours, labor.rate, labor.amount), ("更换机油机滤", 0.5, 150, 75))
        self.assertEqual((repair.amount_labor, repair.amount_parts, repair.amount_customer), (75, 80, 155))
        self.assertEqual(repair.labor_hours, 0.5)
        # Mileage in is the vehicle's check-in reading.
        self.assertEqual(repair.odometer_in_id.source, "checkin")
        self.assertEqual(self.vehicle.odometer, 12000)

    def test_subtotals_per_pay_type(self):
        repair = self._order(
            labor=[
                (self.oil_change, None, "customer"),
                (self.brake_job, None, "insurance"),
                ("PDI 检查", 1, "internal"),
            ],
            parts=[(self.brake_pads, 1, "insurance"), (self.ecu, 1, "warranty")],
        )
        self.assertEqual(
            (repair.amount_customer, repair.amount_insurance, repair.amount_warranty, repair.amount_internal),
            (75, 216 + 400, 300, 80),
        )
        self.assertEqual(repair.amount_untaxed_total, 75 + 616 + 300 + 80)

    def test_service_date_is_the_stores_day(self):
        """A maintenance checked in at 07:30 in Beijing (23:30 UTC the day before) is a service of
        that Beijing day, as its odometer reading and the KPIs count it."""
        self.company.dealer_tz = "Asia/Shanghai"
        checkin = datetime(2026, 11, 30, 23, 30)  # 2026-12-01 07:30 in Beijing
        repair = self._order(labor=[(self.oil_change, None, "customer")], mileage_in=15000, checkin_time=checkin)
        self.assertEqual(repair._dealer_checkin_day(), date(2026, 12, 1))
        self._finish(repair)
        self.assertEqual(self.vehicle.last_service_date, date(2026, 12, 1))

    def test_bad_labor_refused(self):
        repair = self._order()
        for values, message in (
            ({"name": "x", "hours": 0}, "must be positive"),
            ({"name": "x", "hours": -1}, "must be positive"),
            ({"name": "x", "hours": 1, "discount": 120}, "between 0 and 100"),
        ):
            with self.subTest(values=values), self.assertRaises(ValidationError) as caught:
                self.env["dealer.repair.labor"].create({"repair_id": repair.id, **values})
            self.assertIn(message, str(caught.exception))
        self.assertFalse(repair.labor_line_ids)

    def test_done_and_delivered_record_readings_and_service(self):
        repair = self._finish(self._order(labor=[(self.oil_change, None, "customer")], mileage_in=15000))
        self.assertTrue(repair.completion_time)
        self.assertEqual(self.vehicle.last_service_date, repair._dealer_checkin_day())
        self.assertEqual(self.vehicle.last_service_km, 15000)
        repair.mileage_out = 15003
        with self.assertRaises(UserError) as caught:
            repair.action_dealer_deliver()
        self.assertIn("not passed its final inspection", str(caught.exception))
        repair.action_qc_pass()
        repair.action_dealer_deliver()
        self.assertTrue(repair.delivery_time)
        self.assertEqual(self.vehicle.odometer, 15003)
        self.assertEqual(self.vehicle.odometer_ids.sorted("id")[-1].source, "delivery")
        with self.assertRaises(UserError):
            repair.action_dealer_deliver()

    def test_comeback_detection(self):
        first = self._finish(
            self._order(
                labor=[("检查异响", 1, "customer")],
                complaint_ids=[Command.create({"name": "底盘异响", "symptom_id": self.noise.id})],
            )
        )
        first.completion_time = datetime(2026, 3, 1, 10, 0)
        same = self._order(
            checkin_time=datetime(2026, 3, 20, 9, 0),
            complaint_ids=[Command.create({"name": "还是有异响", "symptom_id": self.noise.id})],
        )
        self.assertEqual(same.comeback_of_id, first)
        late = self._order(
            checkin_time=datetime(2026, 4, 5, 9, 0),
            complaint_ids=[Command.create({"name": "异响", "symptom_id": self.noise.id})],
        )
        self.assertFalse(late.comeback_of_id, "35 days later is outside the 30-day window")
        other = self._order(
            checkin_time=datetime(2026, 3, 20, 9, 0),
            complaint_ids=[
                Command.create({"name": "空调不冷", "symptom_id": self.env.ref("dealer_aftersales.symptom_ac").id})
            ],
        )
        self.assertFalse(other.comeback_of_id, "another symptom is not a comeback")


class TestRepairInvoicing(DealerRepairCase):
    def test_customer_pay_order(self):
        repair = self._finish(
            self._order(labor=[(self.oil_change, None, "customer")], parts=[(self.oil_filter, 1, "customer")])
        )
        repair.action_dealer_invoice()
        invoice = repair.dealer_move_ids
        self.assertEqual(len(invoice), 1)
        self.assertEqual(
            (invoice.move_type, invoice.partner_id, invoice.dealer_pay_type), ("out_invoice", self.owner, "customer")
        )
        # 0.5 h x 150 = 75 labor, 80 parts; 13 % VAT = 20.15.
        self.assertEqual((invoice.amount_untaxed, invoice.amount_tax, invoice.amount_total), (155, 20.15, 175.15))
        invoice.action_post()
        self._assert_balanced(invoice)
        customer = self.configs["customer"]
        # Revenue accounts created for the store's chart, named in the store's languages.
        installed = dict(self.env["res.lang"].get_installed())
        account = customer.labor_account_id
        if "zh_CN" in installed:
            self.assertEqual(account.with_context(lang="zh_CN").name, "售后工时收入-客户付费")
        if "en_US" in installed:
            self.assertEqual(account.with_context(lang="en_US").name, "After-sales labor revenue - customer")
        self.assertEqual(customer.labor_account_id.account_type, "income")
        self.assertEqual(
            self._lines(invoice),
            sorted(
                [
                    (customer.labor_account_id.id, 0, 75),
                    (customer.parts_account_id.id, 0, 80),
                    (self.tax_account.id, 0, 20.15),
                    (self.owner.property_account_receivable_id.id, 175.15, 0),
                ]
            ),
        )

    def test_mixed_payers_with_deductible_and_internal(self):
        repair = self._finish(
            self._order(
                labor=[
                    (self.oil_change, None, "customer"),
                    (self.brake_job, None, "insurance"),
                    ("更换发动机控制单元", 2, "warranty"),
                    ("新车 PDI 检查", 1, "internal"),
                ],
                parts=[(self.oil_filter, 1, "customer"), (self.brake_pads, 1, "insurance"), (self.ecu, 1, "warranty")],
                insurer_id=self.insurer.id,
                insurance_deductible=100,
            )
        )
        repair.action_dealer_invoice()
        moves = {move.dealer_pay_type: move for move in repair.dealer_move_ids}
        self.assertEqual(set(moves), {"customer", "insurance", "warranty", "internal"})
        customer, insurer, warranty, internal = (moves[k] for k in ("customer", "insurance", "warranty", "internal"))
        self.assertEqual(
            (customer.partner_id, insurer.partner_id, warranty.partner_id), (self.owner, self.insurer, self.maker)
        )
        # Customer: 75 labor + 80 filter + 100 deductible = 255, VAT 33.15.
        self.assertEqual((customer.amount_untaxed, customer.amount_tax, customer.amount_total), (255, 33.15, 288.15))
        # Insurer: 1.2 h x 180 = 216 + 400 pads - 100 deductible = 516, VAT 67.08.
        self.assertEqual((insurer.amount_untaxed, insurer.amount_tax, insurer.amount_total), (516, 67.08, 583.08))
        # Manufacturer: 2 h x 120 = 240 + 300 ECU = 540, VAT 70.20.
        self.assertEqual((warranty.amount_untaxed, warranty.amount_tax, warranty.amount_total), (540, 70.2, 610.2))
        (customer | insurer | warranty | internal).action_post()
        for move in (customer, insurer, warranty, internal):
            self._assert_balanced(move)
        insurance = self.configs["insurance"]
        # The deductible stays insurance revenue: -100 on the insurer's bill, +100 on the customer's.
        deductible_lines = (customer | insurer).invoice_line_ids.filtered(lambda l: "deductible" in l.name)
        self.assertEqual(sorted(deductible_lines.mapped("price_subtotal")), [-100, 100])
        self.assertEqual(deductible_lines.account_id, insurance.labor_account_id)
        self.assertEqual(
            sorted(insurer.invoice_line_ids.mapped(lambda l: (l.account_id.id, l.price_subtotal))),
            sorted(
                [
                    (insurance.labor_account_id.id, 216),
                    (insurance.parts_account_id.id, 400),
                    (insurance.labor_account_id.id, -100),
                ]
            ),
        )
        warranty_config = self.configs["warranty"]
        self.assertEqual(
            sorted(warranty.invoice_line_ids.mapped(lambda l: (l.account_id.id, l.price_subtotal))),
            sorted([(warranty_config.labor_account_id.id, 240), (warranty_config.parts_account_id.id, 300)]),
        )
        # Internal work: no invoice, an entry charging the internal expense account.
        config = self.configs["internal"]
        self.assertEqual(internal.move_type, "entry")
        self.assertEqual(
            self._lines(internal), sorted([(config.expense_account_id.id, 80, 0), (config.labor_account_id.id, 0, 80)])
        )
        # Every amount of the order is billed exactly once.
        billed = sum(m.amount_untaxed for m in (customer, insurer, warranty)) + 80
        self.assertEqual(billed, repair.amount_untaxed_total)

    def test_invoicing_twice_refused_until_credit_note(self):
        repair = self._finish(self._order(labor=[(self.oil_change, None, "customer")]))
        repair.action_dealer_invoice()
        invoice = repair.dealer_move_ids
        invoice.action_post()
        with self.assertRaises(UserError) as caught:
            repair.action_dealer_invoice()
        self.assertIn("already invoiced", str(caught.exception))
        self.assertEqual(repair.dealer_move_ids, invoice)
        reversal = (
            self.env["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"journal_id": invoice.journal_id.id, "reason": "价格更正"})
        )
        reversal.refund_moves()
        credit_note = invoice.reversal_move_ids
        self.assertEqual((credit_note.move_type, credit_note.amount_total), ("out_refund", invoice.amount_total))
        with self.assertRaises(UserError):
            repair.action_dealer_invoice()  # a draft credit note corrects nothing yet
        credit_note.action_post()
        repair.action_dealer_invoice()
        self.assertEqual(len(repair.dealer_move_ids.filtered(lambda m: m.state == "draft")), 1)

    def test_deleting_several_orders_at_once(self):
        """An invoiced order deleted with a draft one: refused with the invoiced order's reason
        (not Odoo's "cannot cancel a completed order"), both kept; two drafts go together."""
        invoiced = self._finish(self._order(labor=[(self.oil_change, None, "customer")]))
        invoiced.action_dealer_invoice()
        draft = self._order(labor=[(self.oil_change, None, "customer")])
        with self.assertRaisesRegex(UserError, f"Repair order {invoiced.name} has invoices or journal entries"):
            (draft | invoiced).unlink()
        self.assertEqual(len((draft | invoiced).exists()), 2)
        other = self._order(labor=[(self.brake_job, None, "customer")])
        (draft | other).unlink()
        self.assertFalse((draft | other).exists())

    def test_refusals_change_nothing(self):
        open_repair = self._order(labor=[(self.oil_change, None, "customer")])
        with self.assertRaises(UserError) as caught:
            open_repair.action_dealer_invoice()
        self.assertIn("once it is repaired", str(caught.exception))
        no_insurer = self._finish(self._order(labor=[(self.brake_job, None, "insurance")]))
        with self.assertRaises(UserError) as caught:
            no_insurer.action_dealer_invoice()
        self.assertIn("Insurer", str(caught.exception))
        too_much = self._finish(
            self._order(
                labor=[(self.brake_job, None, "insurance")], insurer_id=self.insurer.id, insurance_deductible=500
            )
        )
        with self.assertRaises(UserError) as caught:
            too_much.action_dealer_invoice()
        self.assertIn("higher than the insurance lines", str(caught.exception))
        self.assertFalse((open_repair | no_insurer | too_much).dealer_move_ids)
        self.assertFalse(
            self.env["account.move"].search([("invoice_origin", "in", (no_insurer | too_much).mapped("name"))])
        )


class TestRepairAccess(DealerRepairCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        group = "dealer_aftersales.dealer_aftersales_group_"
        cls.technician = new_test_user(cls.env, login="ro_tech", groups=f"base.group_user,{group}technician")
        cls.advisor = new_test_user(cls.env, login="ro_sa", groups=f"base.group_user,{group}user")
        cls.accountant = new_test_user(cls.env, login="ro_acc", groups=f"base.group_user,{group}accountant")

    def test_technician_sees_no_money(self):
        repair = self._order(labor=[(self.oil_change, None, "customer")], parts=[(self.oil_filter, 1, "customer")])
        as_tech = repair.with_user(self.technician)
        self.assertEqual(as_tech.labor_line_ids.hours, 0.5)
        for record, field in (
            (as_tech, "amount_customer"),
            (as_tech, "amount_untaxed_total"),
            (as_tech.labor_line_ids, "rate"),
            (as_tech.labor_line_ids, "amount"),
            (as_tech.move_ids, "dealer_price_unit"),
        ):
            with self.subTest(field=field), self.assertRaises(AccessError):
                record.read([field])

    def test_technician_cannot_invoice_or_post(self):
        repair = self._finish(self._order(labor=[(self.oil_change, None, "customer")]))
        with self.assertRaises(AccessError):
            repair.with_user(self.technician).action_dealer_invoice()
        repair.with_user(self.accountant).action_dealer_invoice()
        with self.assertRaises(AccessError):
            repair.dealer_move_ids.with_user(self.technician).action_post()
        self.assertEqual(repair.dealer_move_ids.state, "draft")

    def test_advisor_cannot_invoice_or_post(self):
        repair = self._finish(self._order(labor=[(self.oil_change, None, "customer")]))
        with self.assertRaises(AccessError):
            repair.with_user(self.advisor).action_dealer_invoice()
        self.assertFalse(repair.dealer_move_ids)
        repair.with_user(self.accountant).action_dealer_invoice()
        invoice = repair.dealer_move_ids
        with self.assertRaises(AccessError):
            invoice.with_user(self.advisor).action_post()
        invoice.with_user(self.accountant).action_post()
        self.assertEqual(invoice.state, "posted")

    def test_parts_cost_through_stock_valuation(self):
        """Anglo-saxon store, parts valued in real time: the part issued on the
        order leaves stock valuation, and the invoice moves its cost from stock
        output to the cost of goods sold."""
        self.company.anglo_saxon_accounting = True
        category = self.env["product.category"].create({"name": "配件（实时计价）"})
        category.write({"property_valuation": "real_time", "property_cost_method": "standard"})
        self.brake_pads.categ_id = category
        valuation = category.property_stock_valuation_account_id
        output = category.property_stock_account_output_categ_id
        expense = self.brake_pads.property_account_expense_id or category.property_account_expense_categ_id
        self.assertTrue(valuation and output and expense, "the chart must give the category its stock accounts")
        repair = self._finish(self._order(parts=[(self.brake_pads, 1, "customer")]))
        repair.action_dealer_invoice()
        invoice = repair.dealer_move_ids
        invoice.action_post()
        self._assert_balanced(invoice)

        def balance(account):
            lines = self.env["account.move.line"].search(
                [
                    ("account_id", "=", account.id),
                    ("parent_state", "=", "posted"),
                    ("product_id", "=", self.brake_pads.id),
                ]
            )
            return sum(lines.mapped("balance"))

        # Cost 220: the issue credits stock valuation, the invoice charges the cost
        # of goods sold, and stock output nets to zero.
        issue = repair.move_ids.account_move_ids
        self.assertEqual(
            sorted(issue.line_ids.mapped(lambda l: (l.account_id.id, l.balance))),
            sorted([(valuation.id, -220.0), (output.id, 220.0)]),
        )
        cogs = invoice.line_ids.filtered(lambda l: l.display_type == "cogs")
        self.assertEqual(
            sorted(cogs.mapped(lambda l: (l.account_id.id, l.balance))),
            sorted([(expense.id, 220.0), (output.id, -220.0)]),
        )
        self.assertAlmostEqual(balance(output), 0.0)
        self.assertAlmostEqual(balance(expense), 220.0)
