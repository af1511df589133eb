"""Fill a database with dealer-group activity at scale, for benchmarks (issue: performance).

    python scripts/generate_data.py DATABASE [--stores 10] [--months 12] [--orders 1500] [--seed 1]

``make data DB=name STORES=10 MONTHS=12`` runs it (scripts/common.sh sets the connection). The
database must have both addons installed (``scripts/odoo_db.py create-bench NAME`` makes one
without demo data). Each run adds ``--stores`` new stores (companies) named 基准门店 NN, each
with its warehouse, bays, technicians, vehicles and owners made through the ORM, then
``--months`` months of activity ending with the last closed month, written in bulk with SQL
(``INSERT ... SELECT`` over ``generate_series``; no ORM create per record):

- repair orders (``--orders`` a month, done and handed over), 1-3 labor lines and 0-3 parts
  each, with pay types (customer, insurance, warranty, internal) and the stored totals the
  ORM would compute;
- the parts' stock: a receipt the day before each day a part is used (FIFO valuation layers
  of 110 % of that day's need, so that stock is left over and ages) and the issues of the
  orders (negative layers at cost);
- appointments (most orders come from one; some customers do not show), clocking of every
  job, final inspections (a few fail first), satisfaction surveys, technicians' attendance.

Every figure is drawn from a seeded generator (PostgreSQL ``setseed``): the same arguments
give the same data. What it leaves out: claims, invoices and journal entries (the KPIs that
read the books have no value on generated stores).
"""

import argparse
import datetime
import json
import sys
import time
from pathlib import Path

from dateutil.relativedelta import relativedelta

sys.path.insert(0, str(Path(__file__).resolve().parent))

from odoo_db import _fail, _setup

BAYS = [("quick", 3), ("general", 4), ("body", 1), ("paint", 1)]
TECHNICIANS = 12
PARTS = [
    # name, code, list price, cost
    ("全合成机油 5W-30 4L", "OIL-5W30", 398.0, 245.0),
    ("机油滤清器", "FLT-OIL", 68.0, 32.0),
    ("空气滤清器", "FLT-AIR", 128.0, 61.0),
    ("空调滤清器", "FLT-CAB", 118.0, 55.0),
    ("前刹车片", "BRK-FR", 680.0, 390.0),
    ("后刹车片", "BRK-RR", 560.0, 320.0),
    ("刹车盘", "BRK-DSC", 880.0, 520.0),
    ("火花塞", "IGN-PLG", 96.0, 48.0),
    ("雨刮片", "WPR-BLD", 158.0, 70.0),
    ("蓄电池", "BAT-60", 980.0, 640.0),
    ("前保险杠皮", "BDY-BMP", 1850.0, 1210.0),
    ("前大灯总成", "LMP-HDL", 3200.0, 2150.0),
    ("变速箱油", "OIL-ATF", 420.0, 260.0),
    ("冷却液", "CLT-4L", 160.0, 80.0),
    ("轮胎 215/55R17", "TYR-17", 860.0, 590.0),
    ("水性漆及辅料（套）", "PAINT-KIT", 380.0, 150.0),
]
# Each part in a version per vehicle model: a store stocks some hundred part numbers.
VARIANTS = ("凯美瑞", "卡罗拉", "RAV4", "汉兰达", "雷凌")
LABOR = [
    ("BM01", "更换机油机滤", 0.5),
    ("BM02", "常规保养检查", 1.0),
    ("BR01", "更换前刹车片", 1.2),
    ("BR02", "更换刹车盘", 1.8),
    ("AL01", "四轮定位", 0.8),
    ("EL01", "电路故障诊断", 1.5),
    ("BP01", "前保险杠钣金喷漆", 6.0),
    ("EN01", "发动机异响检修", 3.0),
]


