"""The store's KPI dashboard and the monthly management report, in Chromium in Chinese on the
demo store: they render and are photographed (``make screenshots``)."""

from odoo.tests import HttpCase, tagged

from odoo.addons.dealer_aftersales.tests.screens import Screenshots


@tagged("post_install", "-at_install")
class TestKpiScreenshots(Screenshots, HttpCase):
    def test_dashboard_and_monthly_report(self):
        store = self.env.ref("base.main_company")
        wizard = (
            self.env["dealer.kpi.report.wizard"]
            .with_user(self.env.ref("dealer_aftersales.res_users_manager_demo"))
            .create({"company_ids": [(6, 0, store.ids)]})
        )
        dashboard = self.env.ref("dealer_kpi.spreadsheet_dashboard_store_kpis")
        self._shoot(
            "kpi_dashboard",
            f"/odoo/dashboards?dashboard_id={dashboard.id}",
            ".o_spreadsheet_dashboard_action .o-spreadsheet .o-grid",
            "门店 KPI",
            login="manager",
            settle=5,
        )
        self._shoot(
            "kpi_monthly_report",
            f"/report/html/dealer_kpi.report_kpi_monthly/{wizard.id}",
            ".page",
            "KPI",
            login="manager",
        )
        # The group's administrator compares the group's two stores (the demo's second store, 白云店).
        second = self.env.ref("dealer_kpi.res_company_baiyun_demo")
        group = (
            self.env["dealer.kpi.report.wizard"]
            .with_user(self.env.ref("base.user_admin"))
            .create({"company_ids": [(6, 0, (store | second).ids)]})
        )
        self._shoot(
            "kpi_monthly_report_group",
            f"/report/html/dealer_kpi.report_kpi_monthly/{group.id}",
            ".page",
            "白云",
        )
