from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare

from ..tools import MANAGER, PAY_TYPES, is_server_side, log_note, server_side


class AccountMove(models.Model):
    _inherit = "account.move"

    dealer_pay_type = fields.Selection(PAY_TYPES, string="After-Sales Pay Type", readonly=True, copy=False)
    dealer_repair_ids = fields.Many2many(
        "repair.order",
        "repair_order_dealer_move_rel",
        "move_id",
        "repair_id",
        string="Repair Orders",
        readonly=True,
        copy=False,
    )

    dealer_credit_approved_by = fields.Many2one("res.users", string="Credit Approved By", readonly=True, copy=False)

    # Set by the repair orders' and claims' invoicing and by posting beyond credit, never by a client:
    # the link to the orders is what keeps an order from being invoiced twice.
    _dealer_guarded_on_write = ("dealer_pay_type", "dealer_repair_ids", "dealer_credit_approved_by")
    _dealer_guarded_on_create = ("dealer_repair_ids", "dealer_credit_approved_by")

    @api.model_create_multi
    def create(self, vals_list):
        if not is_server_side(self):
            for vals in vals_list:
                self._dealer_refuse_guarded(vals, self._dealer_guarded_on_create)
        return super().create(vals_list)

    def write(self, vals):
        if not is_server_side(self):
            self._dealer_refuse_guarded(vals, self._dealer_guarded_on_write)
        return super().write(vals)

    def _dealer_refuse_guarded(self, vals, names):
        for name in names:
            if vals.get(name):
                raise UserError(
                    _(
                        "%(field)s of a journal entry is set by after-sales invoicing, not written directly.",
                        field=self._fields[name]._description_string(self.env),
                    )
                )

    def _dealer_credit_problems(self):
        """Why posting this invoice goes beyond the account customer's credit, or nothing."""
        self.ensure_one()
        partner = self.commercial_partner_id
        if self.move_type != "out_invoice" or not partner.dealer_account_customer:
            return []
        problems = []
        partner = partner.with_company(self.company_id)
        limit = partner.dealer_credit_limit
        owed = partner._dealer_open_receivable(self.company_id)
        if float_compare(owed + self.amount_total, limit, precision_rounding=self.currency_id.rounding) > 0:
            problems.append(
                _(
                    "%(partner)s would owe %(total)s, above its credit limit of %(limit)s.",
                    partner=partner.name,
                    total=self.currency_id.round(owed + self.amount_total),
                    limit=limit,
                )
            )
        due = self.invoice_date_due or self.invoice_date
        start = self.invoice_date or fields.Date.context_today(self)
        if due and (due - start).days > partner.dealer_credit_days:
            problems.append(
                _(
                    "The payment term (%(days)s days) is longer than the %(limit)s days allowed to %(partner)s.",
                    days=(due - start).days,
                    limit=partner.dealer_credit_days,
                    partner=partner.name,
                )
            )
        return problems

    def action_post(self):
        for move in self:
            problems = move._dealer_credit_problems()
            if not problems:
                continue
            if not self.env.su and not self.env.user.has_group(MANAGER):
                raise UserError(
                    _("Invoice %(invoice)s needs an after-sales manager's approval:", invoice=move.display_name)
                    + "\n- "
                    + "\n- ".join(problems)
                )
            server_side(move).dealer_credit_approved_by = self.env.user
            log_note(
                move,
                _(
                    "Posted beyond the customer's credit by %(user)s: %(problems)s",
                    user=self.env.user.name,
                    problems=" ".join(problems),
                ),
            )
        return super().action_post()

    @api.model
    def _cron_dealer_dunning(self):
        """An activity to collect each overdue invoice of an account customer, once."""
        today = fields.Date.context_today(self)
        overdue = self.sudo().search(
            [
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("payment_state", "in", ("not_paid", "partial")),
                ("invoice_date_due", "<", today),
                ("commercial_partner_id.dealer_account_customer", "=", True),
            ]
        )
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        summary = _("Collect overdue payment")
        done = (
            self.env["mail.activity"]
            .sudo()
            .search([("res_model", "=", "account.move"), ("res_id", "in", overdue.ids), ("summary", "=", summary)])
        )
        for move in overdue.filtered(lambda m: m.id not in done.mapped("res_id")):
            move.activity_schedule(
                activity_type_id=activity_type.id,
                summary=summary,
                note=_(
                    "%(partner)s owes %(amount)s on %(invoice)s, due %(due)s.",
                    partner=move.commercial_partner_id.name,
                    amount=move.amount_residual,
                    invoice=move.name,
                    due=fields.Date.to_string(move.invoice_date_due),
                ),
                user_id=(move.invoice_user_id or self.env.user).id,
            )
        return overdue

    def _compute_payment_state(self):
        result = super()._compute_payment_state()
        paid = self.filtered(lambda m: m.dealer_pay_type == "warranty" and m.payment_state in ("paid", "in_payment"))
        if paid.ids:
            self.env["dealer.warranty.claim"]._on_invoices_paid(paid)
        insurer_paid = self.filtered(
            lambda m: (
                m.dealer_pay_type == "insurance"
                and m.move_type == "out_invoice"
                and m.payment_state in ("partial", "paid", "in_payment")
            )
        )
        if insurer_paid.ids:
            self.env["dealer.insurance.claim"]._on_invoices_paid(insurer_paid)
        return result

    def _dealer_written_off(self, invoice):
        """What this payment or bank entry wrote off on ``invoice`` (its lines neither on the bank
        nor on the receivable, as Register Payment's "mark as fully paid" books them) and their
        label: ``(amount, label)``; nothing when it also pays other invoices."""
        self.ensure_one()
        if self.origin_payment_id:
            others = self.origin_payment_id._seek_for_lines()[2]
        elif self.statement_line_id:
            others = self.statement_line_id._seek_for_lines()[2]
        else:
            return 0.0, False
        counterpart = self.line_ids.filtered(
            lambda line: line.account_id.account_type in ("asset_receivable", "liability_payable")
        )
        writeoff = others - counterpart
        paid = (counterpart.matched_debit_ids.debit_move_id | counterpart.matched_credit_ids.credit_move_id).move_id
        if not writeoff or paid - invoice:
            return 0.0, False
        return sum(writeoff.mapped("balance")), writeoff[:1].name