def _reference(env):
    """Vehicle models, parts, labor operations and a survey shared by the generated stores."""
    brand = env.ref("fleet.brand_toyota")
    Model = env["fleet.vehicle.model"]
    models = Model.search([("brand_id", "=", brand.id), ("name", "like", "基准")])
    if not models:
        models = Model.create(
            [
                {"name": f"基准车型 {name}", "brand_id": brand.id}
                for name in ("凯美瑞", "卡罗拉", "RAV4", "汉兰达", "雷凌")
            ]
        )
    category = env["product.category"].search([("name", "=", "基准配件")], limit=1) or env["product.category"].create(
        {"name": "基准配件", "property_cost_method": "fifo"}
    )
    Product = env["product.product"]
    parts = Product.search([("categ_id", "=", category.id)], order="id")
    if not parts:
        parts = Product.create(
            [
                {
                    "name": f"{name}（{variant}）",
                    "default_code": f"BENCH-{code}-{index}",
                    "is_storable": True,
                    "categ_id": category.id,
                    "list_price": price,
                    "standard_price": cost,
                }
                for name, code, price, cost in PARTS
                for index, variant in enumerate(VARIANTS)
            ]
        )
    Operation = env["dealer.labor.operation"]
    operations = Operation.search([("code", "like", "BENCH-")], order="id")
    if not operations:
        operations = Operation.create(
            [{"code": f"BENCH-{code}", "name": name, "hours": hours} for code, name, hours in LABOR]
        )
    survey = env["survey.survey"].search([("title", "=", "基准满意度回访")], limit=1) or env["survey.survey"].create(
        {"title": "基准满意度回访", "scoring_type": "scoring_without_answers"}
    )
    return models, parts, operations, survey


def _store(env, number):
    """A store with its warehouse, bays and technicians (its vehicles come by SQL_VEHICLES)."""
    Company = env["res.company"]
    name = f"基准门店 {number:02d}"
    company = Company.create({"name": name, "currency_id": env.ref("base.CNY").id, "country_id": env.ref("base.cn").id})
    company.resource_calendar_id.tz = "Asia/Shanghai"
    env.user.company_ids |= company
    # Odoo makes a new company's warehouse when its user first opens Inventory; here at once.
    if not env["stock.warehouse"].search([("company_id", "=", company.id)]):
        env["stock.warehouse"].create({"name": name, "code": f"BM{number:02d}", "company_id": company.id})
    env = env(context=dict(env.context, allowed_company_ids=company.ids))
    for bay_type, count in BAYS:
        env["dealer.bay"].create(
            [{"name": f"{bay_type}-{i + 1}", "bay_type": bay_type, "company_id": company.id} for i in range(count)]
        )
    env["hr.employee"].create(
        [
            {"name": f"技师 {number:02d}-{i + 1:02d}", "dealer_is_technician": True, "company_id": company.id}
            for i in range(TECHNICIANS)
        ]
    )
    return company


SQL_VEHICLES = """
WITH owner AS (
    INSERT INTO res_partner (name, complete_name, active, type, autopost_bills, company_id, lang,
                             create_date, write_date, create_uid, write_uid)
    SELECT '车主 ' || %(store)s || '-' || g, '车主 ' || %(store)s || '-' || g, TRUE, 'contact', 'ask', NULL,
           'zh_CN', now(), now(), 1, 1
      FROM generate_series(1, %(count)s) g
    RETURNING id
), numbered AS (
    SELECT id, row_number() OVER (ORDER BY id) AS n FROM owner
)
INSERT INTO dealer_vehicle (name, vin, license_plate, model_id, brand_id, company_id, partner_id, active,
                            odometer, avg_daily_km, create_date, write_date, create_uid, write_uid)
SELECT '粤A·' || %(store)s || lpad(n::text, 5, '0'),
       'BENCH' || lpad(%(store)s::text, 3, '0') || lpad(n::text, 9, '0'),
       '粤A·' || %(store)s || lpad(n::text, 5, '0'),
       (%(models)s::int[])[1 + (n %% array_length(%(models)s::int[], 1))],
       %(brand)s, %(company)s, id, TRUE, (5000 + random() * 80000)::int, 20 + random() * 60,
       now(), now(), 1, 1
  FROM numbered
"""

