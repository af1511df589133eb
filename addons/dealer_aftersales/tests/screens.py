"""Screenshots of the web client and the printed documents, in Chromium, as a test mixin."""

import json
import os
import time
from unittest.mock import patch

import werkzeug.urls

from odoo.tests.common import TEST_CURSOR_COOKIE_NAME, ChromeBrowser


class Screenshots:
    """Mixin of an HttpCase: ``_shoot`` photographs a page once it shows what it must."""

    def _shoot(self, name, url, selector, text=None, login="admin", settle=0):
        """Opens ``url`` as ``login`` (a demo login: its password is the same) in a headless
        Chromium, waits for ``selector`` and ``text`` (and no error dialog), and saves a
        screenshot (the steps of HttpCase.browser_js). ``settle``: seconds more for what a page
        draws on a canvas once its data came (a spreadsheet dashboard), before the picture; it
        asserts nothing."""
        # The store's people look at it from China: the browser's time zone is theirs.
        with patch.dict(os.environ, {"TZ": "Asia/Shanghai"}):
            browser = ChromeBrowser(self, headless=True, success_signal="test successful")
        try:
            # As HttpCase.browser_js: the browser's requests are this test's.
            self.http_request_key = self.canonical_tag + "_browser_js"
            self.authenticate(login, login, browser=browser)
            self.http_request_strict_check = True
            self.cr.flush()
            self.cr.clear()
            browser.navigate_to(werkzeug.urls.url_join(self.base_url(), url), wait_stop=False)
            ready = (
                f"document.querySelector({json.dumps(selector)})"
                " && !document.querySelector('.o_error_dialog, .o_dialog_error')"
                + (f" && document.body.innerText.includes({json.dumps(text)})" if text else "")
            )
            shown = browser._wait_ready(ready, timeout=30)
            if settle:
                time.sleep(settle)
            browser.take_screenshot(prefix=f"dealer_screen_{name}_").result(timeout=20)
            self.assertTrue(shown, f"{name}: {selector} {text or ''} never showed")
            # Let the page finish what it started (its services' requests) before closing it.
            browser._wait_ready("document.readyState === 'complete'", timeout=30)
            browser.navigate_to("about:blank", wait_stop=True)
        finally:
            browser.stop()
            self._wait_remaining_requests()
            self.http_request_key = self.canonical_tag
            self.opener.cookies[TEST_CURSOR_COOKIE_NAME] = self.http_request_key
