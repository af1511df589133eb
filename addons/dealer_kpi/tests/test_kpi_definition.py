from odoo.tests import TransactionCase, tagged

# Every code of the domain reference (after-sales-kpis.md, sections 1-6).
REFERENCE_CODES = {
    "inventory": [
        "parts_outflow_cost",
        "parts_avg_inventory_cost",
        "parts_turnover_rate",
        "parts_turnover_days",
        "parts_stagnant_rate_amount",
        "parts_stagnant_rate_qty",
        "parts_fill_rate",
        "vehicle_turnover_coefficient",
        "vehicle_overaged_ratio",
    ],
    "output": [
        "ro_count",
        "revenue_total",
        "revenue_per_ro",
        "labor_hours_sold",
        "labor_hours_per_ro",
        "effective_labor_rate",
        "parts_labor_ratio",
        "labor_revenue_share",
        "gross_profit",
        "gross_margin",
        "paint_material_ratio",
        "labor_cost_ratio",
        "absorption_rate",
    ],
    "quality": [
        "appointment_rate",
        "appointment_show_rate",
        "ontime_completion_rate",
        "ontime_delivery_rate",
        "first_time_fix_rate",
        "qc_pass_rate",
        "csi_score",
        "callback_rate",
        "bay_turnover",
        "bay_staff_ratio",
        "labor_efficiency",
        "productivity",
        "capacity_utilization",
    ],
    "market": ["customer_base", "new_customers", "churned_customers", "churn_rate", "return_rate"],
    "insurance": ["insurance_renewal_rate", "accident_referral_ratio", "ar_bad_debt", "ar_dead_debt"],
}


@tagged("post_install", "-at_install")
class TestKpiDefinition(TransactionCase):
    def test_every_reference_kpi_is_defined(self):
        codes = {code for section in REFERENCE_CODES.values() for code in section}
        defined = self.env["dealer.kpi.definition"].search([])
        self.assertEqual(set(defined.mapped("code")), codes)
        self.assertEqual(len(defined), 44)

    def test_definitions_are_complete(self):
        for kpi in self.env["dealer.kpi.definition"].search([]):
            with self.subTest(code=kpi.code):
                self.assertTrue(kpi.name and kpi.formula and kpi.unit and kpi.category and kpi.direction)

    def test_directions(self):
        kpi = self.env["dealer.kpi.definition"]
        self.assertEqual(kpi.search([("code", "=", "parts_turnover_days")]).direction, "lower")
        self.assertEqual(kpi.search([("code", "=", "first_time_fix_rate")]).direction, "higher")
        self.assertEqual(kpi.search([("code", "=", "vehicle_turnover_coefficient")]).direction, "band")
