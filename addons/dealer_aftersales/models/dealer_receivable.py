"""What customers, insurers and the manufacturer owe the store (应收), insurance policies sold by
the store, and insurers' referrals."""

import datetime

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..tools import ACCOUNTANT, ADVISOR, requires_role, server_side, to_date
from .dealer_guarded_mixin import PRICE_CEILING
from .res_partner import AGING_BUCKETS, PAYER_KINDS


class DealerReceivableAnalysis(models.AbstractModel):
    _name = "dealer.receivable.analysis"
    _description = "Receivables Analysis"

    @api.model
    def _aging_sql(self, date, companies):
        """Receivable lines open at the end of ``date``, with what was still open then (what was
        reconciled by that date is deducted), the payer kind and the aging bucket."""
        return SQL(
            """
            WITH line AS (
                SELECT aml.id, aml.company_id, aml.move_id, aml.partner_id, rp.commercial_partner_id,
                       COALESCE(aml.date_maturity, aml.date) AS due_date,
                       aml.balance
                       - COALESCE((SELECT SUM(p.amount) FROM account_partial_reconcile p
                                    WHERE p.debit_move_id = aml.id AND p.max_date <= %(date)s), 0)
                       + COALESCE((SELECT SUM(p.amount) FROM account_partial_reconcile p
                                    WHERE p.credit_move_id = aml.id AND p.max_date <= %(date)s), 0) AS residual
                  FROM account_move_line aml
                  JOIN account_account acc ON acc.id = aml.account_id
                  LEFT JOIN res_partner rp ON rp.id = aml.partner_id
                 WHERE acc.account_type = 'asset_receivable'
                   AND aml.parent_state = 'posted'
                   AND aml.company_id IN %(companies)s
                   AND aml.date <= %(date)s
            )
            SELECT line.id, line.company_id, line.move_id, line.commercial_partner_id AS partner_id,
                   line.due_date, line.residual,
                   GREATEST(%(date)s::date - line.due_date, 0) AS days_overdue,
                   CASE WHEN cp.dealer_is_insurer THEN 'insurer'
                        WHEN EXISTS (SELECT 1 FROM fleet_vehicle_model_brand b
                                      WHERE b.warranty_partner_id = cp.id) THEN 'manufacturer'
                        WHEN cp.dealer_account_customer THEN 'account'
                        ELSE 'customer' END AS payer_kind,
                   CASE WHEN line.due_date >= %(date)s THEN 'not_due'
                        WHEN line.due_date >= %(date)s::date - 30 THEN '1_30'
                        WHEN line.due_date >= %(date)s::date - 90 THEN '31_90'
                        WHEN line.due_date >= %(date)s::date - INTERVAL '6 months' THEN '91_180'
                        WHEN line.due_date >= %(date)s::date - INTERVAL '12 months' THEN 'bad'
                        ELSE 'dead' END AS bucket
              FROM line
              LEFT JOIN res_partner cp ON cp.id = line.commercial_partner_id
             WHERE line.residual != 0
            """,
            date=date,
            companies=tuple(companies.ids),
        )

    @api.model
    @requires_role(ACCOUNTANT)
    def aging(self, date, companies=None):
        """Open receivables at the end of ``date`` per store id (and ``False`` for the stores
        together): ``{company_id: {bucket: amount, ..., "total": amount}}``; ``bad`` and ``dead``
        are ``ar_bad_debt`` (overdue 6 to 12 months) and ``ar_dead_debt`` (over 12 months) —
        ``ar_bad_debt`` counts both when read as "overdue more than 6 months"."""
        companies = self.env["dealer.inventory.analysis"]._check_companies(companies)
        date = to_date(self.env, date)
        for model in ("account.move.line", "account.partial.reconcile", "res.partner", "fleet.vehicle.model.brand"):
            self.env[model].flush_model()
        self.env.cr.execute(
            SQL(
                "SELECT company_id, bucket, SUM(residual) FROM (%s) a GROUP BY ROLLUP(company_id), bucket",
                self._aging_sql(date, companies),
            )
        )
        empty = {key: 0.0 for key, __ in AGING_BUCKETS}
        result = {key: {**empty, "total": 0.0} for key in [*companies.ids, False]}
        for company_id, bucket, amount in self.env.cr.fetchall():
            figures = result[company_id or False]
            figures[bucket] += float(amount)
            figures["total"] += float(amount)
        return result


