"""KPI access: the role × model × operation matrix of dealer_kpi's readme, and one store never
seeing another's targets, snapshots, budgets, KPI values or reports."""

import datetime

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, TransactionCase, tagged

from odoo.addons.dealer_aftersales.tests.access import AccessMatrix, StoreIsolation


@tagged("post_install", "-at_install")
class TestKpiAccessMatrix(AccessMatrix, TransactionCase):
    module = "dealer_kpi"
    odoo_models = ("crm.lead", "spreadsheet.dashboard")


@tagged("post_install", "-at_install")
class TestKpiStoreIsolation(StoreIsolation, HttpCase):
    module = "dealer_kpi"
    odoo_models = ("crm.lead",)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_outsider()
        # The KPI catalogue is shared; a store's own KPI is not.
        cls.env["dealer.kpi.definition"].create(
            {
                "code": "isolation_test",
                "name": "隔离测试指标",
                "category": "management",
                "unit": "count",
                "company_id": cls.store.id,
            }
        )

    def test_orm_paths(self):
        self._assert_isolated()

    def test_xmlrpc(self):
        self._assert_isolated_over_xmlrpc()

    def test_kpi_values_and_reports_refuse_other_stores(self):
        month = (datetime.date(2026, 1, 1), datetime.date(2026, 1, 31))
        Engine = self.env["dealer.kpi.engine"].with_user(self.outsider).with_context(lang="en_US")
        refusal = f"not allowed to see the KPIs of {self.store.name}"
        with self.assertRaisesRegex(AccessError, refusal):
            Engine.compute(["parts_fill_rate"], *month, company_ids=self.store.ids)
        with self.assertRaisesRegex(AccessError, refusal):
            Engine.compute_rows(["parts_fill_rate"], *month, company_ids=self.store.ids)
        # What the outsider may compute is their own store's, never a sum with others.
        own = Engine.compute(["parts_fill_rate"], *month)
        self.assertEqual(set(own["parts_fill_rate"]), {self.other_store.id, False})
