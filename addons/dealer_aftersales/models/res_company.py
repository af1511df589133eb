from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    dealer_comeback_days = fields.Integer(
        string="Comeback Window (Days)",
        default=30,
        help="A vehicle back for the same symptom within this many days of the previous order's completion "
        "is a comeback.",
    )