class DealerReceivableAgingReport(models.Model):
    _name = "dealer.receivable.aging.report"
    _description = "Receivables Aging"
    _auto = False
    _order = "days_overdue desc, id"

    company_id = fields.Many2one("res.company", string="Store", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    move_id = fields.Many2one("account.move", string="Document", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Owed By", readonly=True)
    payer_kind = fields.Selection(PAYER_KINDS, string="Payer", readonly=True)
    due_date = fields.Date(readonly=True)
    days_overdue = fields.Integer(readonly=True, aggregator="max")
    bucket = fields.Selection(AGING_BUCKETS, string="Overdue", readonly=True)
    residual = fields.Monetary(string="Open Amount", readonly=True, currency_field="currency_id")

    @property
    def _table_query(self):
        date = self.env.context.get("dealer_date")
        date = to_date(self.env, date) if date else fields.Date.context_today(self)
        return self.env["dealer.receivable.analysis"]._aging_sql(date, self.env.companies)


class DealerInsurancePolicy(models.Model):
    """A motor insurance policy sold or renewed through the store (代理保险)."""

    _name = "dealer.insurance.policy"
    _description = "Insurance Policy"
    _inherit = ["mail.thread", "mail.activity.mixin", "dealer.guarded.mixin"]
    _dealer_bounds = {"premium": (0, PRICE_CEILING)}
    _order = "date_end desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Policy Number", required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", string="Store", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    insurer_id = fields.Many2one("res.partner", required=True, domain=[("dealer_is_insurer", "=", True)])
    vehicle_id = fields.Many2one("dealer.vehicle", required=True, check_company=True)
    partner_id = fields.Many2one(related="vehicle_id.partner_id", store=True, string="Customer")
    premium = fields.Monetary(required=True, tracking=True)
    date_start = fields.Date(string="Cover Starts", required=True)
    date_end = fields.Date(string="Cover Ends", required=True, index=True)
    user_id = fields.Many2one("res.users", string="Sold By", default=lambda self: self.env.user)
    renewal_of_id = fields.Many2one(
        "dealer.insurance.policy", string="Renews", check_company=True, index="btree_not_null"
    )
    renewed_by_ids = fields.One2many("dealer.insurance.policy", "renewal_of_id")
    is_renewed = fields.Boolean(string="Renewed", compute="_compute_is_renewed", store=True)

    _sql_constraints = [
        ("premium_positive", "CHECK(premium > 0)", "A premium must be positive."),
        ("dates", "CHECK(date_end > date_start)", "A policy must end after it starts."),
    ]

    @api.depends("renewed_by_ids")
    def _compute_is_renewed(self):
        for policy in self:
            policy.is_renewed = bool(policy.renewed_by_ids)

    @api.model
    def _cron_renewal_reminders(self):
        """An activity for whoever sold the policy, the store's renewal delay before it ends."""
        today = fields.Date.context_today(self)
        summary = _("Renew the insurance policy")
        activity_type = self.env.ref("mail.mail_activity_data_call")
        for company in self.env["res.company"].sudo().search([]):
            policies = self.sudo().search(
                [
                    ("company_id", "=", company.id),
                    ("is_renewed", "=", False),
                    ("date_end", ">=", today),
                    ("date_end", "<=", today + datetime.timedelta(days=company.dealer_renewal_days)),
                ]
            )
            for policy in policies.filtered(lambda p: summary not in p.activity_ids.mapped("summary")):
                policy.activity_schedule(
                    activity_type_id=activity_type.id,
                    summary=summary,
                    date_deadline=policy.date_end - datetime.timedelta(days=15),
                    note=_(
                        "%(customer)s's policy %(policy)s with %(insurer)s ends on %(end)s.",
                        customer=policy.partner_id.name,
                        policy=policy.name,
                        insurer=policy.insurer_id.name,
                        end=fields.Date.to_string(policy.date_end),
                    ),
                    user_id=(policy.user_id or self.env.user).id,
                )

    @api.model
    @requires_role(ADVISOR, ACCOUNTANT)
    def renewal_rate(self, date_from, date_to, companies=None):
        """``insurance_renewal_rate``: policies expiring in the period renewed through the store ÷
        policies expiring in the period, per store id and together (``False``)."""
        companies = self.env["dealer.inventory.analysis"]._check_companies(companies)
        date_from, date_to = self.env["dealer.inventory.analysis"]._check_period(date_from, date_to)
        groups = self.sudo()._read_group(
            [("company_id", "in", companies.ids), ("date_end", ">=", date_from), ("date_end", "<=", date_to)],
            ["company_id", "is_renewed"],
            ["__count"],
        )
        result = {key: {"expiring": 0, "renewed": 0, "rate": None} for key in [*companies.ids, False]}
        for company, renewed, count in groups:
            for key in (company.id, False):
                result[key]["expiring"] += count
                result[key]["renewed"] += count if renewed else 0
        for figures in result.values():
            if figures["expiring"]:
                figures["rate"] = figures["renewed"] / figures["expiring"] * 100
        return result

    @api.model
    @requires_role(ADVISOR, ACCOUNTANT)
    def insurer_referrals(self, date_from, date_to, companies=None, per="insurer"):
        """Per insurer (``per="insurer"``) or per store (``per="store"``): premium placed with the
        insurers (policies starting in the period), the accident-repair revenue they sent (their
        posted invoices and credit notes before VAT) and ``accident_referral_ratio`` = revenue ÷
        premium (norm 0.9); two grouped reads whatever the number of stores::

            {insurer_id or company_id: {"premium": x, "revenue": x, "ratio": x or None}}
        """
        companies = self.env["dealer.inventory.analysis"]._check_companies(companies)
        date_from, date_to = self.env["dealer.inventory.analysis"]._check_period(date_from, date_to)
        if per not in ("insurer", "store"):
            raise UserError(_("Referrals are counted per insurer or per store."))
        policy_key, invoice_key = ("insurer_id", "commercial_partner_id") if per == "insurer" else ("company_id",) * 2
        result = {}
        for key, premium in self.sudo()._read_group(
            [("company_id", "in", companies.ids), ("date_start", ">=", date_from), ("date_start", "<=", date_to)],
            [policy_key],
            ["premium:sum"],
        ):
            result.setdefault(key.id, {"premium": 0.0, "revenue": 0.0})["premium"] += premium
        for partner, revenue in (
            self.env["account.move"]
            .sudo()
            ._read_group(
                [
                    ("company_id", "in", companies.ids),
                    ("state", "=", "posted"),
                    ("move_type", "in", ("out_invoice", "out_refund")),
                    ("dealer_pay_type", "=", "insurance"),
                    ("invoice_date", ">=", date_from),
                    ("invoice_date", "<=", date_to),
                ],
                [invoice_key],
                ["amount_untaxed_signed:sum"],
            )
        ):
            result.setdefault(partner.id, {"premium": 0.0, "revenue": 0.0})["revenue"] += revenue
        for figures in result.values():
            figures["ratio"] = figures["revenue"] / figures["premium"] if figures["premium"] else None
        return result

    @api.model
    @requires_role(ADVISOR, ACCOUNTANT)
    def renewal_placement(self, month, companies=None, weights=(5, 3, 2)):
        """How to share this month's renewals among the insurers: 5 : 3 : 2 (``weights``), the
        largest share to the insurer that sent the most accident-repair revenue the month before.
        Returns ``[(insurer id, share in %, revenue of last month)]``, best first."""
        month = to_date(self.env, month, _("The month")).replace(day=1)
        if (
            not isinstance(weights, list | tuple)
            or not weights
            or not all(isinstance(weight, int | float) and 0 <= weight <= 100 for weight in weights)
            or not sum(weights)
        ):
            raise UserError(_("The shares must be a list of numbers between 0 and 100, such as [5, 3, 2]."))
        last_end = month - datetime.timedelta(days=1)
        referrals = server_side(self).insurer_referrals(last_end.replace(day=1), last_end, companies)
        insurers = self.env["res.partner"].sudo().search([("dealer_is_insurer", "=", True)])
        ranked = sorted(insurers, key=lambda p: (-referrals.get(p.id, {}).get("revenue", 0.0), p.name))
        ranked = ranked[: len(weights)]
        total = sum(weights[: len(ranked)])
        return [
            (insurer.id, weights[index] / total * 100, referrals.get(insurer.id, {}).get("revenue", 0.0))
            for index, insurer in enumerate(ranked)
        ]
