"""The KPI engine: one public method computes any set of KPI codes for a period and stores.

Every figure comes from bulk SQL or ``_read_group`` in ``dealer_aftersales`` (one query per
family of KPIs, whatever the number of records); nothing is written, so the engine runs
on a read-only cursor (``@api.readonly``) and over RPC.
"""

from odoo import _, api, models
from odoo.exceptions import UserError

# KPI code -> (family, key in the family's figures). A family is computed once for all its codes.
KPI_SOURCES = {
    "parts_outflow_cost": ("parts_turnover", "outflow_cost"),
    "parts_avg_inventory_cost": ("parts_turnover", "avg_inventory_cost"),
    "parts_turnover_rate": ("parts_turnover", "turnover_rate"),
    "parts_turnover_days": ("parts_turnover", "turnover_days"),
    "parts_stagnant_rate_amount": ("parts_stagnant", "rate_amount"),
    "parts_stagnant_rate_qty": ("parts_stagnant", "rate_qty"),
    "parts_fill_rate": ("parts_fill", "rate"),
    "vehicle_turnover_coefficient": ("vehicle_turnover", "coefficient"),
    "vehicle_overaged_ratio": ("vehicle_stock", "ratio"),
    "insurance_renewal_rate": ("renewal", "rate"),
    "accident_referral_ratio": ("referral", "ratio"),
    "ar_bad_debt": ("receivables", "bad_debt"),
    "ar_dead_debt": ("receivables", "dead"),
}


class DealerKpiEngine(models.AbstractModel):
    _name = "dealer.kpi.engine"
    _description = "After-Sales KPI Engine"

    @api.model
    def available_codes(self):
        """The KPI codes the engine computes today."""
        return sorted(KPI_SOURCES)

    @api.readonly
    @api.model
    def compute(self, codes, date_from, date_to, company_ids=None):
        """Compute KPI ``codes`` over ``[date_from, date_to]`` (both included, the stores' days)
        for the stores ``company_ids`` (default: the stores selected in the company switcher).

        Returns ``{code: {company_id: value, False: value for the stores together}}``; a value is
        ``None`` where the KPI has no meaning (a rate with nothing to divide). The group value is
        computed from the summed numerators and denominators, never as a mean of the stores'
        rates. Stock and receivables KPIs are taken at the end of ``date_to``.

        Callable from ``odoo shell`` (``env["dealer.kpi.engine"].compute([...], "2026-10-01",
        "2026-10-31")``) and over RPC (``execute_kw(db, uid, pwd, "dealer.kpi.engine", "compute",
        [codes, date_from, date_to, company_ids])``; over JSON-RPC the keys are strings).
        """
        if isinstance(codes, str):
            codes = [codes]
        unknown = sorted(set(codes) - set(KPI_SOURCES))
        if unknown:
            raise UserError(
                _(
                    "The KPI engine does not compute %(codes)s; it computes %(available)s.",
                    codes=", ".join(unknown),
                    available=", ".join(self.available_codes()),
                )
            )
        analysis = self.env["dealer.inventory.analysis"]
        companies = self.env["res.company"].browse(company_ids) if company_ids else self.env.companies
        companies = analysis._check_companies(companies).with_env(self.env)
        date_from, date_to = analysis._check_period(date_from, date_to)
        families = {KPI_SOURCES[code][0] for code in codes}
        figures = {family: getattr(self, f"_family_{family}")(date_from, date_to, companies) for family in families}
        result = {}
        for code in codes:
            family, key = KPI_SOURCES[code]
            result[code] = {company: values.get(key) for company, values in figures[family].items()}
        return result

    # One method per family; each returns {company id or False: {key: value}}.

    def _family_parts_turnover(self, date_from, date_to, companies):
        return self.env["dealer.inventory.analysis"].turnover(date_from, date_to, companies)

    def _family_parts_stagnant(self, date_from, date_to, companies):
        return self.env["dealer.inventory.analysis"].stagnant_rates(date_to, companies)

    def _family_parts_fill(self, date_from, date_to, companies):
        return self.env["dealer.inventory.analysis"].fill_rate(date_from, date_to, companies)

    def _family_vehicle_turnover(self, date_from, date_to, companies):
        return self.env["dealer.inventory.analysis"].vehicle_turnover(date_from, date_to, companies)

    def _family_vehicle_stock(self, date_from, date_to, companies):
        return self.env["dealer.inventory.analysis"].vehicle_stock(date_to, companies)

    def _family_renewal(self, date_from, date_to, companies):
        return self.env["dealer.insurance.policy"].renewal_rate(date_from, date_to, companies)

    def _family_referral(self, date_from, date_to, companies):
        """Store level: accident-repair revenue from all insurers ÷ premium placed with them."""
        Policy = self.env["dealer.insurance.policy"]
        result = {}
        for key in [*companies.ids, False]:
            scope = companies if key is False else companies.filtered(lambda c, key=key: c.id == key)
            referrals = Policy.insurer_referrals(date_from, date_to, scope)
            premium = sum(values["premium"] for values in referrals.values())
            revenue = sum(values["revenue"] for values in referrals.values())
            result[key] = {"premium": premium, "revenue": revenue, "ratio": revenue / premium if premium else None}
        return result

    def _family_receivables(self, date_from, date_to, companies):
        aging = self.env["dealer.receivable.analysis"].aging(date_to, companies)
        return {
            key: {**values, "bad_debt": values["bad"] + values["dead"]}  # overdue more than 6 months
            for key, values in aging.items()
        }
