from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..tools import MONEY_GROUPS, PAY_TYPES
from .dealer_guarded_mixin import PRICE_CEILING
from .repair_order import SERVICE_TYPES


class DealerServiceHistory(models.Model):
    """A visit of a vehicle before the store worked in Odoo (the old DMS's repair orders, brought
    in at go-live) or at another workshop: the vehicle form lists it with the store's own orders,
    and the service due date, comebacks and retention count it as a visit. It has no stock moves
    and no invoices: those stayed in the old system's books."""

    _name = "dealer.service.history"
    _description = "Earlier Service Visit"
    _inherit = ["dealer.guarded.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True
    _dealer_bounds = {"odometer": (0, 2_000_000), "amount": (0, PRICE_CEILING)}

    vehicle_id = fields.Many2one("dealer.vehicle", required=True, ondelete="cascade", index=True, check_company=True)
    company_id = fields.Many2one(
        "res.company", string="Store", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(string="Service Date", required=True, index=True)
    odometer = fields.Integer(string="Odometer (km)")
    service_type = fields.Selection(SERVICE_TYPES, default="maintenance", required=True)
    reference = fields.Char(string="Old Order Number", help="The repair order's number in the system it comes from.")
    description = fields.Text(string="Work Done")
    symptom_ids = fields.Many2many("dealer.repair.symptom", string="Symptoms")
    amount = fields.Monetary(string="Amount Billed", groups=MONEY_GROUPS)
    pay_type = fields.Selection(PAY_TYPES, string="Paid By", default="customer", required=True)
    source = fields.Char(help="Where the record comes from (the old system, another workshop).")

    _sql_constraints = [
        (
            "reference_unique",
            "UNIQUE(company_id, vehicle_id, reference)",
            "This vehicle already has an earlier visit with this order number.",
        ),
    ]

    @api.depends("date", "reference")
    def _compute_display_name(self):
        for visit in self:
            visit.display_name = " ".join(filter(None, [fields.Date.to_string(visit.date), visit.reference]))

    @api.constrains("date", "odometer")
    def _check_date(self):
        today = fields.Date.context_today(self)
        for visit in self:
            if visit.date > today:
                raise ValidationError(_("An earlier visit cannot be dated in the future (%(date)s).", date=visit.date))
            if visit.odometer < 0:
                raise ValidationError(_("An odometer reading cannot be negative."))

    @api.model_create_multi
    def create(self, vals_list):
        visits = super().create(vals_list)
        visits._dealer_update_last_service()
        return visits

    def _dealer_update_last_service(self):
        """The vehicles' last service: the latest customer visit (PDI and internal work left out),
        when it is later than what the vehicle records."""
        latest = {}
        for visit in self.filtered(lambda v: v.service_type != "pdi" and v.pay_type != "internal"):
            if visit.vehicle_id not in latest or (visit.date, visit.odometer) > latest[visit.vehicle_id]:
                latest[visit.vehicle_id] = (visit.date, visit.odometer)
        for vehicle, (date, odometer) in latest.items():
            if not vehicle.last_service_date or vehicle.last_service_date < date:
                vehicle.write({"last_service_date": date, "last_service_km": odometer})
