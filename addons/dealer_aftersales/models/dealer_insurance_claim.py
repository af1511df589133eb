from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare, float_is_zero

from ..tools import ACCOUNTANT, ADVISOR, is_server_side, lock_rows, log_note, requires_role, server_side

CLAIM_STATES = [
    ("reported", "Reported"),
    ("assessed", "Assessed"),
    ("approved", "Approved"),
    ("repairing", "Repairing"),
    ("invoiced", "Invoiced"),
    ("partly_settled", "Partly Settled"),
    ("settled", "Settled"),
    ("closed", "Closed"),
    ("rejected", "Rejected"),
]

# What to do with what the insurer does not pay (asked on the settlement wizard and per remittance line).
DIFFERENCE_HANDLING = [("open", "Leave Open"), ("writeoff", "Write Off"), ("rebill", "Re-bill to Customer")]
# The claims being settled from the claim (wizard, remittance) in this transaction: their own
# payment is recorded by the settlement they make, not by the invoice's payment hook.
SETTLING = "dealer_aftersales.insurance_claims_settling"


class DealerInsuranceClaim(models.Model):
    """An accident repair paid by an insurer (保险理赔): report, loss assessment (定损),
    approval, the repair order, the insurer's invoice and its settlement.

    Amounts are before VAT, like the repair order's lines; the invoices add the VAT."""

    _name = "dealer.insurance.claim"
    _description = "Insurance Claim"
    _inherit = ["dealer.claim.mixin"]
    _order = "accident_date desc, id desc"
    _sequence_code = "dealer.insurance.claim"
    # The screens' rules, held for every client: what the assessment and approval may still change.
    _dealer_guarded_fields = {
        "state": (),
        "invoice_id": (),
        "insurer_id": ("reported", "assessed"),
        "vehicle_id": ("reported", "assessed"),
        "line_ids": ("reported", "assessed"),
        "approved_amount": ("assessed", "approved"),
        "deductible": ("reported", "assessed", "approved"),
        "repair_id": ("reported", "assessed", "approved"),
    }

    state = fields.Selection(
        CLAIM_STATES, string="Status", default="reported", required=True, tracking=True, copy=False
    )
    insurer_id = fields.Many2one("res.partner", required=True, tracking=True, domain=[("dealer_is_insurer", "=", True)])
    policy_number = fields.Char(tracking=True)
    report_number = fields.Char(tracking=True, index=True, help="The insurer's case number (报案号).")
    accident_date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    vehicle_id = fields.Many2one("dealer.vehicle", required=True, check_company=True, tracking=True)
    partner_id = fields.Many2one("res.partner", string="Customer", required=True, tracking=True)
    repair_id = fields.Many2one("repair.order", string="Repair Order", check_company=True, tracking=True, copy=False)
    line_ids = fields.One2many("dealer.insurance.claim.line", "claim_id", string="Loss Assessment", copy=True)
    assessed_amount = fields.Monetary(compute="_compute_amounts", store=True, tracking=True)
    not_covered_amount = fields.Monetary(string="Not Covered", compute="_compute_amounts", store=True, tracking=True)
    approved_amount = fields.Monetary(tracking=True, copy=False)
    deductible = fields.Monetary(tracking=True, copy=False)
    reject_reason = fields.Text(copy=False)
    invoice_id = fields.Many2one(
        "account.move", string="Insurer Invoice", readonly=True, copy=False, check_company=True
    )
    amount_invoiced = fields.Monetary(related="invoice_id.amount_total", string="Invoiced")
    amount_open = fields.Monetary(
        related="invoice_id.amount_residual",
        string="Open (incl. VAT)",
        help="What the invoice still waits for, VAT included; claimed and approved amounts are before VAT.",
    )
    settlement_ids = fields.One2many("dealer.insurance.settlement", "claim_id", string="Settlements", readonly=True)
    amount_paid = fields.Monetary(string="Paid", compute="_compute_settled", store=True, tracking=True)
    amount_written_off = fields.Monetary(string="Written Off", compute="_compute_settled", store=True, tracking=True)
    amount_rebilled = fields.Monetary(
        string="Re-billed to Customer", compute="_compute_settled", store=True, tracking=True
    )

    _sql_constraints = [
        (
            "report_number_unique",
            "UNIQUE(company_id, insurer_id, report_number)",
            "This insurer's report number already has a claim in the store.",
        ),
    ]

    @api.depends("line_ids.amount", "line_ids.covered")
    def _compute_amounts(self):
        for claim in self:
            claim.assessed_amount = sum(claim.line_ids.filtered("covered").mapped("amount"))
            claim.not_covered_amount = sum(claim.line_ids.filtered(lambda line: not line.covered).mapped("amount"))

    @api.depends("settlement_ids.amount_paid", "settlement_ids.amount_difference", "settlement_ids.difference_handling")
    def _compute_settled(self):
        for claim in self:
            settlements = claim.settlement_ids
            claim.amount_paid = sum(settlements.mapped("amount_paid"))
            claim.amount_written_off = sum(
                settlements.filtered(lambda s: s.difference_handling == "writeoff").mapped("amount_difference")
            )
            claim.amount_rebilled = sum(
                settlements.filtered(lambda s: s.difference_handling == "rebill").mapped("amount_difference")
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("vehicle_id") and not vals.get("partner_id"):
                vals["partner_id"] = self.env["dealer.vehicle"].browse(vals["vehicle_id"]).partner_id.id
        return super().create(vals_list)

    @api.onchange("vehicle_id")
    def _onchange_vehicle_id(self):
        if self.vehicle_id:
            self.partner_id = self.vehicle_id.partner_id

    @api.constrains("approved_amount", "deductible", "assessed_amount")
    def _check_amounts(self):
        for claim in self:
            if claim.approved_amount < 0 or claim.deductible < 0:
                raise ValidationError(_("Approved amounts and deductibles cannot be negative."))
            rounding = claim.currency_id.rounding
            if float_compare(claim.approved_amount, claim.assessed_amount, precision_rounding=rounding) > 0:
                raise ValidationError(
                    _(
                        "Claim %(claim)s cannot be approved for %(approved)s: the insurer assessed %(assessed)s.",
                        claim=claim.name,
                        approved=claim._money(claim.approved_amount),
                        assessed=claim._money(claim.assessed_amount),
                    )
                )
            if (
                claim.approved_amount
                and float_compare(claim.deductible, claim.approved_amount, precision_rounding=rounding) > 0
            ):
                raise ValidationError(
                    _(
                        "The deductible of %(claim)s (%(deductible)s) cannot be above the approved amount "
                        "(%(approved)s).",
                        claim=claim.name,
                        deductible=claim._money(claim.deductible),
                        approved=claim._money(claim.approved_amount),
                    )
                )

    def write(self, vals):
        res = super().write(vals)
        if {"insurer_id", "deductible"} & set(vals):
            self.filtered(lambda claim: claim.repair_id and claim.state in ("approved", "repairing"))._sync_repair()
        return res

    # ------------------------------------------------------------------ workflow

    @requires_role(ADVISOR)
    def action_assess(self):
        self._check_state("reported", "assessed")
        for claim in self:
            if not claim.line_ids or not claim.assessed_amount:
                raise UserError(_("Enter the insurer's loss assessment of %(claim)s first.", claim=claim.name))
        server_side(self).state = "assessed"

    @requires_role(ADVISOR)
    def action_approve(self, approved_amount=None, deductible=None):
        """Approve at the assessed amount (or ``approved_amount``); never above it, and the
        deductible never above what is approved."""
        self._check_state("assessed", "approved")
        for amount in (approved_amount, deductible):
            if amount is not None and (not isinstance(amount, int | float) or isinstance(amount, bool)):
                raise UserError(_("An approved amount or deductible is a number, not %(value)r.", value=amount))
        for claim in self:
            approved = claim.approved_amount if approved_amount is None else approved_amount
            approved = approved or claim.assessed_amount
            claim_deductible = claim.deductible if deductible is None else deductible
            currency = claim.currency_id
            if float_compare(approved, claim.assessed_amount, precision_rounding=currency.rounding) > 0:
                raise UserError(
                    _(
                        "Claim %(claim)s cannot be approved for %(approved)s: the insurer assessed %(assessed)s.",
                        claim=claim.name,
                        approved=claim._money(approved),
                        assessed=claim._money(claim.assessed_amount),
                    )
                )
            if float_compare(claim_deductible, approved, precision_rounding=currency.rounding) > 0:
                raise UserError(
                    _(
                        "The deductible of %(claim)s (%(deductible)s) cannot be above the approved amount "
                        "(%(approved)s).",
                        claim=claim.name,
                        deductible=claim._money(claim_deductible),
                        approved=claim._money(approved),
                    )
                )
            server_side(claim).write({"approved_amount": approved, "deductible": claim_deductible, "state": "approved"})
            if claim.repair_id:
                claim._sync_repair()

    @requires_role(ADVISOR)
    def action_reject(self):
        self._check_state("reported", "assessed", "approved")
        for claim in self:
            if not claim.reject_reason:
                raise UserError(_("Write down why the insurer rejected %(claim)s.", claim=claim.name))
        server_side(self).state = "rejected"

    @requires_role(ADVISOR)
    def action_start_repair(self):
        """Open (or link) the accident repair order: insurer and deductible follow the claim."""
        self._check_state("approved")
        for claim in self:
            if not claim.repair_id:
                server_side(claim).repair_id = self.env["repair.order"].create(
                    {
                        "vehicle_id": claim.vehicle_id.id,
                        "partner_id": claim.partner_id.id,
                        "service_type": "accident",
                        "company_id": claim.company_id.id,
                    }
                )
            claim._sync_repair()
        server_side(self).state = "repairing"
        if len(self) == 1:
            return self.repair_id._get_records_action()
        return True

    def _dealer_check_lines_open(self):
        """The loss assessment changes while the claim is reported or assessed, and by its actions."""
        if is_server_side(self):
            return
        for claim in self:
            if claim.state not in ("reported", "assessed"):
                raise UserError(
                    _(
                        "The loss assessment of %(claim)s cannot be changed now that it is %(state)s.",
                        claim=claim.name,
                        state=claim._dealer_state_label(claim),
                    )
                )

    def _sync_repair(self):
        for claim in self:
            claim.repair_id.write({"insurer_id": claim.insurer_id.id, "insurance_deductible": claim.deductible})

    @requires_role(ADVISOR, ACCOUNTANT)
    def action_close(self):
        self._check_state("settled")
        server_side(self).state = "closed"

    @requires_role(ACCOUNTANT)
    def action_settle(self):
        self.ensure_one()
        self._check_state("invoiced", "partly_settled")
        return {
            "type": "ir.actions.act_window",
            "name": _("Settle %(claim)s", claim=self.name),
            "res_model": "dealer.insurance.settle.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_claim_id": self.id, "default_amount": self.amount_open},
        }

    @requires_role(ADVISOR, ACCOUNTANT)
    def action_view_repair(self):
        return self.repair_id._get_records_action()

    @requires_role(ADVISOR, ACCOUNTANT)
    def action_view_invoices(self):
        moves = self.invoice_id | self.settlement_ids.move_ids
        return self.repair_id._dealer_action_view_moves(moves)

    # ------------------------------------------------------------------ invoicing and settlement

    def _on_repair_invoiced(self, moves):
        """Called when the claim's repair order is invoiced: the insurer's invoice is the claim's."""
        for claim in self:
            invoice = moves.filtered(lambda move: move.dealer_pay_type == "insurance")
            server_side(claim).write({"invoice_id": invoice[:1].id, "state": "invoiced"})

    def _refresh_settlement_state(self):
        for claim in self:
            invoice = claim.invoice_id
            if not invoice:
                continue
            if float_is_zero(invoice.amount_residual, precision_rounding=claim.currency_id.rounding):
                server_side(claim).state = "settled"
            elif claim.settlement_ids:
                server_side(claim).state = "partly_settled"

    @api.model
    def _on_invoices_paid(self, invoices):
        """Called when insurer ``invoices`` are paid, in full or in part, however the payment was
        registered (``account.move._compute_payment_state``: Odoo's Register Payment, a bank
        reconciliation): their claims record the payments as settling from the claim does."""
        settling = self.env.cr.cache.get(SETTLING, ())
        claims = self.sudo().search(
            [("invoice_id", "in", invoices.ids), ("state", "in", ("invoiced", "partly_settled"))]
        )
        for claim in claims.filtered(lambda claim: claim.id not in settling):
            claim._record_payments()

    def _record_payments(self):
        """A settlement for each payment or bank entry reconciled with the claim's invoice that no
        settlement holds yet: what it paid on the invoice, and what its write-off lines wrote off
        (Register Payment's "mark as fully paid"). Then the claim's state. Returns the settlements."""
        self.ensure_one()
        invoice = self.invoice_id
        currency = self.currency_id
        recorded = self.settlement_ids.move_ids
        applied = {}
        for partial in invoice._get_all_reconciled_invoice_partials():
            move = partial["aml"].move_id
            # Payments and bank entries; not the credit notes and entries of the claim's own settlements.
            if partial["is_exchange"] or move in recorded or move.move_type != "entry":
                continue
            applied[move] = applied.get(move, 0.0) + partial["amount"]
        settlements = self.env["dealer.insurance.settlement"]
        for move, amount in applied.items():
            difference, reason = move._dealer_written_off(invoice)
            handling = "writeoff" if not float_is_zero(difference, precision_rounding=currency.rounding) else "open"
            settlement = server_side(settlements.sudo()).create(
                {
                    "claim_id": self.id,
                    "date": move.date,
                    "amount_paid": currency.round(amount - difference),
                    "amount_difference": currency.round(difference) if handling == "writeoff" else 0.0,
                    "difference_handling": handling,
                    "reason": reason if handling == "writeoff" else False,
                    "payment_id": move.origin_payment_id.id,
                    "move_ids": [Command.set(move.ids)],
                }
            )
            settlements |= settlement
            self._log_settlement(settlement)
        if settlements:
            self._refresh_settlement_state()
        return settlements

    def _log_settlement(self, settlement):
        labels = dict(settlement._fields["difference_handling"]._description_selection(self.env))
        log_note(
            self,
            _(
                "Settlement: %(paid)s paid, %(difference)s %(handling)s.",
                paid=self._money(settlement.amount_paid),
                difference=self._money(settlement.amount_difference),
                handling=labels[settlement.difference_handling],
            ),
        )

    def _settle(self, amount, journal, date, handling="open", reason=None, memo=None):
        """Register the insurer's payment of ``amount`` on the claim's invoice; the rest stays open
        (``open``), is written off to the store's settlement-difference account (``writeoff``,
        with a reason) or re-billed to the customer (``rebill``). Returns the settlement.

        Payments registered on the invoice outside the claim are recorded first; the one made
        here is recorded by this settlement only (the invoice's payment hook leaves it)."""
        self.ensure_one()
        settling = self.env.cr.cache.setdefault(SETTLING, set())
        settling.add(self.id)
        try:
            return self._settle_claim(amount, journal, date, handling, reason, memo)
        finally:
            settling.discard(self.id)

    def _settle_claim(self, amount, journal, date, handling, reason, memo):
        claim = self
        lock_rows(
            claim, _("Claim %(claim)s is being settled by someone else; try again in a moment.", claim=claim.name)
        )
        if claim.state in ("invoiced", "partly_settled") and claim.invoice_id.state == "posted":
            claim._record_payments()  # what was paid on the invoice outside the claim, first
        invoice = claim.invoice_id
        currency = claim.currency_id
        if claim.state not in ("invoiced", "partly_settled"):
            labels = dict(self._fields["state"]._description_selection(self.env))
            raise UserError(
                _(
                    "Claim %(claim)s is %(state)s: there is nothing to settle.",
                    claim=claim.name,
                    state=labels[claim.state],
                )
            )
        if invoice.state != "posted":
            raise UserError(_("Post the insurer's invoice of %(claim)s before settling it.", claim=claim.name))
        open_amount = invoice.amount_residual
        if float_compare(amount, 0.0, precision_rounding=currency.rounding) < 0:
            raise UserError(_("A payment cannot be negative."))
        if float_compare(amount, open_amount, precision_rounding=currency.rounding) > 0:
            raise UserError(
                _(
                    "The payment of %(amount)s is above what is open on %(claim)s (%(open)s).",
                    amount=claim._money(amount),
                    claim=claim.name,
                    open=claim._money(open_amount),
                )
            )
        difference = currency.round(open_amount - amount)
        if handling == "open" or float_is_zero(difference, precision_rounding=currency.rounding):
            handling, difference = "open", 0.0
        if handling == "writeoff":
            if not claim.company_id.dealer_claim_writeoff_account_id:
                raise UserError(
                    _("Set the settlement-difference account of %(store)s first.", store=claim.company_id.name)
                )
            if not reason:
                raise UserError(_("Give the reason for writing off %(amount)s.", amount=claim._money(difference)))
        if not amount and handling == "open":
            raise UserError(_("Enter the amount the insurer paid."))
        moves = self.env["account.move"]
        payment = self.env["account.payment"]
        if amount:
            register = self.env["account.payment.register"].with_context(
                active_model="account.move", active_ids=invoice.ids
            )
            values = {
                "amount": amount,
                "payment_date": date,
                "journal_id": journal.id,
                "communication": memo or claim.report_number or claim.name,
            }
            if handling == "writeoff":
                values.update(
                    {
                        "payment_difference_handling": "reconcile",
                        "writeoff_account_id": claim.company_id.dealer_claim_writeoff_account_id.id,
                        "writeoff_label": reason,
                    }
                )
            payment = register.create(values)._create_payments()
            moves |= payment.move_id
        elif handling == "writeoff":
            moves |= claim._write_off_entry(difference, date, reason)
        if handling == "rebill":
            moves |= claim._rebill(difference, date)
        settlement = server_side(self.env["dealer.insurance.settlement"]).create(
            {
                "claim_id": claim.id,
                "date": date,
                "amount_paid": amount,
                "amount_difference": difference,
                "difference_handling": handling,
                "reason": reason,
                "payment_id": payment.id,
                "move_ids": [Command.set(moves.ids)],
            }
        )
        claim._refresh_settlement_state()
        claim._log_settlement(settlement)
        return settlement

    def _write_off_entry(self, amount, date, reason):
        """Nothing paid, the rest written off: the settlement-difference account against the insurer."""
        invoice = self.invoice_id
        journal = self.company_id._dealer_misc_journal()
        receivable = invoice.line_ids.filtered(lambda line: line.account_id.account_type == "asset_receivable")
        entry = self.env["account.move"].create(
            {
                "move_type": "entry",
                "journal_id": journal.id,
                "date": date,
                "ref": f"{self.name} {reason}",
                "line_ids": [
                    Command.create(
                        {
                            "name": reason,
                            "account_id": self.company_id.dealer_claim_writeoff_account_id.id,
                            "debit": amount,
                        }
                    ),
                    Command.create(
                        {
                            "name": reason,
                            "account_id": receivable.account_id.id,
                            "partner_id": self.insurer_id.commercial_partner_id.id,
                            "credit": amount,
                        }
                    ),
                ],
            }
        )
        entry.action_post()
        (entry.line_ids.filtered(lambda line: line.account_id == receivable.account_id) | receivable).reconcile()
        return entry

    def _rebill(self, amount, date):
        """What the insurer does not pay moves to the customer: a credit note to the insurer and an
        invoice to the customer for the same amount (VAT stays on the insurer's invoice)."""
        config = self.env["dealer.pay.type.config"]._get(self.company_id, "insurance")
        label = _("Claim %(claim)s: not paid by %(insurer)s", claim=self.name, insurer=self.insurer_id.name)
        line = {
            "name": label,
            "quantity": 1,
            "price_unit": amount,
            "account_id": config.labor_account_id.id,
            "tax_ids": [],
        }
        common = {"company_id": self.company_id.id, "invoice_date": date, "invoice_origin": self.name}
        refund, customer_invoice = self.env["account.move"].create(
            [
                {
                    **common,
                    "move_type": "out_refund",
                    "partner_id": self.insurer_id.id,
                    "dealer_pay_type": "insurance",
                    "invoice_line_ids": [Command.create(line)],
                },
                {
                    **common,
                    "move_type": "out_invoice",
                    "partner_id": self.partner_id.id,
                    "dealer_pay_type": "customer",
                    "invoice_line_ids": [Command.create(line)],
                },
            ]
        )
        (refund | customer_invoice).action_post()
        receivables = (refund | self.invoice_id).line_ids.filtered(
            lambda move_line: move_line.account_id.account_type == "asset_receivable" and not move_line.reconciled
        )
        receivables.reconcile()
        if self.repair_id:
            server_side(self.repair_id).dealer_move_ids = [Command.link(refund.id), Command.link(customer_invoice.id)]
        return refund | customer_invoice

    @api.ondelete(at_uninstall=False)
    def _unlink_except_invoiced(self):
        if any(claim.settlement_ids or claim.invoice_id for claim in self):
            raise UserError(_("A claim with an invoice or settlements cannot be deleted."))