SQL_ORDERS = """
INSERT INTO repair_order (name, company_id, partner_id, vehicle_id, state, service_type, picking_type_id,
                          location_id, location_dest_id, product_location_src_id, product_location_dest_id,
                          parts_location_id, recycle_location_id, schedule_date, priority, bay_id,
                          mileage_in, mileage_out, checkin_time, promised_completion_time,
                          promised_delivery_time, completion_time, delivery_time, qc_attempts, qc_first_pass,
                          qc_state, create_date, write_date, create_uid, write_uid)
SELECT 'BENCH/' || %(store)s || '/' || lpad(g::text, 7, '0'), %(company)s, v.partner_id, v.id, 'done', o.service_type,
       %(picking_type)s, %(location)s, %(location_dest)s, %(src)s, %(dest)s, %(parts)s, %(recycle)s,
       o.checkin, '0', (%(bays)s::int[])[1 + floor(random() * array_length(%(bays)s::int[], 1))::int],
       v.odometer, v.odometer, o.checkin, o.checkin + interval '4 hours', o.checkin + interval '5 hours',
       o.checkin + (2 + random() * 3) * interval '1 hour', o.checkin + (3 + random() * 3) * interval '1 hour',
       o.attempts, o.attempts = 1, 'passed', o.checkin, o.checkin, 1, 1
  FROM generate_series(1, %(count)s) g
 CROSS JOIN LATERAL (
    SELECT %(start)s::timestamp
           + ((g - 1) * %(days)s::float / %(count)s) * interval '1 day'  -- spread over the period
           + (1 + random() * 8) * interval '1 hour'                      -- 09:00-17:00 China time
           AS checkin,
           CASE WHEN r < 0.55 THEN 'maintenance' WHEN r < 0.80 THEN 'repair' WHEN r < 0.90 THEN 'accident'
                WHEN r < 0.97 THEN 'warranty' ELSE 'pdi' END AS service_type,
           CASE WHEN random() < 0.92 THEN 1 ELSE 2 END AS attempts,
           (%(vehicles)s::int[])[1 + floor(random() * array_length(%(vehicles)s::int[], 1))::int] AS vehicle_id
      FROM (SELECT random() AS r, g AS seed) x
 ) o
  JOIN dealer_vehicle v ON v.id = o.vehicle_id
RETURNING id
"""

SQL_LABOR = """
INSERT INTO dealer_repair_labor (repair_id, company_id, bay_id, sequence, operation_id, name, pay_type, state,
                                 hours, rate, discount, amount, clocked_hours,
                                 create_date, write_date, create_uid, write_uid)
SELECT ro.id, ro.company_id, ro.bay_id, n, op.id, op.name, l.pay_type, 'done', op.hours, l.rate, 0,
       round((op.hours * l.rate)::numeric, 2), round((op.hours * (0.7 + random() * 0.6))::numeric, 2),
       ro.checkin_time, ro.checkin_time, 1, 1
  FROM repair_order ro
 CROSS JOIN LATERAL generate_series(1, 1 + (ro.id %% 3)) n
 CROSS JOIN LATERAL (
    SELECT (%(operations)s::int[])[1 + floor(random() * array_length(%(operations)s::int[], 1))::int] AS op_id,
           CASE ro.service_type WHEN 'accident' THEN 'insurance' WHEN 'warranty' THEN 'warranty'
                WHEN 'pdi' THEN 'internal' ELSE CASE WHEN random() < 0.04 THEN 'internal' ELSE 'customer' END
           END AS pay_type
      FROM (SELECT n) x
 ) pick
  JOIN dealer_labor_operation op ON op.id = pick.op_id
 CROSS JOIN LATERAL (SELECT pick.pay_type,
                            CASE pick.pay_type WHEN 'customer' THEN 160 WHEN 'insurance' THEN 180
                                 WHEN 'warranty' THEN 120 ELSE 80 END AS rate) l
 WHERE ro.id = ANY(%(orders)s)
"""

