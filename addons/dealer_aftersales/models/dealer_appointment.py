from datetime import timedelta

import pytz

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_datetime

from ..tools import ADVISOR, ALL_ROLES, lock_rows, requires_role, send_mail, server_side
from .repair_order import SERVICE_TYPES

# Bays that suit each service type, best first.
BAY_TYPES_BY_SERVICE = {
    "maintenance": ["quick", "general"],
    "repair": ["general"],
    "warranty": ["general"],
    "accident": ["body", "paint"],
    "pdi": ["quick", "general"],
}
ACTIVE_STATES = ("booked", "confirmed", "arrived")
SLOT_STEP = timedelta(minutes=30)


class DealerAppointment(models.Model):
    _name = "dealer.appointment"
    _description = "Service Appointment"
    _inherit = ["mail.thread", "mail.activity.mixin", "dealer.guarded.mixin"]
    _dealer_guarded_fields = dict.fromkeys(("state", "repair_id", "reminder_sent"), ())
    # A booking is at most a month of a bay (bodywork included).
    _dealer_bounds = {"duration": (None, 720)}
    _order = "start desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Reference", readonly=True, copy=False, default="/")
    company_id = fields.Many2one(
        "res.company", string="Store", required=True, index=True, default=lambda self: self.env.company
    )
    partner_id = fields.Many2one("res.partner", string="Customer", required=True, tracking=True, check_company=True)
    vehicle_id = fields.Many2one("dealer.vehicle", required=True, tracking=True, check_company=True, index=True)
    service_type = fields.Selection(SERVICE_TYPES, required=True, default="maintenance", tracking=True)
    start = fields.Datetime(string="Requested Start", required=True, tracking=True, index=True)
    duration = fields.Float(string="Expected Duration (Hours)", required=True, default=1.0)
    stop = fields.Datetime(string="Expected End", compute="_compute_stop", store=True, index=True)
    advisor_id = fields.Many2one(
        "res.users", string="Service Advisor", default=lambda self: self.env.user, tracking=True, check_company=True
    )
    technician_id = fields.Many2one("hr.employee", tracking=True, check_company=True)
    bay_id = fields.Many2one("dealer.bay", tracking=True, check_company=True)
    complaint = fields.Text(string="Customer's Request")
    note = fields.Html(string="Notes")
    state = fields.Selection(
        [
            ("booked", "Booked"),
            ("confirmed", "Confirmed"),
            ("arrived", "Arrived"),
            ("no_show", "No-Show"),
            ("cancelled", "Cancelled"),
        ],
        string="Status",
        default="booked",
        required=True,
        tracking=True,
        index=True,
    )
    repair_id = fields.Many2one("repair.order", string="Repair Order", readonly=True, copy=False, check_company=True)
    reminder_sent = fields.Boolean(readonly=True, copy=False)

    _sql_constraints = [("duration_positive", "CHECK(duration > 0)", "An appointment lasts a positive time.")]

    @api.depends("start", "duration")
    def _compute_stop(self):
        for appointment in self:
            appointment.stop = appointment.start and appointment.start + timedelta(hours=appointment.duration)

    @api.onchange("vehicle_id")
    def _onchange_vehicle_id(self):
        if self.vehicle_id and self.vehicle_id.partner_id:
            self.partner_id = self.vehicle_id.partner_id

    @api.constrains("duration")
    def _check_duration(self):
        for appointment in self:
            if appointment.duration <= 0:
                raise ValidationError(_("An appointment must last a positive number of hours."))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("vehicle_id") and not vals.get("partner_id"):
                vals["partner_id"] = self.env["dealer.vehicle"].browse(vals["vehicle_id"]).partner_id.id
        appointments = super().create(vals_list)
        for appointment in appointments:
            appointment._check_slot_and_assign()
            if appointment.name == "/":
                appointment.name = (
                    self.env["ir.sequence"].with_company(appointment.company_id).next_by_code("dealer.appointment")
                    or "/"
                )
        return appointments

    def write(self, vals):
        res = super().write(vals)
        # Every change of time or resources is checked, whoever makes it (the assignment below
        # writes resources it has just found free, and passes the same check again).
        if {"start", "duration", "bay_id", "technician_id", "service_type"} & set(vals):
            for appointment in self.filtered(lambda a: a.state in ("booked", "confirmed")):
                appointment._check_slot_and_assign(keep_assignment=True)
        return res

    # Capacity -----------------------------------------------------------------

    def _check_slot_and_assign(self, keep_assignment=False):
        """Refuse a past or full slot, proposing the next free ones; else assign a
        bay and a technician by skill and load (the SA may change them)."""
        self.ensure_one()
        if self.start < fields.Datetime.now() - timedelta(minutes=5):
            raise UserError(_("%(start)s is in the past: choose a later time.", start=self._format(self.start)))
        if not self._within_working_hours(self.start):
            raise UserError(
                _(
                    "%(start)s is outside the store's working hours. Free slots: %(slots)s",
                    start=self._format(self.start),
                    slots=self._format_slots(),
                )
            )
        # Bookings of a store take turns: lock its bays before looking at what is free.
        lock_rows(
            self.env["dealer.bay"].sudo().search([("company_id", "=", self.company_id.id)]),
            _("Another booking is being made at %(store)s; try again in a moment.", store=self.company_id.name),
        )
        bay, technician = self._find_resources(self.start, self.stop)
        if keep_assignment:
            bay = self.bay_id if self.bay_id and self._bay_free(self.bay_id, self.start, self.stop) else bay
            if self.technician_id:
                if not self._technician_free(self.technician_id, self.start, self.stop):
                    raise UserError(
                        _(
                            "%(technician)s is already booked at %(start)s.",
                            technician=self.technician_id.name,
                            start=self._format(self.start),
                        )
                    )
                technician = self.technician_id
        if not bay or not technician:
            raise UserError(
                _(
                    "The slot at %(start)s is full. Free slots: %(slots)s",
                    start=self._format(self.start),
                    slots=self._format_slots(),
                )
            )
        if self.bay_id != bay or self.technician_id != technician:
            self.write({"bay_id": bay.id, "technician_id": technician.id})

    def _overlapping(self, start, stop):
        return [
            ("company_id", "=", self.company_id.id),
            ("state", "in", ACTIVE_STATES),
            ("id", "!=", self._origin.id or 0),
            ("start", "<", stop),
            ("stop", ">", start),
        ]

    def _bay_free(self, bay, start, stop):
        used = self.search_count([*self._overlapping(start, stop), ("bay_id", "=", bay.id)])
        return used < bay.capacity

    def _technician_free(self, technician, start, stop):
        return not self.search_count([*self._overlapping(start, stop), ("technician_id", "=", technician.id)])

    def _find_resources(self, start, stop):
        """The best free bay and technician for [start, stop), or empty records."""
        busy = self._read_group(self._overlapping(start, stop), ["bay_id"], ["__count"])
        used_by_bay = {bay.id: count for bay, count in busy}
        busy_technicians = {
            technician.id for [technician] in self._read_group(self._overlapping(start, stop), ["technician_id"])
        }
        bay_types = BAY_TYPES_BY_SERVICE.get(self.service_type, ["general"])
        bays = self.env["dealer.bay"].search([("company_id", "=", self.company_id.id), ("bay_type", "in", bay_types)])
        free_bays = bays.filtered(lambda b: used_by_bay.get(b.id, 0) < b.capacity)
        bay = free_bays.sorted(lambda b: (bay_types.index(b.bay_type), used_by_bay.get(b.id, 0), b.sequence))[:1]
        # Skills are HR data the advisors and the portal may not read: the choice is the store's.
        technicians = (
            self.env["hr.employee"]
            .sudo()
            .search(
                [
                    ("company_id", "=", self.company_id.id),
                    ("dealer_is_technician", "=", True),
                    "|",
                    ("dealer_skill_ids", "=", False),
                    ("dealer_skill_ids.code", "=", self.service_type),
                ]
            )
        )
        free = technicians.filtered(lambda t: t.id not in busy_technicians)
        # Load: hours already booked that day, fewest first.
        day_start = start.replace(hour=0, minute=0, second=0)
        load = {
            technician.id: hours
            for technician, hours in self._read_group(
                [
                    ("company_id", "=", self.company_id.id),
                    ("state", "in", ACTIVE_STATES),
                    ("technician_id", "in", free.ids),
                    ("start", ">=", day_start - timedelta(hours=12)),
                    ("start", "<", day_start + timedelta(hours=36)),
                ],
                ["technician_id"],
                ["duration:sum"],
            )
        }
        technician = free.sorted(lambda t: (load.get(t.id, 0.0), t.id))[:1]
        return bay, technician

    def _within_working_hours(self, start):
        """The customer arrives within the store's working hours; the job may run on."""
        minute = timedelta(minutes=1)
        return any(begin <= start < end for begin, end in self._working_intervals(start - minute, start + minute))

    def _next_free_slots(self, count=3, days=7):
        """The next ``count`` starts after this one, on the half hour within the
        store's working hours, where a bay and a technician are free for the duration."""
        self.ensure_one()
        duration = timedelta(hours=self.duration)
        begin = max(self.start, fields.Datetime.now()).replace(second=0, microsecond=0)
        begin += timedelta(minutes=(30 - begin.minute % 30) % 30)
        slots = []
        for work_start, work_stop in self._working_intervals(begin, begin + timedelta(days=days)):
            candidate = max(begin, work_start)
            candidate += timedelta(minutes=(30 - candidate.minute % 30) % 30)
            while candidate < work_stop and len(slots) < count:
                if candidate != self.start:
                    bay, technician = self._find_resources(candidate, candidate + duration)
                    if bay and technician:
                        slots.append(candidate)
                candidate += SLOT_STEP
            if len(slots) >= count:
                break
        return slots

    def _working_intervals(self, start, stop):
        """The store's working intervals between two naive UTC datetimes, as naive UTC pairs."""
        calendar = self.company_id.resource_calendar_id
        if not calendar:
            return [(start, stop)]
        intervals = calendar._work_intervals_batch(
            pytz.utc.localize(start), pytz.utc.localize(stop), tz=pytz.timezone(calendar.tz or "UTC")
        )[False]
        return [
            (begin.astimezone(pytz.utc).replace(tzinfo=None), end.astimezone(pytz.utc).replace(tzinfo=None))
            for begin, end, _records in intervals
        ]

    def _format(self, value):
        tz = self.company_id.resource_calendar_id.tz or self.env.user.tz or "UTC"
        return format_datetime(self.env, value, tz=tz, dt_format="yyyy-MM-dd HH:mm")

    def _format_slots(self):
        slots = self._next_free_slots()
        return ", ".join(self._format(slot) for slot in slots) if slots else _("none in the next 7 days")

    # Workflow -----------------------------------------------------------------

    @requires_role(ADVISOR)
    def action_confirm(self):
        self._check_state(("booked",))
        server_side(self).state = "confirmed"

    @requires_role(ADVISOR)
    def action_cancel(self):
        self._check_state(("booked", "confirmed"))
        server_side(self).state = "cancelled"

    @requires_role(ADVISOR)
    def action_no_show(self):
        self._check_state(("booked", "confirmed"))
        server_side(self).state = "no_show"

    @requires_role(ADVISOR)
    def action_arrive(self):
        """The customer arrived: a repair order pre-filled from the appointment."""
        self._check_state(("booked", "confirmed"))
        repairs = self.env["repair.order"]
        for appointment in self:
            repair = server_side(self.env["repair.order"]).create(appointment._dealer_repair_vals())
            appointment._dealer_arrived(repair)
            repairs |= repair
        return repairs.with_env(self.env)._get_records_action(
            context={**self.env.context, "dealer_vehicle_order": True}
        )

    @requires_role(*ALL_ROLES)
    def action_view_repair(self):
        self.ensure_one()
        return self.repair_id._get_records_action(context={**self.env.context, "dealer_vehicle_order": True})

    def _dealer_repair_vals(self):
        """The repair order of the customer's arrival, from what the appointment knows."""
        self.ensure_one()
        return {
            "vehicle_id": self.vehicle_id.id,
            "partner_id": self.partner_id.id,
            "company_id": self.company_id.id,
            "service_type": self.service_type,
            "user_id": self.advisor_id.id,
            "mileage_in": self.vehicle_id.odometer,
            "checkin_time": fields.Datetime.now(),
            "promised_completion_time": self.stop,
            "appointment_id": self.id,
            "bay_id": self.bay_id.id,
            "complaint_ids": [Command.create({"name": self.complaint})] if self.complaint else [],
        }

    def _dealer_arrived(self, repair):
        self.ensure_one()
        server_side(self).write({"state": "arrived", "repair_id": repair.id})

    def _check_state(self, allowed):
        labels = dict(self._fields["state"]._description_selection(self.env))
        for appointment in self:
            if appointment.state not in allowed:
                raise UserError(
                    _(
                        "Appointment %(name)s is %(state)s.",
                        name=appointment.name,
                        state=labels[appointment.state],
                    )
                )

    @api.model
    def _cron_send_reminders(self):
        """The day before: a reminder mail to each customer with an appointment tomorrow."""
        now = fields.Datetime.now()
        appointments = self.search(
            [
                ("state", "in", ("booked", "confirmed")),
                ("reminder_sent", "=", False),
                ("start", ">", now),
                ("start", "<=", now + timedelta(days=1)),
            ]
        )
        template = self.env.ref("dealer_aftersales.mail_template_appointment_reminder")
        send_mail(appointments.filtered("partner_id.email"), template)
        server_side(appointments).reminder_sent = True
