from odoo import fields, models
from odoo.tools import SQL

from ..models.dealer_kpi_budget import KIND_ACCOUNT_TYPES, KINDS


class DealerKpiBudgetReport(models.Model):
    _name = "dealer.kpi.budget.report"
    _inherit = ["dealer.inventory.report.mixin"]
    _description = "Budget against Actual"
    _auto = False
    _order = "month desc, company_id, kind, name, id"
    _depends = {
        "dealer.kpi.budget": ["company_id", "month", "kind", "name", "amount", "account_ids"],
        "account.move.line": ["company_id", "date", "account_id", "balance", "parent_state"],
        "account.account": ["account_type"],
    }

    budget_id = fields.Many2one("dealer.kpi.budget", string="Budget Line", readonly=True)
    month = fields.Date(readonly=True)
    kind = fields.Selection(KINDS, readonly=True)
    name = fields.Char(string="Line", readonly=True)
    budget = fields.Monetary(readonly=True)
    actual = fields.Monetary(readonly=True)
    variance = fields.Monetary(readonly=True, help="Actual − budget.")
    # In a group: the ratio of the summed actuals to the summed budgets (see _read_group_select).
    achievement = fields.Float(string="Achievement (%)", digits=(16, 1), readonly=True, help="Actual ÷ budget.")

    @property
    def _table_query(self):
        kind_types = SQL(
            "CASE b.kind %s END",
            SQL(" ").join(SQL("WHEN %s THEN %s", kind, list(types)) for kind, types in KIND_ACCOUNT_TYPES.items()),
        )
        return SQL(
            """
            WITH actual AS (
                -- the posted balance per store, month and account, over the stores and months budgeted
                SELECT aml.company_id,
                       date_trunc('month', aml.date)::date AS month,
                       aml.account_id,
                       acc.account_type,
                       SUM(aml.balance) AS balance
                  FROM account_move_line aml
                  JOIN account_account acc ON acc.id = aml.account_id
                 WHERE aml.parent_state = 'posted'
                   AND aml.company_id IN (SELECT company_id FROM dealer_kpi_budget)
                   AND aml.date >= (SELECT MIN(month) FROM dealer_kpi_budget)
                   AND aml.date < (SELECT MAX(month) FROM dealer_kpi_budget) + INTERVAL '1 month'
                 GROUP BY 1, 2, 3, 4
            ), chosen AS (
                SELECT budget_id, ARRAY_AGG(account_id) AS account_ids
                  FROM dealer_kpi_budget_account_rel
                 GROUP BY budget_id
            ), line AS (
                SELECT b.id, b.id AS budget_id, b.company_id, b.month, b.kind, b.name, b.amount AS budget,
                       CASE WHEN b.kind = 'revenue' THEN -1 ELSE 1 END * COALESCE(SUM(actual.balance), 0) AS actual
                  FROM dealer_kpi_budget b
                  LEFT JOIN chosen ON chosen.budget_id = b.id
                  LEFT JOIN actual
                         ON actual.company_id = b.company_id
                        AND actual.month = b.month
                        AND CASE WHEN chosen.account_ids IS NOT NULL
                                 THEN actual.account_id = ANY(chosen.account_ids)
                                 ELSE actual.account_type = ANY(%(kind_types)s::varchar[]) END
                 GROUP BY b.id
            )
            SELECT line.*,
                   line.actual - line.budget AS variance,
                   CASE WHEN line.budget != 0 THEN line.actual / line.budget * 100 END AS achievement
              FROM line
            """,
            kind_types=kind_types,
        )

    def _read_group_select(self, aggregate_spec, query):
        """Achievement of a group: its summed actual over its summed budget, not a sum of rates."""
        if aggregate_spec in ("achievement:sum", "achievement:avg"):
            actual = self._field_to_sql(self._table, "actual", query)
            budget = self._field_to_sql(self._table, "budget", query)
            return SQL("SUM(%s) / NULLIF(SUM(%s), 0) * 100", actual, budget)
        return super()._read_group_select(aggregate_spec, query)
