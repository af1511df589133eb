from odoo import fields, models

# The "report month" filter of the after-sales dashboards (see data/files/*.json).
REPORT_MONTH_FILTER = "6f1d2a10-4b7e-4c1a-9d3e-2a8b5c7d0e01"
MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]


class SpreadsheetDashboard(models.Model):
    _inherit = "spreadsheet.dashboard"

    def get_readonly_dashboard(self):
        """The after-sales dashboards open on the month just closed (a spreadsheet date filter
        can only default to the current month)."""
        result = super().get_readonly_dashboard()
        for global_filter in result.get("snapshot", {}).get("globalFilters", []):
            if global_filter.get("id") == REPORT_MONTH_FILTER:
                month = self.env["dealer.kpi.snapshot"]._last_closed_month()[0]
                global_filter["defaultValue"] = {
                    "yearOffset": month.year - fields.Date.context_today(self).year,
                    "period": MONTHS[month.month - 1],
                }
        return result
