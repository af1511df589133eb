"""Cross-addon tests, run by pytest-odoo on the database `make test` builds.

These files are not inside an addon: they import from odoo.addons.*.
"""
