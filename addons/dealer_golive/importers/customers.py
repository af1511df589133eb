from collections import defaultdict

from .base import BATCH, INVALID, Kind, fresh, name_key, phone_key
from .vin import normalize_vin, vin_error

# The names Chinese systems give the brands Odoo's fleet lists in English (joint ventures too).
BRAND_ALIASES = {
    "Toyota": ("丰田", "广汽丰田", "一汽丰田", "一汽丰田汽车"),
    "Lexus": ("雷克萨斯", "凌志"),
    "Honda": ("本田", "广汽本田", "东风本田"),
    "Nissan": ("日产", "东风日产"),
    "Mazda": ("马自达", "长安马自达", "一汽马自达"),
    "Volkswagen": ("大众", "一汽大众", "上汽大众", "上海大众"),
    "Audi": ("奥迪", "一汽奥迪"),
    "BMW": ("宝马", "华晨宝马"),
    "Mercedes": ("奔驰", "梅赛德斯-奔驰", "北京奔驰", "Mercedes-Benz"),
    "Porsche": ("保时捷",),
    "Buick": ("别克", "上汽通用别克"),
    "Chevrolet": ("雪佛兰",),
    "Cadillac": ("凯迪拉克",),
    "Ford": ("福特", "长安福特"),
    "Hyundai": ("现代", "北京现代"),
    "Kia": ("起亚", "东风悦达起亚"),
    "Peugeot": ("标致", "东风标致"),
    "Citroën": ("雪铁龙", "东风雪铁龙", "Citroen"),
    "Volvo": ("沃尔沃",),
    "Land Rover": ("路虎",),
    "Jaguar": ("捷豹",),
    "Skoda": ("斯柯达",),
    "Mitsubishi": ("三菱", "广汽三菱"),
    "Subaru": ("斯巴鲁",),
    "Tesla": ("特斯拉",),
    "BYD": ("比亚迪",),
}


def brand_lookup(env):
    """{folded name or alias: brand}."""
    brands = env["fleet.vehicle.model.brand"].search([])
    lookup = {name_key(brand.name): brand for brand in brands}
    for brand in brands:
        for alias in BRAND_ALIASES.get(brand.name, ()):
            lookup.setdefault(name_key(alias), brand)
    return lookup


def find_model(models, wanted):
    """The brand's model named ``wanted`` (folded), else the only one whose name starts with it
    (凯美瑞 for 凯美瑞 Camry 2.0L), else None."""
    key = name_key(wanted)
    if key in models:
        return models[key]
    found = [model for name, model in models.items() if name.startswith(key)]
    return found[0] if len(found) == 1 else None


