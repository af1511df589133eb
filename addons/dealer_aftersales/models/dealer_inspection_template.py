from odoo import fields, models

from .repair_order import SERVICE_TYPES


class DealerInspectionTemplate(models.Model):
    """A multi-point inspection checklist, per service type."""

    _name = "dealer.inspection.template"
    _description = "Inspection Checklist"
    _order = "service_type, name"

    name = fields.Char(required=True, translate=True)
    service_type = fields.Selection(SERVICE_TYPES, required=True)
    item_ids = fields.One2many("dealer.inspection.template.item", "template_id", string="Items", copy=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", string="Store", help="Empty: shared by all stores.")
