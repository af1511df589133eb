import base64
import csv
import io

import openpyxl

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare

from ..tools import ACCOUNTANT, is_server_side, lock_rows, requires_role, server_side


class DealerInsuranceRemittance(models.Model):
    """One insurer payment for many claims (赔款到账明细), applied all at once or not at all."""

    _name = "dealer.insurance.remittance"
    _description = "Insurer Remittance"
    _inherit = ["mail.thread", "dealer.guarded.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True
    # Applied is final: what was paid is in the books.
    _dealer_guarded_fields = {
        "state": (),
        **dict.fromkeys(("name", "insurer_id", "date", "journal_id", "line_ids", "file", "company_id"), ("draft",)),
    }

    name = fields.Char(string="Remittance Reference", required=True)
    company_id = fields.Many2one(
        "res.company", string="Store", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    insurer_id = fields.Many2one("res.partner", required=True, domain=[("dealer_is_insurer", "=", True)])
    date = fields.Date(required=True, default=fields.Date.context_today)
    journal_id = fields.Many2one(
        "account.journal",
        string="Bank",
        required=True,
        check_company=True,
        domain=[("type", "in", ("bank", "cash"))],
    )
    state = fields.Selection(
        [("draft", "Draft"), ("done", "Applied")], string="Status", default="draft", required=True, tracking=True
    )
    line_ids = fields.One2many("dealer.insurance.remittance.line", "remittance_id", string="Lines", copy=True)
    amount_total = fields.Monetary(string="Total", compute="_compute_amount_total", store=True, tracking=True)
    file = fields.Binary(string="Remittance File", attachment=False)
    file_name = fields.Char()

    @api.depends("line_ids.amount")
    def _compute_amount_total(self):
        for remittance in self:
            remittance.amount_total = sum(remittance.line_ids.mapped("amount"))

    @requires_role(ACCOUNTANT)
    def action_load_file(self):
        """Lines from an xlsx or csv file: the report number (or claim number) in the first column,
        the amount paid in the second; a header row is skipped."""
        self.ensure_one()
        if self.state != "draft":
            raise UserError(_("Remittance %(name)s is already applied.", name=self.name))
        if not self.file:
            raise UserError(_("Choose the insurer's remittance file first."))
        content = base64.b64decode(self.file)
        if (self.file_name or "").lower().endswith(".xlsx"):
            sheet = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True).worksheets[0]
            rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        else:
            text = content.decode("utf-8-sig")
            rows = list(csv.reader(io.StringIO(text)))
        lines = []
        errors = []
        for number, row in enumerate(rows, start=1):
            if not row or all(cell in (None, "") for cell in row):
                continue
            reference = str(row[0] or "").strip()
            try:
                amount = float(str(row[1]).replace(",", "")) if len(row) > 1 and row[1] not in (None, "") else None
            except ValueError:
                amount = None
            if amount is None:
                if number == 1:
                    continue  # header
                errors.append(
                    _("Row %(row)s: %(value)s is not an amount.", row=number, value=row[1] if len(row) > 1 else "")
                )
                continue
            lines.append(Command.create({"reference": reference, "amount": amount}))
        if errors:
            raise UserError("\n".join(errors))
        self.write({"line_ids": [Command.clear(), *lines], "file": False})
        return True

    def _match(self):
        """Match each line to an open claim of the insurer; the problems, line by line."""
        self.ensure_one()
        Claim = self.env["dealer.insurance.claim"]
        problems = []
        for line in self.line_ids:
            claim = Claim.search(
                [
                    ("company_id", "=", self.company_id.id),
                    ("insurer_id", "=", self.insurer_id.id),
                    "|",
                    ("report_number", "=", line.reference),
                    ("name", "=", line.reference),
                ],
                limit=1,
            )
            server_side(line).claim_id = claim
            if not claim:
                problems.append(_("%(reference)s: no claim of this insurer has that number.", reference=line.reference))
            elif claim.state not in ("invoiced", "partly_settled"):
                state = dict(claim._fields["state"]._description_selection(self.env))[claim.state]
                problems.append(
                    _(
                        "%(reference)s: claim %(claim)s is %(state)s.",
                        reference=line.reference,
                        claim=claim.name,
                        state=state,
                    )
                )
            elif float_compare(line.amount, claim.amount_open, precision_rounding=self.currency_id.rounding) > 0:
                problems.append(
                    _(
                        "%(reference)s: %(amount)s is above what is open on claim %(claim)s (%(open)s).",
                        reference=line.reference,
                        amount=claim._money(line.amount),
                        claim=claim.name,
                        open=claim._money(claim.amount_open),
                    )
                )
        references = self.line_ids.mapped("reference")
        for reference in {ref for ref in references if references.count(ref) > 1}:
            problems.append(_("%(reference)s appears twice in the remittance.", reference=reference))
        return problems

    @requires_role(ACCOUNTANT)
    def action_apply(self):
        for remittance in self:
            # Two sessions applying the same remittance: the second waits for none and is told.
            lock_rows(
                remittance,
                _("Remittance %(name)s is being applied by someone else; try again in a moment.", name=remittance.name),
            )
            if remittance.state != "draft":
                raise UserError(_("Remittance %(name)s is already applied.", name=remittance.name))
            if not remittance.line_ids:
                raise UserError(_("Remittance %(name)s has no lines.", name=remittance.name))
            claims = remittance.line_ids.claim_id
            lock_rows(
                claims,
                _(
                    "Claim %(claim)s is being settled by someone else; try again in a moment.",
                    claim=", ".join(claims.mapped("name")),
                ),
            )
            problems = remittance._match()
            if problems:
                raise UserError(
                    _("Nothing was applied; the remittance has lines that match no open claim:")
                    + "\n- "
                    + "\n- ".join(problems)
                )
            for line in remittance.line_ids:
                settlement = line.claim_id._settle(
                    line.amount,
                    remittance.journal_id,
                    remittance.date,
                    handling=line.difference_handling,
                    reason=line.reason,
                    memo=remittance.name,
                )
                server_side(settlement).remittance_id = remittance
            server_side(remittance).state = "done"
        return True

    def _dealer_check_lines_open(self):
        if is_server_side(self):
            return
        for remittance in self.filtered(lambda r: r.state != "draft"):
            raise UserError(_("Remittance %(name)s is applied: its lines cannot change.", name=remittance.name))

    @api.ondelete(at_uninstall=False)
    def _unlink_except_applied(self):
        for remittance in self:
            if remittance.state == "done":
                raise UserError(_("Remittance %(name)s is applied: it cannot be deleted.", name=remittance.name))
