from odoo import api, fields, models

KPI_CATEGORIES = [
    ("inventory", "Inventory"),
    ("profitability", "Profitability"),
    ("service", "Service"),
    ("internal", "Internal"),
    ("management", "Management"),
    ("market", "Market"),
    ("insurance", "Insurance"),
    ("business", "Business"),
]


class DealerKpiDefinition(models.Model):
    _name = "dealer.kpi.definition"
    _description = "After-Sales KPI"
    _order = "sequence, id"

    code = fields.Char(required=True, index=True, help="Stable code used in the API, exports and targets.")
    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    category = fields.Selection(KPI_CATEGORIES, required=True)
    unit = fields.Selection(
        [
            ("money", "Money"),
            ("percent", "Percentage"),
            ("ratio", "Ratio"),
            ("count", "Count"),
            ("hours", "Hours"),
            ("days", "Days"),
            ("score", "Score"),
            ("money_per_hour", "Money per Hour"),
        ],
        required=True,
    )
    direction = fields.Selection(
        [("higher", "Higher is better"), ("lower", "Lower is better"), ("band", "Within a band")],
        required=True,
        default="higher",
    )
    aggregation = fields.Selection(
        [("flow", "Added up over months"), ("level", "Averaged over months")],
        string="Over Several Months",
        compute="_compute_aggregation",
        store=True,
        readonly=False,
        help="A flow (revenue, repair orders) adds up over months; a level (stock, customer base, "
        "receivables) is a month's state: several months show their average.",
    )
    formula = fields.Text(translate=True, help="The formula in words, as in the domain reference.")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", string="Store", index=True, help="Empty: the group's catalogue, shared by all stores."
    )
    target_ids = fields.One2many("dealer.kpi.target", "kpi_id", string="Targets per Store")

    _sql_constraints = [
        ("code_unique", "UNIQUE(code)", "A KPI code must be unique."),
    ]

    # Levels of the core catalogue; an addon that adds level KPIs extends this set.
    _dealer_level_codes = frozenset({"parts_avg_inventory_cost", "customer_base", "ar_bad_debt", "ar_dead_debt"})

    @api.depends("code")
    def _compute_aggregation(self):
        for kpi in self:
            kpi.aggregation = "level" if kpi.code in self._dealer_level_codes else (kpi.aggregation or "flow")
