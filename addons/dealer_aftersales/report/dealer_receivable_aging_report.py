from odoo import fields, models
from odoo.tools import SQL

from ..models.res_partner import AGING_BUCKETS, PAYER_KINDS


class DealerReceivableAgingReport(models.Model):
    _name = "dealer.receivable.aging.report"
    _inherit = ["dealer.inventory.report.mixin"]
    _description = "Receivables Aging"
    _auto = False
    _depends = {
        "account.move.line": [
            "account_id",
            "partner_id",
            "company_id",
            "move_id",
            "balance",
            "date_maturity",
            "parent_state",
        ],
        "account.partial.reconcile": ["debit_move_id", "credit_move_id", "amount", "max_date"],
        "account.account": ["account_type"],
        "res.partner": ["dealer_is_insurer"],
        "fleet.vehicle.model.brand": ["warranty_partner_id"],
    }
    _order = "days_overdue desc, id"

    move_id = fields.Many2one("account.move", string="Document", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Owed By", readonly=True)
    payer_kind = fields.Selection(PAYER_KINDS, string="Payer", readonly=True)
    due_date = fields.Date(readonly=True)
    days_overdue = fields.Integer(readonly=True, aggregator="max")
    bucket = fields.Selection(AGING_BUCKETS, string="Overdue", readonly=True)
    residual = fields.Monetary(string="Open Amount", readonly=True, currency_field="currency_id")

    @property
    def _table_query(self):
        return self.env["dealer.receivable.analysis"]._aging_sql(self._report_date(), self.env.companies)

    # The buckets sort in age order (not due first, dead debt last), as the selection lists them,
    # not in the alphabetical order of their keys: in the pivot's columns, the list's groups and a
    # list sorted by the column.
    @staticmethod
    def _bucket_rank_sql(bucket):
        return SQL("ARRAY_POSITION(%s::varchar[], %s::varchar)", [key for key, __ in AGING_BUCKETS], bucket)

    def _read_group_orderby(self, order, groupby_terms, query):
        if "bucket" in groupby_terms:
            groupby_terms = {**groupby_terms, "bucket": self._bucket_rank_sql(groupby_terms["bucket"])}
        return super()._read_group_orderby(order, groupby_terms, query)

    def _order_field_to_sql(self, alias, field_name, direction, nulls, query):
        if field_name == "bucket":
            bucket = self._field_to_sql(alias, field_name, query)
            return SQL("%s %s %s", self._bucket_rank_sql(bucket), direction, nulls)
        return super()._order_field_to_sql(alias, field_name, direction, nulls, query)
