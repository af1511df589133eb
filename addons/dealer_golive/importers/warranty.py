from decimal import Decimal

from odoo.addons.dealer_aftersales.tools import server_side

from ..reader import clean_text
from .base import Kind, name_key
from .customers import BRAND_ALIASES
from .receivables import opening_invoices
from .vin import normalize_vin

WARRANTY_STATES = {
    "submitted": ("已提交", "Submitted", "待审核", "已上报", "审核中"),
    "approved": ("已核准", "Approved", "已审核", "审核通过", "待结算"),
}


class OpenWarrantyClaims(Kind):
    """Warranty claims the old system submitted to the manufacturer and that it has not paid yet
    (未结索赔). The old system booked them as receivables of the manufacturer: each becomes an
    open invoice of the opening journal (or is linked to its row of the open receivables, by the
    invoice number) and a claim in Odoo, submitted or approved, that is approved, paid, rejected
    or charged back like the store's own."""

    code = "warranty_claims"
    sheet_names = ("未结索赔", "Open Warranty Claims", "open_warranty_claims")
    columns = {
        "claim_number": ("索赔单号", "Claim Number", "索赔号", "厂家索赔号"),
        "manufacturer": ("厂家", "Manufacturer", "品牌", "主机厂"),
        "vin": ("车架号", "VIN"),
        "repair_date": ("维修日期", "Repair Date"),
        "submitted_date": ("提交日期", "Submitted On", "上报日期"),
        "fault_code": ("故障代码", "Fault Code"),
        "fault_name": ("故障描述", "Fault Description"),
        "state": ("状态", "Status"),
        "labor_amount": ("工时金额", "Labor Amount", "索赔工时费"),
        "parts_amount": ("配件金额", "Parts Amount", "索赔配件费"),
        "approved_amount": ("核准金额", "Approved Amount"),
        "invoice_number": ("发票号", "Invoice Number", "结算单号"),
        "due_date": ("到期日期", "Due Date"),
    }
    required = ("claim_number", "manufacturer", "vin", "repair_date", "fault_code", "state")
    example = {
        "claim_number": "GTMC-SP-2611-00387",
        "manufacturer": "广汽丰田",
        "vin": "LVGBE40K3SG100085",
        "repair_date": "2026-11-18",
        "submitted_date": "2026-11-19",
        "fault_code": "P0171",
        "fault_name": "燃油系统过稀",
        "state": "已提交",
        "labor_amount": 360,
        "parts_amount": 1280,
        "approved_amount": "",
        "invoice_number": "",
        "due_date": "",
    }

    @classmethod
    def label(cls, env):
        return env._("Open warranty claims")

    def parse_vin(self, cell):
        return normalize_vin(cell) or None

    def parse_repair_date(self, cell):
        return self.date("repair_date", cell)

    def parse_submitted_date(self, cell):
        return self.date("submitted_date", cell)

    def parse_due_date(self, cell):
        return self.date("due_date", cell, not_after_golive=False)

    def parse_state(self, cell):
        return self.choice("state", cell, WARRANTY_STATES)

    def parse_labor_amount(self, cell):
        return self.money("labor_amount", cell)

    def parse_parts_amount(self, cell):
        return self.money("parts_amount", cell)

    def parse_approved_amount(self, cell):
        return self.money("approved_amount", cell)

    def parse_fault_code(self, cell):
        code = clean_text(cell)
        return code.upper() if code else None

    def _brands(self):
        """{folded name: brand} of the brands whose manufacturer pays warranty: by the brand's
        name, its Chinese names and its warranty partner's name."""
        result = {}
        for brand in self.env["fleet.vehicle.model.brand"].search([("warranty_partner_id", "!=", False)]):
            for name in (brand.warranty_partner_id.name, brand.name, *BRAND_ALIASES.get(brand.name, ())):
                result.setdefault(name_key(name), brand)
        return result

    def _opening_invoices(self, manufacturers):
        """{(invoice number, partner id): (invoice, amount)} of the opening receivables of the
        manufacturers: those imported before and the rows of this file's open receivables."""
        env = self.env
        found = {}
        journal = env["account.journal"].search([("company_id", "=", self.company.id), ("code", "=", "OPEN")], limit=1)
        if journal and manufacturers:
            for move in env["account.move"].search(
                [
                    ("journal_id", "=", journal.id),
                    ("ref", "!=", False),
                    ("partner_id", "in", manufacturers.ids),
                    ("move_type", "=", "out_invoice"),
                ]
            ):
                found[(move.ref, move.partner_id.id)] = (move, Decimal(str(move.amount_total)))
        __, rows = self.context.plans.get("receivables", (None, []))
        for row in rows:
            if row["partner"] and row["partner"] in manufacturers:
                found[(row["invoice_number"], row["partner"].id)] = (None, row["amount"])
        return found

    def check(self, sheet, raw_rows):
        env, company = self.env, self.company
        rows = [(number, self.read_row(number, cells)) for number, cells in self.rows(sheet, raw_rows)]
        brands = self._brands()
        manufacturers = env["res.partner"].union(*(brand.warranty_partner_id for brand in brands.values()))
        self.load_vins(rows)
        existing = {
            (claim.manufacturer_id.id, claim.claim_number)
            for claim in env["dealer.warranty.claim"].search(
                [("company_id", "=", company.id), ("claim_number", "!=", False)]
            )
        }
        invoices = self._opening_invoices(manufacturers)
        faults = {}
        for fault in env["dealer.fault.code"].search([("company_id", "in", [company.id, False])]):
            faults.setdefault((fault.brand_id.id, fault.code.upper()), fault)
        currency = company.currency_id
        plan, seen, new_codes = [], {}, set()
        for number, values in rows:
            if values is None:
                continue
            self.row = number
            brand = brands.get(name_key(values["manufacturer"]))
            if not brand:
                self.problem(
                    env._(
                        "Unknown manufacturer %(name)s: no brand has it as warranty partner.",
                        name=values["manufacturer"],
                    ),
                    "manufacturer",
                )
                continue
            if not self.known_vin(values["vin"]):
                continue
            labor = values.get("labor_amount") or Decimal(0)
            parts = values.get("parts_amount") or Decimal(0)
            claimed = labor + parts
            approved = values.get("approved_amount") or Decimal(0)
            if not claimed:
                self.problem(env._("A warranty claim needs its labor or parts amount."), "labor_amount")
                continue
            if values["state"] == "approved" and not approved:
                self.problem(env._("An approved claim needs its approved amount."), "approved_amount")
                continue
            if approved > claimed:
                self.problem(env._("The approved amount is more than the labor and parts claimed."), "approved_amount")
                continue
            submitted = values.get("submitted_date") or values["repair_date"]
            if submitted < values["repair_date"]:
                self.problem(env._("The claim is submitted before the repair."), "submitted_date")
                continue
            due = values.get("due_date")
            if due and due < submitted:
                self.problem(env._("The due date is before the claim was submitted."), "due_date")
                continue
            partner = brand.warranty_partner_id
            key = (partner.id, values["claim_number"])
            if not self.first_time(
                key,
                seen,
                existing,
                "claim_number",
                lambda row: env._("Claim %(number)s is also on row %(row)s.", number=key[1], row=row),  # noqa: B023
            ):
                continue
            # What the manufacturer owes: the approved amount once approved, the claim before.
            amount = approved if values["state"] == "approved" else claimed
            invoice_number = values.get("invoice_number") or values["claim_number"]
            invoice = invoices.get((invoice_number, partner.id))
            if invoice and currency.compare_amounts(float(invoice[1]), float(amount)):
                self.problem(
                    env._(
                        "Invoice %(number)s of the open receivables is %(invoiced)s, not the %(amount)s "
                        "the manufacturer owes on this claim.",
                        number=invoice_number,
                        invoiced=currency.round(float(invoice[1])),
                        amount=currency.round(float(amount)),
                    ),
                    "invoice_number",
                )
                continue
            fault = faults.get((brand.id, values["fault_code"])) or faults.get((False, values["fault_code"]))
            if not fault and (brand.id, values["fault_code"]) not in new_codes:
                new_codes.add((brand.id, values["fault_code"]))
                self.problem(  # once per new fault code
                    env._(
                        "Fault code %(code)s of %(brand)s is new: it will be created.",
                        code=values["fault_code"],
                        brand=brand.name,
                    ),
                    "fault_code",
                    values["fault_code"],
                    blocking=False,
                )
            plan.append(
                {
                    **values,
                    "brand": brand,
                    "partner": partner,
                    "fault": fault,
                    "submitted_date": submitted,
                    "amount": amount,
                    "invoice_number": invoice_number,
                    "linked": bool(invoice),
                }
            )
        return plan

    def apply(self, plan):
        env, company, job = self.env, self.company, self.context.job
        if not plan:
            return
        # Fault codes of the old system this store does not know yet: the brand's own.
        missing = {}
        for row in plan:
            if not row["fault"]:
                missing.setdefault((row["brand"].id, row["fault_code"]), row.get("fault_name") or row["fault_code"])
        created = env["dealer.fault.code"].create(
            [
                {"code": code, "name": name, "brand_id": brand_id, "company_id": company.id}
                for (brand_id, code), name in missing.items()
            ]
        )
        new_faults = {(fault.brand_id.id, fault.code): fault for fault in created}
        journal = job._opening_journal()
        linked = {
            (move.ref, move.partner_id.id): move
            for move in env["account.move"].search(
                [
                    ("journal_id", "=", journal.id),
                    ("ref", "in", [row["invoice_number"] for row in plan if row["linked"]]),
                    ("move_type", "=", "out_invoice"),
                ]
            )
        }
        to_invoice = [row for row in plan if not row["linked"]]
        moves = opening_invoices(
            self.context,
            [
                {
                    "partner": row["partner"],
                    "number": row["invoice_number"],
                    "invoice_date": row["submitted_date"],
                    "due_date": row.get("due_date"),
                    "amount": row["amount"],
                    "label": env._("Opening warranty claim %(number)s", number=row["claim_number"]),
                }
                for row in to_invoice
            ],
            dealer_pay_type="warranty",
        )
        for row, move in zip(to_invoice, moves, strict=True):
            linked[(row["invoice_number"], row["partner"].id)] = move
        claims = server_side(env["dealer.warranty.claim"]).create(
            [
                {
                    "company_id": company.id,
                    "manufacturer_id": row["partner"].id,
                    "fault_code_id": (row["fault"] or new_faults[(row["brand"].id, row["fault_code"])]).id,
                    "claim_number": row["claim_number"],
                    "golive_import_id": job.id,
                    "golive_vehicle_id": self.context.vins[row["vin"]],
                    "golive_repair_date": row["repair_date"],
                    "golive_labor_amount": float(row.get("labor_amount") or 0),
                    "golive_parts_amount": float(row.get("parts_amount") or 0),
                }
                for row in plan
            ]
        )
        for claim, row in zip(claims, plan, strict=True):
            claim.write(
                {
                    "state": row["state"],
                    "submitted_date": row["submitted_date"],
                    "approved_amount": float(row.get("approved_amount") or 0),
                    "invoice_id": linked[(row["invoice_number"], row["partner"].id)].id,
                }
            )
        self.figures()["created"] += len(plan)
