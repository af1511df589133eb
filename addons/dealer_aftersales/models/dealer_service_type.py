from odoo import fields, models


class DealerServiceType(models.Model):
    """A technician's skill: the kinds of service they take."""

    _name = "dealer.service.type"
    _description = "Technician Skill"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="The service type of appointments and repair orders it matches.")
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one("res.company", string="Store", index=True, help="Empty: shared by all stores.")

    _sql_constraints = [("code_unique", "UNIQUE(code)", "This skill already exists.")]
