"""A tour in Chromium per demo login, on the demo store as ``make demo`` builds it (the test
database has the demo data): each logs in with the README's login and password, lands on its
role's home and does its day's first thing, in Chinese. The store manager's is in dealer_kpi."""

from odoo.tests import HttpCase, tagged

AS = "dealer_aftersales."


@tagged("post_install", "-at_install")
class TestDemoTours(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.store = cls.env.ref("base.main_company")
        cls.advisor = cls.env.ref(AS + "res_users_advisor_demo", raise_if_not_found=False)
        assert cls.advisor, "these tours run on the demo data: install the addons with it"

    def _repair(self, xmlid):
        return self.env.ref(AS + xmlid)

    def test_advisor(self):
        vehicle = self.env.ref(AS + "dealer_vehicle_19_demo")
        self.assertLess(vehicle.odometer, 15230, "the tour reads 15230 km")
        self.start_tour("/odoo", "dealer_demo_advisor_tour", login="advisor")
        repair = self.env["repair.order"].search([("vehicle_id", "=", vehicle.id)], order="id desc", limit=1)
        self.assertEqual((repair.mileage_in, repair.user_id, repair.state), (15230, self.advisor, "draft"))

    def test_technicians(self):
        liu = self.env.ref(AS + "hr_employee_tech_liu_demo")
        self.start_tour("/odoo", "dealer_demo_technician_tour", login="technician")
        jobs = self.env["dealer.repair.labor"].search([("technician_ids", "in", liu.ids), ("state", "!=", "done")])
        self.assertEqual(
            {job.name: job.state for job in jobs},
            {"基础保养套餐（机油+机油滤清器）": "paused", "更换前刹车片": "running"},
        )
        self.start_tour(
            "/odoo/action-dealer_aftersales.dealer_repair_labor_action_tablet",
            "dealer_demo_technician_tablet_tour",
            login="technician2",
        )
        zhou = self.env.ref(AS + "hr_employee_tech_zhou_demo")
        running = self.env["dealer.repair.labor"].search(
            [("technician_ids", "in", zhou.ids), ("state", "=", "running")]
        )
        self.assertEqual(running.mapped("repair_id.license_plate"), ["粤A·D20418"])

    def test_foreman(self):
        repair = self._repair("repair_order_maintenance_demo")
        self.assertEqual((repair.state, repair.qc_state), ("done", "none"))
        self.start_tour(
            f"/odoo/action-dealer_aftersales.repair_order_action_dealer/{repair.id}",
            "dealer_demo_foreman_tour",
            login="foreman",
        )
        self.assertEqual(repair.qc_state, "passed")
        self.assertEqual(repair.inspection_ids.filtered(lambda i: i.kind == "final").create_uid.login, "foreman")

    def test_parts(self):
        self.start_tour("/odoo", "dealer_demo_parts_tour", login="parts")

    def test_accountant(self):
        self.start_tour("/odoo", "dealer_demo_accountant_tour", login="accountant")
        repair = self._repair("repair_order_maintenance_demo")
        self.start_tour(
            f"/odoo/action-dealer_aftersales.repair_order_action_dealer/{repair.id}",
            "dealer_demo_accountant_invoice_tour",
            login="accountant",
        )
        invoices = repair.dealer_move_ids
        self.assertTrue(invoices)
        self.assertEqual(set(invoices.mapped("state")), {"draft"})
        self.start_tour(
            f"/odoo/action-dealer_aftersales.repair_order_action_dealer/{repair.id}",
            "dealer_demo_accountant_post_tour",
            login="accountant",
        )
        self.assertEqual(set(invoices.mapped("state")), {"posted"})
        self.assertEqual(invoices.create_uid.login, "accountant")
        for invoice in invoices:
            lines = invoice.line_ids
            self.assertAlmostEqual(sum(lines.mapped("debit")), sum(lines.mapped("credit")))
        self.assertAlmostEqual(
            sum(invoices.filtered(lambda m: m.dealer_pay_type == "customer").mapped("amount_total")),
            repair.amount_customer_total,
        )

    def test_customer(self):
        self.start_tour("/my", "dealer_demo_customer_tour", login="customer")
