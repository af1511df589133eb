from odoo import fields, models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    dealer_is_technician = fields.Boolean(
        string="Workshop Technician", help="Takes workshop jobs: appointments and repair labor lines."
    )
    dealer_skill_ids = fields.Many2many(
        "dealer.service.type",
        string="Workshop Skills",
        help="Service types this technician takes; none means all.",
    )
