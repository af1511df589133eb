from odoo import fields, models

from ..models.res_partner import AGING_BUCKETS, PAYER_KINDS
from ..tools import to_date


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
