from odoo import fields, models

from .product_category import ABC_CLASSES


class ProductTemplate(models.Model):
    _inherit = "product.template"

    dealer_abc_class = fields.Selection(
        ABC_CLASSES,
        string="ABC Class",
        company_dependent=True,
        readonly=True,
        help="By the part's share of the value issued in the store over the ABC window: A makes the first 80 %, "
        "B the next 15 %, C the rest (the shares are store settings); empty when not issued in the window.",
    )
    dealer_is_vehicle = fields.Boolean(related="categ_id.dealer_vehicle", string="Vehicle for Sale")
