from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

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


class StockLot(models.Model):
    _inherit = "stock.lot"

    @api.constrains("name", "product_id")
    def _check_dealer_vehicle_vin(self):
        Vehicle = self.env["dealer.vehicle"]
        for lot in self.filtered(lambda lot: lot.product_id.categ_id.dealer_vehicle):
            error = Vehicle._vin_error(lot.name)
            if error:
                raise ValidationError(_("A vehicle's serial number is its VIN. %(reason)s", reason=error))
