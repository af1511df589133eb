"""One store never sees another's data: every model, report models included, through views,
searches, groupings, exports, printed reports and XML-RPC, as a real user of the other store."""

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .access import STORE_MODELS, StoreIsolation


@tagged("post_install", "-at_install")
class TestStoreIsolation(StoreIsolation, HttpCase):
    module = "dealer_aftersales"
    odoo_models = STORE_MODELS

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_outsider()
        # Catalogues are shared unless a store keeps its own entries: give the store some.
        store = {"company_id": cls.store.id}
        cls.env["dealer.repair.symptom"].create({"name": "隔离测试：天窗异响", **store})
        cls.env["dealer.service.type"].create({"name": "隔离测试：新能源", "code": "isolation_ev", **store})
        cls.env["dealer.fault.code"].create({"code": "ISO-01", "name": "隔离测试故障", **store})
        cls.env["dealer.labor.operation"].create({"code": "ISO01", "name": "隔离测试工时", "hours": 1, **store})
        cls.env["dealer.inspection.template"].create(
            {
                "name": "隔离测试检查表",
                "service_type": "repair",
                "item_ids": [Command.create({"name": "灯光"})],
                **store,
            }
        )

    def test_orm_paths(self):
        self._assert_isolated()

    def test_xmlrpc(self):
        self._assert_isolated_over_xmlrpc()

    def test_printed_reports(self):
        repair = self.env["repair.order"].search([("company_id", "=", self.store.id)], limit=1)
        Report = self.env["ir.actions.report"].with_user(self.outsider)
        for report in ("dealer_aftersales.report_work_order", "dealer_aftersales.report_settlement"):
            with self.subTest(report=report), self.assertRaises(AccessError):
                Report._render_qweb_html(report, repair.ids)
        # Over HTTP the report controller refuses too: no document of another store is served.
        self.authenticate(self.outsider.login, self.outsider.login)
        with mute_logger("odoo.http"):
            response = self.url_open(f"/report/pdf/dealer_aftersales.report_work_order/{repair.id}")
        self.assertNotEqual(response.headers.get("Content-Type"), "application/pdf")
        self.assertNotIn(repair.name, response.text)

    def test_stock_analyses_refuse_other_stores(self):
        Analysis = self.env["dealer.inventory.analysis"].with_user(self.outsider)
        today = fields.Date.today()
        for name, call in (
            ("stagnant", lambda: Analysis.stagnant_rates(today, companies=self.store)),
            ("turnover", lambda: Analysis.turnover(today.replace(day=1), today, companies=self.store)),
            ("fill rate", lambda: Analysis.fill_rate(today.replace(day=1), today, companies=self.store)),
            ("reorder", lambda: Analysis.reorder_figures(today, companies=self.store)),
            ("vehicles", lambda: Analysis.vehicle_stock(today, companies=self.store)),
        ):
            with self.subTest(analysis=name), self.assertRaises(AccessError):
                call()
