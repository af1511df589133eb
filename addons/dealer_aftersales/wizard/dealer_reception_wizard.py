import datetime
import re

import pytz

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError

from ..models.repair_order import FUEL_LEVELS, SERVICE_TYPES
from ..tools import ADVISOR, requires_role, server_side


def _normalized(text):
    """A plate or VIN as people type it: without spaces, dots or dashes, in capitals (粤a·12345 ->
    粤A12345)."""
    return re.sub(r"[\s·.\-]", "", text or "").upper()


class DealerReceptionWizard(models.TransientModel):
    """接车开单: the advisor types the plate (or the VIN), the car's owner, last visit and open
    appointment come up, the odometer, fuel, complaints and damage marks are written down, and one
    click opens the repair order."""

    _name = "dealer.reception.wizard"
    _description = "Vehicle Reception"
    _check_company_auto = True

    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    query = fields.Char(string="Plate or VIN")
    vehicle_id = fields.Many2one(
        "dealer.vehicle",
        compute="_compute_vehicle_id",
        store=True,
        readonly=False,
        precompute=True,
        check_company=True,
        domain="[('company_id', 'in', [company_id, False])]",
    )
    vehicle_model_id = fields.Many2one(related="vehicle_id.model_id")
    last_service_date = fields.Date(related="vehicle_id.last_service_date")
    next_service_date = fields.Date(related="vehicle_id.next_service_date")
    odometer = fields.Integer(related="vehicle_id.odometer", string="Last Reading (km)")
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        compute="_compute_from_vehicle",
        store=True,
        readonly=False,
        precompute=True,
        check_company=True,
    )
    appointment_id = fields.Many2one(
        "dealer.appointment",
        compute="_compute_from_vehicle",
        store=True,
        readonly=False,
        precompute=True,
        check_company=True,
        domain="[('vehicle_id', '=', vehicle_id), ('state', 'in', ('booked', 'confirmed'))]",
        help="The customer's appointment of today, marked arrived with this order.",
    )
    service_type = fields.Selection(
        SERVICE_TYPES,
        required=True,
        default="maintenance",
        compute="_compute_from_vehicle",
        store=True,
        readonly=False,
        precompute=True,
    )
    mileage_in = fields.Integer(string="Mileage In (km)")
    # Its own labels, translated as the order's (a selection taken from the order's field at run
    # time would show them in English).
    fuel_level = fields.Selection(FUEL_LEVELS)
    complaints = fields.Text(
        string="Customer's Complaints",
        compute="_compute_from_vehicle",
        store=True,
        readonly=False,
        precompute=True,
        help="One complaint per line.",
    )
    damage_notes = fields.Text(string="Damage Marks")
    photo_ids = fields.Many2many("ir.attachment", string="Photos")
    promised_delivery_time = fields.Datetime()
    user_id = fields.Many2one("res.users", string="Service Advisor", default=lambda self: self.env.user)
    bay_id = fields.Many2one(
        "dealer.bay", check_company=True, compute="_compute_from_vehicle", store=True, readonly=False, precompute=True
    )

    @api.depends("query", "company_id")
    def _compute_vehicle_id(self):
        for wizard in self:
            wizard.vehicle_id = wizard._find_vehicle() if wizard.query else wizard.vehicle_id

    @api.depends("vehicle_id")
    def _compute_from_vehicle(self):
        for wizard in self:
            appointment = wizard._today_appointment()
            wizard.appointment_id = appointment
            wizard.partner_id = appointment.partner_id or wizard.vehicle_id.partner_id or wizard.partner_id
            wizard.service_type = appointment.service_type or wizard.service_type or "maintenance"
            wizard.complaints = appointment.complaint or wizard.complaints
            wizard.bay_id = appointment.bay_id or wizard.bay_id

    def _find_vehicle(self):
        """The store's vehicle of that plate or VIN, else of its last six characters (a VIN read from
        the windscreen's end); several matches leave the choice to the advisor."""
        self.ensure_one()
        key = _normalized(self.query)
        if not key:
            return self.env["dealer.vehicle"]
        Vehicle = self.env["dealer.vehicle"].with_company(self.company_id)
        company = [("company_id", "in", [self.company_id.id, False])]
        vehicles = Vehicle.search(company + ["|", ("license_plate", "=ilike", key), ("vin", "=ilike", key)], limit=2)
        if not vehicles and len(key) >= 6:
            vehicles = Vehicle.search(company + [("vin", "=ilike", f"%{key[-6:]}")], limit=2)
        if not vehicles:
            # Plates typed with a separator or in lower case in the old system.
            candidates = Vehicle.search(company + [("license_plate", "ilike", key[-5:])], limit=20)
            vehicles = candidates.filtered(lambda v: _normalized(v.license_plate) == key)
        return vehicles if len(vehicles) == 1 else self.env["dealer.vehicle"]

    def _today_appointment(self):
        self.ensure_one()
        if not self.vehicle_id:
            return self.env["dealer.appointment"]
        tz = pytz.timezone(self.company_id._dealer_tz())
        day = pytz.utc.localize(fields.Datetime.now()).astimezone(tz).date()
        start = tz.localize(datetime.datetime.combine(day, datetime.time.min)).astimezone(pytz.utc).replace(tzinfo=None)
        return self.env["dealer.appointment"].search(
            [
                ("vehicle_id", "=", self.vehicle_id.id),
                ("state", "in", ("booked", "confirmed")),
                ("start", ">=", start),
                ("start", "<", fields.Datetime.add(start, days=1)),
            ],
            order="start",
            limit=1,
        )

    @requires_role(ADVISOR)
    def action_open_repair(self):
        """Open the repair order of the received car, its appointment marked arrived."""
        self.ensure_one()
        if not self.vehicle_id:
            if self.query:
                raise UserError(
                    _(
                        "No vehicle of this store has the plate or VIN %(query)s. Check it, or register the "
                        "vehicle first.",
                        query=self.query,
                    )
                )
            raise UserError(_("Type the vehicle's plate or VIN, or pick the vehicle."))
        if not self.partner_id:
            raise UserError(
                _("Pick the customer who brings vehicle %(vehicle)s.", vehicle=self.vehicle_id.display_name)
            )
        if not self.mileage_in:
            raise UserError(
                _("Read the odometer of %(vehicle)s: its mileage in is missing.", vehicle=self.vehicle_id.display_name)
            )
        appointment = self.appointment_id
        if appointment and (
            appointment.vehicle_id != self.vehicle_id or appointment.state not in ("booked", "confirmed")
        ):
            raise UserError(
                _("Appointment %(name)s is not an open appointment of this vehicle.", name=appointment.name)
            )
        vals = appointment._dealer_repair_vals() if appointment else {"checkin_time": fields.Datetime.now()}
        vals.update(
            {
                "vehicle_id": self.vehicle_id.id,
                "partner_id": self.partner_id.id,
                "company_id": self.company_id.id,
                "service_type": self.service_type,
                "user_id": self.user_id.id,
                "mileage_in": self.mileage_in,
                "fuel_level": self.fuel_level,
                "damage_notes": self.damage_notes,
                "bay_id": self.bay_id.id,
                "complaint_ids": [
                    Command.create({"name": line.strip()})
                    for line in (self.complaints or "").splitlines()
                    if line.strip()
                ],
            }
        )
        if self.promised_delivery_time:
            vals["promised_delivery_time"] = self.promised_delivery_time
        Repair = self.env["repair.order"].with_company(self.company_id)
        # The appointment link is set by its arrival only (a guarded field); the rest as the advisor.
        repair = (server_side(Repair) if appointment else Repair).create(vals).with_env(Repair.env)
        if appointment:
            appointment._dealer_arrived(repair)
        photos = self.photo_ids.filtered(lambda a: a.res_model in (self._name, False) and a.create_uid == self.env.user)
        if photos:
            photos.sudo().write({"res_model": "repair.order", "res_id": repair.id})
            repair.message_post(
                body=_("Photos taken at reception."),
                attachment_ids=photos.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
        return repair._get_records_action(context={**self.env.context, "dealer_vehicle_order": True})
