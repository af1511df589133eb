from odoo import fields, models


class DealerRepairComplaint(models.Model):
    _name = "dealer.repair.complaint"
    _description = "Customer Complaint"
    _order = "sequence, id"

    repair_id = fields.Many2one("repair.order", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="repair_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Text(string="Customer's Words", required=True)
    symptom_id = fields.Many2one("dealer.repair.symptom")
