from odoo import api, fields, models

from .dealer_pay_type import PAY_TYPES
from .dealer_repair_labor import MONEY_GROUPS


class StockMove(models.Model):
    _inherit = "stock.move"

    dealer_pay_type = fields.Selection(PAY_TYPES, string="Pay Type", default="customer")
    dealer_price_unit = fields.Float(
        string="Sale Price",
        digits="Product Price",
        compute="_compute_dealer_price_unit",
        store=True,
        readonly=False,
        groups=MONEY_GROUPS,
    )
    dealer_discount = fields.Float(string="Discount (%)", digits=(16, 2), groups=MONEY_GROUPS)
    dealer_consumable = fields.Selection(related="product_id.categ_id.dealer_consumable", store=True)
    dealer_amount = fields.Float(
        string="Amount", digits="Product Price", compute="_compute_dealer_amount", store=True, groups=MONEY_GROUPS
    )

    @api.depends("product_id", "repair_id")
    def _compute_dealer_price_unit(self):
        for move in self:
            if move.repair_id and move.repair_line_type == "add":
                move.dealer_price_unit = move.dealer_price_unit or move.product_id.lst_price
            else:
                move.dealer_price_unit = move.dealer_price_unit or 0.0

    @api.depends("dealer_price_unit", "dealer_discount", "product_uom_qty", "quantity", "state", "repair_line_type")
    def _compute_dealer_amount(self):
        for move in self:
            if not move.repair_id or move.repair_line_type != "add" or move.state == "cancel":
                move.dealer_amount = 0.0
                continue
            amount = move._dealer_billed_qty() * move.dealer_price_unit * (1 - move.dealer_discount / 100)
            move.dealer_amount = move.company_id.currency_id.round(amount)

    def _dealer_billed_qty(self):
        """Parts are billed as issued once the repair is done, as requested before."""
        self.ensure_one()
        return self.quantity if self.state == "done" else self.product_uom_qty