SQL_PARTS = """
WITH line AS (
    SELECT ro.id AS repair_id, ro.company_id, ro.checkin_time, ro.name AS origin, n,
           (%(parts)s::int[])[1 + floor(random() * array_length(%(parts)s::int[], 1))::int] AS product_id,
           1 + floor(random() * 2)::int AS qty,
           CASE ro.service_type WHEN 'accident' THEN 'insurance' WHEN 'warranty' THEN 'warranty'
                WHEN 'pdi' THEN 'internal' ELSE 'customer' END AS pay_type
      FROM repair_order ro
     CROSS JOIN LATERAL generate_series(1, (ro.id * 7) %% 4) n
     WHERE ro.id = ANY(%(orders)s)
), moved AS (
    INSERT INTO stock_move (company_id, product_id, product_uom, location_id, location_dest_id, name, state,
                            procure_method, product_uom_qty, product_qty, quantity, picked, date, reference,
                            origin, repair_id, repair_line_type, dealer_pay_type, dealer_price_unit, dealer_discount,
                            dealer_amount, price_unit, create_date, write_date, create_uid, write_uid)
    SELECT line.company_id, line.product_id, pt.uom_id, %(stock)s, %(production)s, pt.name->>'en_US', 'done',
           'make_to_stock', line.qty, line.qty, line.qty, TRUE, line.checkin_time + interval '1 hour', line.origin,
           line.origin, line.repair_id, 'add', line.pay_type, pt.list_price, 0, pt.list_price * line.qty,
           -(%(costs)s::jsonb->>(line.product_id::text))::float, line.checkin_time, line.checkin_time, 1, 1
      FROM line
      JOIN product_product pp ON pp.id = line.product_id
      JOIN product_template pt ON pt.id = pp.product_tmpl_id
    RETURNING id, company_id, product_id, product_uom_qty, price_unit, date
)
INSERT INTO stock_valuation_layer (company_id, product_id, categ_id, stock_move_id, description, quantity,
                                   unit_cost, value, remaining_qty, remaining_value, create_date, write_date,
                                   create_uid, write_uid)
SELECT m.company_id, m.product_id, %(category)s, m.id, 'BENCH issue', -m.product_uom_qty, -m.price_unit,
       round((m.price_unit * m.product_uom_qty)::numeric, 2), 0, 0, m.date, m.date, 1, 1
  FROM moved m
"""

SQL_RECEIPTS = """
WITH need AS (
    SELECT m.product_id, date_trunc('day', m.date) AS day, SUM(m.product_uom_qty) AS qty
      FROM stock_move m
     WHERE m.repair_id = ANY(%(orders)s)
     GROUP BY m.product_id, date_trunc('day', m.date)
), moved AS (
    INSERT INTO stock_move (company_id, product_id, product_uom, location_id, location_dest_id, name, state,
                            procure_method, product_uom_qty, product_qty, quantity, picked, date, reference,
                            price_unit, create_date, write_date, create_uid, write_uid)
    SELECT %(company)s, need.product_id, pt.uom_id, %(supplier)s, %(stock)s, pt.name->>'en_US', 'done',
           'make_to_stock', ceil(need.qty * 1.1), ceil(need.qty * 1.1), ceil(need.qty * 1.1), TRUE,
           need.day - interval '1 day', 'BENCH/IN', (%(costs)s::jsonb->>(need.product_id::text))::float,
           need.day - interval '1 day', need.day - interval '1 day', 1, 1
      FROM need
      JOIN product_product pp ON pp.id = need.product_id
      JOIN product_template pt ON pt.id = pp.product_tmpl_id
    RETURNING id, product_id, product_uom_qty, price_unit, date
)
INSERT INTO stock_valuation_layer (company_id, product_id, categ_id, stock_move_id, description, quantity,
                                   unit_cost, value, remaining_qty, remaining_value, create_date, write_date,
                                   create_uid, write_uid)
SELECT %(company)s, m.product_id, %(category)s, m.id, 'BENCH receipt', m.product_uom_qty, m.price_unit,
       round((m.price_unit * m.product_uom_qty)::numeric, 2), 0, 0, m.date, m.date, 1, 1
  FROM moved m
"""

