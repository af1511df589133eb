from odoo import _, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .dealer_inventory_report_mixin import LAYER_DEPENDS, PRODUCT_DEPENDS

# A year of turnover, as the turnover days count the period's days: times a year = times in the
# period × 365 ÷ days in the period, so that 365 ÷ times a year = the turnover days.
DAYS_A_YEAR = 365


class DealerPartsTurnoverReport(models.Model):
    _name = "dealer.parts.turnover.report"
    _inherit = ["dealer.inventory.report.mixin"]
    _description = "Parts Turnover"
    _auto = False
    _depends = {
        **LAYER_DEPENDS,
        "stock.move": ["location_id", "location_dest_id"],
        "stock.location": ["usage"],
        **PRODUCT_DEPENDS,
    }
    _order = "outflow_cost desc, id"

    product_id = fields.Many2one("product.product", string="Part", readonly=True)
    categ_id = fields.Many2one("product.category", string="Part Category", readonly=True)
    outflow_cost = fields.Monetary(string="Issued at Cost", readonly=True, currency_field="currency_id")
    outflow_qty = fields.Float(string="Issued Quantity", digits="Product Unit of Measure", readonly=True)
    avg_value = fields.Monetary(string="Average Inventory", readonly=True, currency_field="currency_id")
    closing_value = fields.Monetary(string="Closing Inventory", readonly=True, currency_field="currency_id")
    # Summed in a group as the ratio of the sums, not as a sum of ratios (see _read_group_select).
    turnover_times = fields.Float(
        string="Turnover (Times in Period)",
        digits=(16, 2),
        readonly=True,
        help="How many times the average inventory was issued over the period: issued at cost ÷ average inventory.",
    )
    turnover_times_year = fields.Float(
        string="Turnover (Times a Year)",
        digits=(16, 1),
        readonly=True,
        help="The turnover of the period at the same pace for a whole year: times in the period × 365 ÷ "
        "days in the period.",
    )
    turnover_rate = fields.Float(
        string="Turnover Rate (%)",
        digits=(16, 1),
        readonly=True,
        help="The turnover of the period as a percentage, as the Parts Turnover Rate KPI shows it: times in the "
        "period × 100.",
    )
    turnover_days = fields.Float(
        digits=(16, 1),
        readonly=True,
        help="Days the average inventory lasts at the period's issues: days in the period ÷ times in the period.",
    )
    period_days = fields.Integer(string="Days in Period", readonly=True, aggregator="max")
    date_from = fields.Date(string="From", readonly=True)
    date_to = fields.Date(string="To", readonly=True)
    period = fields.Char(readonly=True, help="The days the turnover is computed over, both included.")

    @property
    def _table_query(self):
        date_from, date_to = self._report_period()
        if date_from > date_to:
            raise UserError(_("The period must have a start date on or before its end date."))
        return SQL(
            """
            SELECT ROW_NUMBER() OVER (ORDER BY t.company_id, t.product_id) AS id, t.*,
                   CASE WHEN t.avg_value != 0 THEN t.outflow_cost / t.avg_value END AS turnover_times,
                   CASE WHEN t.avg_value != 0
                        THEN t.outflow_cost / t.avg_value * %(year)s / t.period_days END AS turnover_times_year,
                   CASE WHEN t.avg_value != 0 THEN t.outflow_cost / t.avg_value * 100 END AS turnover_rate,
                   CASE WHEN t.outflow_cost != 0 THEN t.period_days * t.avg_value / t.outflow_cost END AS turnover_days,
                   %(date_from)s::date AS date_from, %(date_to)s::date AS date_to, %(period)s::varchar AS period
              FROM (%(turnover)s) t
            """,
            year=DAYS_A_YEAR,
            date_from=date_from,
            date_to=date_to,
            period=self._period_label(date_from, date_to),
            turnover=self._analysis._turnover_sql(date_from, date_to, self._report_companies()),
        )

    @staticmethod
    def _period_label(date_from, date_to):
        return f"{fields.Date.to_string(date_from)} – {fields.Date.to_string(date_to)}"

    def _read_group_select(self, aggregate_spec, query):
        if aggregate_spec in ("turnover_times:sum", "turnover_times:avg"):
            outflow = self._field_to_sql(self._table, "outflow_cost", query)
            average = self._field_to_sql(self._table, "avg_value", query)
            return SQL("SUM(%s) / NULLIF(SUM(%s), 0)", outflow, average)
        if aggregate_spec in ("turnover_times_year:sum", "turnover_times_year:avg"):
            outflow = self._field_to_sql(self._table, "outflow_cost", query)
            average = self._field_to_sql(self._table, "avg_value", query)
            days = self._field_to_sql(self._table, "period_days", query)
            return SQL("SUM(%s) / NULLIF(SUM(%s), 0) * %s / MAX(%s)", outflow, average, DAYS_A_YEAR, days)
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
