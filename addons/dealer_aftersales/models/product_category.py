from odoo import fields, models

ABC_CLASSES = [("A", "A"), ("B", "B"), ("C", "C")]


class ProductCategory(models.Model):
    _inherit = "product.category"

    dealer_consumable = fields.Selection(
        [("oil", "Oil and Fluids"), ("paint", "Paint and Auxiliary Materials"), ("other", "Other Consumables")],
        string="Workshop Consumable",
        help="Parts of this category are consumables of the workshop (the paint material cost ratio "
        "counts the paint ones).",
    )

    dealer_vehicle = fields.Boolean(
        string="Vehicles for Sale",
        help="Products of this category are new or used vehicles held for sale (整车), tracked by VIN as serial "
        "number; they are left out of the parts figures.",
    )
