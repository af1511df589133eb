"""What customers, insurers and the manufacturer owe the store (应收), insurance policies sold by
the store, and insurers' referrals."""

from odoo import api, models
from odoo.tools import SQL

from ..tools import ACCOUNTANT, requires_role, to_date
from .res_partner import AGING_BUCKETS


class DealerReceivableAnalysis(models.AbstractModel):
    _name = "dealer.receivable.analysis"
    _inherit = ["dealer.store.mixin"]
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
                       %(residual)s AS residual
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
            residual=self._residual_sql(date),
        )

    @api.model
    def _residual_sql(self, date, line="aml"):
        """What was still open at the end of ``date`` of the journal item ``line``: its balance less
        what was reconciled with it by then."""
        return SQL(
            """%(line)s.balance
               - COALESCE((SELECT SUM(p.amount) FROM account_partial_reconcile p
                            WHERE p.debit_move_id = %(line)s.id AND p.max_date <= %(date)s), 0)
               + COALESCE((SELECT SUM(p.amount) FROM account_partial_reconcile p
                            WHERE p.credit_move_id = %(line)s.id AND p.max_date <= %(date)s), 0)""",
            line=SQL.identifier(line),
            date=date,
        )

    @api.model
    @requires_role(ACCOUNTANT)
    def aging(self, date, companies=None):
        """Open receivables at the end of ``date`` per store id (and ``False`` for the stores
        together): ``{company_id: {bucket: amount, ..., "total": amount}}``; ``bad`` and ``dead``
        are ``ar_bad_debt`` (overdue 6 to 12 months) and ``ar_dead_debt`` (over 12 months) —
        ``ar_bad_debt`` counts both when read as "overdue more than 6 months"."""
        companies = self._check_companies(companies)
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
