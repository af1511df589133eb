import datetime

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..tools import ACCOUNTANT, ADVISOR, requires_role, server_side, to_date
from .dealer_guarded_mixin import PRICE_CEILING


class DealerInsurancePolicy(models.Model):
    """A motor insurance policy sold or renewed through the store (代理保险)."""

    _name = "dealer.insurance.policy"
    _description = "Insurance Policy"
    _inherit = ["mail.thread", "mail.activity.mixin", "dealer.guarded.mixin", "dealer.store.mixin"]
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
    renewal_insurer_id = fields.Many2one(
        "res.partner",
        string="Place Renewal With",
        domain=[("dealer_is_insurer", "=", True)],
        tracking=True,
        help="The insurer to renew this policy with, from the month's renewal placement (5:3:2).",
    )

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
        companies = self._check_companies(companies)
        date_from, date_to = self._check_period(date_from, date_to)
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
        companies = self._check_companies(companies)
        date_from, date_to = self._check_period(date_from, date_to)
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
