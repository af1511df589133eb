"""The KPI engine: one public method computes any set of KPI codes for a period and stores.

Every figure comes from bulk SQL or ``_read_group`` (one query per family of KPIs, whatever the
number of records); nothing is written, so the engine runs on a read-only cursor
(``@api.readonly``) and over RPC. A family returns the numerators and denominators of its KPIs
per store; the value of the stores together is computed from the summed parts, never as a mean
of the stores' rates.
"""

import datetime

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from odoo.addons.dealer_aftersales.tools import ACCOUNTANT, ADVISOR, requires_role, server_side, to_codes

# KPI code -> (family, key in the family's figures). A family is computed once for all its codes.
KPI_SOURCES = {
    # 1. Parts inventory
    "parts_outflow_cost": ("parts_turnover", "outflow_cost"),
    "parts_avg_inventory_cost": ("parts_turnover", "avg_inventory_cost"),
    "parts_turnover_rate": ("parts_turnover", "turnover_rate"),
    "parts_turnover_days": ("parts_turnover", "turnover_days"),
    "parts_stagnant_rate_amount": ("parts_stagnant", "rate_amount"),
    "parts_stagnant_rate_qty": ("parts_stagnant", "rate_qty"),
    "parts_fill_rate": ("parts_fill", "rate"),
    # 2. Vehicle inventory
    "vehicle_turnover_coefficient": ("vehicle_turnover", "coefficient"),
    "vehicle_overaged_ratio": ("vehicle_stock", "ratio"),
    # 3. Output, revenue and profit
    "ro_count": ("repair", "ro_count"),
    "revenue_total": ("repair", "revenue"),
    "revenue_per_ro": ("repair", "revenue_per_ro"),
    "labor_hours_sold": ("repair", "hours_sold"),
    "labor_hours_per_ro": ("repair", "hours_per_ro"),
    "effective_labor_rate": ("repair", "labor_rate"),
    "parts_labor_ratio": ("repair", "parts_labor_ratio"),
    "labor_revenue_share": ("repair", "labor_share"),
    "gross_profit": ("repair", "gross_profit"),
    "gross_margin": ("repair", "gross_margin"),
    "paint_material_ratio": ("repair", "paint_ratio"),
    "labor_cost_ratio": ("accounts", "labor_cost_ratio"),
    "absorption_rate": ("accounts", "absorption"),
    # 4. Service quality and workshop
    "appointment_rate": ("repair", "appointment_rate"),
    "appointment_show_rate": ("appointments", "show_rate"),
    "ontime_completion_rate": ("repair", "ontime_completion_rate"),
    "ontime_delivery_rate": ("repair", "ontime_delivery_rate"),
    "first_time_fix_rate": ("repair", "first_time_fix_rate"),
    "qc_pass_rate": ("repair", "qc_pass_rate"),
    "csi_score": ("csi", "score"),
    "callback_rate": ("repair", "callback_rate"),
    "bay_turnover": ("workshop", "bay_turnover"),
    "bay_staff_ratio": ("workshop", "bay_staff_ratio"),
    "labor_efficiency": ("repair", "labor_efficiency"),
    "productivity": ("workshop", "productivity"),
    "capacity_utilization": ("workshop", "capacity_utilization"),
    # 5. Customers and market
    "customer_base": ("retention", "base"),
    "new_customers": ("retention", "new"),
    "churned_customers": ("retention", "churned"),
    "churn_rate": ("retention", "churn_rate"),
    "return_rate": ("retention", "return_rate"),
    # 6. Insurance and receivables
    "insurance_renewal_rate": ("renewal", "rate"),
    "accident_referral_ratio": ("referral", "ratio"),
    "ar_bad_debt": ("receivables", "bad_debt"),
    "ar_dead_debt": ("receivables", "dead"),
}

# KPI code -> (numerator key, denominator key, scale) for the KPIs that are a ratio; a snapshot
# keeps both parts so that a sum over stores stays a ratio of sums.
KPI_PARTS = {
    "parts_turnover_rate": ("outflow_cost", "avg_inventory_cost", 100),
    "parts_fill_rate": ("from_stock", "requests", 100),
    "revenue_per_ro": ("revenue_ex_warranty", "ro_count", 1),
    "labor_hours_per_ro": ("hours_sold", "ro_count", 1),
    "effective_labor_rate": ("labor_revenue", "hours_sold", 1),
    "parts_labor_ratio": ("parts_revenue", "labor_revenue", 1),
    "labor_revenue_share": ("labor_revenue", "revenue", 100),
    "gross_margin": ("gross_profit", "revenue", 100),
    "paint_material_ratio": ("paint_cost", "body_paint_revenue", 100),
    "labor_cost_ratio": ("staff_cost", "revenue", 100),
    "absorption_rate": ("gross_profit", "expenses", 100),
    "appointment_rate": ("from_appointment", "appointment_base", 100),
    "appointment_show_rate": ("arrived", "due", 100),
    "ontime_completion_rate": ("ontime_completed", "completed", 100),
    "ontime_delivery_rate": ("ontime_delivered", "delivered", 100),
    "qc_pass_rate": ("first_pass", "inspected", 100),
    "csi_score": ("score_sum", "answers", 1),
    "first_time_fix_rate": ("fixed_first_time", "completed", 100),
    "parts_turnover_days": ("days_x_inventory", "outflow_cost", 1),
    "parts_stagnant_rate_amount": ("stagnant_value", "value", 100),
    "parts_stagnant_rate_qty": ("stagnant_qty", "stagnant_received", 100),
    "vehicle_turnover_coefficient": ("delivered", "avg_in_stock", 1),
    "vehicle_overaged_ratio": ("overaged", "in_stock", 100),
    "insurance_renewal_rate": ("renewed", "expiring", 100),
    "accident_referral_ratio": ("revenue", "premium", 1),
    "callback_rate": ("called", "delivered", 100),
    "bay_turnover": ("completed", "bay_days", 1),
    "bay_staff_ratio": ("technicians", "bays", 1),
    "labor_efficiency": ("hours_clocked_jobs", "clocked_sold", 100),
    "productivity": ("clocked", "attended", 100),
    "capacity_utilization": ("hours_sold", "capacity", 100),
    "churn_rate": ("churned", "base_start", 100),
    "return_rate": ("returned", "base_start", 100),
}

