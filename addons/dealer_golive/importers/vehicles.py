from .base import Kind, fresh
from .stock import receive
from .vin import normalize_vin, vin_error


class VehiclesForSale(Kind):
    """New and used vehicles in stock, by VIN, with the day each came in and its cost."""

    code = "vehicles"
    sheet_names = ("整车库存", "Vehicles for Sale", "vehicles_for_sale")
    columns = {
        "vin": ("车架号", "VIN", "车辆识别代号", "底盘号"),
        "product": ("车型编码", "Vehicle Product", "车型代码", "车型"),
        "receipt_date": ("入库日期", "In Stock Since", "到库日期"),
        "cost": ("成本", "Cost", "采购成本", "进价"),
        "warehouse": ("仓库", "Warehouse"),
    }
    required = ("vin", "product", "receipt_date", "cost")
    example = {
        "vin": "LVGBE40K3SG100085",
        "product": "CAMRY-20E",
        "receipt_date": "2026-10-08",
        "cost": 162500,
        "warehouse": "WH",
    }

    @classmethod
    def label(cls, env):
        return env._("Vehicles for sale")

    def parse_vin(self, cell):
        return normalize_vin(cell) or None

    def parse_receipt_date(self, cell):
        return self.date("receipt_date", cell)

    def parse_cost(self, cell):
        return self.money("cost", cell, positive=True)

    def check(self, sheet, raw_rows):
        env, company = self.env, self.company
        rows = [(number, self.read_row(number, cells)) for number, cells in self.rows(sheet, raw_rows)]
        products = env["product.product"].search(
            [("categ_id.dealer_vehicle", "=", True), ("company_id", "in", [company.id, False])]
        )
        lots = {
            lot.name
            for lot in env["stock.lot"].search(
                [
                    ("name", "in", [values["vin"] for __, values in rows if values]),
                    ("company_id", "in", [company.id, False]),
                ]
            )
        }
        # A vehicle product by its code or name: the first in the search order, as one lookup.
        by_key = {}
        for product in products:
            for key in (product.default_code, product.name):
                if key:
                    by_key.setdefault(key, product)
        warehouses = env["stock.warehouse"].search([("company_id", "=", company.id)])
        default_warehouse = self.context.job.warehouse_id or warehouses[:1]
        plan, seen = [], {}
        for number, values in rows:
            if values is None:
                continue
            self.row = number
            product = by_key.get(values["product"], env["product.product"])
            if not product:
                self.problem(
                    env._(
                        "Unknown vehicle product %(product)s: create it (its code or name) in a category of "
                        "vehicles for sale first.",
                        product=values["product"],
                    ),
                    "product",
                    values["product"],
                )
                continue
            error = vin_error(env, values["vin"])
            if error:
                self.problem(error, "vin", values["vin"])
                continue
            if values["vin"] in seen:
                self.problem(
                    env._("VIN %(vin)s is also on row %(row)s.", vin=values["vin"], row=seen[values["vin"]]), "vin"
                )
                continue
            seen[values["vin"]] = number
            if values["vin"] in lots:
                self.figures()["skipped"] += 1
                continue
            if product.tracking != "serial":
                self.problem(
                    env._("%(product)s is not tracked by VIN (serial number).", product=product.display_name), "product"
                )
                continue
            location = self.location(values, warehouses, default_warehouse)
            if not location:
                continue
            plan.append({**values, "product_record": product, "location": location})
        return plan

    def apply(self, plan):
        # Fresh lots of the old system: no "created" note or follower on each VIN.
        env, company = fresh(self.env), self.company
        lots = env["stock.lot"].create(
            [{"name": row["vin"], "product_id": row["product_record"].id, "company_id": company.id} for row in plan]
        )
        rows = [
            {
                "product": row["product_record"],
                "quantity": 1,
                "cost": row["cost"],
                "date": row["receipt_date"],
                "location": row["location"],
                "lot": lot,
            }
            for row, lot in zip(plan, lots, strict=True)
        ]
        receive(self.context, rows)  # a VIN's quant is dated on its own receipt
        self.figures()["created"] += len(rows)
