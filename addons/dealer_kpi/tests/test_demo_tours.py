"""The demo store manager's tour, on the demo data (the other demo logins' are in
dealer_aftersales/tests/test_demo_tours.py): logs in with the README's login and password and
lands on the store's KPI dashboard."""

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestDemoManagerTour(HttpCase):
    def test_manager(self):
        manager = self.env.ref("dealer_aftersales.res_users_manager_demo", raise_if_not_found=False)
        self.assertTrue(manager, "this tour runs on the demo data: install the addons with it")
        snapshots = self.env["dealer.kpi.snapshot"].search_count(
            [("company_id", "=", self.env.ref("base.main_company").id)]
        )
        self.assertTrue(snapshots, "the dashboard has the demo store's months to show")
        self.start_tour("/odoo", "dealer_demo_manager_tour", login="manager")
