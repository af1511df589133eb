"""After-sales against the general ledger (售后与总账核对): at a date, for each store, what after-sales
says (repair orders, claims, their invoices, the stock layers) next to the balance of the accounts
that should say the same, and every document that explains a difference."""

from odoo import api, models
from odoo.tools import SQL

from ..tools import ACCOUNTANT, lang_env, requires_role, to_date


class DealerReconciliationAnalysis(models.AbstractModel):
    _name = "dealer.reconciliation.analysis"
    _inherit = ["dealer.store.mixin"]
    _description = "After-Sales and General Ledger Reconciliation"

    @api.model
    @requires_role(ACCOUNTANT)
    def reconcile(self, date, companies=None):
        """The reconciliation at the end of ``date`` per store id: ``{company_id: {"store": name,
        "currency": code, "lines": [line, ...]}}``, each line ``{"key", "name", "aftersales",
        "ledger", "difference", "documents"}`` (difference = after-sales − ledger) and each document
        ``{"model", "id", "name", "aftersales", "ledger", "difference"}``: the documents that
        explain the line's difference (for the orders not invoiced, every order)."""
        analysis = self.with_env(lang_env(self.env))
        date = to_date(analysis.env, date)
        companies = analysis._check_companies(
            companies,
            refusal=lambda stores: analysis.env._(
                "You are not allowed to see the accounts of %(stores)s.", stores=stores
            ),
        )
        analysis.env.flush_all()
        result = {}
        for company in companies:
            lines = analysis._reconcile_lines(date, company)
            result[company.id] = {"store": company.name, "currency": company.currency_id.name, "lines": lines}
        return result

    # ------------------------------------------------------------------ hooks

    @api.model
    def _reconcile_lines(self, date, company):
        """The lines of one store; other addons append theirs (dealer_golive: the opening balances)."""
        return [
            self._line_unbilled(date, company),
            self._line_receivable(date, company),
            self._line_stock(date, company),
        ]

    @api.model
    def _receivable_moves_sql(self, company):
        """The journal entries whose receivables after-sales accounts for: the repair orders'
        invoices and entries, the claims' invoices and re-billing entries (dealer_golive adds the
        opening receivables)."""
        Claim = self.env["dealer.warranty.claim"]
        rebill = Claim._fields["rebill_move_ids"]
        return SQL(
            """
            SELECT rel.move_id FROM repair_order_dealer_move_rel rel
              JOIN repair_order ro ON ro.id = rel.repair_id WHERE ro.company_id = %(company)s
            UNION SELECT invoice_id FROM dealer_insurance_claim
                   WHERE company_id = %(company)s AND invoice_id IS NOT NULL
            UNION SELECT invoice_id FROM dealer_warranty_claim
                   WHERE company_id = %(company)s AND invoice_id IS NOT NULL
            UNION SELECT rel.%(move_col)s FROM %(rebill)s rel
              JOIN dealer_warranty_claim wc ON wc.id = rel.%(claim_col)s WHERE wc.company_id = %(company)s
            """,
            company=company.id,
            rebill=SQL.identifier(rebill.relation),
            move_col=SQL.identifier(rebill.column2),
            claim_col=SQL.identifier(rebill.column1),
        )

    # ------------------------------------------------------------------ helpers

    @api.model
    def _line(self, company, key, name, aftersales, ledger, documents, keep_all=False):
        """A line from its totals and ``documents`` ``{(model, id): [after-sales, ledger]}``: the
        documents whose sides differ (all of them with ``keep_all``), named and sorted."""
        currency = company.currency_id
        kept = {
            doc: (currency.round(amounts[0]), currency.round(amounts[1]))
            for doc, amounts in documents.items()
            if keep_all or not currency.is_zero(amounts[0] - amounts[1])
        }
        names = {}
        by_model = {}
        for model, record_id in kept:
            by_model.setdefault(model, []).append(record_id)
        for model, ids in by_model.items():
            for record in self.env[model].sudo().browse(ids):
                names[(model, record.id)] = record.display_name
        docs = [
            {
                "model": model,
                "id": record_id,
                "name": names.get((model, record_id), str(record_id)),
                "aftersales": amounts[0],
                "ledger": amounts[1],
                "difference": currency.round(amounts[0] - amounts[1]),
            }
            for (model, record_id), amounts in sorted(kept.items())
        ]
        return {
            "key": key,
            "name": name,
            "aftersales": currency.round(aftersales),
            "ledger": currency.round(ledger),
            "difference": currency.round(aftersales - ledger),
            "documents": docs,
        }

    @api.model
    def _local_date(self, column, company):
        return SQL("(%s AT TIME ZONE 'UTC' AT TIME ZONE %s)::date", column, company._dealer_tz())

    # ------------------------------------------------------------------ the lines

    @api.model
    def _line_unbilled(self, date, company):
        """Orders repaired by ``date`` whose non-internal amount has no invoice posted by then: a
        list of work to invoice; nothing of it is in the ledger yet."""
        self.env.cr.execute(
            SQL(
                """
                SELECT ro.id, COALESCE(ro.amount_customer, 0) + COALESCE(ro.amount_insurance, 0)
                              + COALESCE(ro.amount_warranty, 0)
                  FROM repair_order ro
                 WHERE ro.company_id = %(company)s AND ro.state = 'done'
                   AND %(done)s <= %(date)s
                   AND COALESCE(ro.amount_customer, 0) + COALESCE(ro.amount_insurance, 0)
                       + COALESCE(ro.amount_warranty, 0) != 0
                   AND NOT EXISTS (
                        SELECT 1 FROM repair_order_dealer_move_rel rel
                          JOIN account_move am ON am.id = rel.move_id
                         WHERE rel.repair_id = ro.id AND am.move_type = 'out_invoice'
                           AND am.state = 'posted' AND am.date <= %(date)s)
                """,
                company=company.id,
                date=date,
                done=self._local_date(SQL("COALESCE(ro.completion_time, ro.write_date)"), company),
            )
        )
        documents = {("repair.order", repair_id): [float(amount), 0.0] for repair_id, amount in self.env.cr.fetchall()}
        total = sum(amounts[0] for amounts in documents.values())
        return self._line(
            company, "unbilled", self.env._("Repaired, not invoiced"), total, 0.0, documents, keep_all=True
        )

    @api.model
    def _line_receivable(self, date, company):
        """What customers, insurers and the manufacturer still owe on the after-sales invoices
        (their receivable lines less what was reconciled with them by ``date``) against the balance
        of the receivable accounts; any other receivable still open then is a difference."""
        self.env.cr.execute(
            SQL(
                """
                WITH known AS (%(known)s),
                line AS (
                    SELECT aml.move_id, aml.balance, aml.move_id IN (SELECT move_id FROM known) AS aftersales,
                           %(residual)s AS residual
                      FROM account_move_line aml
                      JOIN account_account acc ON acc.id = aml.account_id
                     WHERE acc.account_type = 'asset_receivable'
                       AND aml.parent_state = 'posted'
                       AND aml.company_id = %(company)s
                       AND aml.date <= %(date)s
                )
                SELECT move_id, aftersales, SUM(balance), SUM(residual) FROM line GROUP BY move_id, aftersales
                """,
                known=self._receivable_moves_sql(company),
                residual=self.env["dealer.receivable.analysis"]._residual_sql(date),
                company=company.id,
                date=date,
            )
        )
        aftersales = ledger = 0.0
        documents = {}
        for move_id, known, balance, residual in self.env.cr.fetchall():
            ledger += float(balance)
            if known:
                aftersales += float(residual)
            else:
                # Open at the date and not an after-sales invoice: what makes the difference.
                documents[("account.move", move_id)] = [0.0, float(residual)]
        return self._line(
            company, "receivable", self.env._("Receivables of after-sales invoices"), aftersales, ledger, documents
        )

    @api.model
    def _stock_categories(self, company):
        """{category id: stock valuation account id} of the categories valued in real time."""
        categories = self.env["product.category"].sudo().with_company(company).search([])
        return {
            category.id: category.property_stock_valuation_account_id.id
            for category in categories
            if category.property_valuation == "real_time" and category.property_stock_valuation_account_id
        }

    @api.model
    def _line_stock(self, date, company):
        """The value of the stock layers of the products valued in real time against the balance of
        their categories' stock valuation accounts, compared entry by entry (a layer without entry
        is compared with nothing). A layer counts from its entry's date (the day the ledger has it),
        a layer without entry from the day it was made in the store's time zone."""
        categories = self._stock_categories(company)
        documents = {}
        aftersales = ledger = 0.0
        if categories:
            self.env.cr.execute(
                SQL(
                    """
                    SELECT svl.account_move_id, svl.stock_move_id, MIN(svl.id), SUM(svl.value)
                      FROM stock_valuation_layer svl
                      JOIN product_product pp ON pp.id = svl.product_id
                      JOIN product_template pt ON pt.id = pp.product_tmpl_id
                      LEFT JOIN account_move am ON am.id = svl.account_move_id
                     WHERE svl.company_id = %(company)s AND pt.categ_id IN %(categories)s
                       AND COALESCE(am.date, %(created)s) <= %(date)s
                     GROUP BY svl.account_move_id, svl.stock_move_id
                    """,
                    company=company.id,
                    categories=tuple(categories),
                    date=date,
                    created=self._local_date(SQL("svl.create_date"), company),
                )
            )
            for move_id, stock_move_id, layer_id, value in self.env.cr.fetchall():
                if move_id:
                    doc = ("account.move", move_id)
                elif stock_move_id:
                    doc = ("stock.move", stock_move_id)
                else:
                    doc = ("stock.valuation.layer", layer_id)
                documents.setdefault(doc, [0.0, 0.0])[0] += float(value)
                aftersales += float(value)
            self.env.cr.execute(
                SQL(
                    """
                    SELECT aml.move_id, SUM(aml.balance) FROM account_move_line aml
                     WHERE aml.company_id = %(company)s AND aml.account_id IN %(accounts)s
                       AND aml.parent_state = 'posted' AND aml.date <= %(date)s
                     GROUP BY aml.move_id
                    """,
                    company=company.id,
                    accounts=tuple(set(categories.values())),
                    date=date,
                )
            )
            for move_id, balance in self.env.cr.fetchall():
                documents.setdefault(("account.move", move_id), [0.0, 0.0])[1] += float(balance)
                ledger += float(balance)
        return self._line(
            company, "stock", self.env._("Stock value (real-time valuation)"), aftersales, ledger, documents
        )
