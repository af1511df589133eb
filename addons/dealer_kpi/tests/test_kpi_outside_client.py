"""The KPI addon as an outside client meets it (see dealer_aftersales' ``outside_client.py``):
every role calls every public method the addon adds over real JSON-RPC, with the arguments its
role would send and with malformed ones. Money (revenue, gross profit, parts cost) answers the
roles of the KPI screens only; malformed arguments answer a UserError, never a traceback."""

from odoo import Command, fields
from odoo.tests import HttpCase, tagged

from odoo.addons.dealer_aftersales.tests.access import role_users
from odoo.addons.dealer_aftersales.tests.outside_client import OutsideClientMixin, introduced_public_methods


@tagged("post_install", "-at_install")
class TestKpiOutsideClient(OutsideClientMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.store = cls.env.ref("base.main_company")
        cls.users = role_users(cls.env, cls.store, prefix="kpirpc")
        cls.month = [fields.Date.to_string(day) for day in cls.env["dealer.kpi.snapshot"]._last_closed_month()]

    def _calls(self):
        month, store = self.month, self.store.ids
        snapshot = self.env["dealer.kpi.snapshot"].search([("company_id", "=", self.store.id)], limit=1)
        self.assertTrue(snapshot, "the demo store has KPI snapshots")
        return [
            ("dealer.kpi.engine", "available_codes", None, ()),
            ("dealer.kpi.engine", "compute", None, (["revenue_total", "gross_profit"], *month, store)),
            ("dealer.kpi.engine", "compute_rows", None, (["revenue_total", "parts_turnover_rate"], *month, store)),
            ("dealer.kpi.engine", "drilldown", None, ("ro_count", *month, store)),
            ("dealer.kpi.retention", "churned_vehicles", None, (*month, store)),
            ("dealer.kpi.retention", "create_churn_leads", None, (*month, store)),
            ("dealer.kpi.retention", "action_churn_leads_last_month", None, ()),
            ("dealer.kpi.snapshot", "action_drilldown", snapshot.ids, ()),
        ]

    def _wizards(self):
        month = fields.Date.to_date(self.month[0])
        stores = [Command.set(self.store.ids)]
        return [
            (
                "dealer.kpi.report.wizard",
                {"month": month, "company_ids": stores},
                ("action_print_pdf", "action_export_xlsx"),
            ),
            (
                "dealer.kpi.snapshot.wizard",
                {"month_from": month, "month_to": month, "company_ids": stores},
                ("action_compute", "action_open_snapshots"),
            ),
            ("dealer.kpi.labor.whatif", {"company_id": self.store.id}, ("action_load_last_month",)),
        ]

    def test_every_public_method_declares_its_roles(self):
        methods = introduced_public_methods(self.env, "dealer_kpi")
        undeclared = sorted(
            f"{model}.{name}" for (model, name), method in methods.items() if not getattr(method, "_dealer_roles", ())
        )
        self.assertFalse(undeclared, "public methods without @requires_role")
        covered = {(model, method) for model, method, *__ in self._calls()}
        covered |= {(model, name) for model, __, names in self._wizards() for name in names}
        self.assertFalse(sorted(f"{m}.{n}" for m, n in set(methods) - covered), "public methods not called here")

    def test_public_methods_as_every_role(self):
        self.attempt_calls(self.users, self._calls(), context={"dealer_without_jit": True})
        self.attempt_wizards(self.users, self._wizards())
        self.assert_all_held("KPI public methods")

    def test_money_is_not_for_every_role(self):
        """The attempts of the report: revenue and gross profit, parts cost, receivables."""
        codes, month, store = ["revenue_total", "gross_profit"], self.month, self.store.ids
        for role in ("Technician", "Parts", "Employee", "Portal"):
            self.attempt("denied", "revenue", self.users[role], "dealer.kpi.engine", "compute", codes, *month, store)
        outcome = self.attempt(
            "ok", "revenue", self.users["Manager"], "dealer.kpi.engine", "compute", codes, *month, store
        )
        self.assertIn("revenue_total", outcome.result)
        self.assert_all_held("KPI money")

    def test_malformed_arguments(self):
        manager = self.users["Manager"]
        month, store = self.month, self.store.ids
        Engine = "dealer.kpi.engine"
        cases = [
            ("garbage date", "compute", (["ro_count"], "garbage", month[1], store)),
            ("month 13", "compute", (["ro_count"], "2026-13-45", month[1], store)),
            ("year 0", "compute", (["ro_count"], "0000-00-00", month[1], store)),
            ("ten millennia", "compute", (["ro_count"], "0001-01-01", "9999-12-31", store)),
            ("end before start", "compute", (["ro_count"], month[1], month[0], store)),
            ("a number as a date", "compute", (["ro_count"], 20261001, month[1], store)),
            ("list of lists as codes", "compute", ([["ro_count"]], *month, store)),
            ("a number as codes", "compute", (42, *month, store)),
            ("unknown code", "compute", (["no_such_kpi"], *month, store)),
            ("stores abc", "compute", (["ro_count"], *month, "abc")),
            ("stores of lists", "compute", (["ro_count"], *month, [[1]])),
            ("a store that is none", "compute", (["ro_count"], *month, [999999])),
            ("rows of a garbage date", "compute_rows", (["ro_count"], "garbage", month[1], store)),
            ("drill-down of lists", "drilldown", ([["ro_count"]], *month, store)),
            ("drill-down of garbage", "drilldown", ("ro_count", "garbage", "garbage", store)),
            ("drill-down of 0001", "drilldown", ("ro_count", "0001-01-01", "9999-12-31", store)),
        ]
        for label, method, args in cases:
            self.attempt("refused", label, manager, Engine, method, *args)
        self.attempt(
            "refused", "churn of garbage", manager, "dealer.kpi.retention", "create_churn_leads", "x", "y", store
        )
        self.assert_all_held("KPI malformed arguments")

    def test_refusal_in_chinese(self):
        technician = self.users["Technician"]
        technician.lang = "zh_CN"
        outcome = self.client(technician).call("dealer.kpi.engine", "compute", ["revenue_total"], *self.month)
        self.assertEqual(outcome.error, "odoo.exceptions.AccessError")
        self.assertIn("服务顾问", outcome.message)
