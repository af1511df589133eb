"""The sample migration pack of a believable Toyota 4S store, as its old DMS would export it.

    python scripts/golive_sample.py OUT_DIR [--scale N] [--golive YYYY-MM-DD]

writes the CSV files of the go-live templates (UTF-8 with BOM, as Excel saves them) into
OUT_DIR: at scale 1 about 2 000 part receipts, 3 000 customers' vehicles with five years of
service history, 40 open invoices, 6 open claims (3 insurance, 3 warranty) and the insurance policies of the last year.
The same seed gives the same files; --scale 10 is the benchmark's pack. The dates end the day
before --golive (default: today). Runs without Odoo."""

import argparse
import csv
import datetime
import os
import random

TRANSLITERATION = {
    **{str(d): d for d in range(10)},
    **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
    **dict(zip("JKLMN", range(1, 6), strict=True)),
    "P": 7,
    "R": 9,
    **dict(zip("STUVWXYZ", range(2, 10), strict=True)),
}
WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)
MODELS = ("凯美瑞", "雷凌", "汉兰达", "致炫", "威兰达", "赛那")
INSURERS = (
    "中国人民财产保险股份有限公司广州市分公司",
    "中国平安财产保险股份有限公司广东分公司",
    "中国太平洋财产保险股份有限公司广州分公司",
)
FAULTS = (
    ("P0171", "燃油系统过稀"),
    ("P0300", "随机/多缸失火"),
    ("B1318", "蓄电池电压低"),
    ("C1241", "ABS 供电电压低"),
)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志明晓东海燕玉兰红梅俊杰子涵雨轩浩然"
PARTS = (
    ("机油滤清器", "售后配件", 38, 60),
    ("空气滤清器", "售后配件", 45, 40),
    ("空调滤清器", "售后配件", 32, 40),
    ("前刹车片", "售后配件", 260, 16),
    ("后刹车片", "售后配件", 220, 12),
    ("火花塞", "售后配件", 58, 40),
    ("雨刮片", "售后配件", 35, 30),
    ("蓄电池", "售后配件", 420, 6),
    ("全合成机油 0W-20 4L", "售后配件 / 油品", 260, 30),
    ("刹车油 DOT4 1L", "售后配件 / 油品", 48, 20),
    ("防冻液 4L", "售后配件 / 油品", 88, 16),
    ("变速箱油 1L", "售后配件 / 油品", 96, 24),
    ("前保险杠", "售后配件", 1380, 2),
    ("大灯总成", "售后配件", 2650, 1),
    ("后视镜总成", "售后配件", 860, 2),
    ("减震器", "售后配件", 680, 4),
)


def vin(serial, rng):
    body = "LVGB" + rng.choice("ACDEN") + rng.choice("0123456789") + rng.choice("ABEK") + rng.choice("0123456789")
    year = rng.choice("JKLMNPRS")
    raw = f"{body}0{year}G{serial:06d}"
    total = sum(TRANSLITERATION[char] * weight for char, weight in zip(raw, WEIGHTS, strict=True))
    digit = "X" if total % 11 == 10 else str(total % 11)
    return raw[:8] + digit + raw[9:]


