from odoo import api, fields, models

from odoo.addons.base.models.res_partner import _tz_get

from ..models.res_company import ADMIN
from ..tools import MANAGER, requires_role


class DealerStoreTzWizard(models.TransientModel):
    """Change a store's time zone on purpose, once closed months were counted in the old one."""

    _name = "dealer.store.tz.wizard"
    _description = "Change a Store's Time Zone"

    company_id = fields.Many2one(
        "res.company", string="Store", required=True, readonly=True, default=lambda self: self.env.company
    )
    current_tz = fields.Char(string="Current Time Zone", compute="_compute_closed")
    closed = fields.Text(string="Kept as Computed", compute="_compute_closed")
    tz = fields.Selection(_tz_get, string="New Time Zone", required=True)
    reason = fields.Text(required=True)

    @api.depends("company_id")
    def _compute_closed(self):
        for wizard in self:
            company = wizard.company_id.sudo()
            wizard.current_tz = company._dealer_tz() if company else False
            wizard.closed = "\n".join(company._dealer_tz_closed_periods()) if company else False

    @requires_role(MANAGER, ADMIN)
    def action_confirm(self):
        self.ensure_one()
        self.company_id.action_dealer_change_tz(self.tz, self.reason)
        return {"type": "ir.actions.client", "tag": "soft_reload"}
