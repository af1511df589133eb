from odoo import api, fields, models

from ..models.dealer_insurance_claim import DIFFERENCE_HANDLING
from ..tools import ACCOUNTANT, requires_role


class DealerInsuranceSettleWizard(models.TransientModel):
    _name = "dealer.insurance.settle.wizard"
    _description = "Settle an Insurance Claim"

    claim_id = fields.Many2one("dealer.insurance.claim", required=True, readonly=True)
    company_id = fields.Many2one(related="claim_id.company_id")
    currency_id = fields.Many2one(related="claim_id.currency_id")
    amount_open = fields.Monetary(related="claim_id.amount_open")
    amount = fields.Monetary(string="Paid by the Insurer", required=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    journal_id = fields.Many2one(
        "account.journal",
        string="Bank",
        required=True,
        domain="[('type', 'in', ('bank', 'cash')), ('company_id', '=', company_id)]",
        default=lambda self: self.env["account.journal"].search(
            [*self.env["account.journal"]._check_company_domain(self.env.company), ("type", "=", "bank")], limit=1
        ),
    )
    difference = fields.Monetary(compute="_compute_difference")
    difference_handling = fields.Selection(
        DIFFERENCE_HANDLING,
        default="open",
        required=True,
    )
    reason = fields.Char()

    @api.depends("amount", "amount_open")
    def _compute_difference(self):
        for wizard in self:
            wizard.difference = wizard.amount_open - wizard.amount

    @requires_role(ACCOUNTANT)
    def action_confirm(self):
        self.ensure_one()
        self.claim_id._settle(self.amount, self.journal_id, self.date, self.difference_handling, self.reason)
        return {"type": "ir.actions.act_window_close"}
