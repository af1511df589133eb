from odoo import api, models


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    @api.model
    def _dealer_report_modules(self):
        """The monthly KPI report is checked before rendering like the after-sales documents."""
        return super()._dealer_report_modules() | {"dealer_kpi"}
