from odoo import fields, models

from .dealer_inventory_report_mixin import LAYER_DEPENDS, PRODUCT_DEPENDS


class DealerPartsAgingReport(models.Model):
    _name = "dealer.parts.aging.report"
    _inherit = ["dealer.inventory.report.mixin"]
    _description = "Parts Stock Aging"
    _auto = False
    _depends = {
        **LAYER_DEPENDS,
        "stock.move": ["location_dest_id"],
        "stock.location": ["warehouse_id"],
        "dealer.aging.bucket": ["company_id", "day_from", "day_to"],
        **PRODUCT_DEPENDS,
    }
    _order = "age_days desc, id"

    product_id = fields.Many2one("product.product", string="Part", readonly=True)
    categ_id = fields.Many2one("product.category", string="Part Category", readonly=True)
    warehouse_id = fields.Many2one("stock.warehouse", readonly=True)
    receipt_date = fields.Date(string="Received On", readonly=True)
    age_days = fields.Integer(string="Age (Days)", readonly=True, aggregator="max")
    bucket_id = fields.Many2one("dealer.aging.bucket", string="Age Bucket", readonly=True)
    received_qty = fields.Float(string="Received", digits="Product Unit of Measure", readonly=True)
    quantity = fields.Float(string="On Hand", digits="Product Unit of Measure", readonly=True)
    value = fields.Monetary(readonly=True, currency_field="currency_id")
    is_stagnant = fields.Boolean(string="Stagnant", readonly=True)

    @property
    def _table_query(self):
        return self._analysis._aging_sql(self._report_date(), self._report_companies())
