from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    dealer_comeback_days = fields.Integer(
        string="Comeback Window (Days)",
        default=30,
        help="A vehicle back for the same symptom within this many days of the previous order's completion "
        "is a comeback.",
    )
    dealer_callback_days = fields.Integer(
        string="Follow-Up Call After (Days)",
        default=3,
        help="Days after delivery when the service advisor calls the customer (回访).",
    )
    dealer_csi_survey_id = fields.Many2one(
        "survey.survey",
        string="Satisfaction Survey",
        help="Sent to the customer when the car is handed over; its answers make the CSI score.",
    )
