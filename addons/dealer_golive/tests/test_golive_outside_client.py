"""The go-live import as an outside client meets it, over real JSON-RPC: only the store's
manager checks and imports; nobody writes an import's state, fingerprint or summary, or a
checked file, by hand; a file that is not a workbook answers a problem, never a traceback."""

import base64

from odoo.tests import HttpCase, tagged

from odoo.addons.dealer_aftersales.tests.access import role_users
from odoo.addons.dealer_aftersales.tests.outside_client import OutsideClientMixin, introduced_public_methods

from .common import workbook


@tagged("post_install", "-at_install")
class TestGoliveOutsideClient(OutsideClientMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.store = cls.env.ref("base.main_company")
        cls.users = role_users(cls.env, cls.store, prefix="golive_rpc")
        data = workbook({"保单": [("保单号", "保险公司", "车架号", "保费", "起保日期", "终保日期")]})
        cls.job = cls.env["dealer.golive.import"].create(
            {"company_id": cls.store.id, "file_data": base64.b64encode(data), "file_name": "保单.xlsx"}
        )

    def _calls(self):
        return [
            ("dealer.golive.import", "action_download_template", self.job.ids, ()),
            ("dealer.golive.import", "action_check", self.job.ids, ()),
            ("dealer.golive.import", "action_import", self.job.ids, ()),
            # The manager's logged correction of the write guard (dealer_aftersales' mixin).
            ("dealer.golive.import", "action_dealer_correct", self.job.ids, ({}, "测试")),
        ]

    def test_every_public_method_declares_its_roles(self):
        methods = introduced_public_methods(self.env, "dealer_golive")
        undeclared = sorted(
            f"{model}.{name}" for (model, name), method in methods.items() if not getattr(method, "_dealer_roles", ())
        )
        self.assertFalse(undeclared, "public methods without @requires_role")
        covered = {(model, method) for model, method, *__ in self._calls()}
        self.assertFalse(sorted(f"{m}.{n}" for m, n in set(methods) - covered), "public methods not called here")

    def test_public_methods_as_every_role(self):
        self.attempt_calls(self.users, self._calls())
        self.assert_all_held("go-live public methods")
        self.job.invalidate_recordset()
        self.assertEqual(self.job.state, "done")

    def test_states_and_results_are_not_written_by_hand(self):
        manager = self.users["Manager"]
        for values in ({"state": "done"}, {"file_sha256": "0" * 64}, {"summary": {"parts": {"created": 9}}}):
            self.attempt("refused", "guarded", manager, "dealer.golive.import", "write", self.job.ids, values)
        job = self.env["dealer.golive.import"].create({"company_id": self.store.id, "golive_date": "2026-11-30"})
        self.attempt("refused", "done import", manager, "dealer.golive.import", "create", {"state": "importing"})
        # Not a workbook: a problem of the import, not a traceback.
        job.write({"file_data": base64.b64encode(b"PK\x03\x04 not really a zip"), "file_name": "旧系统.xlsx"})
        self.attempt("ok", "garbage file", manager, "dealer.golive.import", "action_check", job.ids)
        job.invalidate_recordset()
        self.assertEqual(job.state, "failed")
        self.assertIn("neither an xlsx workbook", job.problem_ids.message)
        self.assert_all_held("go-live guarded fields")
