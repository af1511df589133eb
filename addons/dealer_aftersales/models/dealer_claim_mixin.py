from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import format_amount


class DealerClaimMixin(models.AbstractModel):
    """What insurance and warranty claims share: a number from their sequence, the store, its
    currency, chatter, and the refusal of a step in the wrong state."""

    _name = "dealer.claim.mixin"
    _description = "After-Sales Claim"
    _inherit = ["mail.thread", "mail.activity.mixin", "dealer.guarded.mixin"]
    _check_company_auto = True
    _sequence_code = None

    name = fields.Char(string="Claim", required=True, readonly=True, copy=False, default=lambda self: _("New"))
    company_id = fields.Many2one(
        "res.company", string="Store", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", _("New")) == _("New"):
                # The store's own numbering (see res.company._dealer_setup_sequences), else the shared one.
                store = vals.get("company_id") or self.env.company.id
                vals["name"] = self.env["ir.sequence"].with_company(store).next_by_code(self._sequence_code) or _("New")
        return super().create(vals_list)

    def _money(self, amount):
        return format_amount(self.env, amount, self.currency_id)

    def _check_state(self, *states):
        labels = dict(self._fields["state"]._description_selection(self.env))
        for claim in self:
            if claim.state not in states:
                raise UserError(
                    _(
                        "%(claim)s is %(state)s: this step needs it %(states)s.",
                        claim=claim.name,
                        state=labels[claim.state],
                        states=" / ".join(labels[state] for state in states),
                    )
                )
