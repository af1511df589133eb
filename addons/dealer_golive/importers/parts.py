import re
from collections import defaultdict
from decimal import Decimal

from ..reader import header_key
from .base import Kind
from .stock import receive


def category_path(text):
    """The folded segments of a category path: ``售后配件/ 油品`` -> ("售后配件", "油品")."""
    return tuple(header_key(part) for part in re.split(r"\s*[/／>]\s*", text or "") if part.strip())


class PartsOnHand(Kind):
    """Parts on hand by warehouse, one row per remaining receipt (FIFO layer) with its date."""

    code = "parts"
    sheet_names = ("配件库存", "Parts on Hand", "parts_on_hand")
    columns = {
        "code": ("配件编码", "Part Code", "配件代码", "零件号", "编码"),
        "name": ("配件名称", "Part Name", "名称", "零件名称"),
        "category": ("配件类别", "Category", "类别", "分类"),
        "warehouse": ("仓库", "Warehouse", "库房"),
        "quantity": ("数量", "Quantity", "库存数量", "结存数量"),
        "unit_cost": ("单位成本", "Unit Cost", "成本单价", "单价"),
        "receipt_date": ("入库日期", "Receipt Date", "入库时间"),
    }
    required = ("code", "quantity", "unit_cost", "receipt_date")
    example = {
        "code": "04152-YZZA1",
        "name": "机油滤清器",
        "category": "配件",
        "warehouse": "WH",
        "quantity": 24,
        "unit_cost": 38.5,
        "receipt_date": "2026-09-14",
    }

    @classmethod
    def label(cls, env):
        return env._("Parts on hand")

    def parse_quantity(self, cell):
        return self.number("quantity", cell, high=Decimal(1_000_000), positive=True)

    def parse_unit_cost(self, cell):
        return self.money("unit_cost", cell)

    def parse_receipt_date(self, cell):
        return self.date("receipt_date", cell)

    def _category(self, product, values, by_name):
        """The part's category (its own, or the row's for a new part), or None when refused."""
        env = self.env
        if product:
            category = product.categ_id
        elif not values.get("name") or not values.get("category"):
            self.problem(
                env._(
                    "Part %(code)s is not in the store yet: give its name and category to create it.",
                    code=values["code"],
                ),
                "name" if not values.get("name") else "category",
            )
            return None
        else:
            found = by_name.get(category_path(values["category"]), self.env["product.category"])
            if len(found) != 1:
                self.problem(
                    env._("Unknown part category %(category)s.", category=values["category"])
                    if not found
                    else env._(
                        "Several categories are called %(category)s: write its full path (配件 / 机油).",
                        category=values["category"],
                    ),
                    "category",
                    values["category"],
                )
                return None
            category = found[0]
        category = category.with_company(self.company)
        if category.dealer_vehicle:
            self.problem(
                env._(
                    "%(category)s holds vehicles for sale: put them in the vehicles sheet.",
                    category=category.display_name,
                ),
                "category",
            )
            return None
        if category.property_cost_method != "fifo":
            self.problem(
                env._(
                    "The category %(category)s is not valued FIFO: the parts' ages need their receipts kept apart.",
                    category=category.display_name,
                ),
                "category",
            )
            return None
        return category

    def check(self, sheet, raw_rows):
        env, company = self.env, self.company
        rows = [(number, self.read_row(number, cells)) for number, cells in self.rows(sheet, raw_rows)]
        codes = {values["code"] for __, values in rows if values}
        Product = env["product.product"].with_context(active_test=False)
        products = {
            product.default_code: product
            for product in Product.search(
                [("default_code", "in", list(codes)), ("company_id", "in", [company.id, False])]
            )
        }
        categories = env["product.category"].search([])
        # A category is named by its path or any end of it: 油品, 售后配件 / 油品, All / 售后配件 / 油品.
        by_name = defaultdict(lambda: env["product.category"])
        for category in categories:
            segments = category_path(category.complete_name)
            for start in range(len(segments)):
                by_name[segments[start:]] |= category
        warehouses = env["stock.warehouse"].search([("company_id", "=", company.id)])
        default_warehouse = self.context.job.warehouse_id or warehouses[:1]
        # Parts that already have opening stock in a warehouse (an earlier go-live import).
        opened = set(
            env["stock.move"]
            .search(
                [
                    ("dealer_golive_import_id.state", "=", "done"),
                    ("company_id", "=", company.id),
                    ("product_id.default_code", "in", list(codes)),
                ]
            )
            .mapped(lambda move: (move.product_id.default_code, move.location_dest_id.id))
        )
        plan, new_products, total = [], {}, Decimal(0)
        for number, values in rows:
            if values is None:
                continue
            self.row = number
            product = products.get(values["code"])
            category = self._category(product, values, by_name)
            if not category:
                continue
            if product and not product.is_storable:
                self.problem(env._("Part %(code)s is not a stored product.", code=values["code"]), "code")
                continue
            location = self.location(values, warehouses, default_warehouse)
            if not location:
                continue
            if (values["code"], location.id) in opened:
                self.figures()["skipped"] += 1
                continue
            if not product:
                known = new_products.setdefault(values["code"], (values["name"], category))
                if known[1] != category:
                    self.problem(
                        env._("Part %(code)s has two categories in the file.", code=values["code"]), "category"
                    )
                    continue
            total += values["quantity"] * values["unit_cost"]
            plan.append({**values, "location": location, "category": category})
        control = self.context.job.control_parts_value
        currency = company.currency_id
        if control and currency.compare_amounts(float(total), control):
            self.row = None
            self.problem(
                env._(
                    "The parts add up to %(total)s, not to the control total %(control)s.",
                    total=currency.round(float(total)),
                    control=control,
                )
            )
        return {"rows": plan, "new_products": new_products}

    def apply(self, plan):
        env, company = self.env, self.company
        Product = env["product.product"]
        # Fresh parts of the old system: no "created" note or follower on each product.
        created = Product.with_context(tracking_disable=True).create(
            [
                {
                    "name": name,
                    "default_code": code,
                    "categ_id": category.id,
                    "type": "consu",
                    "is_storable": True,
                    "company_id": company.id,
                }
                for code, (name, category) in plan["new_products"].items()
            ]
        )
        products = {product.default_code: product for product in created}
        missing = {row["code"] for row in plan["rows"]} - set(products)
        for product in Product.with_context(active_test=False).search(
            [("default_code", "in", list(missing)), ("company_id", "in", [company.id, False])]
        ):
            products[product.default_code] = product
        rows = [
            {
                "product": products[row["code"]],
                "quantity": row["quantity"],
                "cost": row["unit_cost"],
                "date": row["receipt_date"],
                "location": row["location"],
            }
            for row in plan["rows"]
        ]
        # Oldest first: FIFO consumes the receipts in the order of their layers.
        rows.sort(key=lambda row: (row["date"], row["product"].id))
        receive(self.context, rows)
        self.figures()["created"] += len(rows)
