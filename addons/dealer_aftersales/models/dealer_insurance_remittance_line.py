from odoo import fields, models

from .dealer_guarded_mixin import PRICE_CEILING
from .dealer_insurance_claim import DIFFERENCE_HANDLING


class DealerInsuranceRemittanceLine(models.Model):
    _name = "dealer.insurance.remittance.line"
    _inherit = ["dealer.guarded.mixin"]
    _description = "Insurer Remittance Line"
    _order = "remittance_id, id"

    remittance_id = fields.Many2one("dealer.insurance.remittance", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="remittance_id.company_id", store=True)
    currency_id = fields.Many2one(related="remittance_id.currency_id")
    reference = fields.Char(
        string="Report Number", required=True, help="The insurer's report number or the claim number."
    )
    amount = fields.Monetary(string="Paid", required=True)
    claim_id = fields.Many2one("dealer.insurance.claim", readonly=True)
    amount_open = fields.Monetary(related="claim_id.amount_open", string="Open")
    difference_handling = fields.Selection(
        DIFFERENCE_HANDLING,
        string="Difference",
        default="open",
        required=True,
    )
    reason = fields.Char()

    _dealer_guarded_fields = {"claim_id": ()}
    _dealer_bounds = {"amount": (0, PRICE_CEILING)}

    _dealer_parent = "remittance_id"
