from odoo import fields, models


class DealerRepairInspectionLine(models.Model):
    _name = "dealer.repair.inspection.line"
    _description = "Inspection Item Result"
    _order = "sequence, id"

    inspection_id = fields.Many2one("dealer.repair.inspection", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="inspection_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Item", required=True)
    status = fields.Selection(
        [("ok", "OK"), ("attention", "Needs Attention Soon"), ("urgent", "Needs Repair Now")], default="ok"
    )
    note = fields.Char()
