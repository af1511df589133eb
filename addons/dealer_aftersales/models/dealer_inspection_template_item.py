from odoo import fields, models


class DealerInspectionTemplateItem(models.Model):
    _name = "dealer.inspection.template.item"
    _description = "Inspection Checklist Item"
    _order = "sequence, id"

    template_id = fields.Many2one("dealer.inspection.template", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    company_id = fields.Many2one(related="template_id.company_id", store=True, index=True)
