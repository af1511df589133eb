from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .dealer_guarded_mixin import PRICE_CEILING


class DealerInsuranceClaimLine(models.Model):
    _name = "dealer.insurance.claim.line"
    _inherit = ["dealer.guarded.mixin"]
    _description = "Loss Assessment Line"
    _order = "claim_id, sequence, id"

    claim_id = fields.Many2one("dealer.insurance.claim", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="claim_id.company_id", store=True)
    currency_id = fields.Many2one(related="claim_id.currency_id")
    sequence = fields.Integer(default=10)
    kind = fields.Selection(
        [("labor", "Labor"), ("parts", "Parts"), ("paint", "Paint")], default="parts", required=True
    )
    name = fields.Char(string="Item", required=True)
    amount = fields.Monetary(required=True)
    covered = fields.Boolean(default=True, help="Not covered items are the customer's.")

    _dealer_bounds = {"amount": (None, PRICE_CEILING)}
    _dealer_parent = "claim_id"

    @api.constrains("amount")
    def _check_amount(self):
        for line in self:
            if line.amount <= 0:
                raise ValidationError(_("An assessed item needs a positive amount."))
