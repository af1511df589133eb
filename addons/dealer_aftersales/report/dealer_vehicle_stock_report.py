from odoo import fields, models
from odoo.tools import SQL

from .dealer_inventory_report_mixin import PRODUCT_DEPENDS


class DealerVehicleStockReport(models.Model):
    _name = "dealer.vehicle.stock.report"
    _inherit = ["dealer.inventory.report.mixin"]
    _description = "Vehicles in Stock"
    _auto = False
    _depends = {
        "stock.move.line": ["lot_id", "product_id", "company_id", "location_id", "location_dest_id", "date", "state"],
        "stock.lot": ["name"],
        "stock.location": ["usage", "warehouse_id"],
        **PRODUCT_DEPENDS,
    }
    _order = "age_days desc, id"

    lot_id = fields.Many2one("stock.lot", string="VIN", readonly=True)
    product_id = fields.Many2one("product.product", string="Vehicle Model", readonly=True)
    receipt_date = fields.Date(string="In Stock Since", readonly=True)
    age_days = fields.Integer(string="Days in Stock", readonly=True, aggregator="max")
    is_overaged = fields.Boolean(string="Over-Aged", readonly=True)

    @property
    def _table_query(self):
        return SQL(
            "SELECT s.lot_id AS id, s.* FROM (%s) s",
            self._analysis._vehicle_stock_sql(self._report_date(), self._report_companies()),
        )
