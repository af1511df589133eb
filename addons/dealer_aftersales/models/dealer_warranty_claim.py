import datetime

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare, float_is_zero

from ..tools import ACCOUNTANT, ADVISOR, requires_role, server_side

WARRANTY_STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("approved", "Approved"),
    ("paid", "Paid"),
    ("rejected", "Rejected"),
    ("charged_back", "Charged Back"),
]


class DealerWarrantyClaim(models.Model):
    """A manufacturer warranty claim (厂家索赔) for a repair order's warranty lines: labor at the
    manufacturer's rate, parts at cost plus the brand's handling percentage."""

    _name = "dealer.warranty.claim"
    _description = "Warranty Claim"
    _inherit = ["dealer.claim.mixin"]
    _order = "id desc"
    _sequence_code = "dealer.warranty.claim"
    _dealer_guarded_fields = {
        **dict.fromkeys(("state", "invoice_id", "submitted_date", "rebill_target", "rebill_move_ids"), ()),
        **dict.fromkeys(("repair_id", "manufacturer_id", "fault_code_id", "company_id"), ("draft",)),
        "approved_amount": ("submitted",),
    }

    state = fields.Selection(
        WARRANTY_STATES, string="Status", default="draft", required=True, tracking=True, copy=False
    )
    repair_id = fields.Many2one("repair.order", string="Repair Order", required=True, check_company=True, index=True)
    vehicle_id = fields.Many2one(related="repair_id.vehicle_id", store=True, string="Vehicle")
    mileage = fields.Integer(related="repair_id.mileage_in", string="Mileage")
    manufacturer_id = fields.Many2one("res.partner", required=True, tracking=True)
    fault_code_id = fields.Many2one("dealer.fault.code", required=True, tracking=True)
    claim_number = fields.Char(string="Manufacturer's Claim Number", tracking=True, copy=False)
    labor_amount = fields.Monetary(compute="_compute_amounts", store=True, tracking=True)
    parts_amount = fields.Monetary(compute="_compute_amounts", store=True, tracking=True)
    amount_claimed = fields.Monetary(compute="_compute_amounts", store=True, tracking=True)
    approved_amount = fields.Monetary(tracking=True, copy=False)
    submitted_date = fields.Date(readonly=True, copy=False)
    reason = fields.Text(string="Rejection or Charge-Back Reason", copy=False)
    invoice_id = fields.Many2one("account.move", string="Manufacturer Invoice", readonly=True, copy=False)
    amount_open = fields.Monetary(
        related="invoice_id.amount_residual",
        string="Open (incl. VAT)",
        help="What the invoice still waits for, VAT included; claimed and approved amounts are before VAT.",
    )
    rebill_target = fields.Selection(
        [("internal", "Internal"), ("customer", "Customer")], string="Re-billed To", readonly=True, copy=False
    )
    rebill_move_ids = fields.Many2many("account.move", string="Re-billing Entries", readonly=True, copy=False)

    @api.depends(
        "repair_id.labor_line_ids.amount",
        "repair_id.labor_line_ids.pay_type",
        "repair_id.move_ids.quantity",
        "repair_id.move_ids.dealer_pay_type",
        "repair_id.move_ids.state",
    )
    def _compute_amounts(self):
        for claim in self:
            repair = claim.repair_id
            labor = sum(repair.labor_line_ids.filtered(lambda line: line.pay_type == "warranty").mapped("amount"))
            parts = sum(price * quantity for __, quantity, price in repair._dealer_warranty_parts())
            claim.labor_amount = labor
            claim.parts_amount = claim.currency_id.round(parts)
            claim.amount_claimed = claim.labor_amount + claim.parts_amount

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            repair = self.env["repair.order"].browse(vals.get("repair_id"))
            if repair and not vals.get("manufacturer_id"):
                vals["manufacturer_id"] = repair.warranty_partner_id.id
            if repair and not vals.get("company_id"):
                vals["company_id"] = repair.company_id.id
        return super().create(vals_list)

    # ------------------------------------------------------------------ audit checks

    def _audit_errors(self, today=None):
        """What a manufacturer's audit would refuse, in the user's language."""
        self.ensure_one()
        today = today or fields.Date.context_today(self)
        errors = []
        repair = self.repair_id
        vehicle = repair.vehicle_id
        if not self.amount_claimed:
            errors.append(_("The repair order has no warranty lines to claim."))
        checkin = (repair.checkin_time or repair.create_date).date()
        earlier = self.env["dealer.vehicle.odometer"].search(
            [("vehicle_id", "=", vehicle.id), ("date", "<=", checkin), ("id", "!=", repair.odometer_in_id.id)],
            order="value desc",
            limit=1,
        )
        if earlier and repair.mileage_in < earlier.value:
            errors.append(
                _(
                    "The mileage of the order (%(mileage)s km) is lower than an earlier reading of the vehicle "
                    "(%(earlier)s km on %(date)s).",
                    mileage=repair.mileage_in,
                    earlier=earlier.value,
                    date=fields.Date.to_string(earlier.date),
                )
            )
        days = self.company_id.dealer_warranty_duplicate_days
        since = today - datetime.timedelta(days=days)
        duplicate = self.search(
            [
                ("id", "!=", self.id),
                ("vehicle_id", "=", vehicle.id),
                ("fault_code_id", "=", self.fault_code_id.id),
                ("state", "not in", ("draft", "rejected")),
                ("submitted_date", ">=", since),
            ],
            limit=1,
        )
        if duplicate:
            errors.append(
                _(
                    "Claim %(other)s for the same vehicle and fault %(fault)s was submitted less than %(days)s days "
                    "ago.",
                    other=duplicate.name,
                    fault=self.fault_code_id.code,
                    days=days,
                )
            )
        allowed = self.fault_code_id.operation_ids
        if allowed:
            operations = repair.labor_line_ids.filtered(lambda line: line.pay_type == "warranty").operation_id
            wrong = operations - allowed
            unlisted = repair.labor_line_ids.filtered(
                lambda line: line.pay_type == "warranty" and not line.operation_id
            )
            if wrong or unlisted:
                errors.append(
                    _(
                        "Labor %(labor)s does not belong to fault code %(fault)s.",
                        labor=", ".join(wrong.mapped("code") + unlisted.mapped("name")),
                        fault=self.fault_code_id.code,
                    )
                )
        deadline_days = vehicle.brand_id.warranty_claim_days
        done = repair.completion_time or repair.write_date
        if deadline_days and done and today > done.date() + datetime.timedelta(days=deadline_days):
            errors.append(
                _(
                    "The submission deadline has passed: %(brand)s accepts claims up to %(days)s days after the "
                    "repair (finished on %(date)s).",
                    brand=vehicle.brand_id.name,
                    days=deadline_days,
                    date=fields.Date.to_string(done.date()),
                )
            )
        return errors

    @requires_role(ADVISOR)
    def action_submit(self):
        self._check_state("draft")
        for claim in self:
            errors = claim._audit_errors()
            if errors:
                raise UserError(
                    _("Warranty claim %(claim)s cannot be submitted:", claim=claim.name) + "\n- " + "\n- ".join(errors)
                )
        server_side(self).write({"state": "submitted", "submitted_date": fields.Date.context_today(self)})

    @requires_role(ADVISOR)
    def action_approve(self, amount=None):
        self._check_state("submitted")
        if amount is not None and (not isinstance(amount, int | float) or isinstance(amount, bool) or amount < 0):
            raise UserError(_("An approved amount is a number not below zero, not %(value)r.", value=amount))
        for claim in self:
            approved = claim.amount_claimed if amount is None else amount
            if float_compare(approved, claim.amount_claimed, precision_rounding=claim.currency_id.rounding) > 0:
                raise UserError(
                    _(
                        "Warranty claim %(claim)s cannot be approved above what was claimed (%(amount)s).",
                        claim=claim.name,
                        amount=claim._money(claim.amount_claimed),
                    )
                )
            server_side(claim).write({"approved_amount": approved, "state": "approved"})
            claim._link_invoice()

    @api.model
    def _on_invoices_paid(self, invoices):
        """Called when warranty ``invoices`` are paid in full, however the payment was registered
        (``account.move._compute_payment_state``): their approved claims are paid."""
        claims = self.sudo().search([("invoice_id", "in", invoices.ids), ("state", "=", "approved")])
        claims.write({"state": "paid"})

    def _link_invoice(self):
        for claim in self:
            if not claim.invoice_id:
                invoice = claim.repair_id._dealer_active_moves().filtered(
                    lambda move: move.dealer_pay_type == "warranty" and move.move_type == "out_invoice"
                )
                server_side(claim).invoice_id = invoice[:1]

    def _pay(self, amount, journal, date):
        """Register the manufacturer's payment on the warranty invoice."""
        self.ensure_one()
        self._check_state("approved")
        self._link_invoice()
        invoice = self.invoice_id
        if not invoice or invoice.state != "posted":
            raise UserError(_("Invoice and post the warranty lines of %(order)s first.", order=self.repair_id.name))
        if (
            float_compare(amount, invoice.amount_residual, precision_rounding=self.currency_id.rounding) > 0
            or amount <= 0
        ):
            raise UserError(
                _(
                    "The payment of %(amount)s must be positive and not above what is open (%(open)s).",
                    amount=self._money(amount),
                    open=self._money(invoice.amount_residual),
                )
            )
        payment = (
            self.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create(
                {
                    "amount": amount,
                    "payment_date": date,
                    "journal_id": journal.id,
                    "communication": self.claim_number or self.name,
                }
            )
            ._create_payments()
        )
        if float_is_zero(invoice.amount_residual, precision_rounding=self.currency_id.rounding):
            server_side(self).state = "paid"
        return payment

    @requires_role(ACCOUNTANT)
    def action_register_payment(self):
        """Odoo's payment registration on the warranty invoice; the claim is paid once it closes it."""
        self.ensure_one()
        self._check_state("approved")
        self._link_invoice()
        if not self.invoice_id or self.invoice_id.state != "posted":
            raise UserError(_("Invoice and post the warranty lines of %(order)s first.", order=self.repair_id.name))
        return self.invoice_id.action_register_payment()

    @requires_role(ADVISOR)
    def action_reject(self):
        self._check_state("submitted", "approved")
        self._require_reason()
        server_side(self).state = "rejected"

    @requires_role(ADVISOR, ACCOUNTANT)
    def action_charge_back(self):
        self._check_state("paid")
        self._require_reason()
        server_side(self).state = "charged_back"

    def _require_reason(self):
        for claim in self:
            if not claim.reason:
                raise UserError(_("Write down the manufacturer's reason for %(claim)s.", claim=claim.name))

    @requires_role(ACCOUNTANT)
    def action_rebill_internal(self):
        return self._rebill("internal")

    @requires_role(ACCOUNTANT)
    def action_rebill_customer(self):
        return self._rebill("customer")

    def _rebill(self, target):
        """A rejected or charged-back claim: a credit note to the manufacturer for what it will not
        pay (for a charge-back, what it took back), then either an internal entry (the internal
        expense account against the internal revenue) or an invoice to the customer."""
        self._check_state("rejected", "charged_back")
        for claim in self:
            if claim.rebill_target:
                raise UserError(_("Warranty claim %(claim)s is already re-billed.", claim=claim.name))
            claim._link_invoice()
            invoice = claim.invoice_id
            if not invoice:
                raise UserError(_("Warranty claim %(claim)s has no invoice to take back.", claim=claim.name))
            amount = invoice.amount_residual if claim.state == "rejected" else invoice.amount_total
            amount = claim.currency_id.round(amount)
            if float_is_zero(amount, precision_rounding=claim.currency_id.rounding):
                raise UserError(_("Nothing is left to re-bill on %(claim)s.", claim=claim.name))
            config = self.env["dealer.pay.type.config"]._get(claim.company_id, "warranty")
            label = _("Warranty claim %(claim)s %(state)s", claim=claim.name, state=dict(WARRANTY_STATES)[claim.state])
            line = {
                "name": label,
                "quantity": 1,
                "price_unit": amount,
                "account_id": config.labor_account_id.id,
                "tax_ids": [],
            }
            refund = self.env["account.move"].create(
                {
                    "move_type": "out_refund",
                    "company_id": claim.company_id.id,
                    "partner_id": claim.manufacturer_id.id,
                    "invoice_origin": claim.name,
                    "dealer_pay_type": "warranty",
                    "invoice_line_ids": [Command.create(line)],
                }
            )
            refund.action_post()
            if claim.state == "rejected":
                (refund | invoice).line_ids.filtered(
                    lambda move_line: (
                        move_line.account_id.account_type == "asset_receivable" and not move_line.reconciled
                    )
                ).reconcile()
            moves = refund
            if target == "customer":
                customer_invoice = self.env["account.move"].create(
                    {
                        "move_type": "out_invoice",
                        "company_id": claim.company_id.id,
                        "partner_id": claim.repair_id.partner_id.id,
                        "invoice_origin": claim.name,
                        "dealer_pay_type": "customer",
                        "invoice_line_ids": [Command.create(line)],
                    }
                )
                customer_invoice.action_post()
                moves |= customer_invoice
            else:
                entry = claim.repair_id._dealer_create_internal_entry(
                    [{"kind": "labor", "amount": amount}], label=label
                )
                entry.action_post()
                moves |= entry
            server_side(claim.repair_id).dealer_move_ids = [Command.link(move.id) for move in moves]
            server_side(claim).write({"rebill_target": target, "rebill_move_ids": [Command.set(moves.ids)]})
        return True

    @api.ondelete(at_uninstall=False)
    def _unlink_except_invoiced(self):
        for claim in self:
            if claim.invoice_id or claim.rebill_move_ids:
                raise UserError(
                    _(
                        "Warranty claim %(claim)s has an invoice or re-billing entries: it cannot be deleted.",
                        claim=claim.name,
                    )
                )
