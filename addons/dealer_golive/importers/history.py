from decimal import Decimal

from .base import BATCH, Kind, name_key
from .vin import normalize_vin

SERVICE_TYPES = {
    "maintenance": ("保养", "Maintenance", "首保", "定保", "常规保养", "小保养", "大保养"),
    "repair": ("维修", "General Repair", "一般维修", "机修", "Repair"),
    "warranty": ("保修", "Warranty", "索赔", "三包"),
    "accident": ("事故", "Accident", "钣喷", "事故车", "钣金喷漆"),
    "pdi": ("PDI", "新车检查", "售前检查"),
}
PAYERS = {
    "customer": ("客户", "Customer", "自费", "客户付费"),
    "insurance": ("保险", "Insurance", "保险公司", "保险理赔"),
    "warranty": ("厂家", "Manufacturer", "厂家索赔", "主机厂", "Warranty"),
    "internal": ("内部", "Internal", "内部结算"),
}


class ServiceHistory(Kind):
    """The old system's repair orders: one row per visit, read as the vehicle's earlier visits."""

    code = "history"
    sheet_names = ("维修历史", "Service History", "service_history")
    columns = {
        "vin": ("车架号", "VIN", "车辆识别代号", "底盘号"),
        "date": ("维修日期", "Date", "进厂日期", "结算日期"),
        "odometer": ("进厂里程", "Odometer", "里程"),
        "service_type": ("服务类型", "Service Type", "维修类型", "业务类型"),
        "reference": ("工单号", "Order Number", "维修单号", "委托书号"),
        "description": ("维修项目", "Work Done", "项目", "维修内容"),
        "symptoms": ("故障现象", "Symptoms", "故障"),
        "amount": ("金额", "Amount", "结算金额", "总金额"),
        "payer": ("付费方", "Paid By", "结算方式", "付费类型"),
    }
    required = ("vin", "date")
    example = {
        "vin": "LVGBE40K3SG100085",
        "date": "2026-08-02",
        "odometer": 24890,
        "service_type": "保养",
        "reference": "WX2608-0231",
        "description": "更换机油、机滤；四轮定位",
        "symptoms": "",
        "amount": 868,
        "payer": "客户",
    }

    @classmethod
    def label(cls, env):
        return env._("Service history")

    def parse_vin(self, cell):
        return normalize_vin(cell) or None

    def parse_date(self, cell):
        return self.date("date", cell)

    def parse_odometer(self, cell):
        return self.number("odometer", cell, whole=True, high=2_000_000)

    def parse_amount(self, cell):
        return self.money("amount", cell)

    def parse_service_type(self, cell):
        return self.choice("service_type", cell, SERVICE_TYPES)

    def parse_payer(self, cell):
        return self.choice("payer", cell, PAYERS)

    def check(self, sheet, raw_rows):
        env, company = self.env, self.company
        rows = [(number, self.read_row(number, cells)) for number, cells in self.rows(sheet, raw_rows)]
        unknown = {values["vin"] for __, values in rows if values and values["vin"] not in self.context.vins}
        if unknown:
            for vehicle in (
                env["dealer.vehicle"]
                .with_context(active_test=False)
                .search([("vin", "in", list(unknown)), ("company_id", "=", company.id)])
            ):
                self.context.vins[vehicle.vin] = vehicle.id
        existing_ids = [value for value in self.context.vins.values() if isinstance(value, int)]
        known = set()
        if existing_ids:
            env.cr.execute(
                """SELECT vehicle_id, reference, date, odometer FROM dealer_service_history
                    WHERE company_id = %s AND vehicle_id = ANY(%s)""",
                [company.id, existing_ids],
            )
            for vehicle_id, reference, date, odometer in env.cr.fetchall():
                known.add((vehicle_id, reference) if reference else (vehicle_id, date, odometer))
        # The symptoms by their names in every language of the database (the files are Chinese;
        # a database may not have Chinese installed).
        symptoms = {}
        for lang, __ in env["res.lang"].get_installed():
            for symptom in env["dealer.repair.symptom"].with_context(lang=lang).search([]):
                symptoms.setdefault(name_key(symptom.name), symptom.id)
        plan, seen = [], {}
        for number, values in rows:
            if values is None:
                continue
            self.row = number
            vehicle = self.context.vins.get(values["vin"])
            if vehicle is None:
                self.problem(
                    env._(
                        "Unknown VIN %(vin)s: it is neither in the store nor in the customers sheet.", vin=values["vin"]
                    ),
                    "vin",
                    values["vin"],
                )
                continue
            key = (
                (values["vin"], values.get("reference"))
                if values.get("reference")
                else (values["vin"], values["date"], values.get("odometer") or 0, values.get("amount"))
            )
            if key in seen:
                self.problem(env._("The same visit is also on row %(row)s.", row=seen[key]), "reference")
                continue
            seen[key] = number
            if isinstance(vehicle, int) and (
                (
                    (vehicle, values["reference"])
                    if values.get("reference")
                    else (vehicle, values["date"], values.get("odometer") or 0)
                )
                in known
            ):
                self.figures()["skipped"] += 1
                continue
            symptom_ids = []
            for name in filter(
                None,
                (
                    part.strip()
                    for part in (values.get("symptoms") or "").replace("，", ",").replace("、", ",").split(",")
                ),
            ):
                if name_key(name) in symptoms:
                    symptom_ids.append(symptoms[name_key(name)])
                else:
                    self.problem(
                        env._("Unknown symptom %(name)s: left out.", name=name), "symptoms", name, blocking=False
                    )
            plan.append({**values, "symptom_ids": symptom_ids})
        return plan

    def apply(self, plan):
        env, company = self.env, self.company
        History = env["dealer.service.history"]
        source = env._("Go-live import %(name)s", name=self.context.job.name)
        for start in range(0, len(plan), BATCH):
            vals_list = []
            for row in plan[start : start + BATCH]:
                vals = {
                    "vehicle_id": self.context.vins[row["vin"]],
                    "company_id": company.id,
                    "date": row["date"],
                    "odometer": row.get("odometer") or 0,
                    "service_type": row.get("service_type") or "maintenance",
                    "reference": row.get("reference"),
                    "description": row.get("description"),
                    "amount": float(row.get("amount") or Decimal(0)),
                    "pay_type": row.get("payer") or "customer",
                    "source": source,
                }
                # A new visit has no symptoms to replace: the many2many is only written when named.
                if row["symptom_ids"]:
                    vals["symptom_ids"] = [(6, 0, row["symptom_ids"])]
                vals_list.append(vals)
            History.create(vals_list)
            # Written batch by batch, the cache emptied: memory stays flat however long the history.
            env.invalidate_all()
            self.context.advance(len(vals_list))
        self.figures()["created"] += len(plan)