class CustomersVehicles(Kind):
    """Customers and their vehicles: one row per vehicle, with its owner."""

    code = "customers"
    sheet_names = ("客户车辆", "Customers and Vehicles", "customers_vehicles")
    columns = {
        "owner": ("车主", "Owner", "客户名称", "客户", "车主姓名"),
        "phone": ("电话", "Phone", "手机", "联系电话", "手机号"),
        "vin": ("车架号", "VIN", "车辆识别代号", "底盘号"),
        "plate": ("车牌号", "Licence Plate", "车牌", "License Plate"),
        "brand": ("品牌", "Brand"),
        "model": ("车型", "Model"),
        "model_year": ("年款", "Model Year"),
        "color": ("颜色", "Colour", "Color"),
        "first_registration": ("首次登记日期", "First Registration", "初登日期", "上牌日期"),
        "sale_date": ("购车日期", "Sale Date", "销售日期"),
        "odometer": ("当前里程", "Odometer", "里程"),
        "last_service_date": ("上次保养日期", "Last Service Date"),
        "last_service_km": ("上次保养里程", "Last Service (km)"),
    }
    required = ("owner", "vin", "brand", "model")
    example = {
        "owner": "李建国",
        "phone": "13926081234",
        "vin": "LVGBE40K3SG100085",
        "plate": "粤A·B2797",
        "brand": "丰田",
        "model": "凯美瑞",
        "model_year": 2025,
        "color": "星光蓝",
        "first_registration": "2025-01-20",
        "sale_date": "2025-01-16",
        "odometer": 26310,
        "last_service_date": "2026-08-02",
        "last_service_km": 24890,
    }

    @classmethod
    def label(cls, env):
        return env._("Customers and vehicles")

    def parse_vin(self, cell):
        return normalize_vin(cell) or None

    def parse_model_year(self, cell):
        year = self.number("model_year", cell, whole=True, high=2100)
        if isinstance(year, int) and year < 1900:
            self.problem(self.env._("%(value)s is not a model year.", value=year), "model_year")
            return INVALID
        return year

    def parse_first_registration(self, cell):
        return self.date("first_registration", cell)

    def parse_sale_date(self, cell):
        return self.date("sale_date", cell)

    def parse_last_service_date(self, cell):
        return self.date("last_service_date", cell)

    def parse_odometer(self, cell):
        return self.number("odometer", cell, whole=True, high=2_000_000)

    def parse_last_service_km(self, cell):
        return self.number("last_service_km", cell, whole=True, high=2_000_000)

    def check(self, sheet, raw_rows):
        env, company = self.env, self.company
        rows = [(number, self.read_row(number, cells)) for number, cells in self.rows(sheet, raw_rows)]
        vins = [values["vin"] for __, values in rows if values]
        existing = {
            vehicle.vin: vehicle.id
            for vehicle in env["dealer.vehicle"]
            .with_context(active_test=False)
            .search([("vin", "in", vins), ("company_id", "=", company.id)])
        }
        self.context.vins.update(existing)
        brand_by_name = brand_lookup(env)
        models = defaultdict(dict)
        for model in env["fleet.vehicle.model"].search([]):
            models[model.brand_id.id][name_key(model.name)] = model
        plan, seen, new_models = [], {}, {}
        for number, values in rows:
            if values is None:
                continue
            self.row = number
            brand = brand_by_name.get(name_key(values["brand"]))
            if not brand:
                self.problem(env._("Unknown brand %(brand)s.", brand=values["brand"]), "brand", values["brand"])
                continue
            error = vin_error(env, values["vin"], brand)
            if error:
                self.problem(error, "vin", values["vin"])
                continue
            if values["vin"] in seen:
                self.problem(
                    env._("VIN %(vin)s is also on row %(row)s.", vin=values["vin"], row=seen[values["vin"]]), "vin"
                )
                continue
            seen[values["vin"]] = number
            if values["vin"] in existing:
                self.figures()["skipped"] += 1
                continue
            if (values.get("last_service_km") or 0) > (values.get("odometer") or values.get("last_service_km") or 0):
                self.problem(env._("The last service's km are more than the odometer."), "last_service_km")
                continue
            model = find_model(models[brand.id], values["model"])
            if not model and (brand.id, name_key(values["model"])) not in new_models:
                new_models[(brand.id, name_key(values["model"]))] = (brand, values["model"])
                self.problem(  # once per new model
                    env._(
                        "Model %(brand)s %(model)s is new: it will be created.", brand=brand.name, model=values["model"]
                    ),
                    "model",
                    values["model"],
                    blocking=False,
                )
            self.context.vins[values["vin"]] = ("row", number)  # brought in by this file
            self.context.customer_names.add(name_key(values["owner"]))
            if phone_key(values.get("phone")):
                self.context.customer_phones.add(phone_key(values.get("phone")))
            plan.append({**values, "brand_record": brand, "model_record": model})
        return {"rows": plan, "new_models": new_models}

    def apply(self, plan):
        # Fresh records of the old system: no "created" note, follower or tracking on each of
        # them (the import logs one note): a message and a follower per vehicle otherwise.
        env, company = fresh(self.env), self.company
        created_models = env["fleet.vehicle.model"].create(
            [{"brand_id": brand.id, "name": name} for brand, name in plan["new_models"].values()]
        )
        new_models = {(model.brand_id.id, name_key(model.name)): model for model in created_models}
        partners = find_partners(env, company, [(row["owner"], row.get("phone")) for row in plan["rows"]])
        vals_list = []
        for row in plan["rows"]:
            model = row["model_record"] or new_models[(row["brand_record"].id, name_key(row["model"]))]
            vals_list.append(
                {
                    "vin": row["vin"],
                    "license_plate": row.get("plate"),
                    "model_id": model.id,
                    "model_year": row.get("model_year") or 0,
                    "color": row.get("color"),
                    "partner_id": partners[(name_key(row["owner"]), phone_key(row.get("phone")))].id,
                    "company_id": company.id,
                    "first_registration_date": row.get("first_registration"),
                    "sale_date": row.get("sale_date"),
                    "last_service_date": row.get("last_service_date"),
                    "last_service_km": row.get("last_service_km") or 0,
                }
            )
        created = 0
        for start in range(0, len(vals_list), BATCH):
            rows = plan["rows"][start : start + BATCH]
            vehicles = env["dealer.vehicle"].create(vals_list[start : start + BATCH])
            readings = []
            for vehicle, row in zip(vehicles, rows, strict=True):
                # The VIN as the vehicle stores it (normalized by its create).
                self.context.vins[vehicle.vin] = vehicle.id
                if row.get("odometer"):
                    readings.append(
                        {
                            "vehicle_id": vehicle.id,
                            "date": row.get("last_service_date") or self.context.golive,
                            "value": row["odometer"],
                            "source": "manual",
                        }
                    )
            env["dealer.vehicle.odometer"].create(readings)
            created += len(vehicles)
            # Written batch by batch, the cache emptied: memory stays flat however big the file.
            env.invalidate_all()
            self.context.advance(len(rows))
        self.figures()["created"] += created


