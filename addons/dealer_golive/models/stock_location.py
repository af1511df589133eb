from odoo import fields, models


class StockLocation(models.Model):
    _inherit = "stock.location"

    dealer_golive = fields.Boolean(
        string="Go-Live Opening Stock",
        readonly=True,
        help="The virtual location the opening stock of the go-live imports comes from.",
    )
