"""Cross-addon tests, run by pytest-odoo on the database `make test` builds.

These files are not inside an addon: they import from odoo.addons.*.
"""

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def repo():
    return REPO