SQL_TOTALS = """
UPDATE repair_order ro
   SET amount_labor = t.labor, amount_parts = t.parts, amount_untaxed_total = t.labor + t.parts,
       amount_customer = t.customer, amount_insurance = t.insurance, amount_warranty = t.warranty,
       amount_internal = t.internal, labor_hours = t.hours, clocked_hours = t.clocked
  FROM (
    SELECT ro.id,
           COALESCE(l.amount, 0) AS labor, COALESCE(p.amount, 0) AS parts,
           COALESCE(l.customer, 0) + COALESCE(p.customer, 0) AS customer,
           COALESCE(l.insurance, 0) + COALESCE(p.insurance, 0) AS insurance,
           COALESCE(l.warranty, 0) + COALESCE(p.warranty, 0) AS warranty,
           COALESCE(l.internal, 0) + COALESCE(p.internal, 0) AS internal,
           COALESCE(l.hours, 0) AS hours, COALESCE(l.clocked, 0) AS clocked
      FROM repair_order ro
      LEFT JOIN (
        SELECT repair_id, SUM(amount) AS amount, SUM(hours) AS hours, SUM(clocked_hours) AS clocked,
               SUM(amount) FILTER (WHERE pay_type = 'customer') AS customer,
               SUM(amount) FILTER (WHERE pay_type = 'insurance') AS insurance,
               SUM(amount) FILTER (WHERE pay_type = 'warranty') AS warranty,
               SUM(amount) FILTER (WHERE pay_type = 'internal') AS internal
          FROM dealer_repair_labor WHERE repair_id = ANY(%(orders)s) GROUP BY repair_id
      ) l ON l.repair_id = ro.id
      LEFT JOIN (
        SELECT repair_id, SUM(dealer_amount) AS amount,
               SUM(dealer_amount) FILTER (WHERE dealer_pay_type = 'customer') AS customer,
               SUM(dealer_amount) FILTER (WHERE dealer_pay_type = 'insurance') AS insurance,
               SUM(dealer_amount) FILTER (WHERE dealer_pay_type = 'warranty') AS warranty,
               SUM(dealer_amount) FILTER (WHERE dealer_pay_type = 'internal') AS internal
          FROM stock_move WHERE repair_id = ANY(%(orders)s) GROUP BY repair_id
      ) p ON p.repair_id = ro.id
     WHERE ro.id = ANY(%(orders)s)
  ) t
 WHERE t.id = ro.id
"""

