"""What each role may and may not do, done for real as that role's user: the matrix's key cells
on a store's repair order, from reception to the posted invoice."""

from lxml import etree

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .access import ROLES
from .common import DealerRepairCase
from .test_query_counts import view_spec


@tagged("post_install", "-at_install")
class TestRoleOperations(DealerRepairCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        common = {"company_id": cls.company.id, "company_ids": [Command.set(cls.company.ids)], "lang": "en_US"}
        cls.role = {
            key: new_test_user(cls.env, login=f"ops_{key}", groups=ROLES[title], **common)
            for key, title in (
                ("technician", "Technician"),
                ("advisor", "Service Advisor"),
                ("parts", "Parts"),
                ("accountant", "Accountant"),
                ("manager", "Manager"),
            )
        }

    def _as(self, key, records):
        return records.with_user(self.role[key])

    def _done_order(self):
        repair = self._order(labor=[(self.oil_change, None, "customer")], parts=[(self.oil_filter, 1, "customer")])
        repair.action_validate()
        repair.action_repair_start()
        repair.action_repair_end()
        self.assertEqual(repair.state, "done")
        return repair

    def test_advisor_writes_and_confirms_but_does_not_invoice(self):
        Repair = self._as("advisor", self.env["repair.order"])
        repair = Repair.create(
            {
                "vehicle_id": self.vehicle.id,
                "mileage_in": 15000,
                "labor_line_ids": [Command.create({"operation_id": self.oil_change.id, "pay_type": "customer"})],
            }
        )
        repair.action_validate()
        self.assertEqual(repair.state, "confirmed")
        # 0.5 h × 150 (the customer rate).
        self.assertEqual(repair.amount_customer, 75.0)
        repair.sudo().action_repair_start()
        repair.sudo().action_repair_end()
        with self.assertRaises(AccessError):
            repair.action_dealer_invoice()
        self.assertFalse(repair.sudo().dealer_move_ids)
        # Journal entries are not theirs to write or post.
        invoice = self._as("accountant", repair).action_dealer_invoice()
        move = self.env["account.move"].browse(invoice["res_id"]) if invoice.get("res_id") else repair.dealer_move_ids
        with self.assertRaises(AccessError):
            self._as("advisor", move).action_post()
        self.assertEqual(move.state, "draft")

    def test_technician_works_but_neither_creates_deletes_nor_sees_amounts(self):
        repair = self._order(labor=[(self.oil_change, None, "customer")])
        with self.assertRaises(AccessError):
            self._as("technician", self.env["repair.order"]).create({"vehicle_id": self.vehicle.id})
        with self.assertRaises(AccessError):
            self._as("technician", repair).unlink()
        with self.assertRaises(AccessError):
            self._as("technician", repair).read(["amount_customer"])
        with self.assertRaises(AccessError):
            self._as("technician", repair.labor_line_ids).read(["rate"])
        self.assertNotIn("amount_untaxed_total", self._as("technician", repair).fields_get())
        # What they may do: read the job, its flat-rate hours and who works on it (technicians
        # are no HR users: their colleagues' public profiles).
        technician = self.env["hr.employee"].create({"name": "王师傅", "dealer_is_technician": True})
        repair.labor_line_ids.technician_ids = technician
        job = self._as("technician", repair.labor_line_ids).web_read(
            {"hours": {}, "technician_ids": {"fields": {"display_name": {}}}}
        )[0]
        self.assertEqual((job["hours"], job["technician_ids"][0]["display_name"]), (0.5, "王师傅"))
        self.assertTrue(repair.exists())

    def test_parts_and_accountant_create_or_delete_no_order(self):
        repair = self._order(labor=[(self.oil_change, None, "customer")])
        for key in ("parts", "accountant"):
            with self.subTest(role=key):
                with self.assertRaises(AccessError):
                    self._as(key, self.env["repair.order"]).create({"vehicle_id": self.vehicle.id})
                with self.assertRaises(AccessError):
                    self._as(key, repair).unlink()
        self.assertTrue(repair.exists())
        # The advisor may delete an order nothing was invoiced from.
        self._as("advisor", repair).unlink()
        self.assertFalse(repair.exists())

    def test_accountant_invoices_but_does_not_change_a_completed_order(self):
        repair = self._done_order()
        labor = repair.labor_line_ids
        with self.assertRaises(AccessError):
            self._as("accountant", labor).write({"hours": 2})
        with self.assertRaises(AccessError):
            self._as("accountant", labor).unlink()
        with self.assertRaises(UserError):
            self._as("accountant", repair.move_ids).write({"dealer_price_unit": 1})
        self.assertEqual((labor.hours, repair.move_ids.dealer_price_unit), (0.5, 80.0))
        self._as("accountant", repair).action_dealer_invoice()
        invoice = repair.dealer_move_ids
        self._as("accountant", invoice).action_post()
        self.assertEqual(invoice.state, "posted")
        # 75 labor + 80 filter, plus 13 % VAT.
        self.assertAlmostEqual(invoice.amount_total, 175.15)
        lines = invoice.line_ids
        self.assertAlmostEqual(sum(lines.mapped("debit")), sum(lines.mapped("credit")))

    def test_every_role_opens_the_order_screens(self):
        """Each role reads the repair order's list and form as the web client does, with the
        fields its views show it: nothing in them is refused (a field of a model the role may
        not read is left out of its views)."""
        repair = self._done_order()
        for key, user in self.role.items():
            for record in (repair, repair.vehicle_id):
                with self.subTest(role=key, model=record._name):
                    Model = self.env[record._name].with_user(user)
                    for view_type in ("list", "form"):
                        arch = Model.get_views([(False, view_type)])["views"][view_type]["arch"]
                        spec = view_spec(Model, etree.fromstring(arch))
                        if view_type == "list":
                            self.assertTrue(Model.web_search_read([("id", "=", record.id)], spec)["records"])
                        else:
                            self.assertEqual(Model.browse(record.id).web_read(spec)[0]["id"], record.id)
