from odoo import fields, models


class DealerVehicleOwner(models.Model):
    _name = "dealer.vehicle.owner"
    _description = "Vehicle Ownership"
    _order = "date_start desc, id desc"

    vehicle_id = fields.Many2one("dealer.vehicle", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="vehicle_id.company_id", store=True, index=True)
    partner_id = fields.Many2one("res.partner", string="Owner", required=True)
    date_start = fields.Date(string="From", required=True)
    date_end = fields.Date(string="To")