# Sums of the repair-order flags (see _repair_flags_sql) that the repair family reads.
REPAIR_SUMS = [
    "ro_count",
    "appointment_base",
    "from_appointment",
    "completed",
    "comebacks",
    "ontime_completed",
    "delivered",
    "ontime_delivered",
    "called",
    "inspected",
    "first_pass",
    "labor_revenue",
    "parts_revenue",
    "warranty_revenue",
    "hours_sold",
    "clocked_sold",
    "hours_clocked_jobs",
    "parts_cost",
    "paint_cost",
    "body_paint_revenue",
]


# KPI code -> the repair orders its drill-down lists (a condition on _repair_flags_sql's columns).
DRILL_REPAIR = {
    "ro_count": "counted",
    "revenue_total": "completed",
    "revenue_per_ro": "completed",
    "labor_hours_sold": "completed",
    "labor_hours_per_ro": "completed",
    "effective_labor_rate": "completed",
    "parts_labor_ratio": "completed",
    "labor_revenue_share": "completed",
    "gross_profit": "completed",
    "gross_margin": "completed",
    "labor_efficiency": "completed",
    "bay_turnover": "completed",
    "capacity_utilization": "completed",
    "paint_material_ratio": "completed AND body_paint",
    "appointment_rate": "appointment_base AND NOT from_appointment",
    "ontime_completion_rate": "completed AND ontime_completed IS NOT TRUE",
    "ontime_delivery_rate": "delivered AND ontime_delivered IS NOT TRUE",
    "first_time_fix_rate": "completed AND comeback",
    "qc_pass_rate": "completed AND inspected AND NOT first_pass",
    "callback_rate": "delivered AND NOT called",
}
# KPI code -> the vehicles its drill-down lists (a condition on _retention_sql's columns).
DRILL_RETENTION = {
    "customer_base": "in_base_end",
    "new_customers": "is_new",
    "churned_customers": "churned",
    "churn_rate": "churned",
    "return_rate": "in_base_start AND NOT returned",
}


def _ratio(numerator, denominator, scale=1):
    return numerator / denominator * scale if denominator else None


