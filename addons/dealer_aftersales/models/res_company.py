from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools import MONEY_GROUPS

# The store's stock cost settings: after-sales roles but technicians, and the administrator.
SETTINGS_MONEY_GROUPS = f"{MONEY_GROUPS},base.group_system"


class ResCompany(models.Model):
    _inherit = "res.company"

    dealer_comeback_days = fields.Integer(
        string="Comeback Window (Days)",
        default=30,
        help="A vehicle back for the same symptom within this many days of the previous order's completion "
        "is a comeback.",
    )
    dealer_callback_days = fields.Integer(
        string="Follow-Up Call After (Days)",
        default=3,
        help="Days after delivery when the service advisor calls the customer (回访).",
    )
    dealer_csi_survey_id = fields.Many2one(
        "survey.survey",
        string="Satisfaction Survey",
        help="Sent to the customer when the car is handed over; its answers make the CSI score.",
    )

    # Parts and vehicle inventory
    dealer_aging_bucket_ids = fields.One2many("dealer.aging.bucket", "company_id", string="Aging Buckets")
    dealer_price_ceiling = fields.Monetary(
        string="Price Ceiling",
        currency_field="currency_id",
        default=1_000_000,
        tracking=True,
        groups=SETTINGS_MONEY_GROUPS,
        help="The highest unit price, hourly rate or claimed amount a line of the store may carry: "
        "a higher one is a typo and is refused.",
    )
    dealer_stagnant_days = fields.Integer(
        string="Stagnant After (Days)",
        default=90,
        help="Stock whose receipt is older than this many days is stagnant (呆滞).",
    )
    dealer_vehicle_overage_days = fields.Integer(
        string="Vehicle Over-Aged After (Days)",
        default=90,
        help="A vehicle for sale in stock longer than this many days is over-aged (超库龄).",
    )
    dealer_abc_months = fields.Integer(
        string="ABC Window (Months)", default=12, help="Months of issues the ABC classification looks at."
    )
    dealer_abc_a_percent = fields.Float(
        string="Class A up to (%)", default=80.0, help="Parts that make the first share of issued value are class A."
    )
    dealer_abc_b_percent = fields.Float(
        string="Class B up to (%)", default=95.0, help="Parts up to this cumulative share of issued value are class B."
    )
    dealer_order_cost = fields.Float(
        string="Cost per Purchase Order",
        default=50.0,
        help="What placing one purchase order costs the store.",
        groups=SETTINGS_MONEY_GROUPS,
        tracking=True,
    )
    dealer_holding_rate = fields.Float(
        string="Holding Cost (% of Value per Year)",
        default=20.0,
        help="Yearly cost of holding a part in stock, as a share of its cost (capital, space, obsolescence).",
        groups=SETTINGS_MONEY_GROUPS,
        tracking=True,
    )
    dealer_service_level = fields.Float(
        string="Parts Service Level (%)",
        default=95.0,
        help="Probability of not running out during the lead time; sets the safety stock.",
    )
    dealer_lead_days = fields.Integer(
        string="Default Lead Time (Days)", default=7, help="Used for parts whose vendor has no delivery lead time."
    )
    dealer_demand_days = fields.Integer(
        string="Demand History (Days)", default=365, help="Days of issues the order quantities are computed from."
    )
    dealer_parts_manager_id = fields.Many2one(
        "res.users", string="Parts Manager", help="Receives the safety-stock alarms of the store."
    )

    # Claims and receivables
    dealer_claim_writeoff_account_id = fields.Many2one(
        "account.account",
        string="Claim Settlement Difference Account",
        check_company=True,
        help="What insurers do not pay of a claim, when the store writes it off.",
    )
    dealer_warranty_duplicate_days = fields.Integer(
        string="Duplicate Warranty Claim Window (Days)",
        default=30,
        help="A second claim for the same vehicle and fault code within this many days is refused.",
    )
    dealer_renewal_days = fields.Integer(
        string="Renewal Reminder (Days Before Expiry)",
        default=60,
        help="Days before a policy expires when the renewal activity is created.",
    )

    _sql_constraints = [
        ("dealer_price_ceiling_positive", "CHECK(dealer_price_ceiling > 0)", "The price ceiling must be positive."),
        ("dealer_stagnant_days_positive", "CHECK(dealer_stagnant_days > 0)", "The stagnant age must be positive."),
        (
            "dealer_vehicle_overage_days_positive",
            "CHECK(dealer_vehicle_overage_days > 0)",
            "The vehicle over-aged limit must be positive.",
        ),
    ]

    @api.constrains("dealer_abc_a_percent", "dealer_abc_b_percent")
    def _check_dealer_abc(self):
        for company in self:
            if not 0 < company.dealer_abc_a_percent < company.dealer_abc_b_percent <= 100:
                raise ValidationError(
                    _(
                        "The ABC thresholds must satisfy 0 < class A < class B ≤ 100 %%, here %(a)s %% and %(b)s %%.",
                        a=company.dealer_abc_a_percent,
                        b=company.dealer_abc_b_percent,
                    )
                )

    @api.constrains(
        "dealer_order_cost", "dealer_holding_rate", "dealer_service_level", "dealer_lead_days", "dealer_demand_days"
    )
    def _check_dealer_reorder(self):
        for company in self:
            if company.dealer_order_cost < 0 or company.dealer_holding_rate <= 0:
                raise ValidationError(_("The order cost cannot be negative and the holding cost must be positive."))
            if not 50 <= company.dealer_service_level < 100:
                raise ValidationError(_("The parts service level must be at least 50 % and below 100 %."))
            if company.dealer_lead_days < 0 or company.dealer_demand_days < 30:
                raise ValidationError(
                    _("The lead time cannot be negative and the demand history needs at least 30 days.")
                )

    @api.constrains("dealer_aging_bucket_ids")
    def _check_dealer_aging_buckets(self):
        for company in self:
            company.dealer_aging_bucket_ids._check_contiguous(company)

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        self.env["dealer.aging.bucket"]._create_defaults(companies)
        return companies

    def _dealer_tz(self):
        """The time zone a store's days are counted in: its working calendar's."""
        self.ensure_one()
        return self.resource_calendar_id.tz or self.env.user.tz or "UTC"

    def _dealer_misc_journal(self):
        """The store's miscellaneous journal, for internal work and write-offs."""
        self.ensure_one()
        Journal = self.env["account.journal"]
        journal = Journal.search([*Journal._check_company_domain(self), ("type", "=", "general")], limit=1)
        if not journal:
            raise UserError(_("Store %(store)s has no miscellaneous journal.", store=self.name))
        return journal
