from odoo import fields, models


class HrEmployeePublic(models.Model):
    """Whether an employee takes workshop jobs is public: the workshop board and the booking
    of appointments show technicians to advisors and technicians, who are not HR users."""

    _inherit = "hr.employee.public"

    dealer_is_technician = fields.Boolean(string="Workshop Technician", readonly=True)
