from .base import Kind, fresh
from .payers import insurers
from .vin import normalize_vin


class InsurancePolicies(Kind):
    """Policies the store sold, with their cover dates: the renewals to follow up."""

    code = "policies"
    sheet_names = ("保单", "Insurance Policies", "policies")
    columns = {
        "policy_number": ("保单号", "Policy Number"),
        "insurer": ("保险公司", "Insurer"),
        "vin": ("车架号", "VIN"),
        "premium": ("保费", "Premium"),
        "date_start": ("起保日期", "Cover Starts"),
        "date_end": ("终保日期", "Cover Ends", "到期日期"),
    }
    required = ("policy_number", "insurer", "vin", "premium", "date_start", "date_end")
    example = {
        "policy_number": "PDAA202644010000123456",
        "insurer": "中国人民财产保险股份有限公司广州分公司",
        "vin": "LVGBE40K3SG100085",
        "premium": 4860,
        "date_start": "2026-01-20",
        "date_end": "2027-01-19",
    }

    @classmethod
    def label(cls, env):
        return env._("Insurance policies")

    def parse_vin(self, cell):
        return normalize_vin(cell) or None

    def parse_premium(self, cell):
        return self.money("premium", cell)

    def parse_date_start(self, cell):
        return self.date("date_start", cell)

    def parse_date_end(self, cell):
        return self.date("date_end", cell, not_after_golive=False)

    def check(self, sheet, raw_rows):
        env, company = self.env, self.company
        rows = [(number, self.read_row(number, cells)) for number, cells in self.rows(sheet, raw_rows)]
        by_insurer = insurers(env, company)
        self.load_vins(rows)
        existing = {
            (policy.insurer_id.id, policy.name)
            for policy in env["dealer.insurance.policy"].search([("company_id", "=", company.id)])
        }
        plan, seen = [], {}
        for number, values in rows:
            if values is None:
                continue
            self.row = number
            insurer = self.insurer(values, by_insurer)
            if not insurer or not self.known_vin(values["vin"]):
                continue
            if values["date_end"] <= values["date_start"]:
                self.problem(env._("The cover ends before it starts."), "date_end")
                continue
            key = (insurer.id, values["policy_number"])
            if not self.first_time(
                key,
                seen,
                existing,
                "policy_number",
                lambda row: env._("Policy %(number)s is also on row %(row)s.", number=key[1], row=row),  # noqa: B023
            ):
                continue
            plan.append({**values, "insurer_record": insurer})
        return plan

    def apply(self, plan):
        # Fresh records of the old system: no "created" note or follower on each policy.
        fresh(self.env)["dealer.insurance.policy"].create(
            [
                {
                    "name": row["policy_number"],
                    "company_id": self.company.id,
                    "insurer_id": row["insurer_record"].id,
                    "vehicle_id": self.context.vins[row["vin"]],
                    "premium": float(row["premium"]),
                    "date_start": row["date_start"],
                    "date_end": row["date_end"],
                    "user_id": False,
                }
                for row in plan
            ]
        )
        self.figures()["created"] += len(plan)
