from odoo import _, api, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from ..tools import to_date, to_ids


class DealerStoreMixin(models.AbstractModel):
    """What every analysis of the addons (stock, receivables, insurance, the KPI engine) checks
    first: the stores asked for, which the user must be allowed in, and the period, as they come
    from any client; and the stores as an SQL table with their time zone."""

    _name = "dealer.store.mixin"
    _description = "After-Sales Store Scope"

    @api.model
    def _check_companies(self, companies=None, refusal=None):
        """The stores asked for, refused when the user may not see one of them. ``refusal``
        gives the message from the forbidden stores' names (default: about their stock)."""
        companies = self._to_companies(companies)
        if not self.env.su:
            forbidden = companies - self.env.user.company_ids
            if forbidden:
                # An id that is no store is refused like another store's.
                stores = ", ".join(forbidden.sudo().exists().mapped("name") or map(str, forbidden.ids))
                raise AccessError(
                    refusal(stores)
                    if refusal
                    else _("You are not allowed to see the stock of %(stores)s.", stores=stores)
                )
        if not companies:
            raise UserError(_("Choose at least one store."))
        self._without_jit()
        return companies.sudo()

    @api.model
    def _to_companies(self, companies):
        """The stores of an argument that may come from any client: none (the stores selected in
        the company switcher), a recordset, an id or a list of ids."""
        if companies is None or companies is False:
            return self.env.companies
        if isinstance(companies, models.BaseModel) and companies._name == "res.company":
            return companies
        return self.env["res.company"].browse(to_ids(self.env, companies, self.env._("Stores")))

    @api.model
    def _without_jit(self):
        """Every analysis (and the KPI engine) starts here: PostgreSQL's JIT compilation costs
        more than it saves on these statements (3.2 s instead of 0.24 s for all KPIs of a
        1 500-order store-month), so it is off for the rest of the transaction (the KPI
        engine, which calls several analyses, sets it once)."""
        if not self.env.context.get("dealer_without_jit"):
            self.env.cr.execute("SET LOCAL jit = off")

    @api.model
    def _check_period(self, date_from, date_to):
        date_from = to_date(self.env, date_from, self.env._("The start of the period"))
        date_to = to_date(self.env, date_to, self.env._("The end of the period"))
        if date_from > date_to:
            raise UserError(_("The period must have a start date on or before its end date."))
        return date_from, date_to

    @api.model
    def _stores_sql(self, companies, **settings):
        """The stores as a VALUES table ``store(company_id, tz, <setting>...)``: their time zone,
        and the store fields named by ``settings`` (``{column: field}``)."""
        columns = ["company_id", "tz", *settings]
        rows = [
            SQL(
                "(%s)",
                SQL(", ").join(
                    [SQL("%s", company.id), SQL("%s", company._dealer_tz())]
                    + [SQL("%s", company[field]) for field in settings.values()]
                ),
            )
            for company in companies
        ]
        return SQL(
            "(VALUES %s) AS store(%s)",
            SQL(", ").join(rows),
            SQL(", ").join(SQL.identifier(column) for column in columns),
        )
