"""A store manager lands on the store's KPI dashboard, the first of the Dashboards app."""

from odoo import Command
from odoo.tests import HttpCase, get_db_name, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.dealer_aftersales.tests.access import ROLES


@tagged("post_install", "-at_install")
class TestRoleHomeKpi(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dashboard = cls.env.ref("dealer_kpi.spreadsheet_dashboard_store_kpis")
        cls.home = cls.env.ref("dealer_kpi.dealer_kpi_store_dashboard_action")
        company = cls.env.ref("base.main_company")
        cls.manager = new_test_user(
            cls.env,
            login="home_kpi_manager",
            groups=ROLES["Manager"],
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )

    def _login(self, login, password):
        """The web client's session after logging in with the password."""
        self.authenticate(None, None)
        return self.make_jsonrpc_request(
            "/web/session/authenticate", {"db": get_db_name(), "login": login, "password": password}
        )

    def test_manager_lands_on_store_kpis(self):
        self.assertEqual(self.manager._dealer_home_action(), self.home)
        session = self._login(self.manager.login, self.manager.login)
        self.assertEqual(session["home_action_id"], self.home.id)
        # The web client opens the dashboard the action names, which the manager may read, from
        # the After-Sales app's KPIs menu.
        self.authenticate(self.manager.login, self.manager.login)
        action = self.make_jsonrpc_request("/web/action/load", {"action_id": self.home.id})
        self.assertEqual(
            (action["type"], action["tag"], action["params"]),
            ("ir.actions.client", "action_spreadsheet_dashboard", {"dashboard_id": self.dashboard.id}),
        )
        groups = self.env["spreadsheet.dashboard.group"].with_user(self.manager).search([])
        self.assertIn(self.dashboard, groups.published_dashboard_ids)
        menu = (
            self.env["ir.ui.menu"].with_user(self.manager).search([("action", "=", f"{self.home.type},{self.home.id}")])
        )
        self.assertEqual(menu.parent_id, self.env.ref("dealer_kpi.dealer_kpi_menu_root"))
        # A manager who chose a Home Action keeps it.
        own = self.env.ref("dealer_aftersales.repair_order_action_dealer")
        self.manager.action_id = own.id
        self.assertEqual(self._login(self.manager.login, self.manager.login)["home_action_id"], own.id)

    def test_other_roles_keep_their_homes(self):
        for role, xmlid in (
            ("Service Advisor", "dealer_aftersales.dealer_appointment_action_today"),
            ("Accountant", "dealer_aftersales.repair_order_action_to_invoice"),
        ):
            with self.subTest(role=role):
                user = new_test_user(self.env, login=f"home_kpi_{role.split()[-1].lower()}", groups=ROLES[role])
                self.assertEqual(user._dealer_home_action(), self.env.ref(xmlid))

    def test_after_sales_dashboards_come_first(self):
        """The Dashboards app opens the first dashboard of the first group: the store's KPIs."""
        groups = self.env["spreadsheet.dashboard.group"].with_user(self.manager).search([])
        first = groups.filtered("published_dashboard_ids")[:1]
        self.assertEqual(first, self.env.ref("dealer_kpi.spreadsheet_dashboard_group_aftersales"))
        self.assertEqual(first.published_dashboard_ids.sorted("sequence")[:1], self.dashboard)
        self.assertEqual(safe_eval(self.home.params_store), {"dashboard_id": self.dashboard.id})

    def test_demo_manager_lands_on_store_kpis(self):
        module = self.env["ir.module.module"].search([("name", "=", "dealer_aftersales")])
        manager = self.env.ref("dealer_aftersales.res_users_manager_demo", raise_if_not_found=False)
        if not module.demo:
            self.assertFalse(manager, "a demo manager without the demo data")
            return
        self.assertTrue(manager, "the demo data has no manager")
        self.assertEqual(self._login("manager", "manager")["home_action_id"], self.home.id)
