"""The main screens and printed documents, opened in Chromium in Chinese on the demo store as
each role sees them: every one renders (no error dialog, its content present) and is
photographed. ``make screenshots`` copies the pictures into docs/screenshots."""

import json
import os
from unittest.mock import patch

import werkzeug.urls

from odoo.tests import HttpCase, tagged
from odoo.tests.common import ChromeBrowser

# name: (url, what must be on the page once it is ready)
SCREENS = {
    "vehicles": ("/odoo/action-dealer_aftersales.dealer_vehicle_action", ".o_kanban_record, .o_data_row"),
    "repair_order": ("/odoo/action-dealer_aftersales.repair_order_action_dealer/{repair}", ".o_form_view .o_notebook"),
    "workshop_board": ("/odoo/action-dealer_aftersales.dealer_repair_labor_action_board", ".o_kanban_view"),
    "appointments": ("/odoo/action-dealer_aftersales.dealer_appointment_action", ".o_calendar_view .fc-view"),
    "claims": ("/odoo/action-dealer_aftersales.dealer_insurance_claim_action", ".o_data_row, .o_kanban_record"),
    "parts_aging": (
        "/odoo/action-dealer_aftersales.dealer_parts_aging_report_action",
        ".o_pivot, .o_graph_renderer, .o_data_row",
    ),
    "work_order": ("/report/html/dealer_aftersales.report_work_order/{repair}", ".page h2"),
    "settlement_statement": ("/report/html/dealer_aftersales.report_settlement/{repair}", ".page h2"),
    "claim_file": ("/report/html/dealer_aftersales.report_claim_file/{claim}", ".page h2"),
    "portal_vehicles": ("/my/vehicles", "table, .o_portal_my_doc_table, .o_portal_wrap"),
}


@tagged("post_install", "-at_install")
class TestScreenshots(HttpCase):
    def _shoot(self, name, url, selector):
        """Opens ``url`` as the administrator in a headless Chromium, waits for ``selector``
        (and no error dialog), and saves a screenshot (the steps of HttpCase.browser_js)."""
        # The store's people look at it from China: the browser's time zone is theirs.
        with patch.dict(os.environ, {"TZ": "Asia/Shanghai"}):
            browser = ChromeBrowser(self, headless=True, success_signal="test successful")
        try:
            self.authenticate("admin", "admin", browser=browser)
            self.cr.flush()
            self.cr.clear()
            browser.navigate_to(werkzeug.urls.url_join(self.base_url(), url), wait_stop=False)
            ready = (
                f"document.querySelector({json.dumps(selector)})"
                " && !document.querySelector('.o_error_dialog, .o_dialog_error')"
            )
            self.assertTrue(browser._wait_ready(ready, timeout=60), f"{name}: {selector} never showed")
            browser.take_screenshot(prefix=f"dealer_screen_{name}_").result(timeout=20)
        finally:
            browser.stop()
            self._wait_remaining_requests()

    def test_main_screens_and_documents(self):
        self.env.ref("base.user_admin").write({"lang": "zh_CN", "tz": "Asia/Shanghai"})
        repair = self.env["repair.order"].search(
            [
                ("company_id", "=", self.env.ref("base.main_company").id),
                ("state", "=", "done"),
                ("labor_line_ids", "!=", False),
            ],
            order="id desc",
            limit=1,
        )
        claim = self.env["dealer.insurance.claim"].search(
            [("state", "in", ("invoiced", "partly_settled", "settled"))], limit=1
        )
        self.assertTrue(repair and claim, "the demo store has a finished order and an invoiced claim")
        for name, (url, selector) in SCREENS.items():
            with self.subTest(screen=name):
                self._shoot(name, url.format(repair=repair.id, claim=claim.id), selector)
