from odoo import api, fields, models


class DealerFaultCode(models.Model):
    _name = "dealer.fault.code"
    _description = "Warranty Fault Code"
    _order = "code"
    _rec_names_search = ["code", "name"]

    code = fields.Char(required=True, index=True)
    name = fields.Char(required=True, translate=True)
    brand_id = fields.Many2one("fleet.vehicle.model.brand")
    company_id = fields.Many2one("res.company", string="Store", index=True, help="Empty: shared by all stores.")
    operation_ids = fields.Many2many(
        "dealer.labor.operation",
        string="Labor Operations",
        help="The labor operations a claim with this fault code may contain; empty allows any.",
    )

    @api.depends("code", "name")
    def _compute_display_name(self):
        for fault in self:
            fault.display_name = f"[{fault.code}] {fault.name}"
