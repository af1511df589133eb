from odoo import fields, models

from .dealer_pay_type import PAY_TYPES


class AccountMove(models.Model):
    _inherit = "account.move"

    dealer_pay_type = fields.Selection(PAY_TYPES, string="After-Sales Pay Type", readonly=True, copy=False)
    dealer_repair_ids = fields.Many2many(
        "repair.order",
        "repair_order_dealer_move_rel",
        "move_id",
        "repair_id",
        string="Repair Orders",
        readonly=True,
        copy=False,
    )
