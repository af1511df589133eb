from datetime import timedelta
from itertools import pairwise

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..tools import ACCOUNTANT, ADVISOR, ALL_ROLES, PARTS, requires_role
from .fleet_vehicle_model import MODEL_DISPLAY_KEY

# ISO 3779 / GB 16735: letters I, O and Q are never used in a VIN.
VIN_LENGTH = 17
VIN_ALPHABET = frozenset("0123456789ABCDEFGHJKLMNPRSTUVWXYZ")
VIN_TRANSLITERATION = {
    **{str(digit): digit for digit in range(10)},
    **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
    **dict(zip("JKLMN", range(1, 6), strict=True)),
    "P": 7,
    "R": 9,
    **dict(zip("STUVWXYZ", range(2, 10), strict=True)),
}
VIN_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)
# Where the standard makes the 9th character a check digit, by the first character of the WMI:
# L made in China (GB 16735), 1-5 North America (49 CFR 565). Elsewhere (Europe, Japan, Korea...)
# it is the maker's own character, e.g. the Z of German VINs.
VIN_CHECK_DIGIT_REGIONS = frozenset("L12345")
# A brand's rule (fleet.vehicle.model.brand.dealer_vin_check).
VIN_CHECK_MODES = [
    ("auto", "Where the Standard Requires It"),
    ("always", "Always"),
    ("never", "Never"),
]


def normalize_vin(vin):
    """Upper-case, without blanks: how a VIN is stored."""
    return "".join((vin or "").split()).upper()


def vin_check_digit(vin):
    """The check digit (9th character) a 17-character VIN must carry."""
    total = sum(VIN_TRANSLITERATION[char] * weight for char, weight in zip(vin, VIN_WEIGHTS, strict=True))
    remainder = total % 11
    return "X" if remainder == 10 else str(remainder)


def vin_check_digit_required(vin, mode="auto"):
    """Whether the 9th character of ``vin`` must be its check digit under a brand's ``mode``
    (``auto``: where the standard requires it, by the country of the WMI)."""
    if mode == "always":
        return True
    if mode == "never":
        return False
    return vin[:1] in VIN_CHECK_DIGIT_REGIONS


def vin_check_digit_ok(vin):
    """Whether ``vin`` (17 characters of the VIN alphabet) carries its check digit."""
    return len(vin) == VIN_LENGTH and not set(vin) - VIN_ALPHABET and vin[8] == vin_check_digit(vin)


CLAIM_GROUPS = f"{ADVISOR},{ACCOUNTANT}"
INVOICE_GROUPS = ACCOUNTANT


