from odoo import fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    dealer_vehicle_id = fields.Many2one("dealer.vehicle", string="Vehicle", index=True, check_company=True)
