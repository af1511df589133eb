from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools import MANAGER, lang_env
from .dealer_vehicle import VIN_CHECK_MODES


class FleetVehicleModelBrand(models.Model):
    _name = "fleet.vehicle.model.brand"
    _inherit = ["fleet.vehicle.model.brand", "dealer.guarded.mixin"]
    # As a vehicle's override (dealer.vehicle): 0 is "not used", which the bounds let through.
    _dealer_bounds = {
        "service_interval_months": (0, 120),
        "service_interval_km": (0, 200_000),
    }

    service_interval_months = fields.Integer(
        string="Service Interval (Months)",
        default=6,
        help="Months between two maintenance visits recommended by the manufacturer. "
        "0 if the manufacturer sets an interval in km only.",
    )
    service_interval_km = fields.Integer(
        string="Service Interval (km)",
        default=7500,
        help="Kilometres between two maintenance visits recommended by the manufacturer. "
        "0 if the manufacturer sets an interval in months only.",
    )

    warranty_claim_days = fields.Integer(
        string="Warranty Claim Deadline (Days)",
        default=30,
        help="Days after the repair within which the manufacturer accepts a warranty claim; 0 for no limit.",
    )
    warranty_parts_handling = fields.Float(
        string="Warranty Parts Handling (%)",
        default=0.0,
        help="What the manufacturer pays on top of the cost of warranty parts.",
    )
    warranty_partner_id = fields.Many2one(
        "res.partner",
        string="Warranty Payer",
        help="The manufacturer or distributor that pays warranty repairs of this brand.",
    )

    dealer_vin_check = fields.Selection(
        VIN_CHECK_MODES,
        string="VIN Check Digit",
        default="auto",
        required=True,
        groups=MANAGER,
        help="Whether the 9th character of this brand's VINs must be the ISO 3779 check digit. By default "
        "it must where the standard requires it: VINs of cars made in China (starting with L, GB 16735) "
        "and North America (1 to 5). Always: also this brand's imported cars; Never: not even those.",
    )

    _sql_constraints = [
        (
            # Its name from when both had to be positive: the same name replaces that definition.
            "service_interval_positive",
            "CHECK(service_interval_months >= 0 AND service_interval_km >= 0)",
            "The service interval of a brand cannot be negative.",
        ),
    ]

    @api.constrains("service_interval_months", "service_interval_km")
    def _check_service_interval(self):
        env = lang_env(self.env)
        # Negative values are refused before they are written (_dealer_bounds), "neither" here:
        # a brand is created before its constraints are checked.
        for brand in self:
            if not brand.service_interval_months and not brand.service_interval_km:
                raise ValidationError(
                    env._(
                        "%(brand)s needs a service interval in months, in km or both: "
                        "0 means that one is not used, but one of them must be set.",
                        brand=brand.name,
                    )
                )