class DealerVehicle(models.Model):
    _name = "dealer.vehicle"
    _description = "Customer Vehicle"
    _inherit = ["mail.thread", "mail.activity.mixin", "dealer.guarded.mixin"]
    _dealer_bounds = {
        "model_year": (1900, 2100),
        "odometer": (None, 2_000_000),
        "warranty_end_km": (0, 2_000_000),
        "last_service_km": (0, 2_000_000),
        "service_interval_months": (0, 120),
        "service_interval_km": (0, 200_000),
    }
    _order = "name, id"
    _rec_names_search = ["name", "vin", "license_plate"]
    _check_company_auto = True

    # Identity
    name = fields.Char(compute="_compute_name", store=True, index="trigram")
    vin = fields.Char(string="VIN", required=True, tracking=True, copy=False, index=True)
    vin_check_verified = fields.Boolean(
        string="VIN Check Digit Verified",
        compute="_compute_vin_check_verified",
        store=True,
        help="The 9th character of the VIN is its ISO 3779 check digit, which rules out most typing errors. "
        "VINs of cars made outside China and North America often carry none (e.g. Z on German VINs): "
        "compare them with the registration certificate.",
    )
    license_plate = fields.Char(tracking=True, copy=False, index="trigram")
    # The screens read a model as "丰田 致炫", not fleet's "丰田/致炫" (fleet_vehicle_model.py).
    model_id = fields.Many2one("fleet.vehicle.model", required=True, tracking=True, context={MODEL_DISPLAY_KEY: True})
    brand_id = fields.Many2one(related="model_id.brand_id", store=True, string="Brand")  # pylint: disable=attribute-string-redundant
    engine_number = fields.Char(copy=False)
    color = fields.Char(string="Colour")
    model_year = fields.Integer()
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", string="Store", required=True, index=True, default=lambda self: self.env.company
    )
    note = fields.Html()

    # Sale and warranty
    first_registration_date = fields.Date(tracking=True)
    sale_date = fields.Date(tracking=True)
    warranty_end_date = fields.Date(string="Warranty End", tracking=True)
    warranty_end_km = fields.Integer(string="Warranty End (km)", tracking=True)

    # Ownership
    partner_id = fields.Many2one("res.partner", string="Owner", tracking=True, check_company=True, index=True)
    owner_ids = fields.One2many("dealer.vehicle.owner", "vehicle_id", string="Ownership History")

    # Odometer
    odometer_ids = fields.One2many("dealer.vehicle.odometer", "vehicle_id", string="Odometer Readings")
    odometer = fields.Integer(
        string="Odometer (km)",
        compute="_compute_odometer",
        inverse="_inverse_odometer",
        store=True,
        help="Latest odometer reading. Entering a value records a manual reading dated today.",
    )
    odometer_date = fields.Date(compute="_compute_odometer", store=True)
    avg_daily_km = fields.Float(
        string="Average Daily km",
        compute="_compute_avg_daily_km",
        store=True,
        help="Kilometres driven per day over the odometer history; the first registration "
        "(or sale) date counts as a reading of 0 km.",
    )

    # Service interval and due date
    service_interval_months = fields.Integer(
        string="Interval Override (Months)", help="Leave empty to use the brand's interval."
    )
    service_interval_km = fields.Integer(
        string="Interval Override (km)", help="Leave empty to use the brand's interval."
    )
    effective_interval_months = fields.Integer(
        string="Service Interval (Months)", compute="_compute_effective_interval"
    )
    effective_interval_km = fields.Integer(string="Service Interval (km)", compute="_compute_effective_interval")
    last_service_date = fields.Date(tracking=True)
    last_service_km = fields.Integer(string="Last Service (km)")
    next_service_date = fields.Date(
        string="Next Service Due",
        compute="_compute_next_service",
        store=True,
        index=True,
        help="The earlier of the time-based date (last service + interval months) and the "
        "mileage-based date (last service + interval km at the vehicle's average daily km), "
        "of those the interval uses. A vehicle never serviced counts from its sale date (or its "
        "first registration) at 0 km.",
    )
    next_service_km = fields.Integer(string="Next Service Due (km)", compute="_compute_next_service", store=True)
    next_service_basis = fields.Selection(
        [("time", "Time"), ("mileage", "Mileage")],
        string="Due By",
        compute="_compute_next_service",
        store=True,
    )

    _sql_constraints = [
        ("vin_company_unique", "UNIQUE(vin, company_id)", "This VIN is already registered in this store."),
        (
            "service_interval_not_negative",
            "CHECK(service_interval_months >= 0 AND service_interval_km >= 0)",
            "A service interval cannot be negative.",
        ),
    ]

    @api.depends("vin")
    def _compute_vin_check_verified(self):
        for vehicle in self:
            vehicle.vin_check_verified = vin_check_digit_ok(normalize_vin(vehicle.vin))

    @api.depends("license_plate", "vin")
    def _compute_name(self):
        for vehicle in self:
            vehicle.name = vehicle.license_plate or vehicle.vin

    @api.depends("name", "model_id.name")
    def _compute_display_name(self):
        for vehicle in self:
            if vehicle.model_id:
                vehicle.display_name = f"{vehicle.name} ({vehicle.model_id.name})"
            else:
                vehicle.display_name = vehicle.name

    @api.depends("odometer_ids.value", "odometer_ids.date")
    def _compute_odometer(self):
        for vehicle in self:
            latest = vehicle.odometer_ids.sorted(lambda r: (r.date, r.id or 0))[-1:]
            vehicle.odometer = latest.value
            vehicle.odometer_date = latest.date

    @api.depends(
        "odometer_ids.value", "odometer_ids.date", "odometer_ids.is_correction", "first_registration_date", "sale_date"
    )
    def _compute_avg_daily_km(self):
        for vehicle in self:
            readings = [
                (reading.date, reading.value, reading.is_correction)
                for reading in vehicle.odometer_ids.sorted(lambda r: (r.date, r.id or 0))
            ]
            origin = vehicle.first_registration_date or vehicle.sale_date
            if origin and readings and origin < readings[0][0]:
                readings.insert(0, (origin, 0, False))
            distance = sum(
                max(0, current[1] - previous[1]) for previous, current in pairwise(readings) if not current[2]
            )
            days = (readings[-1][0] - readings[0][0]).days if readings else 0
            vehicle.avg_daily_km = distance / days if days > 0 else 0.0

    @api.depends(
        "service_interval_months",
        "service_interval_km",
        "brand_id.service_interval_months",
        "brand_id.service_interval_km",
    )
    def _compute_effective_interval(self):
        for vehicle in self:
            vehicle.effective_interval_months = (
                vehicle.service_interval_months or vehicle.brand_id.service_interval_months
            )
            vehicle.effective_interval_km = vehicle.service_interval_km or vehicle.brand_id.service_interval_km

    @api.depends(
        "last_service_date",
        "last_service_km",
        "sale_date",
        "first_registration_date",
        "avg_daily_km",
        "service_interval_months",
        "service_interval_km",
        "brand_id.service_interval_months",
        "brand_id.service_interval_km",
    )
    def _compute_next_service(self):
        for vehicle in self:
            # Never serviced: from the day it was sold (or first registered), at 0 km.
            base_date = vehicle.last_service_date or vehicle.sale_date or vehicle.first_registration_date
            base_km = vehicle.last_service_km if vehicle.last_service_date else 0
            # An interval of 0 is not used (a brand sets months, km or both).
            months = vehicle.effective_interval_months
            km = vehicle.effective_interval_km
            candidates = []  # (date, basis); on a tie, time comes first
            if base_date and months:
                candidates.append((base_date + relativedelta(months=months), "time"))
            if base_date and km and vehicle.avg_daily_km > 0:
                candidates.append((base_date + timedelta(days=int(km / vehicle.avg_daily_km)), "mileage"))
            due_date, basis = min(candidates, key=lambda candidate: candidate[0]) if candidates else (False, False)
            vehicle.next_service_date = due_date
            vehicle.next_service_km = base_km + km if km else 0
            vehicle.next_service_basis = basis

    def _inverse_odometer(self):
        today = fields.Date.context_today(self)
        readings = [
            {"vehicle_id": vehicle.id, "value": vehicle.odometer, "date": today, "source": "manual"}
            for vehicle in self
            if vehicle.odometer and vehicle.odometer != vehicle._origin_odometer()
        ]
        self.env["dealer.vehicle.odometer"].create(readings)

    def _origin_odometer(self):
        """The latest reading stored, ignoring the value being written."""
        self.ensure_one()
        latest = self.env["dealer.vehicle.odometer"].search([("vehicle_id", "=", self.id)], limit=1)
        return latest.value

    @api.constrains("vin", "model_id")
    def _check_vin(self):
        for vehicle in self:
            error = vehicle._vin_error(vehicle.vin, vehicle.brand_id)
            if error:
                raise ValidationError(error)

    @api.model
    def _vin_error(self, vin, brand=None):
        """The reason a VIN is invalid, in the user's language, or None. The check digit is
        checked where the standard requires it, or as ``brand`` (fleet.vehicle.model.brand)
        says."""
        vin = normalize_vin(vin)
        if len(vin) != VIN_LENGTH:
            return _("VIN %(vin)s must have 17 characters, not %(count)s.", vin=vin, count=len(vin))
        wrong = sorted(set(vin) - VIN_ALPHABET)
        if wrong:
            return _(
                "VIN %(vin)s contains %(chars)s: a VIN uses only digits and the letters A-Z without I, O and Q.",
                vin=vin,
                chars=", ".join(wrong),
            )
        mode = (brand and brand.sudo().dealer_vin_check) or "auto"
        expected = vin_check_digit(vin)
        if vin_check_digit_required(vin, mode) and vin[8] != expected:
            return _(
                "VIN %(vin)s fails the check digit: the 9th character should be %(expected)s, "
                "not %(actual)s. Check the VIN for a typing error.",
                vin=vin,
                expected=expected,
                actual=vin[8],
            )
        return None

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._normalize_vals(vals)
        vehicles = super().create(vals_list)
        vehicles.filtered("partner_id")._open_ownership(fields.Date.context_today(self), from_sale_date=True)
        return vehicles

    def write(self, vals):
        self._normalize_vals(vals)
        if "partner_id" in vals:
            today = fields.Date.context_today(self)
            changed = self.filtered(lambda v: v.partner_id.id != vals["partner_id"])
            changed.owner_ids.filtered(lambda o: not o.date_end).write({"date_end": today})
            res = super().write(vals)
            changed.filtered("partner_id")._open_ownership(today)
            return res
        return super().write(vals)

    @api.model
    def _normalize_vals(self, vals):
        if vals.get("vin"):
            vals["vin"] = normalize_vin(vals["vin"])
        if vals.get("license_plate"):
            vals["license_plate"] = "".join(vals["license_plate"].split()).upper()

    def _open_ownership(self, date_start, from_sale_date=False):
        self.env["dealer.vehicle.owner"].create(
            [
                {
                    "vehicle_id": vehicle.id,
                    "partner_id": vehicle.partner_id.id,
                    "date_start": (from_sale_date and vehicle.sale_date) or date_start,
                }
                for vehicle in self
            ]
        )

    @requires_role(*ALL_ROLES)
    def action_view_odometer(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("dealer_aftersales.dealer_vehicle_odometer_action")
        action["domain"] = [("vehicle_id", "=", self.id)]
        action["context"] = {"default_vehicle_id": self.id}
        return action

    # Service history: the vehicle's appointments, orders, claims and invoices --------------
    repair_ids = fields.One2many("repair.order", "vehicle_id", string="Service History", readonly=True)
    history_ids = fields.One2many(
        "dealer.service.history",
        "vehicle_id",
        string="Earlier Visits",
        readonly=True,
        help="Visits before the store worked in Odoo (imported at go-live from the old system) or at other workshops.",
    )
    repair_count = fields.Integer(string="Repair Orders", compute="_compute_repair_count")
    appointment_count = fields.Integer(string="Appointments", compute="_compute_appointment_count")
    claim_count = fields.Integer(string="Claims", compute="_compute_claim_count", groups=CLAIM_GROUPS)
    invoice_count = fields.Integer(string="Invoices", compute="_compute_invoice_count", groups=INVOICE_GROUPS)

    def _count(self, model, domain=()):
        """{vehicle id: number of ``model`` records}, for all the vehicles in one grouped read."""
        groups = (
            self.env[model].sudo()._read_group([("vehicle_id", "in", self.ids), *domain], ["vehicle_id"], ["__count"])
        )
        return {vehicle.id: count for vehicle, count in groups}

    def _compute_repair_count(self):
        counts = self._count("repair.order", [("state", "!=", "cancel")])
        for vehicle in self:
            vehicle.repair_count = counts.get(vehicle._origin.id, 0)

    def _compute_appointment_count(self):
        counts = self._count("dealer.appointment")
        for vehicle in self:
            vehicle.appointment_count = counts.get(vehicle._origin.id, 0)

    def _compute_claim_count(self):
        insurance, warranty = self._count("dealer.insurance.claim"), self._count("dealer.warranty.claim")
        for vehicle in self:
            vehicle.claim_count = insurance.get(vehicle._origin.id, 0) + warranty.get(vehicle._origin.id, 0)

    def _invoices(self):
        """The customer invoices of the vehicle's repair orders."""
        return self.repair_ids.dealer_move_ids.filtered(lambda move: move.move_type == "out_invoice")

    def _compute_invoice_count(self):
        for vehicle in self:
            vehicle.invoice_count = len(vehicle._origin.sudo()._invoices())

    def _history_action(self, xmlid, domain, name, context=None):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action.update(
            name=f"{name} · {self.display_name}",
            domain=domain,
            context={"default_vehicle_id": self.id, "default_partner_id": self.partner_id.id, **(context or {})},
        )
        return action

    @requires_role(*ALL_ROLES)
    def action_view_repairs(self):
        return self._history_action(
            "dealer_aftersales.repair_order_action_dealer",
            [("vehicle_id", "=", self.id)],
            _("Repair Orders"),
            context={"dealer_vehicle_order": True},
        )

    @requires_role(*ALL_ROLES)
    def action_view_appointments(self):
        return self._history_action(
            "dealer_aftersales.dealer_appointment_action", [("vehicle_id", "=", self.id)], _("Appointments")
        )

    @requires_role(ADVISOR, PARTS, ACCOUNTANT)
    def action_view_claims(self):
        return self._history_action(
            "dealer_aftersales.dealer_insurance_claim_action", [("vehicle_id", "=", self.id)], _("Insurance Claims")
        )

    @requires_role(ACCOUNTANT)
    def action_view_invoices(self):
        action = self._history_action(
            "account.action_move_out_invoice_type", [("id", "in", self._invoices().ids)], _("Invoices")
        )
        action["context"] = {"create": False}
        return action
