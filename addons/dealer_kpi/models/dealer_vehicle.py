from odoo import fields, models


class DealerVehicle(models.Model):
    _inherit = "dealer.vehicle"

    dealer_reminder_due_date = fields.Date(
        string="Reminded for Due Date",
        readonly=True,
        copy=False,
        help="The predicted service due date the customer was last reminded of.",
    )
    dealer_lead_ids = fields.One2many("crm.lead", "dealer_vehicle_id", string="Retention Leads")
