"""Analysis models over the SQL of ``dealer.inventory.analysis``: pivot, graph and list views.

The date or period comes from the context (``dealer_date``, ``dealer_date_from``,
``dealer_date_to``, set by the inventory report wizard; today and the current month by
default) and the stores from ``dealer_company_ids``, within the stores selected in the
company switcher."""

from odoo import _, api, fields, models

from ..tools import to_date, to_ids

# What the stock statements of dealer.inventory.analysis read, for the reports' ``_depends``:
# the valuation layers (receipts and issues) and the parts' categories.
LAYER_DEPENDS = {
    "stock.valuation.layer": [
        "stock_valuation_layer_id",
        "company_id",
        "product_id",
        "quantity",
        "value",
        "create_date",
        "stock_move_id",
    ],
}
PRODUCT_DEPENDS = {
    "product.product": ["product_tmpl_id"],
    "product.template": ["categ_id"],
    "product.category": ["dealer_vehicle"],
}


class DealerInventoryReportMixin(models.AbstractModel):
    """What every SQL report of the addons shares: its store and currency, and the date, period
    and stores it is computed for (from the context of what opened it, checked as any argument).
    A report declares the tables its SQL reads in ``_depends``: what is pending there is written
    before it is read."""

    _name = "dealer.inventory.report.mixin"
    _description = "After-Sales Report Parameters"

    company_id = fields.Many2one("res.company", string="Store", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")

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