class DealerKpiEngine(models.AbstractModel):
    _name = "dealer.kpi.engine"
    _inherit = ["dealer.store.mixin"]
    _description = "After-Sales KPI Engine"

    @api.model
    @requires_role(ADVISOR, ACCOUNTANT)
    def available_codes(self):
        """The KPI codes the engine computes."""
        return sorted(KPI_SOURCES)

    @api.readonly
    @api.model
    @requires_role(ADVISOR, ACCOUNTANT)
    def compute(self, codes, date_from, date_to, company_ids=None):
        """Compute KPI ``codes`` over ``[date_from, date_to]`` (both included, the stores' days)
        for the stores ``company_ids`` (default: the stores selected in the company switcher).

        Returns ``{code: {company_id: value, False: value for the stores together}}``; a value is
        ``None`` where the KPI has no meaning (a rate with nothing to divide). The group value is
        computed from the summed numerators and denominators, never as a mean of the stores'
        rates. Stock, customer-base and receivables KPIs are taken at the end of ``date_to``.

        Callable from ``odoo shell`` (``env["dealer.kpi.engine"].compute([...], "2026-10-01",
        "2026-10-31")``) and over JSON-RPC (the keys become strings: ``"1"``, ``"false"``); over
        XML-RPC, which takes neither integer keys nor ``None``, call ``compute_rows``.
        """
        return {
            code: {key: parts["value"] for key, parts in values.items()}
            for code, values in self._compute_parts(codes, date_from, date_to, company_ids).items()
        }

    @api.readonly
    @api.model
    @requires_role(ADVISOR, ACCOUNTANT)
    def compute_rows(self, codes, date_from, date_to, company_ids=None):
        """``compute`` as a flat list for XML-RPC (string keys, no ``None``): one row
        ``{"code", "company_id" (False for the stores together), "value" (False when the KPI has
        no meaning), "has_value", "numerator", "denominator"}`` per code and store."""
        rows = []
        for code, values in self._compute_parts(codes, date_from, date_to, company_ids).items():
            for company_id, parts in values.items():
                rows.append(
                    {
                        "code": code,
                        "company_id": company_id,
                        "value": parts["value"] if parts["value"] is not None else False,
                        "has_value": parts["value"] is not None,
                        "numerator": parts["numerator"] if parts["numerator"] is not None else False,
                        "denominator": parts["denominator"] if parts["denominator"] is not None else False,
                    }
                )
        return rows

    @api.model
    def _compute_parts(self, codes, date_from, date_to, company_ids=None):
        """As ``compute``, with the numerator and denominator of ratio KPIs:
        ``{code: {company_id or False: {"value", "numerator", "denominator"}}}``."""
        codes = to_codes(self.env, codes)
        unknown = sorted(set(codes) - set(KPI_SOURCES))
        if unknown:
            raise UserError(
                _(
                    "The KPI engine does not compute %(codes)s; it computes %(available)s.",
                    codes=", ".join(unknown),
                    available=", ".join(sorted(KPI_SOURCES)),
                )
            )
        companies, date_from, date_to = self._check_scope(company_ids, date_from, date_to)
        # Checked: the analyses the families call need not check the role again.
        self = server_side(self.with_context(dealer_without_jit=True))  # noqa: PLW0642 (set by _check_scope)
        memo = {}
        result = {}
        for code in codes:
            family, key = KPI_SOURCES[code]
            figures = self._family(family, date_from, date_to, companies, memo)
            numerator, denominator, _scale = KPI_PARTS.get(code, (None, None, None))
            result[code] = {
                company: {
                    "value": values.get(key),
                    "numerator": values.get(numerator) if numerator else None,
                    "denominator": values.get(denominator) if denominator else None,
                }
                for company, values in figures.items()
            }
        return result

    @api.model
    def _kpi_refusal(self, stores):
        return _("You are not allowed to see the KPIs of %(stores)s.", stores=stores)

    @api.model
    def _check_scope(self, company_ids, date_from, date_to):
        companies = self._check_companies(company_ids or None, refusal=self._kpi_refusal).with_env(self.env)
        date_from, date_to = self._check_period(date_from, date_to)
        return companies, date_from, date_to

    def _family(self, family, date_from, date_to, companies, memo):
        if family not in memo:
            memo[family] = getattr(self, f"_family_{family}")(date_from, date_to, companies, memo)
        return memo[family]

    @staticmethod
    def _totals(rows, companies, keys):
        """``rows`` of ``(company_id, {key: value})`` summed per store and for the stores together."""
        result = {company: dict.fromkeys(keys, 0) for company in [*companies.ids, False]}
        for company_id, values in rows:
            for key in keys:
                amount = values.get(key) or 0.0
                result[company_id][key] += amount
                result[False][key] += amount
        return result

    # One method per family; each returns {company id or False: {key: value}}.

    # -- 1, 2, 6: inventory, insurance and receivables (dealer_aftersales' analyses)

    def _family_parts_turnover(self, date_from, date_to, companies, memo):
        result = self.env["dealer.inventory.analysis"].turnover(date_from, date_to, companies)
        days = (date_to - date_from).days + 1
        for figures in result.values():
            figures["days_x_inventory"] = days * (figures.get("avg_inventory_cost") or 0.0)
        return result

    def _family_parts_stagnant(self, date_from, date_to, companies, memo):
        return self.env["dealer.inventory.analysis"].stagnant_rates(date_to, companies)

    def _family_parts_fill(self, date_from, date_to, companies, memo):
        return self.env["dealer.inventory.analysis"].fill_rate(date_from, date_to, companies)

    def _family_vehicle_turnover(self, date_from, date_to, companies, memo):
        return self.env["dealer.inventory.analysis"].vehicle_turnover(date_from, date_to, companies)

    def _family_vehicle_stock(self, date_from, date_to, companies, memo):
        return self.env["dealer.inventory.analysis"].vehicle_stock(date_to, companies)

    def _family_renewal(self, date_from, date_to, companies, memo):
        return self.env["dealer.insurance.policy"].renewal_rate(date_from, date_to, companies)

    def _family_referral(self, date_from, date_to, companies, memo):
        """Store level: accident-repair revenue from all insurers ÷ premium placed with them."""
        per_store = self.env["dealer.insurance.policy"].insurer_referrals(date_from, date_to, companies, per="store")
        rows = [(key, per_store[key]) for key in companies.ids if key in per_store]
        result = self._totals(rows, companies, ("premium", "revenue"))
        for figures in result.values():
            figures["ratio"] = _ratio(figures["revenue"], figures["premium"])
        return result

    def _family_receivables(self, date_from, date_to, companies, memo):
        aging = self.env["dealer.receivable.analysis"].aging(date_to, companies)
        return {
            key: {**values, "bad_debt": values["bad"] + values["dead"]}  # overdue more than 6 months
            for key, values in aging.items()
        }

    # -- 3, 4: repair orders

    @api.model
    def _in_period(self, column, date_from, date_to, tz=None):
        """``column`` (a UTC timestamp) falls on a day of ``[date_from, date_to]`` in the store's time zone."""
        local = SQL("(%s AT TIME ZONE 'UTC' AT TIME ZONE %s)::date", column, tz or SQL("store.tz"))
        return SQL("(%s BETWEEN %s AND %s)", local, date_from, date_to)

    @api.model
    def _paid_sql(self, orders):
        """Per repair order among ``orders`` (an SQL query of their ids) that has lines, whether
        one of them is paid by someone else than the store (``paid``): one aggregate over its
        labor lines and parts, not a lookup per order."""
        return SQL(
            """
            SELECT repair_id, BOOL_OR(paid) AS paid
              FROM (SELECT l.repair_id, l.pay_type != 'internal' AS paid
                      FROM dealer_repair_labor l
                     WHERE l.repair_id IN (%(orders)s)
                     UNION ALL
                    SELECT m.repair_id, COALESCE(m.dealer_pay_type, 'customer') != 'internal'
                      FROM stock_move m
                     WHERE m.repair_id IN (%(orders)s) AND m.repair_line_type = 'add' AND m.state != 'cancel'
                   ) AS line
             GROUP BY repair_id
            """,
            orders=orders,
        )

    @api.model
    def _customer_visit_sql(self):
        """Whether repair order ``ro`` (joined to ``paid``, from ``_paid_sql``) is a customer
        visit: not a PDI, and not internal-only (every line paid internally; an order without
        lines is a visit). The one rule the repair-order KPIs and retention count visits by."""
        return SQL("(ro.service_type != 'pdi' AND COALESCE(paid.paid, TRUE))")

    @api.model
    def _repair_flags_sql(self, date_from, date_to, companies):
        """One row per repair order touching the period, with what the KPIs count of it.

        An order counts (``counted``) when it was checked in during the period and is not
        internal-only (PDI, or every line paid internally). It is ``completed`` when finished in
        the period, ``delivered`` when handed over in the period (internal-only orders left out
        of both). Money and hours are those of its lines not paid internally; costs are the
        stock valuation of the parts it consumed.
        """
        low = datetime.datetime.combine(date_from - datetime.timedelta(days=2), datetime.time.min)
        high = datetime.datetime.combine(date_to + datetime.timedelta(days=2), datetime.time.min)
        call_type = self.env.ref("mail.mail_activity_data_call", raise_if_not_found=False)
        checked_in = self._in_period(SQL("ro.checkin_time"), date_from, date_to, SQL("ro.tz"))
        finished = self._in_period(SQL("ro.completion_time"), date_from, date_to, SQL("ro.tz"))
        handed_over = self._in_period(SQL("ro.delivery_time"), date_from, date_to, SQL("ro.tz"))
        return SQL(
            """
            WITH ro AS (
                SELECT ro.id, ro.company_id, ro.service_type, ro.state, ro.vehicle_id, ro.bay_id, ro.appointment_id,
                       ro.comeback_of_id, ro.comeback_of_history_id,
                       ro.checkin_time, ro.completion_time, ro.delivery_time,
                       ro.promised_completion_time, ro.promised_delivery_time, ro.qc_attempts, ro.qc_first_pass,
                       store.tz
                  FROM repair_order ro
                  JOIN %(stores)s ON store.company_id = ro.company_id
                 WHERE ro.state != 'cancel'
                   AND (ro.checkin_time BETWEEN %(low)s AND %(high)s
                        OR ro.completion_time BETWEEN %(low)s AND %(high)s
                        OR ro.delivery_time BETWEEN %(low)s AND %(high)s)
            ), labor AS (
                SELECT l.repair_id,
                       BOOL_OR(l.pay_type != 'internal') AS paid,
                       SUM(l.amount) FILTER (WHERE l.pay_type != 'internal') AS revenue,
                       SUM(l.amount) FILTER (WHERE l.pay_type = 'warranty') AS warranty,
                       SUM(l.hours) FILTER (WHERE l.pay_type != 'internal') AS hours,
                       SUM(l.clocked_hours) FILTER (WHERE l.pay_type != 'internal') AS clocked,
                       SUM(l.hours) FILTER (WHERE l.pay_type != 'internal' AND l.clocked_hours > 0)
                           AS hours_clocked_jobs
                  FROM dealer_repair_labor l
                 WHERE l.repair_id IN (SELECT id FROM ro)
                 GROUP BY l.repair_id
            ), parts AS (
                SELECT m.repair_id,
                       BOOL_OR(COALESCE(m.dealer_pay_type, 'customer') != 'internal') AS paid,
                       SUM(m.dealer_amount) FILTER (WHERE COALESCE(m.dealer_pay_type, 'customer') != 'internal')
                           AS revenue,
                       SUM(m.dealer_amount) FILTER (WHERE m.dealer_pay_type = 'warranty') AS warranty
                  FROM stock_move m
                 WHERE m.repair_id IN (SELECT id FROM ro) AND m.repair_line_type = 'add' AND m.state != 'cancel'
                 GROUP BY m.repair_id
            ), cost AS (
                SELECT m.repair_id,
                       SUM(-svl.value) AS parts,
                       SUM(-svl.value) FILTER (WHERE m.dealer_consumable = 'paint') AS paint
                  FROM stock_valuation_layer svl
                  JOIN stock_move m ON m.id = svl.stock_move_id
                 WHERE m.repair_id IN (SELECT id FROM ro) AND m.repair_line_type = 'add'
                   AND COALESCE(m.dealer_pay_type, 'customer') != 'internal'
                 GROUP BY m.repair_id
            ), flags AS (
                SELECT ro.id, ro.company_id, ro.tz,
                       %(customer_facing)s AS customer_facing,
                       %(checked_in)s AS checked_in,
                       (ro.state = 'done' AND %(finished)s) AS finished,
                       (ro.delivery_time IS NOT NULL AND %(handed_over)s) AS handed_over,
                       (NOT EXISTS (SELECT 1 FROM dealer_company_brand_rel r WHERE r.company_id = ro.company_id)
                        OR v.brand_id IN (SELECT r.brand_id FROM dealer_company_brand_rel r
                                           WHERE r.company_id = ro.company_id)) AS franchised,
                       ro.appointment_id IS NOT NULL AS from_appointment,
                       (ro.comeback_of_id IS NOT NULL OR ro.comeback_of_history_id IS NOT NULL) AS comeback,
                       ro.completion_time <= ro.promised_completion_time AS ontime_completed,
                       ro.delivery_time <= ro.promised_delivery_time AS ontime_delivered,
                       EXISTS (SELECT 1 FROM mail_message mm
                                WHERE mm.model = 'repair.order' AND mm.res_id = ro.id
                                  AND mm.mail_activity_type_id = %(call_type)s) AS called,
                       COALESCE(ro.qc_attempts, 0) > 0 AS inspected,
                       COALESCE(ro.qc_first_pass, FALSE) AS first_pass,
                       (COALESCE(bay.bay_type IN ('body', 'paint'), FALSE) OR COALESCE(cost.paint, 0) != 0)
                           AS body_paint,
                       COALESCE(labor.revenue, 0) AS labor_revenue,
                       COALESCE(parts.revenue, 0) AS parts_revenue,
                       COALESCE(labor.warranty, 0) + COALESCE(parts.warranty, 0) AS warranty_revenue,
                       COALESCE(labor.hours, 0) AS hours_sold,
                       COALESCE(labor.clocked, 0) AS clocked_sold,
                       COALESCE(labor.hours_clocked_jobs, 0) AS hours_clocked_jobs,
                       COALESCE(cost.parts, 0) AS parts_cost,
                       COALESCE(cost.paint, 0) AS paint_cost
                  FROM ro
                  LEFT JOIN labor ON labor.repair_id = ro.id
                  LEFT JOIN parts ON parts.repair_id = ro.id
                  LEFT JOIN cost ON cost.repair_id = ro.id
                  LEFT JOIN dealer_vehicle v ON v.id = ro.vehicle_id
                  LEFT JOIN dealer_bay bay ON bay.id = ro.bay_id
                  -- as _paid_sql, from the lines already aggregated above
                  CROSS JOIN LATERAL (SELECT COALESCE(labor.paid OR parts.paid, labor.paid, parts.paid) AS paid) AS paid
            )
            SELECT flags.*,
                   customer_facing AND checked_in AS counted,
                   customer_facing AND checked_in AND franchised AS appointment_base,
                   customer_facing AND finished AS completed,
                   customer_facing AND handed_over AS delivered
              FROM flags
            """,
            stores=self._stores_sql(companies),
            low=low,
            high=high,
            checked_in=checked_in,
            finished=finished,
            handed_over=handed_over,
            call_type=call_type.id if call_type else 0,
            customer_facing=self._customer_visit_sql(),
        )

    def _family_repair(self, date_from, date_to, companies, memo):
        self.env.flush_all()
        query = SQL(
            """
            SELECT company_id,
                   COUNT(*) FILTER (WHERE counted) AS ro_count,
                   COUNT(*) FILTER (WHERE appointment_base) AS appointment_base,
                   COUNT(*) FILTER (WHERE appointment_base AND from_appointment) AS from_appointment,
                   COUNT(*) FILTER (WHERE completed) AS completed,
                   COUNT(*) FILTER (WHERE completed AND comeback) AS comebacks,
                   COUNT(*) FILTER (WHERE completed AND ontime_completed) AS ontime_completed,
                   COUNT(*) FILTER (WHERE delivered) AS delivered,
                   COUNT(*) FILTER (WHERE delivered AND ontime_delivered) AS ontime_delivered,
                   COUNT(*) FILTER (WHERE delivered AND called) AS called,
                   COUNT(*) FILTER (WHERE completed AND inspected) AS inspected,
                   COUNT(*) FILTER (WHERE completed AND inspected AND first_pass) AS first_pass,
                   SUM(labor_revenue) FILTER (WHERE completed) AS labor_revenue,
                   SUM(parts_revenue) FILTER (WHERE completed) AS parts_revenue,
                   SUM(warranty_revenue) FILTER (WHERE completed) AS warranty_revenue,
                   SUM(hours_sold) FILTER (WHERE completed) AS hours_sold,
                   SUM(clocked_sold) FILTER (WHERE completed) AS clocked_sold,
                   SUM(hours_clocked_jobs) FILTER (WHERE completed) AS hours_clocked_jobs,
                   SUM(parts_cost) FILTER (WHERE completed) AS parts_cost,
                   SUM(paint_cost) FILTER (WHERE completed AND body_paint) AS paint_cost,
                   SUM(labor_revenue + parts_revenue) FILTER (WHERE completed AND body_paint) AS body_paint_revenue
              FROM (%s) AS flags
             GROUP BY company_id
            """,
            self._repair_flags_sql(date_from, date_to, companies),
        )
        self.env.cr.execute(query)
        rows = [(row[0], dict(zip(REPAIR_SUMS, row[1:], strict=True))) for row in self.env.cr.fetchall()]
        result = self._totals(rows, companies, REPAIR_SUMS)
        for figures in result.values():
            revenue = figures["labor_revenue"] + figures["parts_revenue"]
            gross_profit = revenue - figures["parts_cost"]
            figures.update(
                revenue=revenue,
                labor_revenue=figures["labor_revenue"],
                revenue_ex_warranty=revenue - figures["warranty_revenue"],
                revenue_per_ro=_ratio(revenue - figures["warranty_revenue"], figures["ro_count"]),
                hours_per_ro=_ratio(figures["hours_sold"], figures["ro_count"]),
                labor_rate=_ratio(figures["labor_revenue"], figures["hours_sold"]),
                parts_labor_ratio=_ratio(figures["parts_revenue"], figures["labor_revenue"]),
                labor_share=_ratio(figures["labor_revenue"], revenue, 100),
                gross_profit=gross_profit,
                gross_margin=_ratio(gross_profit, revenue, 100),
                paint_ratio=_ratio(figures["paint_cost"], figures["body_paint_revenue"], 100),
                appointment_rate=_ratio(figures["from_appointment"], figures["appointment_base"], 100),
                ontime_completion_rate=_ratio(figures["ontime_completed"], figures["completed"], 100),
                ontime_delivery_rate=_ratio(figures["ontime_delivered"], figures["delivered"], 100),
                fixed_first_time=figures["completed"] - figures["comebacks"],
                first_time_fix_rate=_ratio(figures["completed"] - figures["comebacks"], figures["completed"], 100),
                qc_pass_rate=_ratio(figures["first_pass"], figures["inspected"], 100),
                callback_rate=_ratio(figures["called"], figures["delivered"], 100),
                labor_efficiency=_ratio(figures["hours_clocked_jobs"], figures["clocked_sold"], 100),
            )
        return result

    def _family_workshop(self, date_from, date_to, companies, memo):
        """Bays, technicians, clocked and attended hours, and the capacity of the period."""
        repair = self._family("repair", date_from, date_to, companies, memo)
        bays = dict(
            self.env["dealer.bay"]
            .sudo()
            ._read_group([("company_id", "in", companies.ids)], ["company_id"], ["__count"])
        )
        employees = self.env["hr.employee"].sudo()
        technicians = dict(
            employees._read_group(
                [("company_id", "in", companies.ids), ("dealer_is_technician", "=", True)], ["company_id"], ["__count"]
            )
        )
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT store.company_id,
                       (SELECT COALESCE(SUM(c.hours), 0) FROM dealer_repair_labor_clock c
                         WHERE c.company_id = store.company_id AND %(clocked)s) AS clocked,
                       (SELECT COALESCE(SUM(a.worked_hours), 0) FROM hr_attendance a
                          JOIN hr_employee e ON e.id = a.employee_id
                         WHERE e.company_id = store.company_id AND e.dealer_is_technician AND %(attended)s)
                           AS attended
                  FROM %(stores)s
                """,
                stores=self._stores_sql(companies),
                clocked=self._in_period(SQL("c.start"), date_from, date_to),
                attended=self._in_period(SQL("a.check_in"), date_from, date_to),
            )
        )
        hours = {company_id: (clocked, attended) for company_id, clocked, attended in self.env.cr.fetchall()}
        rows = []
        for company in companies:
            days = company._dealer_working_days(date_from, date_to)
            bay_count = bays.get(company, 0)
            technician_count = technicians.get(company, 0)
            clocked, attended = hours.get(company.id, (0.0, 0.0))
            rows.append(
                (
                    company.id,
                    {
                        "bays": bay_count,
                        "technicians": technician_count,
                        "working_days": days,
                        "bay_days": bay_count * days,
                        "capacity": technician_count * company.dealer_shift_hours * days,
                        "clocked": clocked,
                        "attended": attended,
                    },
                )
            )
        keys = ["bays", "technicians", "working_days", "bay_days", "capacity", "clocked", "attended"]
        result = self._totals(rows, companies, keys)
        for key, figures in result.items():
            figures.update(
                completed=repair[key]["completed"],
                hours_sold=repair[key]["hours_sold"],
                bay_turnover=_ratio(repair[key]["completed"], figures["bay_days"]),
                bay_staff_ratio=_ratio(figures["technicians"], figures["bays"]),
                productivity=_ratio(figures["clocked"], figures["attended"], 100),
                capacity_utilization=_ratio(repair[key]["hours_sold"], figures["capacity"], 100),
            )
        return result

    def _family_accounts(self, date_from, date_to, companies, memo):
        """Staff cost (the store's after-sales staff accounts) and operating expenses (expense and
        depreciation accounts) from posted journal items of the period."""
        repair = self._family("repair", date_from, date_to, companies, memo)
        self.env.flush_all()
        staff_pairs = [
            SQL("(%s, %s)", company.id, account.id)
            for company in companies
            for account in company.dealer_staff_account_ids
        ]
        staff = (
            SQL("(VALUES %s) AS staff(company_id, account_id)", SQL(", ").join(staff_pairs)) if staff_pairs else None
        )
        self.env.cr.execute(
            SQL(
                """
                SELECT aml.company_id,
                       SUM(aml.balance) FILTER (WHERE acc.account_type IN ('expense', 'expense_depreciation'))
                           AS expenses,
                       SUM(aml.balance) FILTER (WHERE %(is_staff)s) AS staff_cost
                  FROM account_move_line aml
                  JOIN account_account acc ON acc.id = aml.account_id
                 WHERE aml.company_id IN %(companies)s AND aml.parent_state = 'posted'
                   AND aml.date BETWEEN %(date_from)s AND %(date_to)s
                 GROUP BY aml.company_id
                """,
                companies=tuple(companies.ids),
                date_from=date_from,
                date_to=date_to,
                is_staff=SQL(
                    "EXISTS (SELECT 1 FROM %s"
                    " WHERE staff.company_id = aml.company_id AND staff.account_id = aml.account_id)",
                    staff,
                )
                if staff
                else SQL("FALSE"),
            )
        )
        rows = [
            (company_id, {"expenses": expenses, "staff_cost": staff_cost})
            for company_id, expenses, staff_cost in self.env.cr.fetchall()
        ]
        result = self._totals(rows, companies, ["expenses", "staff_cost"])
        for key, figures in result.items():
            revenue, gross_profit = repair[key]["revenue"], repair[key]["gross_profit"]
            configured = any(company.dealer_staff_account_ids for company in companies if key in (False, company.id))
            figures.update(
                revenue=revenue,
                gross_profit=gross_profit,
                labor_cost_ratio=_ratio(figures["staff_cost"], revenue, 100) if configured else None,
                absorption=_ratio(gross_profit, figures["expenses"], 100),
            )
        return result

    @api.model
    def _appointments_sql(self, date_from, date_to, companies):
        """Appointments of the stores (cancelled ones left out): ``due`` in the period and already
        past (a later one of the current month is not missed yet), ``arrived``."""
        return SQL(
            """
            SELECT a.id, a.company_id, %(due)s AND a.start <= %(now)s AS due, a.state = 'arrived' AS arrived
              FROM dealer_appointment a
              JOIN %(stores)s ON store.company_id = a.company_id
             WHERE a.state != 'cancelled'
            """,
            stores=self._stores_sql(companies),
            due=self._in_period(SQL("a.start"), date_from, date_to),
            now=fields.Datetime.now(),
        )

    def _family_appointments(self, date_from, date_to, companies, memo):
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT company_id, COUNT(*), COUNT(*) FILTER (WHERE arrived)
                  FROM (%s) AS a
                 WHERE due
                 GROUP BY company_id
                """,
                self._appointments_sql(date_from, date_to, companies),
            )
        )
        rows = [(company_id, {"due": due, "arrived": arrived}) for company_id, due, arrived in self.env.cr.fetchall()]
        result = self._totals(rows, companies, ["due", "arrived"])
        for figures in result.values():
            figures["show_rate"] = _ratio(figures["arrived"], figures["due"], 100)
        return result

    @api.model
    def _csi_sql(self, date_from, date_to, companies):
        """Satisfaction surveys of repair orders that customers completed in the period (score in %)."""
        return SQL(
            """
            SELECT ui.id, ro.company_id, ui.scoring_percentage AS score
              FROM survey_user_input ui
              JOIN repair_order ro ON ro.id = ui.dealer_repair_id
              JOIN %(stores)s ON store.company_id = ro.company_id
             WHERE ui.state = 'done' AND %(answered)s
            """,
            stores=self._stores_sql(companies),
            answered=self._in_period(SQL("ui.end_datetime"), date_from, date_to),
        )

    def _family_csi(self, date_from, date_to, companies, memo):
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "SELECT company_id, COUNT(*), SUM(score) FROM (%s) AS csi GROUP BY company_id",
                self._csi_sql(date_from, date_to, companies),
            )
        )
        rows = [
            (company_id, {"answers": count, "score_sum": total}) for company_id, count, total in self.env.cr.fetchall()
        ]
        result = self._totals(rows, companies, ["answers", "score_sum"])
        for figures in result.values():
            figures["score"] = _ratio(figures["score_sum"], figures["answers"])
        return result

    # -- 5: customers and market

    @api.model
    def _retention_sql(self, date_from, date_to, companies):
        """One row per vehicle that visited a store (a repair order, PDI left out, or an earlier
        visit of ``dealer.service.history``) up to ``date_to``.

        ``in_base_end``: at least K visits in the base window ending on ``date_to``;
        ``in_base_start``: the same for the window ending the day before ``date_from``;
        ``is_new``: first visit ever in the period; ``returned``: a visit in the period;
        ``churn_day``: the predicted due date after the last visit (the earlier of the time
        interval and the km interval at the vehicle's average daily km) plus the grace days;
        ``churned``: in the base at the start and its churn day falls in the period.
        """
        stores = SQL(
            "(VALUES %s) AS store(company_id, tz, base_months, min_visits, grace_days)",
            SQL(", ").join(
                SQL(
                    "(%s, %s, %s, %s, %s)",
                    company.id,
                    company._dealer_tz(),
                    company.dealer_base_months,
                    company.dealer_base_min_visits,
                    company.dealer_churn_grace_days,
                )
                for company in companies
            ),
        )
        cutoff = datetime.datetime.combine(date_to + datetime.timedelta(days=2), datetime.time.min)
        return SQL(
            """
            WITH visit AS (
                SELECT ro.company_id, ro.vehicle_id,
                       (ro.checkin_time AT TIME ZONE 'UTC' AT TIME ZONE store.tz)::date AS day
                  FROM repair_order ro
                  JOIN %(stores)s ON store.company_id = ro.company_id
                  LEFT JOIN (%(paid)s) AS paid ON paid.repair_id = ro.id
                 WHERE ro.state != 'cancel' AND ro.vehicle_id IS NOT NULL
                   AND ro.checkin_time < %(cutoff)s
                   AND %(customer_facing)s
                 UNION ALL
                -- Visits before the store worked in Odoo (the old system's, imported at go-live).
                SELECT h.company_id, h.vehicle_id, h.date
                  FROM dealer_service_history h
                  JOIN %(stores)s ON store.company_id = h.company_id
                 WHERE h.service_type != 'pdi' AND h.pay_type != 'internal' AND h.date <= %(date_to)s
            ), per_vehicle AS (
                SELECT visit.company_id, visit.vehicle_id,
                       MIN(visit.day) AS first_visit,
                       MAX(visit.day) AS last_visit,
                       COUNT(*) FILTER (WHERE visit.day > %(date_to)s - make_interval(months => store.base_months))
                           >= store.min_visits AS in_base_end,
                       COUNT(*) FILTER (WHERE visit.day < %(date_from)s
                                          AND visit.day >= %(date_from)s - make_interval(months => store.base_months))
                           >= store.min_visits AS in_base_start,
                       BOOL_OR(visit.day >= %(date_from)s) AS returned,
                       MIN(store.grace_days) AS grace_days
                  FROM visit
                  JOIN %(stores)s ON store.company_id = visit.company_id
                 WHERE visit.day <= %(date_to)s
                 GROUP BY visit.company_id, visit.vehicle_id, store.base_months, store.min_visits
            ), due AS (
                SELECT pv.*,
                       LEAST(
                           CASE WHEN interval_months > 0
                                THEN (pv.last_visit + make_interval(months => interval_months))::date END,
                           CASE WHEN interval_km > 0 AND v.avg_daily_km > 0
                                THEN pv.last_visit + FLOOR(interval_km / v.avg_daily_km)::int END
                       ) + pv.grace_days AS churn_day
                  FROM per_vehicle pv
                  JOIN dealer_vehicle v ON v.id = pv.vehicle_id
                  LEFT JOIN fleet_vehicle_model_brand b ON b.id = v.brand_id
                 CROSS JOIN LATERAL (SELECT COALESCE(NULLIF(v.service_interval_months, 0), b.service_interval_months, 0)
                                           AS interval_months,
                                       COALESCE(NULLIF(v.service_interval_km, 0), b.service_interval_km, 0)
                                           AS interval_km) AS intervals
            )
            SELECT due.*,
                   due.first_visit >= %(date_from)s AS is_new,
                   due.in_base_start AND due.churn_day BETWEEN %(date_from)s AND %(date_to)s AS churned
              FROM due
            """,
            stores=stores,
            cutoff=cutoff,
            paid=self._paid_sql(
                SQL(
                    "SELECT id FROM repair_order WHERE company_id IN %s AND checkin_time < %s",
                    tuple(companies.ids),
                    cutoff,
                )
            ),
            customer_facing=self._customer_visit_sql(),
            date_from=date_from,
            date_to=date_to,
        )

    def _family_retention(self, date_from, date_to, companies, memo):
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT company_id,
                       COUNT(*) FILTER (WHERE in_base_end),
                       COUNT(*) FILTER (WHERE in_base_start),
                       COUNT(*) FILTER (WHERE is_new),
                       COUNT(*) FILTER (WHERE churned),
                       COUNT(*) FILTER (WHERE in_base_start AND returned)
                  FROM (%s) AS retention
                 GROUP BY company_id
                """,
                self._retention_sql(date_from, date_to, companies),
            )
        )
        keys = ["base", "base_start", "new", "churned", "returned"]
        rows = [(row[0], dict(zip(keys, row[1:], strict=True))) for row in self.env.cr.fetchall()]
        result = self._totals(rows, companies, keys)
        for figures in result.values():
            figures["churn_rate"] = _ratio(figures["churned"], figures["base_start"], 100)
            figures["return_rate"] = _ratio(figures["returned"], figures["base_start"], 100)
        return result

    # -- drill-down

    @api.model
    @requires_role(ADVISOR, ACCOUNTANT)
    def drilldown(self, code, date_from, date_to, company_ids=None):
        """The records behind KPI ``code`` of the stores over the period, as a window action:
        the counted orders, or for a rate the orders that miss it (late, comebacks, failed
        inspections, no follow-up call), the churned vehicles, the stagnant parts, ..."""
        if not isinstance(code, str) or code not in KPI_SOURCES:
            raise UserError(_("There is no KPI %(code)s.", code=code))
        companies, date_from, date_to = self._check_scope(company_ids, date_from, date_to)
        self = server_side(self.with_context(dealer_without_jit=True))  # noqa: PLW0642 (set by _check_scope)
        name = self.env["dealer.kpi.definition"].search([("code", "=", code)], limit=1).name or code
        family = KPI_SOURCES[code][0]
        context = {
            "dealer_date": date_to,
            "dealer_date_from": date_from,
            "dealer_date_to": date_to,
            "dealer_company_ids": companies.ids,
        }
        action = {"type": "ir.actions.act_window", "name": name, "view_mode": "list,form", "context": context}
        if code in DRILL_REPAIR:
            model, ids = (
                "repair.order",
                self._drill_ids(self._repair_flags_sql(date_from, date_to, companies), DRILL_REPAIR[code]),
            )
        elif family == "retention":
            model, ids = (
                "dealer.vehicle",
                self._drill_ids(
                    self._retention_sql(date_from, date_to, companies), DRILL_RETENTION[code], "vehicle_id"
                ),
            )
        elif family == "appointments":
            model, ids = (
                "dealer.appointment",
                self._drill_ids(self._appointments_sql(date_from, date_to, companies), "due AND NOT arrived"),
            )
        elif family == "csi":
            model, ids = "survey.user_input", self._drill_ids(self._csi_sql(date_from, date_to, companies), "TRUE")
        else:
            return {**action, **self._drill_report(code, family, companies, date_from, date_to)}
        return {**action, "res_model": model, "domain": [("id", "in", ids)]}

    @api.model
    def _drill_ids(self, query, condition, column="id"):
        self.env.flush_all()
        self.env.cr.execute(
            SQL("SELECT DISTINCT %s FROM (%s) AS t WHERE %s", SQL.identifier(column), query, SQL(condition))
        )
        return [row[0] for row in self.env.cr.fetchall()]

    @api.model
    def _drill_report(self, code, family, companies, date_from, date_to):
        """KPIs of stock, bays and accounts open the analysis they come from."""
        if family == "parts_stagnant":
            return {"res_model": "dealer.parts.aging.report", "domain": [("is_stagnant", "=", True)]}
        if family == "parts_turnover":
            return {"res_model": "dealer.parts.turnover.report", "domain": []}
        if family == "parts_fill":
            return {
                "res_model": "dealer.part.request",
                "domain": [
                    ("company_id", "in", companies.ids),
                    ("request_date", ">=", date_from),
                    ("request_date", "<=", date_to),
                    ("from_stock", "=", False),
                ],
            }
        if family in ("vehicle_stock", "vehicle_turnover"):
            return {
                "res_model": "dealer.vehicle.stock.report",
                "domain": [("is_overaged", "=", True)] if family == "vehicle_stock" else [],
            }
        if family == "receivables":
            bucket = ["bad", "dead"] if code == "ar_bad_debt" else ["dead"]
            return {"res_model": "dealer.receivable.aging.report", "domain": [("bucket", "in", bucket)]}
        if family == "renewal":
            return {
                "res_model": "dealer.insurance.policy",
                "domain": [
                    ("company_id", "in", companies.ids),
                    ("date_end", ">=", date_from),
                    ("date_end", "<=", date_to),
                ],
            }
        if family == "referral":
            return {
                "res_model": "dealer.insurance.claim",
                "domain": [("company_id", "in", companies.ids)],
            }
        if family == "workshop":
            if code == "bay_staff_ratio":
                return {"res_model": "dealer.bay", "domain": [("company_id", "in", companies.ids)]}
            return {
                "res_model": "dealer.repair.labor.clock",
                "domain": [("company_id", "in", companies.ids), ("start", ">=", date_from), ("start", "<=", date_to)],
            }
        # accounts: the journal items of the period
        accounts = companies.dealer_staff_account_ids if code == "labor_cost_ratio" else None
        domain = [
            ("company_id", "in", companies.ids),
            ("parent_state", "=", "posted"),
            ("date", ">=", date_from),
            ("date", "<=", date_to),
        ]
        if accounts is not None:
            domain.append(("account_id", "in", accounts.ids))
        else:
            domain.append(("account_id.account_type", "in", ["expense", "expense_depreciation"]))
        return {"res_model": "account.move.line", "domain": domain}
