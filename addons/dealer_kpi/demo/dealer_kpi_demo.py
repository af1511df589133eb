"""Six closed months of after-sales work at the demo store, for its KPIs and dashboards (demo data only).

Customers' cars come in for maintenance, repairs, warranty and accident work, booked or walking in.
Each order goes through the real flows (an appointment's arrival, labor lines with their pay types,
parts, technicians clocking the jobs, the final inspection, delivery with its follow-up call and
satisfaction survey, the insurer's invoice), and is then dated in the past, as the inventory history
of dealer_aftersales is. Around the orders: the technicians' attendance, the monthly payroll and
workshop costs, insurance policies and their renewals, a few vehicles for sale, the store's KPI
settings, and the monthly snapshots of every KPI.
"""

import datetime
import logging
import random
import time
from collections import defaultdict

import pytz
from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models

from odoo.addons.dealer_aftersales.models.dealer_vehicle import vin_check_digit
from odoo.addons.dealer_aftersales.tools import server_side

_logger = logging.getLogger(__name__)

AS = "dealer_aftersales."
MONTHS = 6
SECOND_STORE = "广州白云粤丰丰田汽车销售服务有限公司"

# A job: (service type, customer's words, symptom, bay kind, labor lines, part lines). A labor
# line is (operation xml id, or (description, hours), pay type); a part line is (product xml id,
# quantity, pay type).
JOBS = {
    "oil": (
        "maintenance",
        "到期更换机油机滤",
        "symptom_maintenance",
        "quick",
        [("labor_oil_change_demo", "customer")],
        [("product_oil_demo", 1, "customer"), ("product_oil_filter_demo", 1, "customer")],
    ),
    "service_10k": (
        "maintenance",
        "1 万公里定期保养",
        "symptom_maintenance",
        "quick",
        [
            ("labor_10k_service_demo", "customer"),
            ("labor_air_filter_demo", "customer"),
            (("常规检查及轮胎换位", 0.4), "customer"),
        ],
        [
            ("product_oil_demo", 1, "customer"),
            ("product_oil_filter_demo", 1, "customer"),
            ("product_air_filter_demo", 1, "customer"),
        ],
    ),
    "service_cabin": (
        "maintenance",
        "到期保养，空调出风有异味",
        "symptom_maintenance",
        "quick",
        [("labor_10k_service_demo", "customer"), (("空调系统清洗杀菌", 0.5), "customer")],
        [
            ("product_oil_demo", 1, "customer"),
            ("product_oil_filter_demo", 1, "customer"),
            ("product_cabin_filter_demo", 1, "customer"),
        ],
    ),
    "service_major": (
        "maintenance",
        "4 万公里大保养",
        "symptom_maintenance",
        "general",
        [
            ("labor_10k_service_demo", "customer"),
            (("更换火花塞", 0.8), "customer"),
            (("更换刹车油及防冻液", 0.8), "customer"),
        ],
        [
            ("product_oil_demo", 1, "customer"),
            ("product_oil_filter_demo", 1, "customer"),
            ("product_spark_plug_demo", 4, "customer"),
            ("product_brake_fluid_demo", 1, "customer"),
            ("product_coolant_demo", 1, "customer"),
        ],
    ),
    "brake_pads": (
        "repair",
        "刹车时有金属摩擦声",
        "symptom_brake",
        "general",
        [("labor_front_brake_demo", "customer"), (("刹车系统清洁保养", 0.4), "customer")],
        [("product_brake_pads_demo", 1, "customer")],
    ),
    "brake_disc": (
        "repair",
        "刹车时方向盘抖动",
        "symptom_brake",
        "general",
        [("labor_front_brake_demo", "customer"), (("更换前刹车盘", 0.8), "customer")],
        [("product_brake_pads_demo", 1, "customer"), ("product_brake_disc_demo", 2, "customer")],
    ),
    "alignment": (
        "repair",
        "高速行驶时车辆跑偏",
        "symptom_vibration",
        "alignment",
        [("labor_alignment_demo", "customer")],
        [],
    ),
    "ac": (
        "repair",
        "空调制冷效果差",
        "symptom_ac",
        "general",
        [("labor_ac_check_demo", "customer")],
        [("product_cabin_filter_demo", 1, "customer")],
    ),
    "battery": (
        "repair",
        "早上冷车启动困难",
        "symptom_start",
        "general",
        [("labor_diagnosis_demo", "customer"), (("更换蓄电池", 0.3), "customer")],
        [("product_battery_demo", 1, "customer")],
    ),
    "shock": (
        "repair",
        "过减速带时底盘异响",
        "symptom_noise",
        "general",
        [("labor_diagnosis_demo", "customer"), (("更换前减震器", 1.5), "customer")],
        [("product_shock_demo", 2, "customer")],
    ),
    "tyres": (
        "repair",
        "前轮胎侧面鼓包",
        None,
        "alignment",
        [(("更换轮胎及动平衡", 0.8), "customer")],
        [("product_tyre_demo", 2, "customer")],
    ),
    "warranty_ecu": (
        "warranty",
        "发动机故障灯常亮",
        "symptom_warning_light",
        "general",
        [("labor_diagnosis_demo", "warranty"), (("发动机控制程序升级", 1.0), "warranty")],
        [],
    ),
    "warranty_brake": (
        "warranty",
        "保修期内刹车片异常磨损",
        "symptom_brake",
        "general",
        [("labor_front_brake_demo", "warranty")],
        [("product_brake_pads_demo", 1, "warranty")],
    ),
    "scratch": (
        "repair",
        "左后门被刮花，需要补漆",
        "symptom_body",
        "paint",
        [(("左后门钣金喷漆", 3.0), "customer")],
        [("dealer_kpi.product_paint_kit_demo", 1, "customer")],
    ),
    "accident": (
        "accident",
        "倒车时撞到立柱，前保险杠破损",
        "symptom_body",
        "body",
        [("labor_bumper_paint_demo", "insurance")],
        [("product_bumper_demo", 1, "insurance"), ("dealer_kpi.product_paint_kit_demo", 2, "insurance")],
    ),
    "comeback_brake": (
        "repair",
        "上次换刹车片后，刹车异响又出现了",
        "symptom_brake",
        "general",
        [(("返修：重新装配前刹车片", 1.0), "internal"), (("刹车盘光磨", 0.5), "customer")],
        [],
    ),
    "comeback_ac": (
        "repair",
        "空调修好没几天又不凉了",
        "symptom_ac",
        "general",
        [(("返修：空调系统检漏", 1.0), "internal"), ("labor_ac_check_demo", "customer")],
        [],
    ),
}
MAINTENANCE_JOBS = [("oil", 3), ("service_10k", 4), ("service_cabin", 2), ("service_major", 1)]
REPAIR_JOBS = [
    ("brake_pads", 4),
    ("brake_disc", 1),
    ("alignment", 2),
    ("ac", 3),
    ("battery", 2),
    ("shock", 1),
    ("tyres", 1),
]
COMEBACKS = {"brake_pads": "comeback_brake", "brake_disc": "comeback_brake", "ac": "comeback_ac"}
# Who takes a job, by bay kind.
TECHNICIANS = {
    "quick": ["hr_employee_tech_zhou_demo", "hr_employee_tech_zhou_demo", "hr_employee_tech_wu_demo"],
    "general": ["hr_employee_tech_liu_demo", "hr_employee_tech_wu_demo"],
    "alignment": ["hr_employee_tech_liu_demo"],
    "body": ["hr_employee_tech_huang_demo"],
    "paint": ["hr_employee_tech_huang_demo"],
}
BAYS = {
    "quick": ["dealer_bay_quick_1_demo", "dealer_bay_quick_2_demo"],
    "general": ["dealer_bay_general_1_demo", "dealer_bay_general_2_demo", "dealer_bay_general_3_demo"],
    "alignment": ["dealer_bay_alignment_demo"],
    "body": ["dealer_bay_body_demo"],
    "paint": ["dealer_bay_paint_demo"],
}
VEHICLE_MODELS = [
    ("fleet_vehicle_model_camry_demo", "LVGBM53K", 5),
    ("fleet_vehicle_model_levin_demo", "LVGBN80E", 5),
    ("fleet_vehicle_model_highlander_demo", "LVGDC72K", 3),
    ("fleet_vehicle_model_yaris_demo", "LFMAP86C", 2),
    ("fleet_vehicle_model_wildlander_demo", "LVGEN56A", 3),
    ("fleet_vehicle_model_sienna_demo", "LVGFM21G", 1),
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘蒋蔡余杜叶程魏苏吕丁"
GIVEN_NAMES = [
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超",
    "秀英", "华", "慧", "建华", "志强", "晓燕", "海燕", "国庆", "文博", "子轩", "梓涵", "浩然", "雨桐",
    "嘉欣", "俊杰", "思远", "佳怡", "宇航", "美玲",
]  # fmt: skip
COLOURS = ["珍珠白", "星光蓝", "铂金银", "曜石黑", "炫晶红", "钛金灰"]
DISTRICTS = ["天河区", "越秀区", "海珠区", "白云区", "番禺区", "黄埔区"]
VIN_YEAR = {2019: "K", 2020: "L", 2021: "M", 2022: "N", 2023: "P", 2024: "R", 2025: "S", 2026: "T"}
CALL_FEEDBACK = [
    "客户表示车辆使用正常，对服务满意。",
    "客户反馈问题已解决，建议下次提前预约。",
    "客户满意，询问了下次保养时间。",
]
SURVEY_SCORES = [10] * 12 + [8] * 6 + [5] * 2 + [0]


def _weighted(rng, choices):
    names, weights = zip(*choices, strict=True)
    return rng.choices(names, weights)[0]


class DealerKpiDemo(models.AbstractModel):
    _name = "dealer.kpi.demo"
    _description = "After-Sales KPI Demo Data"

    @api.model
    def _demo_load(self, vehicle_count=40, seed=18):
        """Generate the history of the demo store (``base.main_company``) over the last six
        closed months, then its monthly KPI snapshots."""
        company = self.env.ref("base.main_company")
        demo = self.with_company(company).with_context(tracking_disable=True, mail_notrack=True)
        # The history predates the cashier's desk: its cars left without the cashier's release.
        pay_before_handover = company.dealer_pay_before_handover
        company.dealer_pay_before_handover = False
        # Today's jobs on the clock (dealer_aftersales' demo) wait while the past is written: a
        # technician clocks one job at a time.
        clocks = self.env["dealer.repair.labor.clock"].search([("stop", "=", False), ("company_id", "=", company.id)])
        running = [(clock.labor_id, clock.technician_id) for clock in clocks]
        clocks.labor_id.action_pause()
        try:
            return demo._demo_generate(company, self.env.ref("base.user_admin"), random.Random(seed), vehicle_count)
        finally:
            company.dealer_pay_before_handover = pay_before_handover
            for job, technician in running:
                job.action_start(technician)

    @api.model
    def _demo_load_second_store(self, vehicle_count=15, seed=27):
        """A second store of the group (白云店) with its own bays, technicians, customers and six
        months of activity, so that the group's reports and its administrator's company switcher
        have two stores to compare; the store managers and their staff see their own store only."""
        main = self.env.ref("base.main_company")
        admin = self.env.ref("base.user_admin")
        store = self.env["res.company"].create(
            {
                "name": SECOND_STORE,
                "currency_id": main.currency_id.id,
                "country_id": main.country_id.id,
                "state_id": main.state_id.id,
                "city": "广州",
                "street": "白云区机场路1288号",
                "zip": "510405",
                "phone": "020-36661288",
                "vat": "91440111MA5DEMO28K",
                "logo": main.logo,
            }
        )
        self.env["ir.model.data"].create(
            # noupdate: made here, not by a data file, it is not an obsolete record at the end of the load.
            {
                "module": "dealer_kpi",
                "name": "res_company_baiyun_demo",
                "model": "res.company",
                "res_id": store.id,
                "noupdate": True,
            }
        )
        admin.company_ids = [Command.link(store.id)]
        # Its documents numbered BY/… (白云), not by the first letters of its legal name.
        warehouse = store._dealer_warehouse()
        code, warehouse.code = warehouse.code, "BY"
        for sequence in self.env["ir.sequence"].search(
            [("company_id", "=", store.id), ("prefix", "=like", f"{code}/%")]
        ):
            sequence.prefix = "BY" + sequence.prefix[len(code) :]
        store.action_dealer_setup_store()
        store.dealer_pay_before_handover = main.dealer_pay_before_handover
        self.env["dealer.pay.type.config"]._set_labor_rates(
            store.id, {"customer": 150.0, "insurance": 170.0, "warranty": 120.0, "internal": 80.0}
        )
        # Its parts cost what they cost the group (the products' cost is per store).
        for product in self.env["product.product"].search([("type", "=", "consu")]):
            if product.with_company(main).standard_price and not product.with_company(store).standard_price:
                product.with_company(store).standard_price = product.with_company(main).standard_price
        Bay, Employee = self.env["dealer.bay"].with_company(store), self.env["hr.employee"].with_company(store)
        bays = {}
        for xmlid in {xmlid for names in BAYS.values() for xmlid in names}:
            bay = self.env.ref(AS + xmlid)
            bays[xmlid] = Bay.create({"name": bay.name, "bay_type": bay.bay_type, "company_id": store.id})
        names = {
            "hr_employee_tech_liu_demo": "邓伟",
            "hr_employee_tech_zhou_demo": "郭俊",
            "hr_employee_tech_wu_demo": "冯志刚",
            "hr_employee_tech_huang_demo": "曾国华",
        }
        technicians = {}
        for xmlid, name in names.items():
            model = self.env.ref(AS + xmlid)
            technicians[xmlid] = Employee.create(
                {
                    "name": name,
                    "job_title": model.job_title,
                    "dealer_is_technician": True,
                    "dealer_skill_ids": [Command.set(model.dealer_skill_ids.ids)],
                    "company_id": store.id,
                    "resource_calendar_id": store.resource_calendar_id.id,
                }
            )
        demo = self.with_company(store).with_context(tracking_disable=True, mail_notrack=True)
        pay_before_handover = store.dealer_pay_before_handover
        store.dealer_pay_before_handover = False
        try:
            return demo._demo_generate(
                store, admin, random.Random(seed), vehicle_count, {"technicians": technicians, "bays": bays}
            )
        finally:
            store.dealer_pay_before_handover = pay_before_handover

    @api.model
    def _demo_generate(self, company, admin, rng, vehicle_count, staff=None):
        """Customers and their visits, the work of each visit, then what goes around it: the
        technicians' attendance, insurance policies, the month's costs, and the snapshots."""
        started = time.monotonic()
        today = fields.Date.context_today(self)
        window_start = today.replace(day=1) - relativedelta(months=MONTHS)
        window_end = today.replace(day=1) - datetime.timedelta(days=1)

        vehicles = self._demo_customers(rng, vehicle_count, window_start, company)
        plans = self._demo_plan(rng, vehicles, window_start, window_end)
        self._demo_stock_vehicles(window_start, today)
        orders = self._demo_work(rng, plans, company, admin, staff)
        self._demo_attendance(orders)
        self._demo_policies(rng, vehicles, window_start, window_end, company)
        self._demo_costs(rng, window_start, company)

        snapshots = self.env["dealer.kpi.snapshot"]
        month = window_start
        while month <= window_end:
            snapshots |= snapshots._compute_month(month, company)
            month += relativedelta(months=1)
        _logger.info(
            "KPI demo: %s repair orders, %s snapshots in %.0f s",
            len(orders),
            len(snapshots),
            time.monotonic() - started,
        )
        return True

    # ------------------------------------------------------------------ helpers

    @api.model
    def _demo_utc(self, day, hour, minute=0):
        """The naive UTC datetime of ``hour:minute`` on ``day`` in the store's time zone."""
        tz = pytz.timezone(self.env.company._dealer_tz())
        local = tz.localize(datetime.datetime.combine(day, datetime.time(int(hour), int(minute))))
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    @api.model
    def _demo_day(self, when):
        """The store's day of a naive UTC datetime."""
        tz = pytz.timezone(self.env.company._dealer_tz())
        return pytz.utc.localize(when).astimezone(tz).date()

    @staticmethod
    def _demo_weekday(day):
        """``day``, or the Monday after it when it falls on a weekend."""
        while day.weekday() >= 5:
            day += datetime.timedelta(days=1)
        return day

    @staticmethod
    def _demo_minute(when):
        return when.replace(second=0, microsecond=0)

    @staticmethod
    def _demo_km(vehicle, day):
        return int(vehicle["daily_km"] * (day - vehicle["registered"]).days)

    # ------------------------------------------------------------------ customers and visits

    @api.model
    def _demo_customers(self, rng, count, window_start, company):
        """Customers and their cars: most of them served the year before the window (the customer
        base at its start), the others bought their car recently."""
        partners = self.env["res.partner"].create(
            [
                {
                    "name": rng.choice(SURNAMES) + rng.choice(GIVEN_NAMES),
                    "mobile": f"13{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}",
                    "city": "广州",
                    "street": f"{rng.choice(DISTRICTS)}{rng.choice(['中山大道', '天河北路', '广州大道', '黄埔大道'])}"
                    f"{rng.randint(1, 999)}号",
                    "company_id": company.id,
                }
                for __ in range(count)
            ]
        )
        profiles, values = [], []
        choices = [
            (self.env.ref(AS + xmlid), prefix) for xmlid, prefix, weight in VEHICLE_MODELS for __ in range(weight)
        ]
        for index, partner in enumerate(partners):
            existing = index < count * 0.82
            if existing:
                registered = window_start - datetime.timedelta(days=rng.randint(400, 1800))
            else:
                registered = window_start + datetime.timedelta(days=rng.randint(-80, 90))
            model, prefix = rng.choice(choices)
            year = min(max(registered.year, 2019), 2026)
            body = f"{prefix}0{VIN_YEAR[year]}G{rng.randint(100000, 999999)}"
            values.append(
                {
                    "vin": body[:8] + vin_check_digit(body) + body[9:],
                    "license_plate": f"粤A·{rng.choice('BCDFGHJKLMN')}{rng.randint(1000, 9999)}",
                    "model_id": model.id,
                    "model_year": year,
                    "color": rng.choice(COLOURS),
                    "partner_id": partner.id,
                    "company_id": company.id,
                    "first_registration_date": registered,
                    "sale_date": registered - datetime.timedelta(days=3),
                    "warranty_end_date": registered + relativedelta(years=3),
                    "warranty_end_km": 100000,
                }
            )
            profiles.append({"existing": existing, "registered": registered, "daily_km": rng.uniform(28.0, 75.0)})
        for profile, vehicle in zip(profiles, self.env["dealer.vehicle"].create(values), strict=True):
            profile["vehicle"] = vehicle
        return profiles

    @api.model
    def _demo_visit(self, plans, vehicle, day, job, **extra):
        plan = {
            "day": self._demo_weekday(day),
            "vehicle": vehicle,
            "job": job,
            "booked": False,
            "history": False,
            "comeback_of": None,
            "no_show": False,
            **extra,
        }
        plans.append(plan)
        return plan

    @api.model
    def _demo_plan(self, rng, vehicles, window_start, window_end):
        """The visits: ``[{"day", "checkin", "vehicle", "job", "booked", "history", "comeback_of",
        "no_show"}]``, by check-in time."""
        plans = []
        for vehicle in vehicles:
            self._demo_plan_vehicle(rng, plans, vehicle, window_start, window_end)
        month = window_start
        while month <= window_end:
            month_end = month + relativedelta(months=1, days=-1)
            in_month = [plan for plan in plans if month <= plan["day"] <= month_end and not plan["history"]]
            # Accidents reported to an insurer, and a car back for the same problem.
            for __ in range(rng.choice([1, 1, 2])):
                day = month + datetime.timedelta(days=rng.randint(0, 24))
                self._demo_visit(plans, rng.choice(vehicles), day, "accident")
            candidates = [plan for plan in in_month if plan["job"] in COMEBACKS and plan["day"].day <= 18]
            if candidates:
                first = rng.choice(candidates)
                back = first["day"] + datetime.timedelta(days=rng.randint(5, 12))
                self._demo_visit(plans, first["vehicle"], back, COMEBACKS[first["job"]], comeback_of=first)
            # Customers who booked and did not come.
            for __ in range(rng.randint(1, 2)):
                day = month + datetime.timedelta(days=rng.randint(0, (month_end - month).days))
                self._demo_visit(plans, rng.choice(vehicles), day, "oil", booked=True, no_show=True)
            month += relativedelta(months=1)

        plans = [plan for plan in plans if plan["day"] <= window_end]
        for plan in plans:
            hour = rng.choice([8.5, 9, 9.5, 10, 10.5, 13.5, 14, 14.5]) if plan["booked"] else rng.uniform(8.2, 15.2)
            plan["checkin"] = self._demo_utc(plan["day"], int(hour), int(hour % 1 * 60))
        return sorted(plans, key=lambda plan: plan["checkin"])

    @api.model
    def _demo_plan_vehicle(self, rng, plans, vehicle, window_start, window_end):
        """A car's visits: its maintenance when due (or it stops coming), repairs now and then."""
        history_start = window_start - relativedelta(months=MONTHS)
        window_days = (window_end - window_start).days
        interval = min(182, int(5000 / vehicle["daily_km"]))
        if vehicle["existing"]:
            last = history_start + datetime.timedelta(days=rng.randint(10, (window_start - history_start).days - 20))
            self._demo_visit(plans, vehicle, last, "service_10k", history=True)
        else:
            last = max(window_start, vehicle["registered"] + datetime.timedelta(days=rng.randint(60, 100)))
            if last <= window_end:
                self._demo_visit(plans, vehicle, last, "oil", booked=rng.random() < 0.5)
        while True:
            due = last + datetime.timedelta(days=interval + int(rng.gauss(0, 8)))
            if due > window_end or rng.random() < 0.1:
                break
            if due >= window_start:
                job = _weighted(rng, MAINTENANCE_JOBS)
                self._demo_visit(plans, vehicle, due, job, booked=rng.random() < 0.45)
            last = due
        for chance in (0.55, 0.15):
            if rng.random() < chance:
                day = window_start + datetime.timedelta(days=rng.randint(0, window_days))
                job = _weighted(rng, REPAIR_JOBS)
                self._demo_visit(plans, vehicle, day, job, booked=rng.random() < 0.2)
        if (window_end - vehicle["registered"]).days < 3 * 365 and rng.random() < 0.3:
            day = max(window_start, vehicle["registered"]) + datetime.timedelta(days=rng.randint(0, 150))
            if day <= window_end:
                job = rng.choice(["warranty_ecu", "warranty_brake"])
                self._demo_visit(plans, vehicle, day, job, booked=rng.random() < 0.3)
        if rng.random() < 0.06:
            day = window_start + datetime.timedelta(days=rng.randint(0, window_days))
            self._demo_visit(plans, vehicle, day, "scratch")

    # ------------------------------------------------------------------ the work

    @api.model
    def _demo_work(self, rng, plans, company, admin, staff=None):
        """Run each visit through the flows of the store, oldest first."""
        refs = {}
        for xmlid in {item[0] for job in JOBS.values() for item in job[4] + job[5] if isinstance(item[0], str)}:
            refs[xmlid] = self.env.ref(xmlid if "." in xmlid else AS + xmlid)
        for name in {job[2] for job in JOBS.values() if job[2]}:
            refs[name] = self.env.ref(AS + name)
        # The demo store's people and bays by their xml ids; another store's in their places (staff).
        technicians = {xmlid: self.env.ref(AS + xmlid) for names in TECHNICIANS.values() for xmlid in names}
        bays = {xmlid: self.env.ref(AS + xmlid) for names in BAYS.values() for xmlid in names}
        if staff:
            technicians.update(staff["technicians"])
            bays.update(staff["bays"])
        needs = defaultdict(lambda: defaultdict(float))  # month -> product -> quantity
        for plan in plans:
            if not plan["history"] and not plan["no_show"]:
                for xmlid, quantity, __ in JOBS[plan["job"]][5]:
                    needs[plan["day"].replace(day=1)][refs[xmlid]] += quantity

        busy = defaultdict(lambda: None)  # (technician, day) -> naive UTC end of their last job
        orders = []
        restocked = set()
        for plan in plans:
            # Numbered in the month of the visit (WX202606-0001), as the store numbered it then.
            dated = self.with_context(ir_sequence_date=plan["day"])
            if plan["history"]:
                dated._demo_history_order(plan, refs, admin)
                continue
            month = plan["day"].replace(day=1)
            if month not in restocked:
                self._demo_restock(rng, month, needs[month])
                restocked.add(month)
            if plan["no_show"]:
                dated._demo_appointment(plan, admin, no_show=True)
                continue
            plan["repair"] = dated._demo_order(rng, plan, refs, technicians, bays, busy, company, admin)
            orders.append(plan)
        return orders

    @api.model
    def _demo_restock(self, rng, month, needs):
        """The parts store orders what the month's work needs beyond its stock; delivered on the
        last working days of the month before."""
        batch = [
            (product.id, quantity, "in")
            for product, need in needs.items()
            if (quantity := int(need * 1.15) + 1 - int(product.free_qty)) > 0
        ]
        if batch:
            Analysis = self.env["dealer.inventory.analysis"]
            today = fields.Date.context_today(self)
            day = month - datetime.timedelta(days=3)
            while day.weekday() >= 5:
                day -= datetime.timedelta(days=1)
            Analysis._demo_moves(batch, (today - day).days, today, Analysis._demo_locations(), rng)

    @api.model
    def _demo_appointment(self, plan, admin, no_show=False):
        """A booking made through the appointment desk: taken for a free slot of the planner, then
        moved to the day the customer had booked (in the past)."""
        vehicle = plan["vehicle"]["vehicle"]
        service_type, complaint = JOBS[plan["job"]][:2]
        slot_day = self._demo_weekday(fields.Date.context_today(self) + datetime.timedelta(days=120))
        appointment = (
            self.env["dealer.appointment"]
            .with_user(admin)
            .create(
                {
                    "vehicle_id": vehicle.id,
                    "service_type": service_type,
                    "start": self._demo_utc(slot_day, 10),
                    "duration": 1.0,
                    "complaint": complaint,
                }
            )
        )
        appointment.action_confirm()
        booked = plan["checkin"] - datetime.timedelta(minutes=plan["checkin"].minute % 30)
        if no_show:
            appointment.action_no_show()
            appointment.write({"start": booked})
            return appointment
        appointment.action_arrive()
        appointment.write({"start": booked})
        return appointment

    @api.model
    def _demo_lines(self, job, refs, rng):
        """The labor and part lines of a job, with now and then a free car wash (internal)."""
        labor, parts = [], []
        for operation, pay_type in JOBS[job][4]:
            if isinstance(operation, str):
                labor.append(Command.create({"operation_id": refs[operation].id, "pay_type": pay_type}))
            else:
                labor.append(Command.create({"name": operation[0], "hours": operation[1], "pay_type": pay_type}))
        if JOBS[job][0] != "accident" and rng.random() < 0.2:
            labor.append(Command.create({"name": "免费洗车", "hours": 0.3, "pay_type": "internal"}))
        for xmlid, quantity, pay_type in JOBS[job][5]:
            parts.append(
                Command.create(
                    {
                        "product_id": refs[xmlid].id,
                        "product_uom_qty": quantity,
                        "repair_line_type": "add",
                        "dealer_pay_type": pay_type,
                    }
                )
            )
        return labor, parts

    @api.model
    def _demo_history_order(self, plan, refs, admin):
        """A visit of the year before, brought in as history: finished and handed over that day."""
        vehicle = plan["vehicle"]
        checkin = plan["checkin"]
        labor, __ = self._demo_lines("oil", refs, random.Random(0))
        repair = (
            self.env["repair.order"]
            .with_user(admin)
            .create(
                {
                    "vehicle_id": vehicle["vehicle"].id,
                    "service_type": "maintenance",
                    "checkin_time": checkin,
                    "schedule_date": checkin,
                    "mileage_in": self._demo_km(vehicle, plan["day"]),
                    "complaint_ids": [
                        Command.create({"name": "到期保养", "symptom_id": refs["symptom_maintenance"].id})
                    ],
                    "labor_line_ids": labor,
                }
            )
        )
        repair.action_validate()
        repair.action_repair_start()
        repair.action_repair_end()
        done = checkin + datetime.timedelta(hours=1, minutes=20)
        server_side(repair).write({"completion_time": done, "delivery_time": done + datetime.timedelta(minutes=30)})
        self._demo_invoice(random.Random(repair.id), repair, done + datetime.timedelta(minutes=30))
        return repair

    @api.model
    def _demo_order(self, rng, plan, refs, technicians, bays, busy, company, admin):
        """One visit through the store's flows; returns its repair order."""
        repair, __ = self._demo_open_order(rng, plan, refs, bays, admin)
        done = self._demo_clock_jobs(rng, plan, repair, technicians, busy, admin)
        delivered = self._demo_hand_over(rng, plan, repair, done, admin)
        self._demo_invoice(rng, repair, delivered)
        self._demo_follow_up(rng, repair, delivered, company, admin)
        return repair

    @api.model
    def _demo_invoice(self, rng, repair, delivered):
        """The order invoiced (an invoice per payer) and posted on the day the car left; the
        customer paid at the desk that day, mostly by WeChat Pay."""
        day = self._demo_day(delivered)
        repair.action_dealer_invoice()
        invoices = repair.dealer_move_ids.filtered(lambda m: m.move_type == "out_invoice")
        invoices.write({"invoice_date": day})
        repair.dealer_move_ids.filtered(lambda m: m.state == "draft").action_post()
        customer = invoices.filtered(lambda m: m.dealer_pay_type == "customer" and m.amount_residual)
        if customer:
            journals = repair.company_id._dealer_cashier_journals()
            method = _weighted(rng, [("wechat", 45), ("alipay", 20), ("card", 20), ("cash", 15)])
            self.env["account.payment.register"].with_context(
                active_model="account.move", active_ids=customer.ids
            ).create({"payment_date": day, "journal_id": journals[method].id}).action_create_payments()

    @api.model
    def _demo_open_order(self, rng, plan, refs, bays, admin):
        """The order opened at the reception: from the insurer's claim, the customer's appointment
        or as a walk-in, with the customer's words, the labor and parts, dated at the check-in."""
        vehicle = plan["vehicle"]
        service_type, complaint, symptom, bay_kind, labor_lines, __ = JOBS[plan["job"]]
        checkin, day = plan["checkin"], plan["day"]
        claim = None
        if plan["job"] == "accident":
            claim = self._demo_claim(rng, plan, admin)
            repair = claim.repair_id
        elif plan["booked"]:
            repair = self._demo_appointment(plan, admin).repair_id
            repair.complaint_ids.unlink()
        else:
            repair = (
                self.env["repair.order"]
                .with_user(admin)
                .create({"vehicle_id": vehicle["vehicle"].id, "service_type": service_type})
            )
        hours = sum(refs[op].hours if isinstance(op, str) else op[1] for op, __ in labor_lines)
        if service_type == "accident":
            promised = self._demo_utc(self._demo_weekday(day + datetime.timedelta(days=1)), 16)
        else:
            promised = checkin + datetime.timedelta(hours=round(hours * 1.3 + 1.25, 1))
        labor, parts = self._demo_lines(plan["job"], refs, rng)
        repair.write(
            {
                "checkin_time": checkin,
                "schedule_date": checkin,
                "mileage_in": self._demo_km(vehicle, day),
                "promised_completion_time": promised,
                "promised_delivery_time": promised + datetime.timedelta(hours=1),
                "bay_id": bays[rng.choice(BAYS[bay_kind])].id,
                "user_id": admin.id,
                "complaint_ids": [
                    Command.create({"name": complaint, "symptom_id": refs[symptom].id if symptom else False})
                ],
                "labor_line_ids": labor,
                "move_ids": parts,
            }
        )
        if plan["comeback_of"] and not repair.comeback_of_id:
            repair.comeback_of_id = plan["comeback_of"]["repair"]
        self.env["dealer.part.request"].sudo().search([("repair_id", "=", repair.id)]).write(
            {"request_time": checkin, "request_date": day}
        )
        repair.action_validate()
        return repair, claim

    @api.model
    def _demo_clock_jobs(self, rng, plan, repair, technicians, busy, admin):
        """The technicians clock the jobs one after the other, each when free; the order is
        finished a little after the last one (now and then much later). Returns the finish time."""
        service_type, __, __, bay_kind, __, __ = JOBS[plan["job"]]
        day = plan["day"]
        start = plan["checkin"] + datetime.timedelta(minutes=rng.randint(10, 35))
        if service_type == "accident":
            start = max(start, self._demo_utc(day, 13))
        plan["clocks"] = []
        for line in repair.labor_line_ids:
            technician = technicians[rng.choice(TECHNICIANS[bay_kind])]
            free = busy[technician, day]
            begin = max(start, free + datetime.timedelta(minutes=10)) if free else start
            end = self._demo_minute(begin + datetime.timedelta(hours=line.hours * rng.uniform(0.8, 1.15)))
            line.with_user(admin).action_start(technician)
            line.with_user(admin).action_finish()
            line.clock_ids.sudo().write({"start": begin, "stop": end})
            busy[technician, day] = end
            plan["clocks"].append((technician, begin, end))
            start = end
        done = start + datetime.timedelta(minutes=rng.randint(5, 25))
        if service_type == "accident":  # the paint dries overnight
            done = self._demo_utc(self._demo_weekday(day + datetime.timedelta(days=1)), 10, rng.randint(0, 50))
        if rng.random() < 0.07:  # waiting for a part, or the job took longer than planned
            done = self._demo_minute(done + datetime.timedelta(hours=rng.uniform(1.5, 4.0)))
        repair.with_context(force_period_date=self._demo_day(done)).action_repair_end()
        server_side(repair).completion_time = done  # the store's history, backdated
        repair.move_ids.filtered(lambda move: move.state == "done")._dealer_backdate(done)
        return done

    @api.model
    def _demo_hand_over(self, rng, plan, repair, done, admin):
        """Final inspection by the service manager (now and then failed first), then the car is
        handed over. Returns the hand-over time."""
        inspected = done + datetime.timedelta(minutes=rng.randint(5, 20))
        if rng.random() < 0.08:
            repair.with_user(admin).action_qc_fail()
            repair.inspection_ids.filtered(lambda i: i.kind == "final").write({"date": inspected})
            inspected += datetime.timedelta(minutes=rng.randint(30, 70))
        repair.with_user(admin).action_qc_pass()
        repair.inspection_ids.filtered(lambda i: i.kind == "final" and i.result == "pass").write({"date": inspected})
        delivered = inspected + datetime.timedelta(minutes=rng.randint(5, 30))
        repair.with_user(admin).action_dealer_deliver()
        server_side(repair).delivery_time = delivered
        self.env["dealer.vehicle.odometer"].search(
            [("vehicle_id", "=", plan["vehicle"]["vehicle"].id), ("source", "=", "delivery")], limit=1
        ).date = self._demo_day(delivered)
        return delivered

    @api.model
    def _demo_follow_up(self, rng, repair, delivered, company, admin):
        """The follow-up call a few days later (most are made), and the customer's answer to the
        satisfaction survey (more than half answer)."""
        call_type = self.env.ref("mail.mail_activity_data_call")
        call = repair.activity_ids.filtered(lambda activity: activity.activity_type_id == call_type)
        call.date_deadline = self._demo_day(delivered) + datetime.timedelta(days=company.dealer_callback_days)
        if rng.random() < 0.92:
            # In the admin's language: Odoo's "done" message is rendered in the context's.
            call.with_user(admin).with_context(lang=admin.lang).action_feedback(feedback=rng.choice(CALL_FEEDBACK))
        answer = repair.survey_input_ids[:1]
        if answer and rng.random() < 0.6:
            for question in answer.survey_id.question_ids:
                score = rng.choice(SURVEY_SCORES)
                choice = question.suggested_answer_ids.filtered(lambda a, score=score: a.answer_score == score)[:1]
                answer._save_lines(question, choice.id)
            answer._mark_done()
            answered = self._demo_minute(
                min(delivered + datetime.timedelta(days=rng.uniform(0.2, 3)), fields.Datetime.now())
            )
            answer.write({"start_datetime": answered - datetime.timedelta(minutes=3), "end_datetime": answered})

    @api.model
    def _demo_claim(self, rng, plan, admin):
        """An accident reported to the insurer, assessed and approved, then repaired."""
        insurer = self.env.ref(AS + rng.choice(["res_partner_insurer_picc_demo", "res_partner_insurer_pingan_demo"]))
        vehicle = plan["vehicle"]["vehicle"]
        claim = (
            self.env["dealer.insurance.claim"]
            .with_user(admin)
            .create(
                {
                    "insurer_id": insurer.id,
                    "vehicle_id": vehicle.id,
                    "partner_id": vehicle.partner_id.id,
                    "report_number": f"RDAA{plan['day']:%Y%m%d}{vehicle.id:06d}",
                    "accident_date": plan["day"] - datetime.timedelta(days=1),
                    "line_ids": [
                        Command.create({"kind": "labor", "name": "前保险杠钣金喷漆", "amount": 720.0}),
                        Command.create({"kind": "parts", "name": "前保险杠皮", "amount": 1850.0}),
                        Command.create({"kind": "parts", "name": "水性漆及辅料", "amount": 760.0}),
                    ],
                }
            )
        )
        claim.action_assess()
        claim.action_approve(3330.0, rng.choice([0.0, 0.0, 300.0]))
        claim.action_start_repair()
        return claim

    # ------------------------------------------------------------------ around the orders

    @api.model
    def _demo_attendance(self, orders):
        """Technicians check in before their first job of the day and out after their last one."""
        days = {}
        technicians = self.env["hr.employee"].browse(
            {technician.id for plan in orders for technician, __, __ in plan.get("clocks", [])}
        )
        technicians.write({"tz": self.env.company._dealer_tz()})  # their attendance days are the store's
        for plan in orders:
            for technician, begin, end in plan.get("clocks", []):
                key = (technician, self._demo_day(begin))
                first, last = days.get(key, (begin, end))
                days[key] = (min(first, begin), max(last, end))
        self.env["hr.attendance"].create(
            [
                {
                    "employee_id": technician.id,
                    "check_in": first - datetime.timedelta(minutes=10),
                    "check_out": last + datetime.timedelta(minutes=15),
                }
                for (technician, __), (first, last) in sorted(days.items(), key=lambda item: item[1][0])
            ]
        )

    @api.model
    def _demo_stock_vehicles(self, window_start, today):
        """New cars received before the window and sold through it, so that the vehicle stock KPIs
        have stock to measure in every month."""
        Analysis = self.env["dealer.inventory.analysis"]
        locations = Analysis._demo_locations()
        products = [self.env.ref(AS + "product_camry_demo"), self.env.ref(AS + "product_levin_demo")]
        received = (today - (window_start - datetime.timedelta(days=12))).days
        lots, sales = [], defaultdict(list)
        for index, sold_after in enumerate([10, 24, 38, 52, 75]):
            product = products[index % 2]
            body = f"LVGBM53K0{VIN_YEAR[window_start.year]}G{700100 + self.env.company.id * 1000 + index * 37:06d}"
            lot = self.env["stock.lot"].create(
                {
                    "name": body[:8] + vin_check_digit(body) + body[9:],
                    "product_id": product.id,
                    "company_id": self.env.company.id,
                }
            )
            lots.append((product, lot, locations["supplier"], locations["stock"]))
            ago = (today - (window_start + datetime.timedelta(days=sold_after))).days
            sales[max(ago, 1)].append((product, lot, locations["stock"], locations["customer"]))
        Analysis._demo_vehicle_moves(lots, received, today)
        for ago in sorted(sales, reverse=True):
            Analysis._demo_vehicle_moves(sales[ago], ago, today)

    @api.model
    def _demo_policies(self, rng, vehicles, window_start, window_end, company):
        """Policies sold a year before the window and expiring in it, most of them renewed."""
        Policy = self.env["dealer.insurance.policy"]
        insurers = [
            self.env.ref(AS + "res_partner_insurer_picc_demo"),
            self.env.ref(AS + "res_partner_insurer_pingan_demo"),
        ]
        month, number = window_start, 0
        while month <= window_end:
            for __ in range(rng.randint(2, 3)):
                number += 1
                vehicle = rng.choice(vehicles)["vehicle"]
                end = month + datetime.timedelta(days=rng.randint(0, 27))
                insurer = rng.choice(insurers)
                premium = round(rng.uniform(3600, 6200), -1)
                policy = Policy.create(
                    {
                        "name": f"PDAA{end.year - 1}4401{number:08d}",
                        "vehicle_id": vehicle.id,
                        "insurer_id": insurer.id,
                        "premium": premium,
                        "date_start": end - datetime.timedelta(days=364),
                        "date_end": end,
                        "company_id": company.id,
                    }
                )
                if rng.random() < 0.7:
                    Policy.create(
                        {
                            "name": f"PDAA{end.year}4401{number:08d}",
                            "vehicle_id": vehicle.id,
                            "insurer_id": rng.choice(insurers).id,
                            "premium": round(premium * rng.uniform(0.92, 1.05), -1),
                            "date_start": end + datetime.timedelta(days=1),
                            "date_end": end + datetime.timedelta(days=365),
                            "renewal_of_id": policy.id,
                            "company_id": company.id,
                        }
                    )
            month += relativedelta(months=1)

    @api.model
    def _demo_costs(self, rng, window_start, company):
        """The store's after-sales payroll and workshop running costs of each month, posted at the
        month end; the payroll account becomes the store's after-sales staff cost account."""
        Account = self.env["account.account"].with_company(company)
        accounts = {}
        for code, name in (("660105", "售后人员薪酬"), ("660106", "售后车间租金及水电")):
            account = Account.search([*Account._check_company_domain(company), ("code", "=", code)], limit=1)
            accounts[code] = account or Account.create(
                {"code": code, "name": name, "account_type": "expense", "company_ids": [Command.set(company.ids)]}
            )
        company.dealer_staff_account_ids = [Command.link(accounts["660105"].id)]
        Journal = self.env["account.journal"]
        bank = Journal.search([*Journal._check_company_domain(company), ("type", "=", "bank")], limit=1)
        journal = company._dealer_misc_journal()
        Engine = self.env["dealer.kpi.engine"].with_company(company)
        today = fields.Date.context_today(self)
        month = window_start
        moves = self.env["account.move"]
        while month < today.replace(day=1):
            month_end = month + relativedelta(months=1, days=-1)
            figures = Engine._compute_parts(["revenue_total", "absorption_rate"], month, month_end, company.ids)
            revenue = figures["revenue_total"][company.id]["value"] or 0.0
            gross_profit = figures["absorption_rate"][company.id]["numerator"] or 0.0
            expenses = figures["absorption_rate"][company.id]["denominator"] or 0.0
            payroll = round(max(revenue * rng.uniform(0.17, 0.23), 3000.0), -1)
            running = round(max(gross_profit / rng.uniform(0.85, 1.1) - payroll - expenses, 1500.0), -1)
            moves |= self.env["account.move"].create(
                {
                    "move_type": "entry",
                    "journal_id": journal.id,
                    "company_id": company.id,
                    "date": month_end,
                    "ref": f"售后费用 {month:%Y-%m}",
                    "line_ids": [
                        Command.create(
                            {"name": "售后人员工资、奖金及社保", "account_id": accounts["660105"].id, "debit": payroll}
                        ),
                        Command.create(
                            {"name": "售后车间租金及水电", "account_id": accounts["660106"].id, "debit": running}
                        ),
                        Command.create(
                            {
                                "name": "银行付款",
                                "account_id": bank.default_account_id.id,
                                "credit": payroll + running,
                            }
                        ),
                    ],
                }
            )
            month += relativedelta(months=1)
        moves.action_post()
