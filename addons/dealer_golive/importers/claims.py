from decimal import Decimal

from odoo.addons.dealer_aftersales.tools import server_side

from .base import Kind
from .payers import insurers
from .vin import normalize_vin

CLAIM_STATES = {
    "reported": ("报案", "Reported", "已报案"),
    "assessed": ("定损", "Assessed", "已定损"),
    "approved": ("已核准", "Approved", "核准", "已核价"),
}


class OpenClaims(Kind):
    """Insurance claims the old system had not invoiced yet: they go on in Odoo (a repair order,
    then the insurer's invoice). Invoiced claims are open receivables of their insurer."""

    code = "claims"
    sheet_names = ("未结理赔", "Open Insurance Claims", "open_claims")
    columns = {
        "report_number": ("报案号", "Report Number"),
        "insurer": ("保险公司", "Insurer"),
        "vin": ("车架号", "VIN"),
        "accident_date": ("出险日期", "Accident Date"),
        "state": ("状态", "Status"),
        "assessed_amount": ("定损金额", "Assessed Amount"),
        "approved_amount": ("核准金额", "Approved Amount"),
        "deductible": ("免赔额", "Deductible"),
        "policy_number": ("保单号", "Policy Number"),
    }
    required = ("report_number", "insurer", "vin", "accident_date", "state")
    example = {
        "report_number": "RDAA2026440100004567",
        "insurer": "中国人民财产保险股份有限公司广州分公司",
        "vin": "LVGBE40K3SG100085",
        "accident_date": "2026-11-20",
        "state": "定损",
        "assessed_amount": 8650,
        "approved_amount": "",
        "deductible": "",
        "policy_number": "PDAA202644010000123456",
    }

    @classmethod
    def label(cls, env):
        return env._("Open insurance claims")

    def parse_vin(self, cell):
        return normalize_vin(cell) or None

    def parse_accident_date(self, cell):
        return self.date("accident_date", cell)

    def parse_state(self, cell):
        return self.choice("state", cell, CLAIM_STATES)

    def parse_assessed_amount(self, cell):
        return self.money("assessed_amount", cell)

    def parse_approved_amount(self, cell):
        return self.money("approved_amount", cell)

    def parse_deductible(self, cell):
        return self.money("deductible", cell)

    def check(self, sheet, raw_rows):
        env, company = self.env, self.company
        rows = [(number, self.read_row(number, cells)) for number, cells in self.rows(sheet, raw_rows)]
        by_insurer = insurers(env, company)
        self.load_vins(rows)
        existing = {
            (claim.insurer_id.id, claim.report_number)
            for claim in env["dealer.insurance.claim"].search([("company_id", "=", company.id)])
        }
        plan, seen = [], {}
        for number, values in rows:
            if values is None:
                continue
            self.row = number
            insurer = self.insurer(values, by_insurer)
            if not insurer or not self.known_vin(values["vin"]):
                continue
            assessed = values.get("assessed_amount") or Decimal(0)
            approved = values.get("approved_amount") or Decimal(0)
            if values["state"] in ("assessed", "approved") and not assessed:
                self.problem(env._("An assessed or approved claim needs its assessed amount."), "assessed_amount")
                continue
            if values["state"] == "approved" and not approved:
                self.problem(env._("An approved claim needs its approved amount."), "approved_amount")
                continue
            if approved > assessed:
                self.problem(env._("The approved amount is more than the assessed amount."), "approved_amount")
                continue
            key = (insurer.id, values["report_number"])
            if not self.first_time(
                key,
                seen,
                existing,
                "report_number",
                lambda row: env._("Claim %(number)s is also on row %(row)s.", number=key[1], row=row),  # noqa: B023
            ):
                continue
            plan.append({**values, "insurer_record": insurer})
        return plan

    def apply(self, plan):
        env = self.env
        Claim = server_side(env["dealer.insurance.claim"])
        for row in plan:
            vehicle = env["dealer.vehicle"].browse(self.context.vins[row["vin"]])
            lines = []
            if row.get("assessed_amount"):
                lines = [
                    (
                        0,
                        0,
                        {
                            "kind": "parts",
                            "name": env._("Assessment of the old system"),
                            "amount": float(row["assessed_amount"]),
                        },
                    )
                ]
            claim = Claim.create(
                {
                    "company_id": self.company.id,
                    "insurer_id": row["insurer_record"].id,
                    "report_number": row["report_number"],
                    "policy_number": row.get("policy_number"),
                    "accident_date": row["accident_date"],
                    "vehicle_id": vehicle.id,
                    "partner_id": vehicle.partner_id.id,
                    "line_ids": lines,
                }
            )
            claim.write(
                {
                    "state": row["state"],
                    "approved_amount": float(row.get("approved_amount") or 0),
                    "deductible": float(row.get("deductible") or 0),
                }
            )
        self.figures()["created"] += len(plan)
