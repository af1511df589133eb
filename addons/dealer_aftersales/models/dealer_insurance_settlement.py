from odoo import _, fields, models
from odoo.exceptions import UserError


class DealerInsuranceSettlement(models.Model):
    """What the insurer paid on a claim and what became of the rest; written only by settling
    (the wizard or a remittance), so that the claim's paid amounts follow real payments."""

    _name = "dealer.insurance.settlement"
    _inherit = ["dealer.guarded.mixin"]
    _description = "Insurance Claim Settlement"
    _order = "date desc, id desc"

    claim_id = fields.Many2one("dealer.insurance.claim", required=True, ondelete="restrict", index=True)
    company_id = fields.Many2one(related="claim_id.company_id", store=True)
    currency_id = fields.Many2one(related="claim_id.currency_id")
    remittance_id = fields.Many2one("dealer.insurance.remittance", ondelete="restrict", index="btree_not_null")
    date = fields.Date(required=True)
    amount_paid = fields.Monetary(string="Paid")
    amount_difference = fields.Monetary(string="Difference")
    difference_handling = fields.Selection(
        [("open", "Left Open"), ("writeoff", "Written Off"), ("rebill", "Re-billed to Customer")],
        required=True,
        default="open",
    )
    reason = fields.Char()
    payment_id = fields.Many2one("account.payment", readonly=True)
    move_ids = fields.Many2many("account.move", string="Entries", readonly=True)

    def _dealer_check_guarded_create(self, vals):
        raise UserError(_("A settlement is recorded by settling the claim (Settle, or a remittance)."))

    def _dealer_check_guarded_write(self, vals):
        raise UserError(_("A settlement is recorded by settling the claim and is not changed afterwards."))
