from odoo import fields, models


class DealerRepairInspection(models.Model):
    """A multi-point inspection or a final quality inspection (终检) of a repair order."""

    _name = "dealer.repair.inspection"
    _description = "Repair Inspection"
    _order = "date desc, id desc"

    repair_id = fields.Many2one("repair.order", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="repair_id.company_id", store=True, index=True)
    kind = fields.Selection([("multipoint", "Multi-Point Inspection"), ("final", "Final Inspection")], required=True)
    result = fields.Selection([("pass", "Passed"), ("fail", "Failed")])
    inspector_id = fields.Many2one("res.users", default=lambda self: self.env.user)
    date = fields.Datetime(default=fields.Datetime.now, required=True)
    note = fields.Text()
    line_ids = fields.One2many("dealer.repair.inspection.line", "inspection_id", string="Items")
