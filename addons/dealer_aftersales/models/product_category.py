from odoo import fields, models


class ProductCategory(models.Model):
    _inherit = "product.category"

    dealer_consumable = fields.Selection(
        [("oil", "Oil and Fluids"), ("paint", "Paint and Auxiliary Materials"), ("other", "Other Consumables")],
        string="Workshop Consumable",
        help="Parts of this category are consumables of the workshop (the paint material cost ratio "
        "counts the paint ones).",
    )
