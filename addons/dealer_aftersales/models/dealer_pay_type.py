from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.translate import LazyTranslate, code_translations

from ..tools import MONEY_GROUPS, PAY_TYPES
from .dealer_guarded_mixin import PRICE_CEILING

_lt = LazyTranslate(__name__)


# Names of the default revenue accounts created in a store's chart.
DEFAULT_ACCOUNTS = {
    "customer": (_lt("After-sales labor revenue - customer"), _lt("After-sales parts revenue - customer")),
    "insurance": (_lt("After-sales labor revenue - insurance"), _lt("After-sales parts revenue - insurance")),
    "warranty": (_lt("After-sales labor revenue - warranty"), _lt("After-sales parts revenue - warranty")),
    "internal": (_lt("After-sales internal labor recovery"), _lt("After-sales internal parts recovery")),
}


class DealerPayTypeConfig(models.Model):
    """Per store and pay type: the labor rate and the accounts revenue goes to."""

    _name = "dealer.pay.type.config"
    _inherit = ["mail.thread", "dealer.guarded.mixin"]
    _dealer_bounds = {"labor_rate": (0, PRICE_CEILING)}
    _description = "Pay Type Settings"
    _order = "company_id, id"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", string="Store", required=True, index=True, default=lambda self: self.env.company
    )
    pay_type = fields.Selection(PAY_TYPES, required=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    labor_rate = fields.Monetary(
        string="Labor Rate per Hour", required=True, default=0.0, groups=MONEY_GROUPS, tracking=True
    )
    labor_account_id = fields.Many2one(
        "account.account", string="Labor Revenue Account", required=True, check_company=True, tracking=True
    )
    parts_account_id = fields.Many2one(
        "account.account", string="Parts Revenue Account", required=True, check_company=True, tracking=True
    )
    expense_account_id = fields.Many2one(
        "account.account",
        string="Internal Expense Account",
        check_company=True,
        tracking=True,
        help="Internal pay type only: the expense account charged for internal work.",
    )

    _sql_constraints = [
        ("company_pay_type_unique", "UNIQUE(company_id, pay_type)", "Each pay type is set once per store."),
        ("labor_rate_not_negative", "CHECK(labor_rate >= 0)", "A labor rate cannot be negative."),
    ]

    @api.constrains("pay_type", "expense_account_id")
    def _check_internal_expense(self):
        for config in self:
            if config.pay_type == "internal" and not config.expense_account_id:
                raise ValidationError(_("The internal pay type needs an internal expense account."))

    @api.model
    def _get(self, company, pay_type, create=True):
        """The settings of a store for a pay type, created with defaults on first use
        (when ``create`` is false and there are none yet, an empty recordset)."""
        config = self.sudo().search([("company_id", "=", company.id), ("pay_type", "=", pay_type)], limit=1)
        if not config and create:
            self._create_defaults(company)
            config = self.sudo().search([("company_id", "=", company.id), ("pay_type", "=", pay_type)], limit=1)
        return config.sudo(False)

    @api.model
    def _create_defaults(self, companies):
        """Revenue sub-accounts of the store's first income account, one pair per pay type."""
        Account = self.env["account.account"].sudo()
        for company in companies:
            existing = set(self.sudo().search([("company_id", "=", company.id)]).mapped("pay_type"))
            if len(existing) == len(PAY_TYPES):
                continue
            domain = [*Account._check_company_domain(company), ("account_type", "=", "income")]
            income = Account.search(domain, order="code", limit=1)
            expense = Account.search(
                [*Account._check_company_domain(company), ("account_type", "=", "expense")], order="code", limit=1
            )
            if not income or not expense:
                raise UserError(
                    _(
                        "Store %(store)s has no chart of accounts yet: install one (Accounting settings) "
                        "before invoicing repair orders.",
                        store=company.name,
                    )
                )
            values = []
            for pay_type, (labor_name, parts_name) in DEFAULT_ACCOUNTS.items():
                if pay_type in existing:
                    continue
                accounts = []
                for name in (labor_name, parts_name):
                    # Sub-accounts of the main income account: 6001 -> 600101, 600102, ...
                    code = Account.with_company(company)._search_new_account_code(f"{income.code}00")
                    accounts.append(
                        Account.create(
                            {
                                "name": str(name),
                                "code": code,
                                "account_type": "income",
                                "company_ids": [(6, 0, company.ids)],
                            }
                        )
                    )
                values.append(
                    {
                        "company_id": company.id,
                        "pay_type": pay_type,
                        "labor_account_id": accounts[0].id,
                        "parts_account_id": accounts[1].id,
                        "expense_account_id": expense.id if pay_type == "internal" else False,
                    }
                )
            self.sudo().create(values)

    @api.model
    def _translate_account_name(self, account, source, langs=None):
        """The account's name in the given (default: every installed) languages,
        from this addon's catalogues; a name someone changed is left alone."""
        if account.with_context(lang="en_US").name != source:
            return
        translations = {}
        for lang in langs or [code for code, _label in self.env["res.lang"].get_installed()]:
            if lang != "en_US":
                catalogue = code_translations.get_python_translations("dealer_aftersales", lang)
                translations[lang] = catalogue.get(source, source)
        if translations:
            # Not a write in the other language: that would overwrite the English name too.
            account.update_field_translations("name", translations)

    @api.model
    def _set_labor_rates(self, company_id, rates):
        """Set a store's labor rate per pay type (``{"customer": 160.0, ...}``),
        creating the default settings first; used by demo data and set-up scripts."""
        company = self.env["res.company"].browse(company_id)
        self._create_defaults(company)
        for pay_type, rate in rates.items():
            self._get(company, pay_type).sudo().labor_rate = rate
