from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    dealer_is_insurer = fields.Boolean(string="Insurer", help="An insurance company that pays accident repairs.")
