from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestKpiManagerTour(HttpCase):
    """In Chromium, in Chinese: the store manager drills into a red KPI."""

    def test_manager_drills_into_a_red_kpi(self):
        store = self.env.ref("base.main_company")
        new_test_user(
            self.env,
            login="tour_kpi_manager",
            password="tour_kpi_manager",
            groups="base.group_user,dealer_aftersales.dealer_aftersales_group_manager",
            company_id=store.id,
            company_ids=[store.id],
            lang="zh_CN",
        )
        # The store wanted 200 repair orders last month (critical below 120): it had far fewer.
        self.env.ref("dealer_kpi.target_ro_count_demo").write(
            {"target": 200, "warning_threshold": 160, "critical_threshold": 120}
        )
        Snapshot = self.env["dealer.kpi.snapshot"]
        month, last_day = Snapshot._last_closed_month()
        Snapshot.with_company(store)._compute_month(month, store)
        red = Snapshot.search([("code", "=", "ro_count"), ("month", "=", month), ("company_id", "=", store.id)])
        self.assertEqual(red.status, "critical")
        self.assertTrue(0 < red.value < 120)
        behind = self.env["dealer.kpi.engine"].drilldown("ro_count", month, last_day, store.ids)
        self.assertEqual(self.env[behind["res_model"]].search_count(behind["domain"]), red.value)
        self.start_tour("/odoo", "dealer_kpi_manager_tour", login="tour_kpi_manager")
