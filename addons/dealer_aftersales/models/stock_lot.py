from odoo import _, api, models
from odoo.exceptions import ValidationError


class StockLot(models.Model):
    _inherit = "stock.lot"

    @api.constrains("name", "product_id")
    def _check_dealer_vehicle_vin(self):
        Vehicle = self.env["dealer.vehicle"]
        for lot in self.filtered(lambda lot: lot.product_id.categ_id.dealer_vehicle):
            error = Vehicle._vin_error(lot.name)
            if error:
                raise ValidationError(_("A vehicle's serial number is its VIN. %(reason)s", reason=error))