def find_partners(env, company, people):
    """{(folded name, phone digits): partner} for ``people`` [(name, phone)]: the store's
    contact with the same phone number, else with the same name and no phone, else a new one."""
    Partner = env["res.partner"].with_context(active_test=False)
    wanted = {(name_key(name), phone_key(phone)): (name, phone) for name, phone in people}
    phones = {key[1] for key in wanted if key[1]}
    candidates = Partner.search(
        [("company_id", "in", [company.id, False]), ("is_company", "=", False), ("type", "=", "contact")]
        + (["|", ("phone", "!=", False), ("mobile", "!=", False)] if phones else [("id", "=", 0)])
    )
    by_phone = {}
    for partner in candidates:
        for number in (partner.phone, partner.mobile):
            if phone_key(number):
                by_phone.setdefault(phone_key(number), partner)
    names = [name for (key, phone), (name, __) in wanted.items() if not phone or phone not in by_phone]
    by_name = {}
    if names:
        for partner in Partner.search([("name", "in", names), ("company_id", "in", [company.id, False])]):
            if not phone_key(partner.phone) and not phone_key(partner.mobile):
                by_name.setdefault(name_key(partner.name), partner)
    result, to_create = {}, {}
    for key, (name, phone) in wanted.items():
        partner = by_phone.get(key[1]) if key[1] else None
        partner = partner or (by_name.get(key[0]) if not key[1] else None)
        if partner:
            result[key] = partner
        else:
            to_create[key] = {"name": name, "phone": phone, "company_id": company.id}
    # New contacts of the old system's files: no "created" note or follower on each.
    Partner = Partner.with_context(tracking_disable=True)
    vals_list = list(to_create.values())
    if vals_list:
        # Their defaults, all alike (the same fields given), read once: the ORM reads them per
        # contact, a few queries each (the invoice report count, the accounts...).
        sample = vals_list[0]
        defaults = {
            name: value
            for name, value in Partner._add_missing_default_values(dict(sample)).items()
            if name not in sample
        }
        vals_list = [{**defaults, **vals} for vals in vals_list]
    created = Partner.create(vals_list)
    result.update(zip(to_create, created, strict=True))
    return result
