from odoo import api, fields, models

from ..models.account_journal_cashier import PAYMENT_METHODS
from ..tools import ACCOUNTANT, requires_role


class DealerCashierWizard(models.TransientModel):
    """收银台: what the customer of a finished order pays with VAT, and the payments the cashier
    takes, by method (several for a split payment), the rest on account for a customer with credit.
    Advisors open it to tell the customer the amount; only the cashier (accountant) takes payment."""

    _name = "dealer.cashier.wizard"
    _description = "Cashier's Desk"
    _check_company_auto = True

    repair_id = fields.Many2one("repair.order", string="Repair Order", required=True, readonly=True, check_company=True)
    company_id = fields.Many2one(related="repair_id.company_id", store=True)
    currency_id = fields.Many2one(related="repair_id.company_id.currency_id", string="Currency")
    partner_id = fields.Many2one(related="repair_id.partner_id", string="Customer")
    license_plate = fields.Char(related="repair_id.license_plate")
    released = fields.Boolean(related="repair_id.dealer_released")
    amount_total = fields.Monetary(
        string="Customer to Pay (incl. VAT)", compute="_compute_amounts", currency_field="currency_id"
    )
    amount_residual = fields.Monetary(string="Still to Pay", compute="_compute_amounts", currency_field="currency_id")
    invoiced = fields.Boolean(
        compute="_compute_amounts", help="Whether the order is invoiced; if not, taking payment invoices it."
    )
    line_ids = fields.One2many("dealer.cashier.wizard.line", "wizard_id", string="Payments")
    amount_paid = fields.Monetary(string="Paid Now", compute="_compute_rest", currency_field="currency_id")
    amount_rest = fields.Monetary(string="Rest", compute="_compute_rest", currency_field="currency_id")
    on_account = fields.Boolean(
        string="Rest on Account",
        help="Leave what is not paid now on the customer's account (挂账): for account customers with credit only.",
    )
    can_collect = fields.Boolean(compute="_compute_can_collect")

    @api.depends("repair_id")
    def _compute_amounts(self):
        for wizard in self:
            repair = wizard.repair_id.sudo()
            wizard.amount_total = repair.amount_customer_total
            wizard.amount_residual = repair.dealer_customer_residual
            wizard.invoiced = bool(repair._dealer_active_moves()) if repair else False

    @api.depends("line_ids.amount", "amount_residual")
    def _compute_rest(self):
        for wizard in self:
            wizard.amount_paid = sum(wizard.line_ids.mapped("amount"))
            wizard.amount_rest = wizard.currency_id.round(wizard.amount_residual - wizard.amount_paid)

    @api.depends_context("uid")
    def _compute_can_collect(self):
        can = self.env.user.has_group(ACCOUNTANT)
        for wizard in self:
            wizard.can_collect = can and not wizard.released

    @requires_role(ACCOUNTANT)
    def action_confirm(self):
        """Take the payments entered, release the car and print the receipt."""
        self.ensure_one()
        repair = self.repair_id
        repair.action_dealer_collect(
            [{"method": line.method, "amount": line.amount} for line in self.line_ids], on_account=self.on_account
        )
        if self.line_ids:
            return self.env.ref("dealer_aftersales.action_report_dealer_receipt").report_action(repair)
        return {"type": "ir.actions.act_window_close"}


class DealerCashierWizardLine(models.TransientModel):
    _name = "dealer.cashier.wizard.line"
    _description = "Cashier's Desk Payment"

    wizard_id = fields.Many2one("dealer.cashier.wizard", required=True, ondelete="cascade")
    company_id = fields.Many2one(related="wizard_id.company_id", store=True)
    currency_id = fields.Many2one(related="wizard_id.currency_id")
    method = fields.Selection(PAYMENT_METHODS, string="Payment Method", required=True, default="cash")
    amount = fields.Monetary(currency_field="currency_id")
