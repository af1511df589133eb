"""How long the browser tours wait for Chromium to open its debugging port.

Odoo waits 10 s (``odoo.tests.common.CHECK_BROWSER_ITERATIONS`` × 0.1 s) and then *skips* the
tour, leaving that Chromium running. A cold Chromium on a busy 2-core machine can take longer,
and a skipped tour proves nothing: wait up to 60 s instead (a Chromium that never opens its
port still ends the tour, as a failure of make test's skip check)."""

from odoo.tests import common

common.CHECK_BROWSER_ITERATIONS = max(common.CHECK_BROWSER_ITERATIONS, 600)
