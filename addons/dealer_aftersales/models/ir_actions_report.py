from odoo import api, models


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    @api.model
    def _dealer_report_modules(self):
        """The addons whose printed documents are checked before rendering; an after-sales
        addon adds itself (``super() | {"dealer_<area>"}``)."""
        return {"dealer_aftersales"}

    def _get_rendering_context(self, report, docids, data):
        """The after-sales documents (work order, settlement statement...) of records the user
        may not read are refused before anything is rendered: a plain access error, not a
        half-rendered page."""
        module = report.report_name.split(".", 1)[0]
        if module in self._dealer_report_modules() and report.model and docids:
            self.env[report.model].browse(docids).check_access("read")
        return super()._get_rendering_context(report, docids, data)
