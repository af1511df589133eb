"""pytest hooks for the whole repository (pytest-odoo runs from here).

A skipped test of ours is a failure: skipping proves nothing (a missing
Chromium, websocket-client or HTTP server must break the run, not hide it).
Odoo's own suites (make platform-test) keep their own conditional skips.
"""

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.skipped and Path(str(item.fspath)).resolve().is_relative_to(REPO):
        reason = report.longrepr[-1] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"skipped test of ours counts as a failure: {reason}"
