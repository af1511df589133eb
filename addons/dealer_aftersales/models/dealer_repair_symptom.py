from odoo import fields, models


class DealerRepairSymptom(models.Model):
    """What a complaint is about, so that a return for the same problem is found."""

    _name = "dealer.repair.symptom"
    _description = "Complaint Symptom"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", string="Store", index=True, help="Empty: shared by all stores.")

    _sql_constraints = [("name_unique", "UNIQUE(name)", "This symptom already exists.")]
