from datetime import timedelta

import pytz

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_is_zero

from ..tools import (
    ACCOUNTANT,
    ADVISOR,
    MONEY_GROUPS,
    PAY_TYPES,
    TECHNICIAN,
    lock_rows,
    log_note,
    requires_role,
    schedule_activity,
    send_mail,
    server_side,
)
from .dealer_guarded_mixin import PRICE_CEILING


def _amount_field(string):
    """A stored total of the order, hidden from technicians."""
    return fields.Monetary(
        string=string,
        compute="_compute_dealer_amounts",
        store=True,
        currency_field="dealer_currency_id",
        groups=MONEY_GROUPS,
        tracking=True,
    )


# The fuel gauge at reception (油量).
FUEL_LEVELS = [("empty", "Empty"), ("quarter", "1/4"), ("half", "1/2"), ("three_quarters", "3/4"), ("full", "Full")]
SERVICE_TYPES = [
    ("maintenance", "Maintenance"),
    ("repair", "General Repair"),
    ("warranty", "Warranty"),
    ("accident", "Accident"),
    ("pdi", "PDI"),
]


class RepairOrder(models.Model):
    _name = "repair.order"
    _inherit = ["repair.order", "dealer.guarded.mixin"]
    # Set by the order's steps (Odoo's own included), never by a client: its state, its invoices and
    # entries (what keeps it from being invoiced twice), its check-in reading and appointment, and
    # when it was finished and handed over.
    _dealer_guarded_fields = dict.fromkeys(
        ("state", "dealer_move_ids", "odometer_in_id", "appointment_id", "completion_time", "delivery_time"), ()
    )
    _dealer_bounds = {
        "mileage_in": (0, 2_000_000),
        "mileage_out": (0, 2_000_000),
        "insurance_deductible": (0, PRICE_CEILING),
    }

    # Vehicle and reception
    vehicle_id = fields.Many2one("dealer.vehicle", index=True, tracking=True, check_company=True)
    license_plate = fields.Char(related="vehicle_id.license_plate")
    vehicle_model_id = fields.Many2one(related="vehicle_id.model_id", string="Vehicle Model")
    service_type = fields.Selection(SERVICE_TYPES, default="maintenance", tracking=True)
    mileage_in = fields.Integer(string="Mileage In (km)", tracking=True)
    mileage_out = fields.Integer(string="Mileage Out (km)", tracking=True)
    fuel_level = fields.Selection(
        FUEL_LEVELS,
        help="The fuel gauge when the car was received, as the customer signs for it.",
    )
    damage_notes = fields.Text(
        string="Damage Marks",
        help="Scratches, dents and other marks seen when the car was received; photos go in the chatter.",
    )
    odometer_in_id = fields.Many2one("dealer.vehicle.odometer", string="Check-in Reading", readonly=True, copy=False)
    checkin_time = fields.Datetime(string="Check-in Time", default=fields.Datetime.now, tracking=True, copy=False)
    promised_completion_time = fields.Datetime(tracking=True, copy=False)
    promised_delivery_time = fields.Datetime(tracking=True, copy=False)
    completion_time = fields.Datetime(readonly=True, copy=False)
    delivery_time = fields.Datetime(string="Handed Over", readonly=True, copy=False, tracking=True)
    bay_id = fields.Many2one("dealer.bay", tracking=True, check_company=True, index=True)
    appointment_id = fields.Many2one("dealer.appointment", readonly=True, copy=False, index=True, check_company=True)
    complaint_ids = fields.One2many("dealer.repair.complaint", "repair_id", string="Complaints", copy=True)
    comeback_of_id = fields.Many2one(
        "repair.order",
        compute="_compute_comeback_of_id",
        store=True,
        readonly=False,
        index=True,
        copy=False,
        check_company=True,
        help="An earlier order of the same vehicle, finished within the comeback window before this "
        "check-in, for the same symptom.",
    )
    comeback_of_history_id = fields.Many2one(
        "dealer.service.history",
        string="Comeback of Earlier Visit",
        compute="_compute_comeback_of_id",
        store=True,
        index="btree_not_null",
        copy=False,
        help="A visit of the old system (before go-live) within the comeback window before this check-in, "
        "for the same symptom.",
    )

    # Inspections
    inspection_ids = fields.One2many("dealer.repair.inspection", "repair_id", string="Inspections", copy=False)
    qc_state = fields.Selection(
        [("none", "Not Inspected"), ("passed", "Passed"), ("failed", "Failed")],
        string="Final Inspection",
        compute="_compute_qc",
        store=True,
    )
    dealer_progress = fields.Selection(
        [
            ("received", "Car received"),
            ("in_repair", "In repair"),
            ("quality_check", "Awaiting final inspection"),
            ("ready", "Ready for collection"),
            ("delivered", "Handed over"),
            ("cancelled", "Cancelled"),
        ],
        string="Progress",
        compute="_compute_dealer_progress",
        help="Where the car is, as the customer follows it on the portal: received (已接车), in repair "
        "(维修中), waiting for its final inspection (待质检), ready for collection (可交车), handed over.",
    )
    qc_attempts = fields.Integer(string="Final Inspections", compute="_compute_qc", store=True)
    qc_first_pass = fields.Boolean(string="Passed First Time", compute="_compute_qc", store=True)
    clocked_hours = fields.Float(compute="_compute_clocked_hours", store=True, digits=(16, 2))

    # Payers
    insurer_id = fields.Many2one("res.partner", domain=[("dealer_is_insurer", "=", True)], tracking=True)
    insurance_deductible = fields.Monetary(
        string="Deductible", currency_field="dealer_currency_id", groups=MONEY_GROUPS, tracking=True
    )
    warranty_partner_id = fields.Many2one(
        "res.partner",
        string="Warranty Payer",
        compute="_compute_warranty_partner_id",
        store=True,
        readonly=False,
        tracking=True,
        help="The manufacturer or distributor who pays warranty lines; from the vehicle's brand.",
    )

    # Work and money
    labor_line_ids = fields.One2many("dealer.repair.labor", "repair_id", string="Labor", copy=True)
    dealer_currency_id = fields.Many2one(related="company_id.currency_id", string="Currency")
    amount_customer = _amount_field("Customer Pay")
    amount_insurance = _amount_field("Insurance Pay")
    amount_warranty = _amount_field("Warranty Pay")
    amount_internal = _amount_field("Internal Pay")
    amount_labor = _amount_field("Labor Total")
    amount_parts = _amount_field("Parts Total")
    amount_untaxed_total = _amount_field("Total (Untaxed)")
    labor_hours = fields.Float(string="Flat-Rate Hours", compute="_compute_labor_hours", store=True)

    survey_input_ids = fields.One2many("survey.user_input", "dealer_repair_id", string="Satisfaction Surveys")

    # Accounting
    dealer_move_ids = fields.Many2many(
        "account.move",
        "repair_order_dealer_move_rel",
        "repair_id",
        "move_id",
        string="Invoices and Entries",
        copy=False,
        readonly=True,
    )
    insurance_claim_ids = fields.One2many("dealer.insurance.claim", "repair_id", string="Insurance Claims")
    warranty_claim_ids = fields.One2many("dealer.warranty.claim", "repair_id", string="Warranty Claims")
    dealer_invoice_count = fields.Integer(compute="_compute_dealer_invoice_count", string="Invoice Count")

    @api.depends("vehicle_id", "complaint_ids.symptom_id", "checkin_time")
    def _compute_comeback_of_id(self):
        for repair in self:
            symptoms = repair.complaint_ids.symptom_id
            if (
                repair.comeback_of_id
                or repair.comeback_of_history_id
                or not repair.vehicle_id
                or not symptoms
                or not repair.checkin_time
            ):
                repair.comeback_of_id = repair.comeback_of_id
                repair.comeback_of_history_id = repair.comeback_of_history_id
                continue
            window = repair.company_id.dealer_comeback_days
            earlier = self.search(
                [
                    ("id", "!=", repair._origin.id or 0),
                    ("vehicle_id", "=", repair.vehicle_id.id),
                    ("state", "=", "done"),
                    ("completion_time", "<=", repair.checkin_time),
                    ("completion_time", ">=", repair.checkin_time - timedelta(days=window)),
                    ("complaint_ids.symptom_id", "in", symptoms.ids),
                ],
                order="completion_time desc",
                limit=1,
            )
            repair.comeback_of_id = earlier
            # Within the first weeks after go-live, the first visit may be one of the old system.
            repair.comeback_of_history_id = not earlier and self.env["dealer.service.history"].search(
                [
                    ("vehicle_id", "=", repair.vehicle_id.id),
                    ("date", "<=", repair._dealer_checkin_day()),
                    ("date", ">=", repair._dealer_checkin_day() - timedelta(days=window)),
                    ("symptom_ids", "in", symptoms.ids),
                ],
                order="date desc",
                limit=1,
            )

    @api.depends("vehicle_id.brand_id.warranty_partner_id")
    def _compute_warranty_partner_id(self):
        for repair in self:
            repair.warranty_partner_id = repair.vehicle_id.brand_id.warranty_partner_id or repair.warranty_partner_id

    @api.depends(
        "labor_line_ids.amount", "labor_line_ids.pay_type", "move_ids.dealer_amount", "move_ids.dealer_pay_type"
    )
    def _compute_dealer_amounts(self):
        for repair in self:
            totals = dict.fromkeys(dict(PAY_TYPES), 0.0)
            labor = parts = 0.0
            for line in repair.labor_line_ids:
                totals[line.pay_type] += line.amount
                labor += line.amount
            for move in repair.move_ids:
                totals[move.dealer_pay_type or "customer"] += move.dealer_amount
                parts += move.dealer_amount
            repair.amount_customer = totals["customer"]
            repair.amount_insurance = totals["insurance"]
            repair.amount_warranty = totals["warranty"]
            repair.amount_internal = totals["internal"]
            repair.amount_labor = labor
            repair.amount_parts = parts
            repair.amount_untaxed_total = labor + parts

    @api.depends("inspection_ids.kind", "inspection_ids.result", "inspection_ids.date")
    def _compute_qc(self):
        for repair in self:
            finals = repair.inspection_ids.filtered(lambda i: i.kind == "final" and i.result).sorted(
                lambda i: (i.date, i.id)
            )
            repair.qc_attempts = len(finals)
            repair.qc_state = {"pass": "passed", "fail": "failed"}.get(finals[-1:].result, "none")
            repair.qc_first_pass = bool(finals) and finals[0].result == "pass"

    @api.depends("state", "qc_state", "delivery_time", "vehicle_id", "labor_line_ids.state")
    def _compute_dealer_progress(self):
        for repair in self:
            if repair.state == "cancel":
                progress = "cancelled"
            elif repair.delivery_time:
                progress = "delivered"
            elif repair.state == "done":
                progress = "ready" if repair.qc_state == "passed" or not repair.vehicle_id else "quality_check"
            elif repair.state == "under_repair" or any(job.state != "pending" for job in repair.sudo().labor_line_ids):
                progress = "in_repair"
            else:
                progress = "received"
            repair.dealer_progress = progress

    @api.depends("labor_line_ids.clocked_hours")
    def _compute_clocked_hours(self):
        for repair in self:
            repair.clocked_hours = sum(repair.labor_line_ids.mapped("clocked_hours"))

    @api.depends("labor_line_ids.hours")
    def _compute_labor_hours(self):
        for repair in self:
            repair.labor_hours = sum(repair.labor_line_ids.mapped("hours"))

    @api.depends("dealer_move_ids")
    def _compute_dealer_invoice_count(self):
        for repair in self:
            repair.dealer_invoice_count = len(repair.dealer_move_ids.filtered(lambda m: m.move_type == "out_invoice"))

    @api.onchange("vehicle_id")
    def _onchange_vehicle_id(self):
        if self.vehicle_id:
            self.partner_id = self.vehicle_id.partner_id
            self.mileage_in = self.mileage_in or self.vehicle_id.odometer

    @api.constrains("mileage_in", "mileage_out")
    def _check_mileage(self):
        for repair in self:
            if repair.mileage_in < 0 or repair.mileage_out < 0:
                raise ValidationError(_("Mileage cannot be negative."))
            if repair.mileage_out and repair.mileage_out < repair.mileage_in:
                raise ValidationError(
                    _(
                        "Mileage out (%(out)s km) cannot be lower than mileage in (%(in)s km).",
                        out=repair.mileage_out,
                        **{"in": repair.mileage_in},
                    )
                )

    @api.constrains("insurance_deductible")
    def _check_deductible(self):
        for repair in self:
            if repair.insurance_deductible < 0:
                raise ValidationError(_("A deductible cannot be negative."))

    @api.constrains("checkin_time", "promised_completion_time", "promised_delivery_time")
    def _check_promised_times(self):
        for repair in self.filtered("checkin_time"):
            for name in ("promised_completion_time", "promised_delivery_time"):
                if repair[name] and repair[name] < repair.checkin_time:
                    raise ValidationError(
                        _(
                            "%(field)s of %(order)s (%(time)s) is before the check-in (%(checkin)s).",
                            field=repair._fields[name]._description_string(self.env),
                            order=repair.name,
                            time=fields.Datetime.context_timestamp(repair, repair[name]).strftime("%Y-%m-%d %H:%M"),
                            checkin=fields.Datetime.context_timestamp(repair, repair.checkin_time).strftime(
                                "%Y-%m-%d %H:%M"
                            ),
                        )
                    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("vehicle_id") and not vals.get("partner_id"):
                vals["partner_id"] = self.env["dealer.vehicle"].browse(vals["vehicle_id"]).partner_id.id
        repairs = super().create(vals_list)
        repairs._record_mileage_in()
        return repairs

    def write(self, vals):
        res = super().write(vals)
        if "mileage_in" in vals or "vehicle_id" in vals:
            self._record_mileage_in()
        return res

    def _record_mileage_in(self):
        """The mileage at check-in becomes the vehicle's odometer reading."""
        Reading = self.env["dealer.vehicle.odometer"].sudo()
        for repair in self.filtered(lambda r: r.vehicle_id and r.mileage_in):
            values = {
                "vehicle_id": repair.vehicle_id.id,
                "value": repair.mileage_in,
                "date": fields.Date.context_today(repair, repair.checkin_time),
                "source": "checkin",
            }
            if repair.odometer_in_id:
                repair.odometer_in_id.sudo().write(values)
            else:
                server_side(repair).odometer_in_id = Reading.create(values)

    # Odoo's steps of the order write its state: they do so as the order's own actions.
    def _action_repair_confirm(self):
        return super(RepairOrder, server_side(self))._action_repair_confirm()

    def action_repair_start(self):
        return super(RepairOrder, server_side(self)).action_repair_start()

    def action_repair_cancel(self):
        return super(RepairOrder, server_side(self)).action_repair_cancel()

    def action_repair_cancel_draft(self):
        return super(RepairOrder, server_side(self)).action_repair_cancel_draft()

    def action_repair_done(self):
        res = super(RepairOrder, server_side(self)).action_repair_done()
        server_side(self.filtered(lambda r: not r.completion_time)).completion_time = fields.Datetime.now()
        for repair in self.filtered("vehicle_id"):
            vehicle = repair.vehicle_id.sudo()
            day = repair._dealer_checkin_day()
            if repair.service_type == "maintenance" and (
                not vehicle.last_service_date or vehicle.last_service_date <= day
            ):
                vehicle.write({"last_service_date": day, "last_service_km": repair.mileage_in})
        return res

    def _dealer_checkin_day(self):
        """The store's day of the check-in (in its time zone: 07:30 in Beijing is that day, not
        the UTC day before), as the odometer reading and the KPIs count the visit."""
        self.ensure_one()
        tz = pytz.timezone(self.company_id._dealer_tz())
        return pytz.utc.localize(self.checkin_time or self.create_date).astimezone(tz).date()

    # Inspections ----------------------------------------------------------------

    def action_validate(self):
        """A part line of quantity 0 is a mistake: refused at confirmation (Odoo refuses negative
        ones), before any stock is reserved."""
        for repair in self:
            empty = repair.move_ids.filtered(
                lambda move: (
                    move.repair_line_type == "add"
                    and move.state != "cancel"
                    and float_is_zero(move.product_uom_qty, precision_rounding=move.product_uom.rounding)
                )
            )
            if empty:
                raise UserError(
                    _(
                        "Repair order %(order)s has parts of quantity 0 (%(parts)s): set their quantity or "
                        "remove them.",
                        order=repair.name,
                        parts=", ".join(empty.product_id.mapped("display_name")),
                    )
                )
        return super().action_validate()

    @requires_role(TECHNICIAN, ADVISOR)
    def action_multipoint_inspection(self):
        """A multi-point inspection from the checklist of the order's service type."""
        self.ensure_one()
        template = self.env["dealer.inspection.template"].search(
            [("service_type", "=", self.service_type), ("company_id", "in", [False, self.company_id.id])], limit=1
        )
        inspection = self.env["dealer.repair.inspection"].create(
            {
                "repair_id": self.id,
                "kind": "multipoint",
                "line_ids": [
                    Command.create({"name": item.name, "sequence": item.sequence}) for item in template.item_ids
                ],
            }
        )
        return inspection._get_records_action()

    @requires_role(TECHNICIAN, ADVISOR)
    def action_qc_pass(self):
        return self._final_inspection("pass")

    @requires_role(TECHNICIAN, ADVISOR)
    def action_qc_fail(self):
        return self._final_inspection("fail")

    def _final_inspection(self, result):
        """Final inspection (终检) by someone who did not do the work; a pass tells
        the customer the car is ready."""
        employee = self.env.user.sudo().employee_id
        for repair in self:
            if repair.state != "done":
                raise UserError(_("Repair order %(name)s is inspected once the work is done.", name=repair.name))
            if repair.qc_state == "passed":
                raise UserError(_("Repair order %(name)s already passed its final inspection.", name=repair.name))
            if employee and employee in repair.sudo().labor_line_ids.technician_ids:
                raise UserError(
                    _(
                        "%(name)s worked on %(order)s: another person inspects it.",
                        name=employee.name,
                        order=repair.name,
                    )
                )
        self.env["dealer.repair.inspection"].create(
            [{"repair_id": repair.id, "kind": "final", "result": result} for repair in self]
        )
        if result == "pass":
            template = self.env.ref("dealer_aftersales.mail_template_repair_ready", raise_if_not_found=False)
            if template:
                send_mail(self.filtered("partner_id"), template)
        return True

    @requires_role(ADVISOR)
    def action_dealer_deliver(self):
        """Hand the car over: time and mileage out (a delivery reading), then a
        follow-up call for the service advisor a few days later."""
        for repair in self:
            if repair.state != "done":
                raise UserError(_("Repair order %(name)s is not finished yet.", name=repair.name))
            if repair.vehicle_id and repair.qc_state != "passed":
                raise UserError(_("Repair order %(name)s has not passed its final inspection yet.", name=repair.name))
            if repair.delivery_time:
                raise UserError(_("Repair order %(name)s was already handed over.", name=repair.name))
        now = fields.Datetime.now()
        for repair in self:
            mileage = repair.mileage_out or repair.mileage_in
            server_side(repair).write({"delivery_time": now, "mileage_out": mileage})
            if repair.vehicle_id and mileage:
                self.env["dealer.vehicle.odometer"].sudo().create(
                    {
                        "vehicle_id": repair.vehicle_id.id,
                        "value": mileage,
                        "date": fields.Date.context_today(repair, now),
                        "source": "delivery",
                    }
                )
            repair._dealer_send_survey()
            schedule_activity(
                repair,
                "mail.mail_activity_data_call",
                date_deadline=fields.Date.context_today(repair)
                + timedelta(days=repair.company_id.dealer_callback_days),
                summary=_("Follow-up call"),
                note=_(
                    "Ask %(customer)s how the car runs after %(order)s.",
                    customer=repair.partner_id.name,
                    order=repair.name,
                ),
                user_id=repair.user_id.id or self.env.uid,
            )
        return True

    def _dealer_send_survey(self):
        """Invite the customer to the store's satisfaction survey, linked to this order."""
        self.ensure_one()
        survey = self.company_id.dealer_csi_survey_id
        if not survey or not self.partner_id:
            return
        answer = survey.sudo()._create_answer(partner=self.partner_id, check_attempts=False, dealer_repair_id=self.id)
        template = self.env.ref("dealer_aftersales.mail_template_repair_survey", raise_if_not_found=False)
        if template:
            send_mail(self.with_context(dealer_survey_url=answer.get_start_url()), template)

    # Invoicing -------------------------------------------------------------

    @requires_role(ACCOUNTANT)
    def action_dealer_invoice(self):
        """One draft invoice per payer, and an internal entry for internal lines."""
        self._dealer_lock()
        moves = self.env["account.move"]
        for repair in self:
            repair._dealer_check_invoiceable()
            moves |= repair._dealer_create_moves()
        return self._dealer_action_view_moves(moves)

    @requires_role(ADVISOR, ACCOUNTANT)
    def action_view_dealer_claims(self):
        """The order's insurance claim, or its warranty claim (created from the order if none)."""
        self.ensure_one()
        if self.insurance_claim_ids:
            return self.insurance_claim_ids._get_records_action(name=_("Insurance Claims"))
        return self.warranty_claim_ids._get_records_action(name=_("Warranty Claims"))

    @requires_role(ADVISOR, ACCOUNTANT)
    def action_dealer_warranty_claim(self):
        """Open the order's warranty claim, drafting it on first use."""
        self.ensure_one()
        claim = self._dealer_warranty_claim()
        if not claim:
            return {
                "type": "ir.actions.act_window",
                "res_model": "dealer.warranty.claim",
                "view_mode": "form",
                "target": "current",
                "context": {"default_repair_id": self.id, "default_manufacturer_id": self.warranty_partner_id.id},
            }
        return claim._get_records_action()

    @requires_role(ACCOUNTANT)
    def action_view_dealer_moves(self):
        self.ensure_one()
        return self._dealer_action_view_moves(self.dealer_move_ids)

    def _dealer_lock(self):
        """Serialize invoicing of the same orders across sessions."""
        lock_rows(
            self,
            _(
                "Repair order %(name)s is being invoiced by someone else; try again in a moment.",
                name=", ".join(self.mapped("name")),
            ),
        )

    def _dealer_active_moves(self):
        """Invoices and entries not cancelled nor corrected by a posted credit note or reversal."""
        return self.dealer_move_ids.filtered(
            lambda m: (
                m.state != "cancel"
                and m.payment_state != "reversed"
                and not m.reversal_move_ids.filtered(lambda r: r.state == "posted")
            )
        )

    def _dealer_check_invoiceable(self):
        self.ensure_one()
        if self.state != "done":
            raise UserError(_("Repair order %(name)s can be invoiced once it is repaired.", name=self.name))
        if self._dealer_active_moves():
            raise UserError(
                _(
                    "Repair order %(name)s is already invoiced. To correct it, issue a credit note for its "
                    "invoices first.",
                    name=self.name,
                )
            )
        if not self.labor_line_ids and not self.move_ids.filtered(lambda m: m.repair_line_type == "add"):
            raise UserError(_("Repair order %(name)s has nothing to invoice.", name=self.name))

    @api.ondelete(at_uninstall=False)
    def _unlink_except_confirmed(self):
        # Odoo's own deletion guard, extended rather than joined by a second one: ours must answer
        # first, or a done order would say "cannot cancel a completed order" instead of why it stays.
        for repair in self:
            if repair.dealer_move_ids:
                raise UserError(
                    _(
                        "Repair order %(name)s has invoices or journal entries: it cannot be deleted.",
                        name=repair.name,
                    )
                )
        return super()._unlink_except_confirmed()

    def _dealer_payers(self):
        """pay type -> partner who receives the invoice (None for internal)."""
        self.ensure_one()
        return {
            "customer": self.partner_id,
            "insurance": self.insurer_id,
            "warranty": self.warranty_partner_id,
            "internal": None,
        }

    def _dealer_lines_by_pay_type(self):
        self.ensure_one()
        lines = {pay_type: [] for pay_type, _label in PAY_TYPES}
        labor_product = self.env.ref("dealer_aftersales.product_product_labor", raise_if_not_found=False)
        for line in self.labor_line_ids:
            product = line.operation_id.product_id or labor_product
            name = f"[{line.operation_id.code}] {line.name}" if line.operation_id else line.name
            lines[line.pay_type].append(
                {
                    "kind": "labor",
                    "name": name,
                    "product": product,
                    "quantity": line.hours,
                    "uom": product.uom_id,
                    "price_unit": line.rate,
                    "discount": line.discount,
                    "amount": line.amount,
                }
            )
        claimed = (
            {move: price for move, __, price in self._dealer_warranty_parts()} if self._dealer_warranty_claim() else {}
        )
        for move in self.move_ids.filtered(lambda m: m.repair_line_type == "add" and m.state == "done"):
            if not move.quantity:
                continue
            price, discount, amount = move.dealer_price_unit, move.dealer_discount, move.dealer_amount
            if move in claimed:
                # The manufacturer reimburses warranty parts at cost plus its handling percentage.
                price, discount = claimed[move], 0.0
                amount = self.company_id.currency_id.round(price * move.quantity)
            lines[move.dealer_pay_type or "customer"].append(
                {
                    "kind": "parts",
                    "name": move.product_id.display_name,
                    "product": move.product_id,
                    "quantity": move.quantity,
                    "uom": move.product_uom,
                    "price_unit": price,
                    "discount": discount,
                    "amount": amount,
                }
            )
        return lines

    def _dealer_warranty_claim(self):
        self.ensure_one()
        return self.warranty_claim_ids.filtered(lambda claim: claim.state != "rejected")[:1]

    def _dealer_warranty_parts(self):
        """(move, quantity, unit price claimed) of the warranty parts: the unit cost they left stock
        at (the product's cost before they are issued) plus the brand's handling percentage."""
        self.ensure_one()
        handling = self.vehicle_id.brand_id.warranty_parts_handling / 100
        result = []
        for move in self.move_ids.filtered(
            lambda m: m.repair_line_type == "add" and m.dealer_pay_type == "warranty" and m.state != "cancel"
        ):
            quantity = move.quantity if move.state == "done" else move.product_uom_qty
            if move.state == "done" and move.sudo().stock_valuation_layer_ids and quantity:
                cost = -sum(move.sudo().stock_valuation_layer_ids.mapped("value")) / quantity
            else:
                cost = move.product_id.with_company(self.company_id).standard_price
            result.append((move, quantity, self.company_id.currency_id.round(cost * (1 + handling))))
        return result

    def _dealer_create_moves(self):
        self.ensure_one()
        lines = self._dealer_lines_by_pay_type()
        payers = self._dealer_payers()
        deductible = self.insurance_deductible if lines["insurance"] else 0.0
        claim = self.insurance_claim_ids.filtered(lambda c: c.state != "rejected")[:1]
        above_approved = 0.0
        if lines["insurance"] and claim:
            if claim.state not in ("approved", "repairing"):
                raise UserError(
                    _(
                        "The insurance lines of %(name)s can be invoiced once claim %(claim)s is approved.",
                        name=self.name,
                        claim=claim.name,
                    )
                )
            insurance_total = sum(line["amount"] for line in lines["insurance"])
            above_approved = max(0.0, self.company_id.currency_id.round(insurance_total - claim.approved_amount))
        labels = dict(self._fields["service_type"]._description_selection(self.env))
        pay_labels = dict(self.env["dealer.repair.labor"]._fields["pay_type"]._description_selection(self.env))
        invoice_vals = []
        for pay_type, pay_lines in lines.items():
            if pay_type == "internal" or not pay_lines:
                continue
            partner = payers[pay_type]
            if not partner:
                raise UserError(
                    _(
                        "Repair order %(name)s has %(pay_type)s lines but no one to bill them to: set the %(payer)s.",
                        name=self.name,
                        pay_type=pay_labels[pay_type],
                        payer=self._dealer_payer_label(pay_type),
                    )
                )
            invoice_vals.append(self._dealer_invoice_vals(partner, pay_type, pay_lines))
        if deductible:
            insurance_total = sum(line["amount"] for line in lines["insurance"])
            if deductible > insurance_total:
                raise UserError(
                    _(
                        "The deductible (%(deductible)s) is higher than the insurance lines (%(total)s).",
                        deductible=deductible,
                        total=insurance_total,
                    )
                )
            if not self.partner_id:
                raise UserError(_("Set the customer who pays the deductible of %(name)s.", name=self.name))
            self._dealer_move_deductible(invoice_vals, deductible)
        if above_approved:
            self._dealer_move_deductible(
                invoice_vals,
                above_approved,
                _("Above the amount approved by the insurer (%(claim)s)", claim=claim.name),
            )
        moves = self.env["account.move"].create(invoice_vals) if invoice_vals else self.env["account.move"]
        if lines["internal"]:
            moves |= self._dealer_create_internal_entry(lines["internal"])
        server_side(self).dealer_move_ids = [Command.link(move.id) for move in moves]
        if claim and lines["insurance"]:
            claim._on_repair_invoiced(moves)
        log_note(
            self,
            _(
                "Invoiced (%(service)s): %(moves)s",
                service=labels.get(self.service_type, ""),
                moves=", ".join(moves.mapped("display_name")),
            ),
        )
        return moves

    def _dealer_payer_label(self, pay_type):
        field = {"customer": "partner_id", "insurance": "insurer_id", "warranty": "warranty_partner_id"}[pay_type]
        return self._fields[field]._description_string(self.env)

    def _dealer_invoice_vals(self, partner, pay_type, pay_lines):
        config = self.env["dealer.pay.type.config"]._get(self.company_id, pay_type)
        fiscal_position = (
            self.env["account.fiscal.position"].with_company(self.company_id)._get_fiscal_position(partner)
        )
        invoice_lines = []
        for line in pay_lines:
            account = config.labor_account_id if line["kind"] == "labor" else config.parts_account_id
            taxes = line["product"].taxes_id.filtered_domain(
                self.env["account.tax"]._check_company_domain(self.company_id)
            )
            invoice_lines.append(
                Command.create(
                    {
                        "name": line["name"],
                        "product_id": line["product"].id,
                        "quantity": line["quantity"],
                        "product_uom_id": line["uom"].id,
                        "price_unit": line["price_unit"],
                        "discount": line["discount"],
                        "account_id": account.id,
                        "tax_ids": [Command.set(fiscal_position.map_tax(taxes).ids)],
                    }
                )
            )
        return {
            "move_type": "out_invoice",
            "company_id": self.company_id.id,
            "partner_id": partner.id,
            "fiscal_position_id": fiscal_position.id,
            "invoice_origin": self.name,
            "ref": " ".join(filter(None, [self.name, self.vehicle_id.license_plate])),
            "dealer_pay_type": pay_type,
            "invoice_line_ids": invoice_lines,
        }

    def _dealer_move_deductible(self, invoice_vals, deductible, label=None):
        """The deductible (or another share the insurer does not pay) leaves the insurer's invoice
        for the customer's, on the same account."""
        config = self.env["dealer.pay.type.config"]._get(self.company_id, "insurance")
        labor_product = self.env.ref("dealer_aftersales.product_product_labor")
        taxes = labor_product.taxes_id.filtered_domain(self.env["account.tax"]._check_company_domain(self.company_id))
        by_pay_type = {vals["dealer_pay_type"]: vals for vals in invoice_vals}
        customer_vals = by_pay_type.get("customer")
        if not customer_vals:
            customer_vals = self._dealer_invoice_vals(self.partner_id, "customer", [])
            invoice_vals.append(customer_vals)
        for vals, sign in ((by_pay_type["insurance"], -1), (customer_vals, 1)):
            fiscal_position = self.env["account.fiscal.position"].browse(vals["fiscal_position_id"])
            vals["invoice_line_ids"].append(
                Command.create(
                    {
                        "name": label or _("Insurance deductible (%(name)s)", name=self.name),
                        "quantity": 1,
                        "price_unit": sign * deductible,
                        "account_id": config.labor_account_id.id,
                        "tax_ids": [Command.set(fiscal_position.map_tax(taxes).ids)],
                    }
                )
            )

    def _dealer_create_internal_entry(self, internal_lines, label=None):
        """Internal work: the internal expense account against the internal recovery accounts."""
        config = self.env["dealer.pay.type.config"]._get(self.company_id, "internal")
        journal = self.company_id._dealer_misc_journal()
        labor = sum(line["amount"] for line in internal_lines if line["kind"] == "labor")
        parts = sum(line["amount"] for line in internal_lines if line["kind"] == "parts")
        label = label or _("Internal work %(name)s", name=self.name)
        line_vals = [
            Command.create({"name": label, "account_id": config.expense_account_id.id, "debit": labor + parts}),
        ]
        for amount, account in ((labor, config.labor_account_id), (parts, config.parts_account_id)):
            if amount:
                line_vals.append(Command.create({"name": label, "account_id": account.id, "credit": amount}))
        return self.env["account.move"].create(
            {
                "move_type": "entry",
                "journal_id": journal.id,
                "company_id": self.company_id.id,
                "ref": self.name,
                "dealer_pay_type": "internal",
                "line_ids": line_vals,
            }
        )

    def _dealer_action_view_moves(self, moves):
        action = self.env["ir.actions.act_window"]._for_xml_id("account.action_move_journal_line")
        action.update(
            {
                "name": _("Invoices and Entries"),
                "domain": [("id", "in", moves.ids)],
                "context": {"create": False},
                "views": [(False, "list"), (False, "form")],
            }
        )
        if len(moves) == 1:
            action.update({"res_id": moves.id, "views": [(False, "form")], "view_mode": "form"})
        return action
