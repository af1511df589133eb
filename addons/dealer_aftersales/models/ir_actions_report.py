from odoo import models


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _get_rendering_context(self, report, docids, data):
        """The after-sales documents (work order, settlement statement...) of records the user
        may not read are refused before anything is rendered: a plain access error, not a
        half-rendered page."""
        if report.report_name.startswith(("dealer_aftersales.", "dealer_kpi.")) and report.model and docids:
            self.env[report.model].browse(docids).check_access("read")
        return super()._get_rendering_context(report, docids, data)
