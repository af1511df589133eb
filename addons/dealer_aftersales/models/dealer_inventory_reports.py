"""Analysis models over the SQL of ``dealer.inventory.analysis``: pivot, graph and list views.

The date or period comes from the context (``dealer_date``, ``dealer_date_from``,
``dealer_date_to``, set by the inventory report wizard; today and the current month by
default) and the stores from ``dealer_company_ids``, within the stores selected in the
company switcher."""

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..tools import PARTS, requires_role, to_date, to_ids


class DealerInventoryReportMixin(models.AbstractModel):
    _name = "dealer.inventory.report.mixin"
    _description = "Inventory Analysis Parameters"

    @api.model
    def _report_companies(self):
        """The stores selected in the company switcher, narrowed to ``dealer_company_ids`` (the
        context of the analysis that opened the report): never another store."""
        companies = self.env.companies
        wanted = self.env.context.get("dealer_company_ids")
        if wanted:
            wanted = to_ids(self.env, wanted, _("Stores"))
            companies = companies.filtered(lambda company: company.id in wanted) or companies
        return companies

    @api.model
    def _report_day(self, key, default):
        value = self.env.context.get(key)
        return to_date(self.env, value) if value else default

    @api.model
    def _report_date(self):
        return self._report_day("dealer_date", fields.Date.context_today(self))

    @api.model
    def _report_period(self):
        date_to = self._report_day("dealer_date_to", fields.Date.context_today(self))
        date_from = self._report_day("dealer_date_from", date_to.replace(day=1))
        return date_from, date_to

    @property
    def _analysis(self):
        return self.env["dealer.inventory.analysis"]


class DealerPartsAgingReport(models.Model):
    _name = "dealer.parts.aging.report"
    _inherit = ["dealer.inventory.report.mixin"]
    _description = "Parts Stock Aging"
    _auto = False
    _order = "age_days desc, id"

    company_id = fields.Many2one("res.company", string="Store", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
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


class DealerPartsTurnoverReport(models.Model):
    _name = "dealer.parts.turnover.report"
    _inherit = ["dealer.inventory.report.mixin"]
    _description = "Parts Turnover"
    _auto = False
    _order = "outflow_cost desc, id"

    company_id = fields.Many2one("res.company", string="Store", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    product_id = fields.Many2one("product.product", string="Part", readonly=True)
    categ_id = fields.Many2one("product.category", string="Part Category", readonly=True)
    outflow_cost = fields.Monetary(string="Issued at Cost", readonly=True, currency_field="currency_id")
    outflow_qty = fields.Float(string="Issued Quantity", digits="Product Unit of Measure", readonly=True)
    avg_value = fields.Monetary(string="Average Inventory", readonly=True, currency_field="currency_id")
    closing_value = fields.Monetary(string="Closing Inventory", readonly=True, currency_field="currency_id")
    # Summed in a group as the ratio of the sums, not as a sum of ratios (see _read_group_select).
    turnover_rate = fields.Float(string="Turnover Rate (%)", digits=(16, 1), readonly=True)
    turnover_days = fields.Float(digits=(16, 1), readonly=True)
    period_days = fields.Integer(string="Days in Period", readonly=True, aggregator="max")

    @property
    def _table_query(self):
        date_from, date_to = self._report_period()
        if date_from > date_to:
            raise UserError(_("The period must have a start date on or before its end date."))
        return SQL(
            """
            SELECT ROW_NUMBER() OVER (ORDER BY t.company_id, t.product_id) AS id, t.*,
                   CASE WHEN t.avg_value != 0 THEN t.outflow_cost / t.avg_value * 100 END AS turnover_rate,
                   CASE WHEN t.outflow_cost != 0 THEN t.period_days * t.avg_value / t.outflow_cost END AS turnover_days
              FROM (%s) t
            """,
            self._analysis._turnover_sql(date_from, date_to, self._report_companies()),
        )

    def _read_group_select(self, aggregate_spec, query):
        if aggregate_spec in ("turnover_rate:sum", "turnover_rate:avg"):
            outflow = self._field_to_sql(self._table, "outflow_cost", query)
            average = self._field_to_sql(self._table, "avg_value", query)
            return SQL("SUM(%s) / NULLIF(SUM(%s), 0) * 100", outflow, average)
        if aggregate_spec in ("turnover_days:sum", "turnover_days:avg"):
            outflow = self._field_to_sql(self._table, "outflow_cost", query)
            average = self._field_to_sql(self._table, "avg_value", query)
            days = self._field_to_sql(self._table, "period_days", query)
            return SQL("MAX(%s) * SUM(%s) / NULLIF(SUM(%s), 0)", days, average, outflow)
        return super()._read_group_select(aggregate_spec, query)


class DealerVehicleStockReport(models.Model):
    _name = "dealer.vehicle.stock.report"
    _inherit = ["dealer.inventory.report.mixin"]
    _description = "Vehicles in Stock"
    _auto = False
    _order = "age_days desc, id"

    company_id = fields.Many2one("res.company", string="Store", readonly=True)
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


class DealerPartsReorderReport(models.Model):
    _name = "dealer.parts.reorder.report"
    _inherit = ["dealer.inventory.report.mixin"]
    _description = "Parts Reorder Suggestion"
    _auto = False
    _depends = {"stock.warehouse.orderpoint": ["product_id", "company_id", "active"]}
    _order = "annual_demand desc, id"

    company_id = fields.Many2one("res.company", string="Store", readonly=True)
    product_id = fields.Many2one("product.product", string="Part", readonly=True)
    abc_class = fields.Selection(related="product_id.product_tmpl_id.dealer_abc_class", string="ABC Class")
    window_qty = fields.Float(string="Issued in Window", digits="Product Unit of Measure", readonly=True)
    annual_demand = fields.Float(digits=(16, 1), readonly=True)
    daily_mean = fields.Float(string="Daily Demand", digits=(16, 3), readonly=True, aggregator=None)
    daily_sigma = fields.Float(string="Daily Demand Std. Dev.", digits=(16, 3), readonly=True, aggregator=None)
    unit_cost = fields.Float(digits="Product Price", readonly=True, aggregator=None)
    lead_days = fields.Integer(string="Lead Time (Days)", readonly=True, aggregator=None)
    eoq = fields.Float(string="Economic Order Quantity", digits=(16, 1), readonly=True, aggregator=None)
    safety_stock = fields.Float(digits=(16, 1), readonly=True, aggregator=None)
    reorder_point = fields.Float(digits=(16, 1), readonly=True, aggregator=None)
    suggested_min = fields.Float(
        string="Suggested Minimum", digits="Product Unit of Measure", readonly=True, aggregator=None
    )
    suggested_max = fields.Float(
        string="Suggested Maximum", digits="Product Unit of Measure", readonly=True, aggregator=None
    )
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
                   (SELECT MIN(op.id) FROM stock_warehouse_orderpoint op
                     WHERE op.product_id = r.product_id AND op.company_id = r.company_id AND op.active) AS orderpoint_id
              FROM (%s) r
            """,
            self._analysis._reorder_sql(self._report_date(), self._report_companies()),
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