def write(out, name, header, rows):
    with open(os.path.join(out, f"{name}.csv"), "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return len(rows)


def generate(out, scale=1, golive=None, seed=18):
    rng = random.Random(seed)
    golive = golive or datetime.date.today()
    last = golive - datetime.timedelta(days=1)

    def day(ago):
        return (golive - datetime.timedelta(days=ago)).isoformat()

    os.makedirs(out, exist_ok=True)
    counts = {}
    # Parts: each part code's remaining receipts, oldest to newest (some older than a year).
    rows = []
    for index in range(int(700 * scale)):
        name, category, cost, lot = PARTS[index % len(PARTS)]
        code = f"{90000 + index:05d}-{rng.choice('ABCDEFGHJK')}{rng.randint(100, 999)}"
        receipts = rng.choice((1, 2, 3, 3, 4))
        for ago in sorted(rng.sample(range(3, 900), receipts), reverse=True):
            quantity = max(1, round(rng.gauss(lot, lot / 3)))
            unit_cost = round(cost * rng.uniform(0.92, 1.08), 2)
            rows.append((code, f"{name} {index:04d}", category, "", quantity, unit_cost, day(ago)))
    counts["parts"] = write(
        out, "配件库存", ("配件编码", "配件名称", "配件类别", "仓库", "数量", "单位成本", "入库日期"), rows
    )

    # Customers and their vehicles; five years of visits each (about every six months).
    vehicles, history = [], []
    for serial in range(1, int(3000 * scale) + 1):
        number = vin(serial, rng)
        owner = rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice((1, 2))))
        phone = f"1{rng.choice('3589')}{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}"
        registered = golive - datetime.timedelta(days=rng.randint(200, 1900))
        km, visit_day, visits = 0, registered + datetime.timedelta(days=rng.randint(60, 120)), []
        daily = rng.uniform(25, 90)
        while visit_day < last and len(visits) < 14:
            km = int((visit_day - registered).days * daily)
            kind = rng.choices(("保养", "维修", "保修", "事故"), (70, 18, 6, 6))[0]
            payer = {"保养": "客户", "维修": "客户", "保修": "厂家", "事故": "保险"}[kind]
            amount = {
                "保养": rng.randint(380, 1200),
                "维修": rng.randint(300, 5000),
                "保修": 0,
                "事故": rng.randint(1500, 28000),
            }[kind]
            visits.append((visit_day, km, kind, amount, payer))
            visit_day += datetime.timedelta(days=rng.randint(120, 260))
        odometer = int((last - registered).days * daily)
        last_service = visits[-1] if visits else None
        vehicles.append(
            (
                owner,
                phone,
                number,
                f"粤A·{rng.choice('BCDEFGHJKL')}{rng.randint(1000, 9999)}",
                "丰田",
                rng.choice(MODELS),
                registered.year,
                registered.isoformat(),
                odometer,
                last_service[0].isoformat() if last_service else "",
                last_service[1] if last_service else "",
            )
        )
        for index, (visit, km_in, kind, amount, payer) in enumerate(visits):
            history.append(
                (
                    number,
                    visit.isoformat(),
                    km_in,
                    kind,
                    f"WX{visit:%y%m}-{serial:05d}{index:02d}",
                    f"{kind}作业",
                    amount,
                    payer,
                )
            )
    counts["customers"] = write(
        out,
        "客户车辆",
        (
            "车主",
            "电话",
            "车架号",
            "车牌号",
            "品牌",
            "车型",
            "年款",
            "首次登记日期",
            "当前里程",
            "上次保养日期",
            "上次保养里程",
        ),
        vehicles,
    )
    counts["history"] = write(
        out, "维修历史", ("车架号", "维修日期", "进厂里程", "服务类型", "工单号", "维修项目", "金额", "付费方"), history
    )

    # Open receivables: customers on account, insurers, the manufacturer.
    rows = []
    for index in range(int(40 * scale)):
        kind = ("客户", "保险公司", "保险公司", "厂家")[index % 4]
        payer = {"客户": vehicles[index * 7][0], "保险公司": rng.choice(INSURERS), "厂家": "广汽丰田汽车有限公司"}[kind]
        phone = vehicles[index * 7][1] if kind == "客户" else ""
        ago = rng.choice((5, 20, 45, 80, 150, 240, 420))
        rows.append(
            (kind, payer, phone, f"2444200000{index:010d}", day(ago), day(ago - 30), round(rng.uniform(800, 26000), 2))
        )
    counts["receivables"] = write(
        out, "期初应收", ("付款方类型", "付款方", "电话", "发票号", "开票日期", "到期日期", "未收金额"), rows
    )

    # Policies sold in the last year, and claims not invoiced yet.
    rows = []
    for index, vehicle in enumerate(vehicles[: int(900 * scale)]):
        start = golive - datetime.timedelta(days=rng.randint(1, 360))
        rows.append(
            (
                f"PDAA{start:%Y}4401{index:012d}",
                rng.choice(INSURERS),
                vehicle[2],
                rng.randint(3200, 9800),
                start.isoformat(),
                (start + datetime.timedelta(days=364)).isoformat(),
            )
        )
    counts["policies"] = write(out, "保单", ("保单号", "保险公司", "车架号", "保费", "起保日期", "终保日期"), rows)
    rows = []
    for index in range(int(3 * scale)):
        vehicle = vehicles[index * 11 + 3]
        state = ("报案", "定损", "已核准")[index % 3]
        assessed = rng.randint(2000, 30000)
        rows.append(
            (
                f"RDAA{golive:%Y}4401{index:010d}",
                rng.choice(INSURERS),
                vehicle[2],
                day(rng.randint(2, 40)),
                state,
                assessed if state != "报案" else "",
                round(assessed * 0.9) if state == "已核准" else "",
                "",
                "",
            )
        )
    counts["claims"] = write(
        out,
        "未结理赔",
        ("报案号", "保险公司", "车架号", "出险日期", "状态", "定损金额", "核准金额", "免赔额", "保单号"),
        rows,
    )
    # Warranty claims submitted to the manufacturer and not paid yet.
    rows = []
    for index in range(int(3 * scale)):
        vehicle = vehicles[index * 13 + 5]
        code, fault = FAULTS[index % len(FAULTS)]
        state = ("已提交", "已核准")[index % 2]
        repaired = rng.randint(3, 60)
        labor, parts = rng.randint(2, 12) * 60, round(rng.uniform(300, 4800), 2)
        rows.append(
            (
                f"GTMC-SP-{golive:%y%m}-{index:05d}",
                "广汽丰田",
                vehicle[2],
                day(repaired),
                day(repaired - 1),
                code,
                fault,
                state,
                labor,
                parts,
                round((labor + parts) * 0.95, 2) if state == "已核准" else "",
                "",
                "",
            )
        )
    counts["warranty_claims"] = write(
        out,
        "未结索赔",
        (
            "索赔单号",
            "厂家",
            "车架号",
            "维修日期",
            "提交日期",
            "故障代码",
            "故障描述",
            "状态",
            "工时金额",
            "配件金额",
            "核准金额",
            "发票号",
            "到期日期",
        ),
        rows,
    )
    return counts


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out")
    parser.add_argument("--scale", type=float, default=1)
    parser.add_argument("--golive", type=datetime.date.fromisoformat, default=None)
    args = parser.parse_args()
    counts = generate(args.out, args.scale, args.golive)
    print(", ".join(f"{kind}: {count} rows" for kind, count in counts.items()))


if __name__ == "__main__":
    main()
