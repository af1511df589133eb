from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.tools import SQL

from odoo.addons.dealer_aftersales.tools import ACCOUNTANT, ADVISOR, requires_role

from .dealer_kpi_engine import KPI_PARTS
from .dealer_kpi_target import STATUSES

STATUS_RANK = {False: 0, "ok": 0, "warning": 1, "critical": 2}


class DealerKpiSnapshot(models.Model):
    """A KPI of a store for a closed month, kept for trends, targets and the monthly report."""

    _name = "dealer.kpi.snapshot"
    _description = "Monthly KPI Snapshot"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "month desc, company_id, kpi_sequence, id"
    _rec_names_search = ["kpi_id", "code"]

    kpi_id = fields.Many2one("dealer.kpi.definition", string="KPI", required=True, ondelete="cascade", index=True)
    kpi_sequence = fields.Integer(related="kpi_id.sequence", store=True)
    code = fields.Char(related="kpi_id.code", store=True, index=True)
    category = fields.Selection(related="kpi_id.category", store=True)
    unit = fields.Selection(related="kpi_id.unit", store=True)
    aggregation = fields.Selection(related="kpi_id.aggregation", store=True)
    company_id = fields.Many2one("res.company", string="Store", required=True, index=True, readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    month = fields.Date(required=True, index=True, readonly=True, help="The first day of the month.")
    date_to = fields.Date(string="Month End", readonly=True)
    # In a group the value is the ratio of the summed parts for ratio KPIs (see _read_group_select).
    value = fields.Float(digits=(16, 2), readonly=True, aggregator="sum")
    has_value = fields.Boolean(readonly=True, help="False when the KPI has no meaning this month (nothing to divide).")
    numerator = fields.Float(digits=(16, 4), readonly=True)
    denominator = fields.Float(digits=(16, 4), readonly=True)
    scale = fields.Float(readonly=True, aggregator="max")
    target = fields.Float(digits=(16, 2), readonly=True, aggregator="max")
    warning_threshold = fields.Float(digits=(16, 2), readonly=True, aggregator="max")
    critical_threshold = fields.Float(digits=(16, 2), readonly=True, aggregator="max")
    status = fields.Selection(STATUSES, readonly=True, index=True)
    status_light = fields.Integer(
        string="Traffic Light",
        readonly=True,
        aggregator="max",
        help="0 no target or on track, 1 warning, 2 critical (the worst in a group).",
    )

    _sql_constraints = [
        ("kpi_company_month_unique", "UNIQUE(kpi_id, company_id, month)", "One snapshot per KPI, store and month."),
    ]

    @api.depends("kpi_id", "company_id", "month")
    def _compute_display_name(self):
        for snapshot in self:
            snapshot.display_name = f"{snapshot.kpi_id.name} · {snapshot.company_id.name} · {snapshot.month:%Y-%m}"

    def _read_group_select(self, aggregate_spec, query):
        """In a group: nothing for several KPIs together (their units differ); a ratio KPI is the
        ratio of the summed parts; a level (stock, customer base) is added over stores and averaged
        over months; a flow is added up."""
        if aggregate_spec in ("value:sum", "value:avg"):
            value, numerator, denominator, scale, kpi, month, aggregation = (
                self._field_to_sql(self._table, name, query)
                for name in ("value", "numerator", "denominator", "scale", "kpi_id", "month", "aggregation")
            )
            return SQL(
                "CASE WHEN COUNT(DISTINCT %(kpi)s) > 1 THEN NULL"
                " WHEN MAX(%(scale)s) > 0"
                " THEN SUM(%(numerator)s) / NULLIF(SUM(%(denominator)s), 0) * MAX(%(scale)s)"
                " WHEN BOOL_OR(%(aggregation)s = 'level') THEN SUM(%(value)s) / NULLIF(COUNT(DISTINCT %(month)s), 0)"
                " ELSE SUM(%(value)s) END",
                kpi=kpi,
                scale=scale,
                numerator=numerator,
                denominator=denominator,
                value=value,
                month=month,
                aggregation=aggregation,
            )
        return super()._read_group_select(aggregate_spec, query)

    # ------------------------------------------------------------------ computing

    @api.model
    def _month_bounds(self, month):
        """First and last day of the month of ``month``."""
        first = fields.Date.to_date(month).replace(day=1)
        return first, first + relativedelta(months=1, days=-1)

    @api.model
    def _last_closed_month(self, tz=None):
        """First and last day of the month just closed, today being the day in ``tz`` (default:
        the user's time zone): what snapshots, reports and planning look at by default."""
        today = fields.Date.context_today(self.with_context(tz=tz) if tz else self)
        return self._month_bounds(today.replace(day=1) - relativedelta(months=1))

    @api.model
    def _compute_month(self, month, companies):
        """Compute every active KPI of ``companies`` for the month of ``month`` and store it,
        replacing an earlier snapshot of that month; alert the stores' KPI managers of the
        KPIs that crossed a threshold since the previous month."""
        date_from, date_to = self._month_bounds(month)
        definitions = self.env["dealer.kpi.definition"].search([])
        parts = (
            self.env["dealer.kpi.engine"]
            .with_company(companies[:1])
            ._compute_parts(definitions.mapped("code"), date_from, date_to, companies.ids)
        )
        targets = {
            (target.kpi_id.id, target.company_id.id): target
            for target in self.env["dealer.kpi.target"].search([("company_id", "in", companies.ids)])
        }
        previous = {
            (snapshot.kpi_id.id, snapshot.company_id.id): snapshot.status
            for snapshot in self.search(
                [("company_id", "in", companies.ids), ("month", "=", date_from - relativedelta(months=1))]
            )
        }
        self.search([("company_id", "in", companies.ids), ("month", "=", date_from)]).unlink()
        vals_list = []
        for definition in definitions:
            scale = KPI_PARTS.get(definition.code, (None, None, 0))[2]
            for company in companies:
                figures = parts[definition.code][company.id]
                target = targets.get((definition.id, company.id))
                status = target._status(figures["value"]) if target else False
                vals_list.append(
                    {
                        "kpi_id": definition.id,
                        "company_id": company.id,
                        "month": date_from,
                        "date_to": date_to,
                        "value": figures["value"] or 0.0,
                        "has_value": figures["value"] is not None,
                        "numerator": figures["numerator"] or 0.0,
                        "denominator": figures["denominator"] or 0.0,
                        "scale": scale or 0.0,
                        "target": target.target if target else 0.0,
                        "warning_threshold": target.warning_threshold if target else 0.0,
                        "critical_threshold": target.critical_threshold if target else 0.0,
                        "status": status,
                        "status_light": STATUS_RANK[status],
                    }
                )
        snapshots = self.with_context(mail_create_nolog=True, mail_create_nosubscribe=True).create(vals_list)
        snapshots._alert(previous)
        return snapshots

    def _alert(self, previous):
        """An activity for the store's KPI manager on each snapshot worse than the month before."""
        for snapshot in self:
            before = previous.get((snapshot.kpi_id.id, snapshot.company_id.id))
            manager = snapshot.company_id.dealer_kpi_manager_id
            if not manager or STATUS_RANK[snapshot.status] <= STATUS_RANK[before or False]:
                continue
            snapshot.activity_schedule(
                "mail.mail_activity_data_warning",
                date_deadline=fields.Date.context_today(snapshot),
                summary=_("%(kpi)s is %(status)s", kpi=snapshot.kpi_id.name, status=dict(STATUSES)[snapshot.status]),
                note=_(
                    "%(kpi)s of %(store)s for %(month)s: %(value)s against a target of %(target)s.",
                    kpi=snapshot.kpi_id.name,
                    store=snapshot.company_id.name,
                    month=snapshot.month.strftime("%Y-%m"),
                    value=round(snapshot.value, 2),
                    target=round(snapshot.target, 2),
                ),
                user_id=manager.id,
            )

    @api.model
    def _cron_snapshot_last_month(self):
        """On the first day of a month: the snapshots of the month just closed, for every store, and
        retention leads for the vehicles that churned in it."""
        month, last_day = self._last_closed_month()
        for company in self.env["res.company"].search([]):
            self.with_company(company)._compute_month(month, company)
            self.env["dealer.kpi.retention"].with_company(company).create_churn_leads(month, last_day, company.ids)

    # ------------------------------------------------------------------ drill-down

    @requires_role(ADVISOR, ACCOUNTANT)
    def action_drilldown(self):
        """The records behind the snapshot's value."""
        self.ensure_one()
        return self.env["dealer.kpi.engine"].drilldown(self.code, self.month, self.date_to, self.company_id.ids)
