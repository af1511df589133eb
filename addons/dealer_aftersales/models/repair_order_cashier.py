"""The cashier's desk (收银台) of a finished repair order: what the customer pays with VAT, the
payments taken by method (split between several if the customer wishes), the rest left on account
for a customer with credit, and the release (放行) that lets the car leave the store."""

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare, float_is_zero, format_amount

from ..tools import ACCOUNTANT, ADVISOR, MONEY_GROUPS, lang_env, lock_rows, log_note, requires_role, server_side
from .account_journal_cashier import PAYMENT_METHODS
from .repair_order import RepairOrder as DealerRepairOrder

# What only the cashier's action writes.
CASHIER_FIELDS = ("dealer_released", "dealer_release_time", "dealer_released_by", "dealer_payment_ids")


class RepairOrder(models.Model):
    _inherit = "repair.order"  # pylint: disable=consider-merging-classes-inherited  # the cashier's desk, on its own
    _dealer_guarded_fields = {
        **DealerRepairOrder._dealer_guarded_fields,
        **dict.fromkeys((*CASHIER_FIELDS, "dealer_on_account_amount"), ()),
    }

    dealer_released = fields.Boolean(
        string="Released",
        readonly=True,
        copy=False,
        tracking=True,
        help="Set by the cashier once the customer's part is paid or left on account: the car may leave (放行).",
    )
    dealer_release_time = fields.Datetime(string="Released On", readonly=True, copy=False)
    dealer_released_by = fields.Many2one("res.users", string="Released By", readonly=True, copy=False)
    dealer_payment_ids = fields.Many2many(
        "account.payment",
        "repair_order_dealer_payment_rel",
        "repair_id",
        "payment_id",
        string="Payments at the Desk",
        readonly=True,
        copy=False,
        groups=ACCOUNTANT,
    )
    dealer_on_account_amount = fields.Monetary(
        string="Left on Account",
        currency_field="dealer_currency_id",
        readonly=True,
        copy=False,
        tracking=True,
        groups=MONEY_GROUPS,
        help="What the customer did not pay at the desk and owes on account (挂账).",
    )
    amount_customer_total = fields.Monetary(
        string="Customer to Pay (incl. VAT)",
        compute="_compute_amount_customer_total",
        currency_field="dealer_currency_id",
        groups=MONEY_GROUPS,
        help="The customer's invoice with its taxes: the posted or draft invoice when there is one, else "
        "what it will be (the products' taxes mapped by the customer's fiscal position, the deductible included).",
    )
    dealer_customer_residual = fields.Monetary(
        string="Customer Still Owes",
        compute="_compute_amount_customer_total",
        currency_field="dealer_currency_id",
        groups=MONEY_GROUPS,
    )
    dealer_has_draft_moves = fields.Boolean(
        string="Has Draft Invoices", compute="_compute_dealer_has_draft_moves", groups=ACCOUNTANT
    )

    # ------------------------------------------------------------------ amounts

    @api.depends(
        "labor_line_ids.amount",
        "labor_line_ids.pay_type",
        "move_ids.dealer_amount",
        "move_ids.dealer_pay_type",
        "move_ids.quantity",
        "insurance_deductible",
        "partner_id",
        "dealer_move_ids.amount_total",
        "dealer_move_ids.amount_residual",
        "dealer_move_ids.state",
    )
    def _compute_amount_customer_total(self):
        # Advisors see the amount but not the invoices it comes from.
        fiscal_positions, taxes_cache = {}, {}
        for repair in self:
            sudo = repair.sudo()
            invoices = sudo._dealer_customer_invoices()
            if sudo._dealer_active_moves():
                total = sum(invoices.mapped("amount_total"))
                residual = sum(
                    invoice.amount_total if invoice.state == "draft" else invoice.amount_residual
                    for invoice in invoices
                )
            else:
                total = residual = sudo._dealer_customer_preview_total(fiscal_positions, taxes_cache)
            repair.amount_customer_total = total
            repair.dealer_customer_residual = residual

    @api.depends("dealer_move_ids.state")
    def _compute_dealer_has_draft_moves(self):
        for repair in self:
            repair.dealer_has_draft_moves = any(move.state == "draft" for move in repair.dealer_move_ids)

    def _dealer_customer_invoices(self):
        """The order's customer invoices, neither cancelled nor reversed."""
        self.ensure_one()
        return self._dealer_active_moves().filtered(
            lambda m: m.move_type == "out_invoice" and m.dealer_pay_type == "customer"
        )

    def _dealer_customer_preview_total(self, fiscal_positions=None, taxes_cache=None):
        """What the customer's invoice of the order will come to, taxes included."""
        return self._dealer_preview_amounts(fiscal_positions, taxes_cache, pay_types=("customer",))["customer"]["total"]

    def _dealer_preview_amounts(self, fiscal_positions=None, taxes_cache=None, pay_types=None):
        """What invoicing (``_dealer_create_moves``) will bill each payer of the order not yet
        invoiced, as ``{pay type: {"untaxed": .., "total": ..}}``: the labor and parts at their
        prices and discounts (parts as requested until they are issued), warranty parts at what the
        manufacturer reimburses, the deductible and what the insurer did not approve moved from the
        insurer to the customer, each line with its product's taxes mapped by its payer's fiscal
        position; internal work carries no VAT. ``fiscal_positions`` and ``taxes_cache`` are shared
        by the orders of one computation; ``pay_types``, when given, the payers priced (the others
        read zero): the cashier's total prices the customer's lines only."""
        self.ensure_one()
        fiscal_positions = {} if fiscal_positions is None else fiscal_positions
        taxes_cache = {} if taxes_cache is None else taxes_cache
        company, currency = self.company_id, self.company_id.currency_id
        Tax = self.env["account.tax"]
        FiscalPosition = self.env["account.fiscal.position"].with_company(company)
        partners = self._dealer_payers()
        labor_product = self.env.ref("dealer_aftersales.product_product_labor", raise_if_not_found=False)

        def taxes_of(product, partner):
            if partner not in fiscal_positions:
                fiscal_positions[partner] = FiscalPosition._get_fiscal_position(partner) if partner else FiscalPosition
            key = (product, fiscal_positions[partner], company)
            if key not in taxes_cache:
                taxes = product.taxes_id.filtered_domain(Tax._check_company_domain(company))
                taxes_cache[key] = fiscal_positions[partner].map_tax(taxes)
            return taxes_cache[key]

        lines = self._dealer_preview_lines(labor_product, pay_types)
        amounts = {pay_type: {"untaxed": 0.0, "total": 0.0} for pay_type in partners}
        for pay_type, product, price, quantity in lines:
            if pay_types and pay_type not in pay_types:
                continue
            taxes = taxes_of(product, partners[pay_type]) if product and pay_type != "internal" else Tax
            if taxes:
                result = taxes.compute_all(price, currency, quantity, product=product, partner=partners[pay_type])
                untaxed, total = result["total_excluded"], result["total_included"]
            else:
                untaxed = total = currency.round(price * quantity)
            amounts[pay_type]["untaxed"] += untaxed
            amounts[pay_type]["total"] += total
        for figures in amounts.values():
            for key, value in figures.items():
                figures[key] = currency.round(value)
        return amounts

    def _dealer_preview_lines(self, labor_product, pay_types=None):
        """(pay type, product, unit price after discount, quantity) of what invoicing will bill."""
        currency = self.company_id.currency_id
        lines = []
        insurance_total = 0.0
        for line in self.labor_line_ids:
            if line.pay_type == "insurance":
                insurance_total += line.amount
            product = line.operation_id.product_id or labor_product
            lines.append((line.pay_type, product, line.rate * (1 - (line.discount or 0.0) / 100), line.hours))
        claimed = {}
        if (not pay_types or "warranty" in pay_types) and self._dealer_warranty_claim():
            claimed = {move: price for move, __, price in self._dealer_warranty_parts()}
        for move in self.move_ids.filtered(lambda m: m.repair_line_type == "add" and m.state != "cancel"):
            pay_type = move.dealer_pay_type or "customer"
            if pay_type == "insurance":
                insurance_total += move.dealer_amount
            quantity = move._dealer_billed_qty()
            if not quantity:
                continue
            price = claimed.get(move, move.dealer_price_unit * (1 - (move.dealer_discount or 0.0) / 100))
            lines.append((pay_type, move.product_id, price, quantity))
        if insurance_total:
            shares = self.insurance_deductible
            claim = self.insurance_claim_ids.filtered(lambda c: c.state != "rejected")[:1]
            if claim.state in ("approved", "repairing"):
                shares += max(0.0, currency.round(insurance_total - claim.approved_amount))
            if shares:
                lines += [("insurance", labor_product, -shares, 1.0), ("customer", labor_product, shares, 1.0)]
        return lines

    def _dealer_customer_cleared(self):
        """Whether the car may leave as far as the customer's money goes: released by the cashier,
        or the customer owes nothing (a warranty or insurance order, an invoice paid)."""
        self.ensure_one()
        if self.dealer_released:
            return True
        residual = self.sudo().dealer_customer_residual
        return float_is_zero(residual, precision_rounding=self.company_id.currency_id.rounding)

    # ------------------------------------------------------------------ hand-over

    @requires_role(ADVISOR)
    def action_dealer_deliver(self):
        """Hand the car over; with the store's "Payment before hand-over", only once the cashier
        released it (or the customer owes nothing)."""
        for repair in self:
            if repair.company_id.dealer_pay_before_handover and not repair._dealer_customer_cleared():
                raise UserError(
                    lang_env(self.env)._(
                        "Repair order %(name)s cannot be handed over yet: the customer still has %(amount)s to pay "
                        "at the cashier's desk (or to leave on account).",
                        name=repair.name,
                        amount=repair._dealer_format_amount(repair.sudo().dealer_customer_residual),
                    )
                )
        return super().action_dealer_deliver()

    def _dealer_format_amount(self, amount):
        self.ensure_one()
        env = lang_env(self.env)
        return format_amount(env, amount, self.company_id.currency_id, lang_code=env.lang)

    # ------------------------------------------------------------------ cashier's desk

    @requires_role(ADVISOR, ACCOUNTANT)
    def action_dealer_cashier(self):
        """Open the cashier's desk of the order: the advisor sees what the customer pays, the
        cashier (accountant) takes the payment."""
        self.ensure_one()
        env = lang_env(self.env)
        self.check_access("read")
        if self.state != "done":
            raise UserError(env._("Repair order %(name)s goes to the cashier once it is repaired.", name=self.name))
        values = {"repair_id": self.id}
        if self.env.user.has_group(ACCOUNTANT) and not self.dealer_released:
            residual = self.sudo().dealer_customer_residual
            if float_compare(residual, 0.0, precision_rounding=self.company_id.currency_id.rounding) > 0:
                values["line_ids"] = [Command.create({"method": "cash", "amount": residual})]
        # The desk is the user's own (created as them), even for an advisor who only reads it.
        wizard = self.env["dealer.cashier.wizard"].sudo().create(values).sudo(False)
        return {
            "type": "ir.actions.act_window",
            "name": env._("Cashier"),
            "res_model": "dealer.cashier.wizard",
            "res_id": wizard.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
        }

    def _dealer_parse_payments(self, payments):
        """``payments`` as a client sends them — ``[{"method": "wechat", "amount": 500}, ...]`` or
        ``[["wechat", 500], ...]`` — as ``[(method, amount)]``, or a UserError."""
        env = lang_env(self.env)
        methods = dict(PAYMENT_METHODS)
        if not isinstance(payments, list | tuple):
            raise UserError(env._("The payments must be a list of methods and amounts, not %(value)r.", value=payments))
        parsed = []
        for payment in payments:
            if isinstance(payment, dict):
                method, amount = payment.get("method"), payment.get("amount")
            elif isinstance(payment, list | tuple) and len(payment) == 2:
                method, amount = payment
            else:
                raise UserError(env._("%(value)r is not a payment (a method and an amount).", value=payment))
            if not isinstance(method, str) or method not in methods:
                raise UserError(
                    env._(
                        "%(value)r is not a way of paying at the desk (%(methods)s).",
                        value=method,
                        methods=", ".join(methods),
                    )
                )
            if isinstance(amount, bool) or not isinstance(amount, int | float) or not amount > 0 or amount > 10**12:
                raise UserError(env._("A payment's amount must be a positive number, not %(value)r.", value=amount))
            parsed.append((method, amount))
        return parsed

    @requires_role(ACCOUNTANT)
    def action_dealer_collect(self, payments, on_account=False):
        """Take the customer's payment of the order and release the car.

        ``payments``: ``[{"method": "cash" | "wechat" | "alipay" | "card", "amount": ...}]``, several
        for a split payment. Their total is the customer's invoice's residual, with its VAT; less
        only with ``on_account`` (挂账) for an account customer whose credit covers the rest. An order
        not invoiced yet is invoiced first (one invoice per payer, as Create Invoices makes them) and
        its customer invoice posted. Each payment is an Odoo payment, posted in its method's journal
        and reconciled with the invoice. Nothing is written when anything is refused."""
        env = lang_env(self.env)
        if len(self) != 1:
            raise UserError(env._("Collect the payment of one repair order at a time."))
        if not isinstance(on_account, bool):
            raise UserError(env._("On account is yes or no, not %(value)r.", value=on_account))
        self.check_access("write")
        parsed = self._dealer_parse_payments(payments)
        lock_rows(
            self,
            env._(
                "Repair order %(name)s is at the cashier's desk of someone else; try again in a moment.", name=self.name
            ),
        )
        repair = self
        company, currency = repair.company_id, repair.company_id.currency_id
        if repair.state != "done":
            raise UserError(env._("Repair order %(name)s goes to the cashier once it is repaired.", name=repair.name))
        if repair.dealer_released:
            raise UserError(env._("Repair order %(name)s was already released by the cashier.", name=repair.name))
        journals = company._dealer_cashier_journals()
        labels = dict(self.env["account.journal"]._fields["dealer_payment_method"]._description_selection(env))
        for method, __ in parsed:
            if method not in journals:
                raise UserError(
                    env._(
                        "Store %(store)s has no payment journal for %(method)s: an administrator sets it up with "
                        "Set up as a store (After-Sales settings of the store).",
                        store=company.name,
                        method=labels[method],
                    )
                )
        due = repair.sudo().dealer_customer_residual
        paid = currency.round(sum(amount for __, amount in parsed))
        if float_compare(paid, due, precision_rounding=currency.rounding) > 0:
            raise UserError(
                env._(
                    "The payments (%(paid)s) are more than the customer owes on %(name)s (%(due)s).",
                    paid=repair._dealer_format_amount(paid),
                    name=repair.name,
                    due=repair._dealer_format_amount(due),
                )
            )
        rest = currency.round(due - paid)
        if not float_is_zero(rest, precision_rounding=currency.rounding):
            if not on_account:
                raise UserError(
                    env._(
                        "%(rest)s of %(name)s is not paid: enter payments for the whole %(due)s, or leave the rest "
                        "on account for a customer with credit.",
                        rest=repair._dealer_format_amount(rest),
                        name=repair.name,
                        due=repair._dealer_format_amount(due),
                    )
                )
            repair._dealer_check_on_account(rest)
        else:
            rest = 0.0
        invoices = repair._dealer_cashier_invoice()
        invoiced_due = currency.round(sum(invoices.mapped("amount_residual")))
        if float_compare(invoiced_due, due, precision_rounding=currency.rounding):
            raise UserError(
                env._(
                    "The customer's invoice of %(name)s comes to %(invoiced)s, not %(due)s: open the cashier's desk "
                    "again.",
                    name=repair.name,
                    invoiced=repair._dealer_format_amount(invoiced_due),
                    due=repair._dealer_format_amount(due),
                )
            )
        payments_made = repair._dealer_register_payments(invoices, [(journals[m], amount) for m, amount in parsed])
        server_side(repair).write(
            {
                "dealer_released": True,
                "dealer_release_time": fields.Datetime.now(),
                "dealer_released_by": self.env.uid,
                "dealer_on_account_amount": rest,
                "dealer_payment_ids": [Command.link(payment.id) for payment in payments_made],
            }
        )
        paid_text = "; ".join(
            f"{labels[method]} {repair._dealer_format_amount(amount)}" for method, amount in parsed
        ) or env._("nothing to pay")
        body = env._("Released by the cashier %(user)s: %(payments)s.", user=self.env.user.name, payments=paid_text)
        if rest:
            body += " " + env._("Left on account: %(rest)s.", rest=repair._dealer_format_amount(rest))
        log_note(repair, body)
        return True

    def _dealer_check_on_account(self, rest):
        """Refuse to leave ``rest`` on account unless the customer is an account customer (挂账单位)
        whose credit limit covers what it would owe the store."""
        self.ensure_one()
        env = lang_env(self.env)
        partner = self.partner_id.commercial_partner_id.with_company(self.company_id).sudo()
        if not partner or not partner.dealer_account_customer or partner.dealer_credit_limit <= 0:
            raise UserError(
                env._(
                    "%(partner)s has no credit with the store: %(rest)s can be left on account only for an account "
                    "customer with a credit limit (set by an after-sales manager).",
                    partner=partner.display_name or env._("The customer"),
                    rest=self._dealer_format_amount(rest),
                )
            )
        posted = sum(
            self.sudo()._dealer_customer_invoices().filtered(lambda m: m.state == "posted").mapped("amount_residual")
        )
        owed = partner._dealer_open_receivable(self.company_id) - posted + rest
        currency = self.company_id.currency_id
        if float_compare(owed, partner.dealer_credit_limit, precision_rounding=currency.rounding) > 0:
            raise UserError(
                env._(
                    "%(partner)s would owe %(owed)s, above its credit limit of %(limit)s: %(rest)s cannot be left on "
                    "account.",
                    partner=partner.display_name,
                    owed=self._dealer_format_amount(owed),
                    limit=self._dealer_format_amount(partner.dealer_credit_limit),
                    rest=self._dealer_format_amount(rest),
                )
            )

    def _dealer_cashier_invoice(self):
        """The order's customer invoices, posted: the order invoiced first if it is not yet (its
        other invoices and entries stay drafts for the accountant)."""
        self.ensure_one()
        if not self._dealer_active_moves():
            self._dealer_check_invoiceable()
            server_side(self)._dealer_create_moves()
        invoices = self._dealer_customer_invoices()
        drafts = invoices.filtered(lambda m: m.state == "draft")
        if drafts:
            drafts.action_post()
        return invoices

    def _dealer_register_payments(self, invoices, payments):
        """One Odoo payment per ``(journal, amount)``, through Register Payment, each posted and
        reconciled with ``invoices``."""
        self.ensure_one()
        created = self.env["account.payment"]
        if not payments:
            return created
        env = lang_env(self.env)
        today = fields.Date.context_today(self)
        for journal, amount in payments:
            residual = sum(invoices.mapped("amount_residual"))
            if float_compare(amount, residual, precision_rounding=self.company_id.currency_id.rounding) > 0:
                raise UserError(
                    env._(
                        "The payments are more than the customer's invoice of %(name)s (%(due)s).",
                        name=self.name,
                        due=self._dealer_format_amount(residual),
                    )
                )
            method_line = journal.inbound_payment_method_line_ids[:1]
            register = (
                self.env["account.payment.register"]
                .with_context(active_model="account.move", active_ids=invoices.ids)
                .create(
                    {
                        "journal_id": journal.id,
                        "payment_method_line_id": method_line.id,
                        "amount": amount,
                        "payment_date": today,
                        "group_payment": True,
                        "payment_difference_handling": "open",
                        "communication": " ".join(filter(None, [self.name, *invoices.mapped("name")])),
                    }
                )
            )
            created |= register._create_payments()
        return created

    # ------------------------------------------------------------------ accountant

    @requires_role(ACCOUNTANT)
    def action_dealer_post_moves(self):
        """Post every draft invoice and entry of the orders at once."""
        env = lang_env(self.env)
        self._dealer_lock()
        drafts = self.dealer_move_ids.filtered(lambda m: m.state == "draft")
        if not drafts:
            raise UserError(
                env._("Repair order %(name)s has no draft invoice to post.", name=", ".join(self.mapped("name")))
            )
        drafts.action_post()
        for repair in self:
            posted = drafts & repair.dealer_move_ids
            if posted:
                log_note(repair, env._("Posted: %(moves)s", moves=", ".join(posted.mapped("display_name"))))
        return self._dealer_action_view_moves(self.dealer_move_ids)

    def _dealer_action_view_moves(self, moves):
        """The invoices as the accountant checks them: payer, amount with VAT, state."""
        action = super()._dealer_action_view_moves(moves)
        if len(moves) != 1:
            view = self.env.ref("dealer_aftersales.account_move_view_list_dealer_repair", raise_if_not_found=False)
            if view:
                action["views"] = [(view.id, "list"), (False, "form")]
        return action
