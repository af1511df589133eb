import datetime

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from ..tools import MANAGER

AGING_BUCKETS = [
    ("not_due", "Not Due"),
    ("1_30", "1–30 Days"),
    ("31_90", "31–90 Days"),
    ("91_180", "91 Days to 6 Months"),
    ("bad", "6 to 12 Months (Bad Debt)"),
    ("dead", "Over 12 Months (Dead Debt)"),
]
PAYER_KINDS = [
    ("customer", "Customer"),
    ("account", "Account Customer"),
    ("insurer", "Insurer"),
    ("manufacturer", "Manufacturer"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    dealer_is_insurer = fields.Boolean(string="Insurer", help="An insurance company that pays accident repairs.")

    dealer_account_customer = fields.Boolean(
        string="Account Customer", help="A company or body that repairs on credit and pays monthly (挂账单位)."
    )
    dealer_government = fields.Boolean(
        string="Government Body", help="Government bodies may be given up to 6 months of credit instead of 3."
    )
    dealer_credit_days = fields.Integer(string="Credit Term (Days)", default=90)
    dealer_credit_limit_auto = fields.Float(
        string="Computed Credit Limit",
        company_dependent=True,
        readonly=True,
        help="Average monthly gross profit the customer brought the store over the last six months, "
        "recomputed every month.",
    )
    dealer_credit_limit_manual = fields.Float(
        string="Credit Limit Set by Manager",
        company_dependent=True,
        tracking=True,
        help="Replaces the computed limit when set (after-sales managers only).",
    )
    dealer_credit_limit = fields.Float(string="After-Sales Credit Limit", compute="_compute_dealer_credit_limit")

    @api.depends("dealer_credit_limit_auto", "dealer_credit_limit_manual")
    @api.depends_context("company")
    def _compute_dealer_credit_limit(self):
        for partner in self:
            partner.dealer_credit_limit = partner.dealer_credit_limit_manual or partner.dealer_credit_limit_auto

    @api.constrains("dealer_credit_days", "dealer_government")
    def _check_dealer_credit_days(self):
        for partner in self:
            limit = 180 if partner.dealer_government else 90
            if not 0 <= partner.dealer_credit_days <= limit:
                raise ValidationError(
                    _(
                        "The credit term of %(partner)s can be at most %(days)s days (6 months for government "
                        "bodies, 3 otherwise).",
                        partner=partner.display_name,
                        days=limit,
                    )
                )

    def write(self, vals):
        if "dealer_credit_limit_manual" in vals and not self.env.user.has_group(MANAGER) and not self.env.su:
            raise UserError(_("Only an after-sales manager can set a customer's credit limit."))
        return super().write(vals)

    @api.model
    def _dealer_compute_credit_limits(self, companies=None, date=None):
        """Credit limit of every account customer, per store: revenue invoiced to it over the six
        months before the month of ``date`` less the cost of the parts of those repair orders,
        divided by six (never below zero). One query per store."""
        companies = companies or self.env["res.company"].sudo().search([])
        date = fields.Date.to_date(date) or fields.Date.context_today(self)
        date_to = date.replace(day=1) - datetime.timedelta(days=1)
        date_from = date_to.replace(day=1) - relativedelta(months=5)
        customers = self.sudo().search([("dealer_account_customer", "=", True)])
        if not customers:
            return {}
        self.env.flush_all()
        result = {}
        for company in companies:
            self.env.cr.execute(
                SQL(
                    """
                    WITH invoices AS (
                        SELECT am.id, am.commercial_partner_id AS partner_id, am.dealer_pay_type
                          FROM account_move am
                         WHERE am.state = 'posted'
                           AND am.move_type IN ('out_invoice', 'out_refund')
                           AND am.company_id = %(company)s
                           AND am.invoice_date BETWEEN %(date_from)s AND %(date_to)s
                           AND am.commercial_partner_id IN %(partners)s
                    ), revenue AS (
                        SELECT i.partner_id, SUM(-aml.balance) AS amount
                          FROM invoices i
                          JOIN account_move_line aml ON aml.move_id = i.id AND aml.display_type = 'product'
                         GROUP BY i.partner_id
                    ), cost AS (
                        SELECT i.partner_id, SUM(-svl.value) AS amount
                          FROM invoices i
                          JOIN repair_order_dealer_move_rel rel ON rel.move_id = i.id
                          JOIN stock_move sm ON sm.repair_id = rel.repair_id
                                            AND sm.dealer_pay_type = i.dealer_pay_type
                                            AND sm.state = 'done'
                          JOIN stock_valuation_layer svl ON svl.stock_move_id = sm.id
                         GROUP BY i.partner_id
                    )
                    SELECT revenue.partner_id, revenue.amount - COALESCE(cost.amount, 0)
                      FROM revenue
                      LEFT JOIN cost ON cost.partner_id = revenue.partner_id
                    """,
                    company=company.id,
                    date_from=date_from,
                    date_to=date_to,
                    partners=tuple(customers.ids),
                )
            )
            profits = dict(self.env.cr.fetchall())
            for partner in customers:
                limit = company.currency_id.round(max(float(profits.get(partner.id, 0.0)), 0.0) / 6)
                partner.with_company(company).sudo().dealer_credit_limit_auto = limit
                result[company.id, partner.id] = limit
        return result

    @api.model
    def _cron_dealer_credit_limits(self):
        self._dealer_compute_credit_limits()

    def _dealer_open_receivable(self, company):
        """What the partner owes the store now, in the store's currency."""
        self.ensure_one()
        groups = (
            self.env["account.move.line"]
            .sudo()
            ._read_group(
                [
                    ("company_id", "=", company.id),
                    ("partner_id", "child_of", self.commercial_partner_id.id),
                    ("account_id.account_type", "=", "asset_receivable"),
                    ("parent_state", "=", "posted"),
                    ("reconciled", "=", False),
                ],
                [],
                ["amount_residual:sum"],
            )
        )
        return groups[0][0] or 0.0
