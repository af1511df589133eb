from odoo import fields, models


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    dealer_repair_id = fields.Many2one("repair.order", string="Repair Order", index=True, readonly=True)
