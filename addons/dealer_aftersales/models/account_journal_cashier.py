from odoo import fields, models

# The ways a customer pays at the cashier's desk (收银台): code -> label. Cash goes to a cash
# journal, the others to bank journals (the provider settles them to the store's bank account).
PAYMENT_METHODS = [
    ("cash", "Cash"),
    ("wechat", "WeChat Pay"),
    ("alipay", "Alipay"),
    ("card", "Bank Card"),
]


class AccountJournal(models.Model):
    _inherit = "account.journal"

    dealer_payment_method = fields.Selection(
        PAYMENT_METHODS,
        string="Cashier Payment Method",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The way of paying at the after-sales cashier's desk this journal receives; set by the store's setup.",
    )