SQL_WORKSHOP = """
WITH tech AS (
    SELECT l.id AS labor_id, l.repair_id, l.company_id, l.clocked_hours, ro.checkin_time,
           (%(technicians)s::int[])[1 + floor(random() * array_length(%(technicians)s::int[], 1))::int] AS technician_id
      FROM dealer_repair_labor l
      JOIN repair_order ro ON ro.id = l.repair_id
     WHERE l.repair_id = ANY(%(orders)s)
), clocks AS (
    INSERT INTO dealer_repair_labor_clock (labor_id, repair_id, company_id, technician_id, hours, start, stop,
                                           create_date, write_date, create_uid, write_uid)
    SELECT labor_id, repair_id, company_id, technician_id, clocked_hours,
           checkin_time + interval '30 minutes',
           checkin_time + interval '30 minutes' + clocked_hours * interval '1 hour',
           checkin_time, checkin_time, 1, 1
      FROM tech
    RETURNING repair_id
), inspections AS (
    INSERT INTO dealer_repair_inspection (repair_id, company_id, kind, result, inspector_id, date,
                                          create_date, write_date, create_uid, write_uid)
    SELECT ro.id, ro.company_id, 'final', CASE WHEN n < ro.qc_attempts THEN 'fail' ELSE 'pass' END, 1,
           ro.completion_time - (ro.qc_attempts - n) * interval '20 minutes', ro.completion_time,
           ro.completion_time, 1, 1
      FROM repair_order ro
     CROSS JOIN LATERAL generate_series(1, ro.qc_attempts) n
     WHERE ro.id = ANY(%(orders)s)
    RETURNING id
), booked AS (
    INSERT INTO dealer_appointment (name, company_id, partner_id, vehicle_id, bay_id, repair_id, service_type, state,
                                    start, stop, duration, create_date, write_date, create_uid, write_uid)
    SELECT 'BENCH-APT-' || ro.id, ro.company_id, ro.partner_id, ro.vehicle_id, ro.bay_id, ro.id,
           CASE WHEN ro.service_type IN ('maintenance', 'repair', 'accident', 'warranty') THEN ro.service_type
                ELSE 'maintenance' END,
           'arrived', ro.checkin_time, ro.checkin_time + interval '2 hours', 2,
           ro.checkin_time - interval '3 days', ro.checkin_time, 1, 1
      FROM repair_order ro
     WHERE ro.id = ANY(%(orders)s) AND ro.service_type != 'pdi' AND random() < 0.6
    RETURNING id, repair_id
), linked AS (
    UPDATE repair_order ro SET appointment_id = booked.id FROM booked WHERE ro.id = booked.repair_id RETURNING ro.id
), no_show AS (
    INSERT INTO dealer_appointment (name, company_id, partner_id, vehicle_id, service_type, state, start, stop,
                                    duration, create_date, write_date, create_uid, write_uid)
    SELECT 'BENCH-NOSHOW-' || ro.id, ro.company_id, ro.partner_id, ro.vehicle_id, 'maintenance', 'booked',
           ro.checkin_time + interval '1 day', ro.checkin_time + interval '1 day 2 hours', 2,
           ro.checkin_time, ro.checkin_time, 1, 1
      FROM repair_order ro
     WHERE ro.id = ANY(%(orders)s) AND random() < 0.05
    RETURNING id
)
INSERT INTO survey_user_input (survey_id, access_token, state, scoring_percentage, scoring_total, end_datetime,
                               start_datetime, partner_id, dealer_repair_id, test_entry,
                               create_date, write_date, create_uid, write_uid)
SELECT %(survey)s, md5(random()::text || ro.id), 'done', 60 + floor(random() * 41), 0,
       ro.delivery_time + interval '2 days', ro.delivery_time + interval '2 days', ro.partner_id, ro.id, FALSE,
       ro.delivery_time, ro.delivery_time, 1, 1
  FROM repair_order ro
 WHERE ro.id = ANY(%(orders)s) AND random() < 0.3
"""

SQL_ATTENDANCE = """
INSERT INTO hr_attendance (employee_id, check_in, check_out, worked_hours, create_date, write_date,
                           create_uid, write_uid)
SELECT e, d + interval '0 hours 30 minutes', d + interval '9 hours 30 minutes', 8, d, d, 1, 1
  FROM unnest(%(technicians)s::int[]) e
 CROSS JOIN generate_series(%(start)s::timestamp, %(end)s::timestamp - interval '1 day', interval '1 day') d
 WHERE extract(isodow FROM d) < 7
"""


def _locations(warehouse):
    """The locations a repair order of the store gets from its repair operation type, as Odoo
    computes them."""
    kind = warehouse.repair_type_id
    return {
        "picking_type_id": kind.id,
        "location_id": kind.default_location_src_id.id,
        "location_dest_id": kind.default_location_dest_id.id,
        "product_location_src_id": kind.default_product_location_src_id.id,
        "product_location_dest_id": kind.default_product_location_dest_id.id,
        "parts_location_id": kind.default_remove_location_dest_id.id,
        "recycle_location_id": kind.default_recycle_location_dest_id.id,
    }


