from datetime import datetime

import pytz

from odoo import _, fields
from odoo.exceptions import UserError, ValidationError
from odoo.http import request, route

from odoo.addons.portal.controllers.portal import CustomerPortal

# Service types the store opens itself, never booked by a customer.
PORTAL_HIDDEN_SERVICES = ("warranty", "pdi")


class DealerCustomerPortal(CustomerPortal):
    """The customer's own vehicles, appointments (book, cancel) and repair orders."""

    def _dealer_partner(self):
        return request.env.user.partner_id.commercial_partner_id

    def _dealer_vehicles(self):
        # Read as the portal user: record rules keep them to their own vehicles.
        return request.env["dealer.vehicle"].search([])

    def _dealer_appointments(self):
        return request.env["dealer.appointment"].search([], order="start desc")

    def _dealer_repair_domain(self):
        # Repair orders have no portal access rights: read as superuser, on this domain only.
        return [("partner_id", "child_of", self._dealer_partner().id), ("vehicle_id", "!=", False)]

    def _dealer_repairs(self):
        return request.env["repair.order"].sudo().search(self._dealer_repair_domain(), order="checkin_time desc")

    def _dealer_tz(self, company=None):
        """The store's time zone: a customer on holiday in Paris books 10:00 at the store's 10:00."""
        company = company or self._dealer_vehicles()[:1].company_id or request.env.user.company_id
        return pytz.timezone(company.sudo()._dealer_tz())

    def _dealer_service_types(self):
        """What a customer may book: not the manufacturer's warranty claims nor new cars' PDI, which
        the store opens itself."""
        selection = request.env["dealer.appointment"]._fields["service_type"]._description_selection(request.env)
        return [option for option in selection if option[0] not in PORTAL_HIDDEN_SERVICES]

    def _dealer_free_slots(self, vehicle, count=8):
        """The next free starts of the vehicle's store, in its time zone (value for the form, label)."""
        if not vehicle:
            return []
        Appointment = request.env["dealer.appointment"].sudo().with_company(vehicle.company_id)
        probe = Appointment.new(
            {
                "vehicle_id": vehicle.id,
                "company_id": vehicle.company_id.id,
                "start": fields.Datetime.now(),
                "duration": 1.0,
            }
        )
        tz = self._dealer_tz(vehicle.company_id)
        slots = []
        for slot in probe._next_free_slots(count=count):
            local = pytz.utc.localize(slot).astimezone(tz)
            slots.append((local.strftime("%Y-%m-%dT%H:%M"), local.strftime("%m-%d %H:%M")))
        return slots

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "dealer_vehicle_count" in counters:
            values["dealer_vehicle_count"] = request.env["dealer.vehicle"].search_count([])
        if "dealer_appointment_count" in counters:
            values["dealer_appointment_count"] = request.env["dealer.appointment"].search_count(
                [("state", "in", ("booked", "confirmed"))]
            )
        if "dealer_repair_count" in counters:
            repairs = request.env["repair.order"].sudo()
            values["dealer_repair_count"] = repairs.search_count(self._dealer_repair_domain())
        return values

    @route("/my/vehicles", type="http", auth="user", website=True)
    def portal_my_vehicles(self, **kw):
        values = {**self._prepare_portal_layout_values(), "page_name": "dealer_vehicles"}
        values["vehicles"] = self._dealer_vehicles()
        return request.render("dealer_aftersales.portal_my_vehicles", values)

    @route("/my/appointments", type="http", auth="user", website=True)
    def portal_my_appointments(self, message=None, **kw):
        values = {**self._prepare_portal_layout_values(), "page_name": "dealer_appointments"}
        values.update(appointments=self._dealer_appointments(), message=message, tz=self._dealer_tz().zone)
        return request.render("dealer_aftersales.portal_my_appointments", values)

    @route("/my/appointments/new", type="http", auth="user", website=True, methods=["GET", "POST"])
    def portal_book_appointment(self, vehicle_id=None, service_type="maintenance", start=None, complaint="", **kw):
        vehicles = self._dealer_vehicles()
        values = {
            **self._prepare_portal_layout_values(),
            "page_name": "dealer_book",
            "vehicles": vehicles,
            "service_types": self._dealer_service_types(),
            "vehicle_id": int(vehicle_id) if vehicle_id and str(vehicle_id).isdigit() else vehicles[:1].id,
            "service_type": service_type,
            "start": start or "",
            "complaint": complaint,
            "error": None,
        }
        vehicle = vehicles.filtered(lambda v: v.id == values["vehicle_id"])
        values["slots"] = self._dealer_free_slots(vehicle)
        values["tz"] = self._dealer_tz(vehicle.company_id or None).zone
        if request.httprequest.method == "POST":
            try:
                # A refused booking leaves nothing behind.
                with request.env.cr.savepoint():
                    appointment = self._dealer_book(vehicles, values)
            except (UserError, ValidationError) as error:
                values["error"] = error.args[0]
            else:
                return request.redirect(f"/my/appointments?message=booked&ref={appointment.name}")
        return request.render("dealer_aftersales.portal_book_appointment", values)

    def _dealer_book(self, vehicles, values):
        vehicle = vehicles.filtered(lambda v: v.id == values["vehicle_id"])
        if not vehicle:
            raise UserError(_("Choose one of your vehicles."))
        if values["service_type"] not in dict(values["service_types"]):
            raise UserError(_("Choose a service type."))
        try:
            local = datetime.strptime(values["start"], "%Y-%m-%dT%H:%M")
        except ValueError as error:
            raise UserError(_("Choose a date and a time.")) from error
        start = self._dealer_tz(vehicle.company_id).localize(local).astimezone(pytz.utc).replace(tzinfo=None)
        # Created as the store: the portal user may not create records, but the
        # vehicle is theirs and the slot is checked like any booking.
        return (
            request.env["dealer.appointment"]
            .sudo()
            .with_company(vehicle.company_id)
            .with_context(lang=request.env.lang)
            .create(
                {
                    "vehicle_id": vehicle.id,
                    "partner_id": request.env.user.partner_id.id,
                    "company_id": vehicle.company_id.id,
                    "service_type": values["service_type"],
                    "start": fields.Datetime.to_string(start),
                    "duration": 1.0,
                    "complaint": values["complaint"],
                    "advisor_id": False,
                }
            )
        )

    @route("/my/appointments/<int:appointment_id>/cancel", type="http", auth="user", website=True, methods=["POST"])
    def portal_cancel_appointment(self, appointment_id, **kw):
        appointment = request.env["dealer.appointment"].search([("id", "=", appointment_id)])
        if not appointment:
            raise request.not_found()
        try:
            with request.env.cr.savepoint():
                appointment.sudo().action_cancel()
        except UserError:
            return request.redirect("/my/appointments?message=not_cancelled")
        return request.redirect("/my/appointments?message=cancelled")

    @route("/my/repairs", type="http", auth="user", website=True)
    def portal_my_repairs(self, **kw):
        values = {**self._prepare_portal_layout_values(), "page_name": "dealer_repairs"}
        values["repairs"] = self._dealer_repairs()
        # The steps the customer follows (已接车, 维修中, 待质检, 可交车), in their language.
        values["progress_labels"] = dict(
            request.env["repair.order"]._fields["dealer_progress"]._description_selection(request.env)
        )
        return request.render("dealer_aftersales.portal_my_repairs", values)
