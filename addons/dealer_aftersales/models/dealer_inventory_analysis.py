"""Parts and vehicle inventory figures, computed in bulk from Odoo's stock valuation.

Every figure here is one SQL statement over ``stock_valuation_layer`` (parts) or
``stock_move_line`` (vehicles, by VIN serial number), whatever the number of
parts: the books and these reports read the same rows.

Days are the store's days (the time zone of its working calendar); a date range
``[date_from, date_to]`` includes both ends.
"""

import datetime
import math
from statistics import NormalDist

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..tools import ACCOUNTANT, PARTS, requires_role, to_date

# Where issued parts go: repaired cars and counter sales, the workshop, scrap and losses.
CONSUMER_USAGES = ("customer", "production", "inventory")
# Where parts come back from when a customer or a repair returns them.
RETURN_USAGES = ("customer", "production")
# The store settings the stock statements read, as columns of their ``store`` table.
STOCK_SETTINGS = {"stagnant_days": "dealer_stagnant_days", "overage_days": "dealer_vehicle_overage_days"}


class DealerInventoryAnalysis(models.AbstractModel):
    _name = "dealer.inventory.analysis"
    _inherit = ["dealer.store.mixin"]
    _description = "Parts and Vehicle Inventory Analysis"

    # ------------------------------------------------------------------ helpers

    @staticmethod
    def _cutoff(date_to):
        """An instant safely after the end of ``date_to`` in any time zone (an index-friendly bound)."""
        return datetime.datetime.combine(date_to + datetime.timedelta(days=2), datetime.time.min)

    @staticmethod
    def _local_day(column):
        return SQL("(%s AT TIME ZONE 'UTC' AT TIME ZONE store.tz)::date", column)

    @api.model
    def _product_kind_sql(self, vehicles):
        """Vehicles for sale are the products of a vehicle category; parts are every other stored product."""
        if vehicles:
            return SQL("COALESCE(pc.dealer_vehicle, FALSE)")
        return SQL("NOT COALESCE(pc.dealer_vehicle, FALSE)")

    # ------------------------------------------------------------------ parts aging

    @api.model
    def _aging_sql(self, date, companies):
        """Stock on hand at the end of ``date``, one row per receipt (FIFO layer) it still comes from.

        Issues consume the oldest receipts first (FIFO): a receipt still holds
        ``min(received, cumulated receipts - all issues so far)`` when that is positive.
        Landed costs and revaluations linked to a receipt are part of its value.
        The warehouse is the one that received the layer.
        """
        day = self._local_day(SQL("l.create_date"))
        return SQL(
            """
            WITH layer AS (
                SELECT l.id, l.company_id, l.product_id, pt.categ_id, l.quantity, l.value, l.create_date,
                       l.stock_move_id, %(day)s AS day, store.stagnant_days
                  FROM stock_valuation_layer l
                  JOIN %(stores)s ON store.company_id = l.company_id
                  JOIN product_product pp ON pp.id = l.product_id
                  JOIN product_template pt ON pt.id = pp.product_tmpl_id
                  JOIN product_category pc ON pc.id = pt.categ_id
                 WHERE l.stock_valuation_layer_id IS NULL
                   AND %(kind)s
                   AND l.create_date < %(cutoff)s
                   AND %(day)s <= %(date)s
            ), extra AS (
                SELECT c.stock_valuation_layer_id AS id, SUM(c.value) AS value
                  FROM stock_valuation_layer c
                  JOIN layer ON layer.id = c.stock_valuation_layer_id
                 WHERE c.create_date < %(cutoff)s
                 GROUP BY c.stock_valuation_layer_id
            ), receipt AS (
                SELECT layer.*, layer.value + COALESCE(extra.value, 0) AS full_value,
                       SUM(layer.quantity) OVER (
                           PARTITION BY layer.company_id, layer.product_id ORDER BY layer.create_date, layer.id
                       ) AS cumulated
                  FROM layer
                  LEFT JOIN extra ON extra.id = layer.id
                 WHERE layer.quantity > 0
            ), issued AS (
                SELECT company_id, product_id, -SUM(quantity) AS quantity
                  FROM layer
                 WHERE quantity < 0
                 GROUP BY company_id, product_id
            ), left_over AS (
                SELECT r.*, GREATEST(0, LEAST(r.quantity, r.cumulated - COALESCE(i.quantity, 0))) AS on_hand
                  FROM receipt r
                  LEFT JOIN issued i ON i.company_id = r.company_id AND i.product_id = r.product_id
            )
            SELECT o.id,
                   o.company_id,
                   o.product_id,
                   o.categ_id,
                   loc.warehouse_id,
                   o.day AS receipt_date,
                   %(date)s::date - o.day AS age_days,
                   bucket.id AS bucket_id,
                   o.quantity AS received_qty,
                   o.on_hand AS quantity,
                   ROUND(o.on_hand * o.full_value / o.quantity, 2) AS value,
                   %(date)s::date - o.day > o.stagnant_days AS is_stagnant
              FROM left_over o
              LEFT JOIN stock_move m ON m.id = o.stock_move_id
              LEFT JOIN stock_location loc ON loc.id = m.location_dest_id
              LEFT JOIN dealer_aging_bucket bucket
                     ON bucket.company_id = o.company_id
                    AND %(date)s::date - o.day >= bucket.day_from
                    AND (bucket.day_to = 0 OR %(date)s::date - o.day <= bucket.day_to)
             WHERE o.on_hand > 0
            """,
            day=day,
            stores=self._stores_sql(companies, **STOCK_SETTINGS),
            kind=self._product_kind_sql(vehicles=False),
            cutoff=self._cutoff(date),
            date=date,
        )

    @api.model
    def _flush_stock(self):
        """The SQL reads stock, products, categories, buckets and partners: write what is pending."""
        self.env.flush_all()

    @api.model
    @requires_role(PARTS, ACCOUNTANT)
    def stagnant_rates(self, date, companies=None):
        """The stagnant-stock figures of ``parts_stagnant_rate_amount`` and ``parts_stagnant_rate_qty``
        at the end of ``date``, per store id and for the stores together (key ``False``)::

            {company_id: {"value": on-hand value, "stagnant_value": …, "rate_amount": % or None,
                          "stagnant_qty": on hand from old receipts, "stagnant_received": received by them,
                          "rate_qty": % or None}}
        """
        companies = self._check_companies(companies)
        date = to_date(self.env, date)
        self._flush_stock()
        self.env.cr.execute(
            SQL(
                """
                SELECT company_id,
                       COALESCE(SUM(value), 0),
                       COALESCE(SUM(value) FILTER (WHERE is_stagnant), 0),
                       COALESCE(SUM(quantity) FILTER (WHERE is_stagnant), 0),
                       COALESCE(SUM(received_qty) FILTER (WHERE is_stagnant), 0)
                  FROM (%s) aging
                 GROUP BY ROLLUP(company_id)
                """,
                self._aging_sql(date, companies),
            )
        )
        result = {}
        for company_id, value, stagnant_value, stagnant_qty, stagnant_received in self.env.cr.fetchall():
            result[company_id or False] = {
                "value": float(value),
                "stagnant_value": float(stagnant_value),
                "rate_amount": float(stagnant_value / value * 100) if value else None,
                "stagnant_qty": float(stagnant_qty),
                "stagnant_received": float(stagnant_received),
                "rate_qty": float(stagnant_qty / stagnant_received * 100) if stagnant_received else None,
            }
        empty = dict.fromkeys(("value", "stagnant_value", "stagnant_qty", "stagnant_received"), 0.0)
        for key in [*companies.ids, False]:
            result.setdefault(key, {**empty, "rate_amount": None, "rate_qty": None})
        return result

    # ------------------------------------------------------------------ parts turnover

    @api.model
    def _turnover_sql(self, date_from, date_to, companies):
        """One row per store and part with stock or issues in the period: the cost of what was
        issued (net of what came back from customers and repairs) and the mean of the
        end-of-day inventory value over the days of the period.

        The mean needs no day-by-day series: the closing value of day d is the opening
        value plus the changes up to d, so the mean is the opening value plus each change
        weighted by the share of the period's days it stays in stock.
        """
        day = self._local_day(SQL("l.create_date"))
        period_days = (date_to - date_from).days + 1
        return SQL(
            """
            WITH layer AS (
                SELECT l.company_id, l.product_id, pt.categ_id, l.quantity, l.value, l.stock_move_id, %(day)s AS day
                  FROM stock_valuation_layer l
                  JOIN %(stores)s ON store.company_id = l.company_id
                  JOIN product_product pp ON pp.id = l.product_id
                  JOIN product_template pt ON pt.id = pp.product_tmpl_id
                  JOIN product_category pc ON pc.id = pt.categ_id
                 WHERE %(kind)s
                   AND l.create_date < %(cutoff)s
                   AND %(day)s <= %(date_to)s
            ), flow AS (
                SELECT company_id, product_id, SUM(cost) AS cost, SUM(quantity) AS quantity
                  FROM (%(issues)s) issue
                 GROUP BY company_id, product_id
            ), held AS (
                SELECT company_id, product_id, MIN(categ_id) AS categ_id,
                       COALESCE(SUM(value) FILTER (WHERE day < %(date_from)s), 0) AS opening,
                       COALESCE(SUM(value * (%(date_to)s::date - day + 1)) FILTER (WHERE day >= %(date_from)s), 0)
                           AS weighted,
                       COALESCE(SUM(value), 0) AS closing
                  FROM layer
                 GROUP BY company_id, product_id
            )
            SELECT held.company_id,
                   held.product_id,
                   held.categ_id,
                   COALESCE(flow.cost, 0) AS outflow_cost,
                   COALESCE(flow.quantity, 0) AS outflow_qty,
                   held.opening + held.weighted / %(period_days)s AS avg_value,
                   held.closing AS closing_value,
                   %(period_days)s AS period_days
              FROM held
              LEFT JOIN flow ON flow.company_id = held.company_id AND flow.product_id = held.product_id
             WHERE held.opening != 0 OR held.weighted != 0 OR COALESCE(flow.cost, 0) != 0
            """,
            day=day,
            stores=self._stores_sql(companies, **STOCK_SETTINGS),
            kind=self._product_kind_sql(vehicles=False),
            cutoff=self._cutoff(date_to),
            date_from=date_from,
            date_to=date_to,
            issues=self._issues_sql(date_from, date_to, companies),
            period_days=period_days,
        )

    @api.model
    @requires_role(PARTS, ACCOUNTANT)
    def turnover(self, date_from, date_to, companies=None, groupby="company"):
        """``parts_outflow_cost``, ``parts_avg_inventory_cost``, ``parts_turnover_rate`` (%) and
        ``parts_turnover_days`` over ``[date_from, date_to]``, grouped by ``company``, ``category``
        or ``product`` (keys: store id, (store id, category id), (store id, product id)); for
        ``company`` the key ``False`` holds the stores together."""
        companies = self._check_companies(companies)
        date_from, date_to = self._check_period(date_from, date_to)
        keys = {
            "company": SQL("company_id"),
            "category": SQL("company_id, categ_id"),
            "product": SQL("company_id, product_id"),
        }
        if groupby not in keys:
            raise UserError(_("Turnover is grouped by store, category or part."))
        group = SQL("ROLLUP(company_id)") if groupby == "company" else keys[groupby]
        self._flush_stock()
        self.env.cr.execute(
            SQL(
                "SELECT %s, SUM(outflow_cost), SUM(outflow_qty), SUM(avg_value) FROM (%s) t GROUP BY %s",
                keys[groupby],
                self._turnover_sql(date_from, date_to, companies),
                group,
            )
        )
        period_days = (date_to - date_from).days + 1
        result = {}
        for row in self.env.cr.fetchall():
            *key, outflow, outflow_qty, average = row
            key = (key[0] or False) if groupby == "company" else tuple(key)
            result[key] = self._turnover_figures(
                float(outflow or 0), float(outflow_qty or 0), float(average or 0), period_days
            )
        if groupby == "company":
            for key in [*companies.ids, False]:
                result.setdefault(key, self._turnover_figures(0.0, 0.0, 0.0, period_days))
        return result

    @staticmethod
    def _turnover_figures(outflow, outflow_qty, average, period_days):
        rate = outflow / average if average else None
        return {
            "outflow_cost": outflow,
            "outflow_qty": outflow_qty,
            "avg_inventory_cost": average,
            "turnover_rate": rate * 100 if rate is not None else None,
            "turnover_days": period_days / rate if rate else None,
            "period_days": period_days,
        }

    # ------------------------------------------------------------------ fill rate

    @api.model
    @requires_role(PARTS, ACCOUNTANT)
    def fill_rate(self, date_from, date_to, companies=None):
        """``parts_fill_rate``: part requests of repair orders served from stock when requested ÷
        part requests, per store id and for the stores together (key ``False``)::

            {company_id: {"requests": n, "from_stock": n, "rate": % or None}}
        """
        companies = self._check_companies(companies)
        date_from, date_to = self._check_period(date_from, date_to)
        Request = self.env["dealer.part.request"].sudo()
        groups = Request._read_group(
            [("company_id", "in", companies.ids), ("request_date", ">=", date_from), ("request_date", "<=", date_to)],
            ["company_id", "from_stock"],
            ["__count"],
        )
        result = {key: {"requests": 0, "from_stock": 0, "rate": None} for key in [*companies.ids, False]}
        for company, from_stock, count in groups:
            for key in (company.id, False):
                result[key]["requests"] += count
                if from_stock:
                    result[key]["from_stock"] += count
        for figures in result.values():
            if figures["requests"]:
                figures["rate"] = figures["from_stock"] / figures["requests"] * 100
        return result

    # ------------------------------------------------------------------ ABC and order quantities

    @api.model
    def _issues_sql(self, date_from, date_to, companies):
        """Issued quantity and cost per store, part and day (net of returns)."""
        day = self._local_day(SQL("l.create_date"))
        return SQL(
            """
            SELECT l.company_id, l.product_id, %(day)s AS day,
                   SUM(-l.quantity) AS quantity,
                   SUM(-l.value) AS cost
              FROM stock_valuation_layer l
              JOIN %(stores)s ON store.company_id = l.company_id
              JOIN stock_move m ON m.id = l.stock_move_id
              JOIN stock_location src ON src.id = m.location_id
              JOIN stock_location dest ON dest.id = m.location_dest_id
              JOIN product_product pp ON pp.id = l.product_id
              JOIN product_template pt ON pt.id = pp.product_tmpl_id
              JOIN product_category pc ON pc.id = pt.categ_id
             WHERE %(kind)s
               AND l.create_date >= %(start)s AND l.create_date < %(cutoff)s
               AND %(day)s BETWEEN %(date_from)s AND %(date_to)s
               AND ((l.quantity < 0 AND dest.usage IN %(consumers)s) OR (l.quantity > 0 AND src.usage IN %(returns)s))
             GROUP BY l.company_id, l.product_id, %(day)s
            """,
            day=day,
            stores=self._stores_sql(companies, **STOCK_SETTINGS),
            kind=self._product_kind_sql(vehicles=False),
            start=datetime.datetime.combine(date_from - datetime.timedelta(days=2), datetime.time.min),
            cutoff=self._cutoff(date_to),
            date_from=date_from,
            date_to=date_to,
            consumers=CONSUMER_USAGES,
            returns=RETURN_USAGES,
        )

    @api.model
    @requires_role(PARTS, ACCOUNTANT)
    def compute_abc(self, companies=None, date=None):
        """Class each part A, B or C by its share of the value issued over the store's ABC window
        up to ``date``: the parts that make the first ``dealer_abc_a_percent`` of the value (the one
        crossing the line included) are A, up to ``dealer_abc_b_percent`` B, the rest of the issued
        parts C; parts not issued in the window have no class. Stored per store on the part."""
        companies = self._check_companies(companies)
        date = to_date(self.env, date) if date else fields.Date.context_today(self)
        self._flush_stock()
        Template = self.env["product.template"].sudo()
        for company in companies:
            date_from = (
                date - datetime.timedelta(days=round(company.dealer_abc_months * 365 / 12)) + datetime.timedelta(days=1)
            )
            self.env.cr.execute(
                SQL(
                    """
                    SELECT pp.product_tmpl_id,
                           SUM(SUM(i.cost)) OVER (ORDER BY SUM(i.cost) DESC, pp.product_tmpl_id) - SUM(i.cost),
                           SUM(SUM(i.cost)) OVER ()
                      FROM (%s) i
                      JOIN product_product pp ON pp.id = i.product_id
                     GROUP BY pp.product_tmpl_id
                    HAVING SUM(i.cost) > 0
                    """,
                    self._issues_sql(date_from, date, company),
                )
            )
            classes = {"A": [], "B": [], "C": []}
            for template_id, before, total in self.env.cr.fetchall():
                share_before = before / total * 100
                if share_before < company.dealer_abc_a_percent:
                    classes["A"].append(template_id)
                elif share_before < company.dealer_abc_b_percent:
                    classes["B"].append(template_id)
                else:
                    classes["C"].append(template_id)
            templates = Template.with_company(company)
            classified = classes["A"] + classes["B"] + classes["C"]
            stale = templates.search([("dealer_abc_class", "!=", False), ("id", "not in", classified)])
            stale.write({"dealer_abc_class": False})
            for abc_class, template_ids in classes.items():
                templates.browse(template_ids).write({"dealer_abc_class": abc_class})
        return True

    @api.model
    def _cron_compute_abc(self):
        self.sudo().compute_abc(self.env["res.company"].sudo().search([]))

    @api.model
    def _reorder_sql(self, date, companies):
        """Per store and part issued in the demand window ending on ``date``: annual demand,
        mean and standard deviation of the daily demand (days without issues count), unit cost,
        lead time, then the economic order quantity ``sqrt(2 × annual demand × cost per order ÷
        holding cost per unit per year)``, the safety stock ``z × σ × √lead time`` and the reorder
        point ``mean daily demand × lead time + safety stock``."""
        rows = []
        for company in companies:
            window = max(company.dealer_demand_days, 30)
            z = NormalDist().inv_cdf(company.dealer_service_level / 100)
            rows.append(
                SQL(
                    "(%s, %s::date, %s, %s, %s, %s, %s)",
                    company.id,
                    date - datetime.timedelta(days=window - 1),
                    window,
                    company.dealer_order_cost,
                    company.dealer_holding_rate / 100,
                    z,
                    company.dealer_lead_days,
                )
            )
        params = SQL(
            "(VALUES %s) AS param(company_id, date_from, window_days, order_cost, holding_rate, z, lead_days)",
            SQL(", ").join(rows),
        )
        date_from = date - datetime.timedelta(days=max(max(c.dealer_demand_days, 30) for c in companies) - 1)
        return SQL(
            """
            WITH daily AS (%(issues)s),
            demand AS (
                SELECT d.company_id, d.product_id, SUM(d.quantity) AS quantity, SUM(d.quantity * d.quantity) AS squares
                  FROM daily d
                  JOIN %(params)s ON param.company_id = d.company_id
                 WHERE d.day >= param.date_from
                 GROUP BY d.company_id, d.product_id
                HAVING SUM(d.quantity) > 0
            ), figures AS (
                SELECT demand.company_id, demand.product_id, pp.product_tmpl_id,
                       demand.quantity AS window_qty,
                       demand.quantity * 365.0 / param.window_days AS annual_demand,
                       demand.quantity / param.window_days AS daily_mean,
                       SQRT(GREATEST(demand.squares - demand.quantity * demand.quantity / param.window_days, 0)
                            / (param.window_days - 1)) AS daily_sigma,
                       COALESCE((pp.standard_price ->> demand.company_id::text)::numeric, 0) AS unit_cost,
                       COALESCE((SELECT MIN(s.delay) FROM product_supplierinfo s
                                  WHERE s.product_tmpl_id = pp.product_tmpl_id
                                    AND (s.company_id IS NULL OR s.company_id = demand.company_id)),
                                param.lead_days) AS lead_days,
                       param.order_cost, param.holding_rate, param.z
                  FROM demand
                  JOIN %(params)s ON param.company_id = demand.company_id
                  JOIN product_product pp ON pp.id = demand.product_id
            )
            SELECT f.company_id, f.product_id, f.product_tmpl_id, f.window_qty, f.annual_demand, f.daily_mean,
                   f.daily_sigma, f.unit_cost, f.lead_days,
                   CASE WHEN f.unit_cost > 0
                        THEN SQRT(2 * f.annual_demand * f.order_cost / (f.unit_cost * f.holding_rate)) END AS eoq,
                   f.z * f.daily_sigma * SQRT(f.lead_days) AS safety_stock,
                   f.daily_mean * f.lead_days + f.z * f.daily_sigma * SQRT(f.lead_days) AS reorder_point
              FROM figures f
            """,
            issues=self._issues_sql(date_from, date, companies),
            params=params,
        )

    @api.model
    @requires_role(PARTS, ACCOUNTANT)
    def reorder_figures(self, date=None, companies=None):
        """EOQ, safety stock and reorder point per store and part, from the demand window ending
        on ``date`` (default today): one row per part, with its ``company_id`` and ``product_id``."""
        companies = self._check_companies(companies)
        date = to_date(self.env, date) if date else fields.Date.context_today(self)
        self._flush_stock()
        self.env.cr.execute(self._reorder_sql(date, companies))
        columns = [column.name for column in self.env.cr.description]
        return [dict(zip(columns, values, strict=True)) for values in self.env.cr.fetchall()]

    @staticmethod
    def _round_up(quantity):
        return math.ceil(round(quantity or 0.0, 6))

    # ------------------------------------------------------------------ vehicles in stock

    @api.model
    def _vehicle_moves_sql(self, date_to, companies):
        """Done moves of vehicles (by VIN serial number) up to the end of ``date_to``, each +1 into
        the store's stock, -1 out of it, with the store's day and whether it was a delivery."""
        day = self._local_day(SQL("ml.date"))
        return SQL(
            """
            SELECT ml.company_id, ml.lot_id, ml.product_id, %(day)s AS day,
                   CASE WHEN dest.usage = 'internal' AND src.usage != 'internal' THEN ml.quantity
                        WHEN src.usage = 'internal' AND dest.usage != 'internal' THEN -ml.quantity
                        ELSE 0 END AS change,
                   src.usage = 'internal' AND dest.usage = 'customer' AS delivered,
                   store.overage_days
              FROM stock_move_line ml
              JOIN %(stores)s ON store.company_id = ml.company_id
              JOIN stock_location src ON src.id = ml.location_id
              JOIN stock_location dest ON dest.id = ml.location_dest_id
              JOIN product_product pp ON pp.id = ml.product_id
              JOIN product_template pt ON pt.id = pp.product_tmpl_id
              JOIN product_category pc ON pc.id = pt.categ_id
             WHERE ml.state = 'done'
               AND ml.lot_id IS NOT NULL
               AND %(kind)s
               AND ml.date < %(cutoff)s
               AND %(day)s <= %(date_to)s
            """,
            day=day,
            stores=self._stores_sql(companies, **STOCK_SETTINGS),
            kind=self._product_kind_sql(vehicles=True),
            cutoff=self._cutoff(date_to),
            date_to=date_to,
        )

    @api.model
    def _vehicle_stock_sql(self, date, companies):
        """Vehicles in stock at the end of ``date``: one row per VIN with the day it came in
        (the latest receipt) and its age in days."""
        return SQL(
            """
            SELECT MIN(v.company_id) AS company_id, v.lot_id, MIN(v.product_id) AS product_id,
                   MAX(v.day) FILTER (WHERE v.change > 0) AS receipt_date,
                   %(date)s::date - MAX(v.day) FILTER (WHERE v.change > 0) AS age_days,
                   %(date)s::date - MAX(v.day) FILTER (WHERE v.change > 0) > MIN(v.overage_days) AS is_overaged
              FROM (%(moves)s) v
             GROUP BY v.company_id, v.lot_id
            HAVING SUM(v.change) > 0
            """,
            date=date,
            moves=self._vehicle_moves_sql(date, companies),
        )

    @api.model
    @requires_role(PARTS, ACCOUNTANT)
    def vehicle_stock(self, date, companies=None):
        """``vehicle_overaged_ratio`` at the end of ``date`` per store id and together (``False``)::

        {company_id: {"in_stock": n, "overaged": n, "ratio": % or None}}
        """
        companies = self._check_companies(companies)
        date = to_date(self.env, date)
        self._flush_stock()
        self.env.cr.execute(
            SQL(
                "SELECT company_id, COUNT(*), COUNT(*) FILTER (WHERE is_overaged) "
                "FROM (%s) s GROUP BY ROLLUP(company_id)",
                self._vehicle_stock_sql(date, companies),
            )
        )
        result = {key: {"in_stock": 0, "overaged": 0, "ratio": None} for key in [*companies.ids, False]}
        for company_id, in_stock, overaged in self.env.cr.fetchall():
            result[company_id or False] = {
                "in_stock": in_stock,
                "overaged": overaged,
                "ratio": overaged / in_stock * 100 if in_stock else None,
            }
        return result

    @api.model
    @requires_role(PARTS, ACCOUNTANT)
    def vehicle_turnover(self, date_from, date_to, companies=None):
        """``vehicle_turnover_coefficient`` over ``[date_from, date_to]``: vehicles delivered out ÷
        the mean of the end-of-day count of vehicles in stock, per store id and together (``False``)::

            {company_id: {"delivered": n, "avg_in_stock": x, "coefficient": x or None}}
        """
        companies = self._check_companies(companies)
        date_from, date_to = self._check_period(date_from, date_to)
        period_days = (date_to - date_from).days + 1
        self._flush_stock()
        self.env.cr.execute(
            SQL(
                """
                SELECT company_id,
                       COALESCE(SUM(change) FILTER (WHERE day < %(date_from)s), 0)
                       + COALESCE(SUM(change * (%(date_to)s::date - day + 1)) FILTER (WHERE day >= %(date_from)s), 0)
                         / %(period_days)s::numeric,
                       COALESCE(SUM(-change) FILTER (WHERE day >= %(date_from)s AND delivered), 0)
                  FROM (%(moves)s) v
                 GROUP BY ROLLUP(company_id)
                """,
                date_from=date_from,
                date_to=date_to,
                period_days=period_days,
                moves=self._vehicle_moves_sql(date_to, companies),
            )
        )
        result = {key: {"delivered": 0, "avg_in_stock": 0.0, "coefficient": None} for key in [*companies.ids, False]}
        for company_id, average, delivered in self.env.cr.fetchall():
            average = float(average)
            result[company_id or False] = {
                "delivered": float(delivered),
                "avg_in_stock": average,
                "coefficient": float(delivered) / average if average else None,
            }
        return result
