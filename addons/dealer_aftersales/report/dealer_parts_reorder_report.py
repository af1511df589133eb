from odoo import _, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..tools import PARTS, requires_role
from .dealer_inventory_report_mixin import LAYER_DEPENDS, PRODUCT_DEPENDS


class DealerPartsReorderReport(models.Model):
    _name = "dealer.parts.reorder.report"
    _inherit = ["dealer.inventory.report.mixin"]
    _description = "Parts Reorder Suggestion"
    _auto = False
    _depends = {
        "stock.warehouse.orderpoint": ["product_id", "company_id", "active"],
        **LAYER_DEPENDS,
        "product.supplierinfo": ["product_tmpl_id", "delay"],
        "stock.quant": ["product_id", "company_id", "location_id", "quantity"],
        "stock.location": ["usage"],
        **PRODUCT_DEPENDS,
        "product.template": [*PRODUCT_DEPENDS["product.template"], "uom_id"],
        "uom.uom": ["category_id", "rounding"],
    }
    _order = "annual_demand desc, id"

    product_id = fields.Many2one("product.product", string="Part", readonly=True)
    abc_class = fields.Selection(related="product_id.product_tmpl_id.dealer_abc_class", string="ABC Class")
    window_qty = fields.Float(string="Issued in Window", digits="Product Unit of Measure", readonly=True)
    annual_demand = fields.Float(digits=(16, 1), readonly=True)
    daily_mean = fields.Float(string="Daily Demand", digits=(16, 3), readonly=True, aggregator=None)
    daily_sigma = fields.Float(string="Daily Demand Std. Dev.", digits=(16, 3), readonly=True, aggregator=None)
    unit_cost = fields.Float(digits="Product Price", readonly=True, aggregator=None)
    lead_days = fields.Integer(string="Lead Time (Days)", readonly=True, aggregator=None)
    eoq = fields.Float(string="Economic Order Quantity", digits=(16, 1), readonly=True, aggregator=None)
    suggested_qty = fields.Float(
        string="Suggested Order Quantity",
        digits="Product Unit of Measure",
        readonly=True,
        aggregator=None,
        help="The economic order quantity rounded up: to whole units for parts counted in pieces (units "
        "of the Units category), else to the rounding of the part's unit of measure.",
    )
    safety_stock = fields.Float(digits=(16, 1), readonly=True, aggregator=None)
    reorder_point = fields.Float(digits=(16, 1), readonly=True, aggregator=None)
    suggested_min = fields.Float(
        string="Suggested Minimum", digits="Product Unit of Measure", readonly=True, aggregator=None
    )
    suggested_max = fields.Float(
        string="Suggested Maximum", digits="Product Unit of Measure", readonly=True, aggregator=None
    )
    qty_on_hand = fields.Float(
        string="On Hand",
        digits="Product Unit of Measure",
        readonly=True,
        aggregator=None,
        help="What the store has in its stock locations now.",
    )
    uom_id = fields.Many2one(related="product_id.uom_id")
    orderpoint_id = fields.Many2one("stock.warehouse.orderpoint", string="Reorder Rule", readonly=True)
    current_min = fields.Float(related="orderpoint_id.product_min_qty", string="Current Minimum")
    current_max = fields.Float(related="orderpoint_id.product_max_qty", string="Current Maximum")

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT ROW_NUMBER() OVER (ORDER BY r.company_id, r.product_id) AS id, r.company_id, r.product_id,
                   r.window_qty, r.annual_demand, r.daily_mean, r.daily_sigma, r.unit_cost, r.lead_days, r.eoq,
                   r.safety_stock, r.reorder_point,
                   CEIL(ROUND(r.reorder_point::numeric, 6)) AS suggested_min,
                   CEIL(ROUND((r.reorder_point + COALESCE(r.eoq, 0))::numeric, 6)) AS suggested_max,
                   CASE WHEN uom.category_id = %(units)s OR uom.rounding >= 1
                        THEN CEIL(ROUND(r.eoq::numeric, 6))
                        ELSE CEIL(ROUND((r.eoq / uom.rounding)::numeric, 6)) * uom.rounding END AS suggested_qty,
                   COALESCE((SELECT SUM(q.quantity) FROM stock_quant q
                               JOIN stock_location loc ON loc.id = q.location_id
                              WHERE q.product_id = r.product_id AND q.company_id = r.company_id
                                AND loc.usage = 'internal'), 0) AS qty_on_hand,
                   (SELECT MIN(op.id) FROM stock_warehouse_orderpoint op
                     WHERE op.product_id = r.product_id AND op.company_id = r.company_id AND op.active) AS orderpoint_id
              FROM (%(reorder)s) r
              JOIN product_template pt ON pt.id = r.product_tmpl_id
              JOIN uom_uom uom ON uom.id = pt.uom_id
            """,
            units=self.env.ref("uom.product_uom_categ_unit").id,
            reorder=self._analysis._reorder_sql(self._report_date(), self._report_companies()),
        )

    @requires_role(PARTS)
    def action_apply(self):
        """Create or update the reorder rules of the selected parts from the suggestion: minimum
        at the reorder point, maximum a economic order quantity above, safety stock for the alarm."""
        Orderpoint = self.env["stock.warehouse.orderpoint"]
        Warehouse = self.env["stock.warehouse"]
        for line in self:
            if not line.eoq:
                raise UserError(
                    _(
                        "%(part)s has no cost: set its cost before computing an order quantity.",
                        part=line.product_id.display_name,
                    )
                )
            values = {
                "product_min_qty": line.suggested_min,
                "product_max_qty": max(line.suggested_max, line.suggested_min),
                "dealer_safety_qty": round(line.safety_stock, 2),
                "dealer_eoq": round(line.eoq, 2),
            }
            orderpoint = line.orderpoint_id
            if orderpoint:
                orderpoint.write(values)
            else:
                warehouse = Warehouse.search([("company_id", "=", line.company_id.id)], limit=1)
                Orderpoint.with_company(line.company_id).create(
                    {
                        **values,
                        "product_id": line.product_id.id,
                        "company_id": line.company_id.id,
                        "warehouse_id": warehouse.id,
                        "location_id": warehouse.lot_stock_id.id,
                        "trigger": "auto",
                    }
                )
        self.invalidate_model()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": _("%(count)s reorder rules updated.", count=len(self)),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }
