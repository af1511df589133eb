from collections import defaultdict
from decimal import Decimal

from odoo import Command

from .base import Kind, name_key, phone_key
from .customers import find_partners
from .payers import PAYER_KINDS, insurers, manufacturers


class OpenReceivables(Kind):
    """Unpaid invoices of the old system: each becomes an open invoice of the opening journal,
    dated on its original invoice date and due date, booked on the go-live date against the
    opening-balance account (no revenue, no tax: those are the old system's)."""

    code = "receivables"
    sheet_names = ("期初应收", "Open Receivables", "open_receivables")
    columns = {
        "payer_kind": ("付款方类型", "Payer Kind", "客户类型", "类型"),
        "payer": ("付款方", "Payer", "客户名称", "单位名称"),
        "phone": ("电话", "Phone", "联系电话"),
        "invoice_number": ("发票号", "Invoice Number", "单据号", "发票号码"),
        "invoice_date": ("开票日期", "Invoice Date", "单据日期"),
        "due_date": ("到期日期", "Due Date", "应收日期"),
        "amount": ("未收金额", "Open Amount", "余额", "应收余额"),
        "description": ("摘要", "Description", "备注"),
    }
    required = ("payer_kind", "payer", "invoice_number", "invoice_date", "amount")
    example = {
        "payer_kind": "保险公司",
        "payer": "中国人民财产保险股份有限公司广州分公司",
        "phone": "",
        "invoice_number": "24442000000012345678",
        "invoice_date": "2026-10-12",
        "due_date": "2026-11-11",
        "amount": 12680.5,
        "description": "RO WX2610-0412 事故车维修",
    }

    @classmethod
    def label(cls, env):
        return env._("Open receivables")

    def parse_payer_kind(self, cell):
        return self.choice("payer_kind", cell, PAYER_KINDS)

    def parse_invoice_date(self, cell):
        return self.date("invoice_date", cell)

    def parse_due_date(self, cell):
        return self.date("due_date", cell, not_after_golive=False)

    def parse_amount(self, cell):
        return self.money("amount", cell, positive=True)

    def check(self, sheet, raw_rows):
        env, company = self.env, self.company
        rows = [(number, self.read_row(number, cells)) for number, cells in self.rows(sheet, raw_rows)]
        by_insurer, by_manufacturer = insurers(env, company), manufacturers(env)
        journal = env["account.journal"].search([("company_id", "=", company.id), ("code", "=", "OPEN")], limit=1)
        done = set()
        if journal:
            for move in env["account.move"].search([("journal_id", "=", journal.id), ("ref", "!=", False)]):
                done.add((move.ref, name_key(move.partner_id.name)))
        plan, seen, total = [], {}, Decimal(0)
        for number, values in rows:
            if values is None:
                continue
            self.row = number
            kind = values["payer_kind"]
            partner = None
            if kind == "insurer":
                partner = by_insurer.get(name_key(values["payer"]))
                if not partner:
                    self.problem(
                        env._("Unknown insurer %(name)s: create it first (an insurer contact).", name=values["payer"]),
                        "payer",
                    )
                    continue
            elif kind == "manufacturer":
                partner = by_manufacturer.get(name_key(values["payer"]))
                if not partner:
                    self.problem(
                        env._(
                            "Unknown manufacturer %(name)s: no brand has it as warranty partner.", name=values["payer"]
                        ),
                        "payer",
                    )
                    continue
            if values.get("due_date") and values["due_date"] < values["invoice_date"]:
                self.problem(env._("The due date is before the invoice date."), "due_date")
                continue
            key = (values["invoice_number"], name_key(partner.name if partner else values["payer"]))
            if not self.first_time(
                key,
                seen,
                done,
                "invoice_number",
                lambda row: env._("Invoice %(number)s is also on row %(row)s.", number=key[0], row=row),  # noqa: B023
            ):
                continue
            total += values["amount"]
            plan.append({**values, "partner": partner})
        control = self.context.job.control_receivable_amount
        currency = company.currency_id
        if control and currency.compare_amounts(float(total), control):
            self.row = None
            self.problem(
                env._(
                    "The open receivables add up to %(total)s, not to the control total %(control)s.",
                    total=currency.round(float(total)),
                    control=control,
                )
            )
        if plan and not self.context.job.opening_account_id:
            self.row = None
            self.problem(env._("Choose the opening balance account of the open receivables."))
        return plan

    def apply(self, plan):
        env, company = self.env, self.company
        if not plan:
            return
        customers = find_partners(
            env, company, [(row["payer"], row.get("phone")) for row in plan if not row["partner"]]
        )
        invoices = []
        for row in plan:
            partner = row["partner"] or customers[(name_key(row["payer"]), phone_key(row.get("phone")))]
            name = env._(
                "Opening receivable %(number)s (%(date)s)", number=row["invoice_number"], date=row["invoice_date"]
            )
            if row.get("description"):
                name = f"{name} {row['description']}"
            invoices.append(
                {
                    "partner": partner,
                    "number": row["invoice_number"],
                    "invoice_date": row["invoice_date"],
                    "due_date": row.get("due_date"),
                    "amount": row["amount"],
                    "label": name,
                }
            )
        moves = opening_invoices(self.context, invoices)
        self.figures()["created"] += len(moves)


def opening_invoices(context, invoices, **values):
    """Posted open invoices of the opening journal, one per ``invoices`` item (``partner``,
    ``number``, ``invoice_date``, ``due_date`` or None, ``amount``, ``label``): dated on the
    go-live date, at their original invoice and due dates, against the opening-balance account,
    no tax; ``values`` for every invoice. They are the import's opening entries."""
    env, company, job = context.env, context.company, context.job
    if not invoices:
        return env["account.move"]
    journal = job._opening_journal()
    currency = company.currency_id
    vals_list = [
        {
            "move_type": "out_invoice",
            "partner_id": invoice["partner"].id,
            "journal_id": journal.id,
            "company_id": company.id,
            "invoice_date": invoice["invoice_date"],
            "invoice_date_due": invoice["due_date"] or invoice["invoice_date"],
            "date": context.golive,
            "ref": invoice["number"],
            "invoice_line_ids": [
                Command.create(
                    {
                        "name": invoice["label"],
                        "account_id": job.opening_account_id.id,
                        "quantity": 1,
                        "price_unit": currency.round(float(invoice["amount"])),
                        "tax_ids": [Command.clear()],
                    }
                )
            ],
            **values,
        }
        for invoice in invoices
    ]
    moves = env["account.move"].create(vals_list)
    moves.action_post()
    # Posting recomputes the due date from the payment terms: keep the old system's, written
    # once per due date rather than once per invoice.
    by_due = defaultdict(list)
    for move, vals in zip(moves, vals_list, strict=True):
        for line in move.line_ids:
            if line.account_id.account_type == "asset_receivable" and line.date_maturity != vals["invoice_date_due"]:
                by_due[vals["invoice_date_due"]].append(line.id)
    for due, ids in by_due.items():
        env["account.move.line"].browse(ids).date_maturity = due
    context.entries |= moves
    return moves
