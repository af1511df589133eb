"""The go-live's opening balances in the after-sales reconciliation: the opening stock and the
opening receivables of the done imports against their opening-balance account."""

from odoo import api, models
from odoo.tools import SQL


class DealerReconciliationAnalysis(models.AbstractModel):
    _inherit = "dealer.reconciliation.analysis"

    @api.model
    def _golive_entries_sql(self, company, date=None):
        """The opening entries and open invoices of the store's done imports (up to ``date``)."""
        field = self.env["dealer.golive.import"]._fields["entry_ids"]
        return SQL(
            """
            SELECT rel.%(move_col)s AS move_id FROM %(rel)s rel
              JOIN dealer_golive_import job ON job.id = rel.%(job_col)s
             WHERE job.state = 'done' AND job.company_id = %(company)s AND job.golive_date <= %(date)s
            """,
            rel=SQL.identifier(field.relation),
            move_col=SQL.identifier(field.column2),
            job_col=SQL.identifier(field.column1),
            company=company.id,
            date=date or "2100-12-31",
        )

    @api.model
    def _receivable_moves_sql(self, company):
        # The opening receivables are the old system's after-sales invoices.
        return SQL("%s UNION %s", super()._receivable_moves_sql(company), self._golive_entries_sql(company))

    @api.model
    def _reconcile_lines(self, date, company):
        lines = super()._reconcile_lines(date, company)
        jobs = (
            self.env["dealer.golive.import"]
            .sudo()
            .search([("company_id", "=", company.id), ("state", "=", "done"), ("golive_date", "<=", date)])
        )
        accounts = jobs.opening_account_id
        if accounts:
            lines.append(self._line_opening(date, company, accounts))
        return lines

    @api.model
    def _line_opening(self, date, company, accounts):
        """After-sales: the opening stock booked (its layers' value) and the opening receivables
        (their invoices' totals); ledger: the credit balance of the opening-balance accounts."""
        entries = self._golive_entries_sql(company, date)
        self.env.cr.execute(
            SQL(
                """
                SELECT am.id,
                       COALESCE((SELECT SUM(svl.value) FROM stock_valuation_layer svl
                                  WHERE svl.account_move_id = am.id), 0)
                       + CASE WHEN am.move_type = 'out_invoice' THEN am.amount_total_signed ELSE 0 END
                  FROM account_move am
                 WHERE am.id IN (%(entries)s) AND am.state = 'posted' AND am.date <= %(date)s
                """,
                entries=entries,
                date=date,
            )
        )
        documents = {("account.move", move_id): [float(amount), 0.0] for move_id, amount in self.env.cr.fetchall()}
        self.env.cr.execute(
            SQL(
                """
                SELECT aml.move_id, -SUM(aml.balance) FROM account_move_line aml
                 WHERE aml.company_id = %(company)s AND aml.account_id IN %(accounts)s
                   AND aml.parent_state = 'posted' AND aml.date <= %(date)s
                 GROUP BY aml.move_id
                """,
                company=company.id,
                accounts=tuple(accounts.ids),
                date=date,
            )
        )
        for move_id, balance in self.env.cr.fetchall():
            documents.setdefault(("account.move", move_id), [0.0, 0.0])[1] += float(balance)
        aftersales = sum(amounts[0] for amounts in documents.values())
        ledger = sum(amounts[1] for amounts in documents.values())
        return self._line(company, "opening", self.env._("Go-live opening balances"), aftersales, ledger, documents)