def generate(env, stores, months, orders, seed):
    cr = env.cr
    today = datetime.date.today()
    end = today.replace(day=1)
    start = end - relativedelta(months=months)
    days = (end - start).days
    models, parts, operations, survey = _reference(env)
    costs = {str(part.id): part.standard_price for part in parts}
    supplier = env.ref("stock.stock_location_suppliers").id
    existing = env["res.company"].search_count([("name", "like", "基准门店")])
    vehicles_per_store = max(orders * months // 3, 100)
    cr.execute("SELECT setseed(%s)", [((seed % 1000) / 1000.0)])
    totals = {"stores": 0, "orders": 0}
    for index in range(existing + 1, existing + stores + 1):
        started = time.monotonic()
        company = _store(env, index)
        cr.execute(
            SQL_VEHICLES,
            {
                "store": index,
                "count": vehicles_per_store,
                "models": models.ids,
                "brand": models[:1].brand_id.id,
                "company": company.id,
            },
        )
        env.invalidate_all()
        vehicles = env["dealer.vehicle"].search([("company_id", "=", company.id)]).ids
        warehouse = env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
        locations = _locations(warehouse)
        missing = [name for name, value in locations.items() if not value]
        if missing:
            _fail(f"the repair operation type of {company.name} lacks {missing}")
        bays = env["dealer.bay"].search([("company_id", "=", company.id)]).ids
        technicians = (
            env["hr.employee"].search([("company_id", "=", company.id), ("dealer_is_technician", "=", True)]).ids
        )
        count = orders * months
        cr.execute(
            SQL_ORDERS,
            {
                "store": index,
                "company": company.id,
                "count": count,
                "days": days,
                # 08:00 China time on the first day, in UTC.
                "start": datetime.datetime.combine(start, datetime.time()) - datetime.timedelta(hours=8),
                "vehicles": vehicles,
                "bays": bays,
                "picking_type": locations["picking_type_id"],
                "location": locations["location_id"],
                "location_dest": locations["location_dest_id"],
                "src": locations["product_location_src_id"],
                "dest": locations["product_location_dest_id"],
                "parts": locations["parts_location_id"],
                "recycle": locations["recycle_location_id"],
            },
        )
        order_ids = [row[0] for row in cr.fetchall()]
        common = {"orders": order_ids, "company": company.id, "costs": json.dumps(costs)}
        cr.execute(SQL_LABOR, {**common, "operations": operations.ids})
        cr.execute(
            SQL_PARTS,
            {
                **common,
                "parts": parts.ids,
                "stock": warehouse.lot_stock_id.id,
                "production": locations["parts_location_id"],
                "category": parts[:1].categ_id.id,
            },
        )
        cr.execute(
            SQL_RECEIPTS,
            {**common, "supplier": supplier, "stock": warehouse.lot_stock_id.id, "category": parts[:1].categ_id.id},
        )
        cr.execute(SQL_TOTALS, common)
        cr.execute(SQL_WORKSHOP, {**common, "technicians": technicians, "survey": survey.id})
        cr.execute(SQL_ATTENDANCE, {"technicians": technicians, "start": start, "end": end})
        cr.commit()
        totals["stores"] += 1
        totals["orders"] += count
        print(
            f"{company.name}: {count} repair orders over {months} months in {time.monotonic() - started:.1f} s",
            flush=True,
        )
    cr.execute("ANALYZE")
    env.invalidate_all()
    env.registry.clear_cache()
    return totals


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("database")
    parser.add_argument("--stores", type=int, default=10)
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--orders", type=int, default=1500, help="repair orders per store and month")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    odoo = _setup()
    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry

    if args.database not in odoo.service.db.list_dbs(force=True):
        _fail(f"database {args.database} does not exist: scripts/odoo_db.py create-bench {args.database}")
    started = time.monotonic()
    with Registry(args.database).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"lang": "zh_CN", "tracking_disable": True, "mail_create_nolog": True})
        if "dealer.kpi.engine" not in env:
            _fail(f"database {args.database} has not both addons installed")
        totals = generate(env, args.stores, args.months, args.orders, args.seed)
    print(f"{totals['stores']} stores, {totals['orders']} repair orders in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main(sys.argv[1:])
