"""Budget against actual by month and store, for revenue, cost and expense lines (section 7 of the
KPI reference).

A budget line names a store, a month, a kind and optionally the accounts it covers (none: every
account of its kind). Its actual is the balance of the store's posted journal items of that month
on those accounts, revenue with the sign flipped so that it reads positive. The report computes
every line's actual in one query over the journal items, whatever the number of lines.
"""

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

KINDS = [("revenue", "Revenue"), ("cost", "Cost"), ("expense", "Expense")]

# The account types a kind covers when its line names no accounts.
KIND_ACCOUNT_TYPES = {
    "revenue": ["income", "income_other"],
    "cost": ["expense_direct_cost"],
    "expense": ["expense", "expense_depreciation"],
}


class DealerKpiBudget(models.Model):
    _name = "dealer.kpi.budget"
    _inherit = ["mail.thread"]
    _description = "Budget Line of a Store"
    _order = "month desc, company_id, kind, name, id"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", string="Store", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    month = fields.Date(
        required=True,
        index=True,
        default=lambda self: fields.Date.context_today(self).replace(day=1),
        help="The first day of the month (any day entered is moved to the first).",
    )
    kind = fields.Selection(KINDS, required=True, default="revenue")
    name = fields.Char(string="Budget Line", required=True)
    account_ids = fields.Many2many(
        "account.account",
        "dealer_kpi_budget_account_rel",
        "budget_id",
        "account_id",
        string="Accounts",
        check_company=True,
        help="The accounts the line covers. Empty: every account of its kind (revenue: income and other "
        "income; cost: cost of revenue; expense: expenses and depreciation).",
    )
    amount = fields.Monetary(string="Budget", required=True, default=0.0, tracking=True)

    _sql_constraints = [
        (
            "company_month_kind_name_unique",
            "UNIQUE(company_id, month, kind, name)",
            "A store has one budget line of a kind and name per month.",
        ),
    ]

    @api.depends("name", "month", "company_id")
    def _compute_display_name(self):
        for budget in self:
            month = f"{budget.month:%Y-%m}" if budget.month else ""
            budget.display_name = " · ".join(filter(None, [budget.name, month, budget.company_id.name]))

    @api.model
    def _first_of_month(self, vals):
        if vals.get("month"):
            vals = {**vals, "month": fields.Date.to_date(vals["month"]).replace(day=1)}
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        return super().create([self._first_of_month(vals) for vals in vals_list])

    def write(self, vals):
        return super().write(self._first_of_month(vals))

    @api.constrains("kind", "account_ids")
    def _check_account_kind(self):
        for budget in self:
            allowed = KIND_ACCOUNT_TYPES[budget.kind]
            wrong = budget.account_ids.filtered(lambda account, allowed=allowed: account.account_type not in allowed)
            if wrong:
                raise ValidationError(
                    _(
                        "Budget line %(line)s is a %(kind)s line: accounts %(accounts)s are not of its kind.",
                        line=budget.name,
                        kind=dict(self._fields["kind"]._description_selection(self.env))[budget.kind],
                        accounts=", ".join(wrong.mapped("display_name")),
                    )
                )
