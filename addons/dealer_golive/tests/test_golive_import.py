"""Go-live imports, as a store's manager runs them: the figures below were worked out by hand."""

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.dealer_aftersales.tests.common import make_vin

from .common import GoliveCase, workbook

PARTS = ("配件编码", "配件名称", "配件类别", "仓库", "数量", "单位成本", "入库日期")
CUSTOMERS = (
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
)
HISTORY = ("车架号", "维修日期", "进厂里程", "服务类型", "工单号", "维修项目", "金额", "付费方")
RECEIVABLES = ("付款方类型", "付款方", "电话", "发票号", "开票日期", "到期日期", "未收金额")


@tagged("post_install", "-at_install")
class TestGoliveParts(GoliveCase):
    def _parts_file(self):
        # Oil filter: 10 @ 38.50 received 400 days before go-live, 6 @ 40 received 20 days before;
        # 5W-30 oil (a new part of the sub-category 佛山配件 / 油品): 12 @ 55, 100 days before.
        # Stock value 385 + 240 + 660 = 1 285 元.
        return workbook(
            {
                "配件库存": [
                    PARTS,
                    ("FS-04152", "机油滤清器", "佛山配件", "", 10, 38.5, self.ago(400).isoformat()),
                    ("FS-04152", "机油滤清器", "佛山配件", "", 6, "40", self.ago(20).strftime("%Y/%m/%d")),
                    ("FS-0888", "全合成机油 5W-30 4L", "佛山配件 / 油品", "", "12", "¥55.00", self.ago(100)),
                ]
            }
        )

    def test_parts_keep_their_receipt_dates_and_book_one_entry(self):
        job = self._job(self._parts_file(), control_parts_value=1285)
        job.action_check()
        self.assertEqual(job.state, "checked", self._problems(job))
        self.assertFalse(self.env["product.product"].search([("default_code", "in", ("FS-04152", "FS-0888"))]))
        job.action_import()
        self.assertEqual(job.state, "done", self._problems(job))
        self.assertEqual(job.summary["parts"], {"rows": 3, "created": 3, "skipped": 0})
        filter_part = self.env["product.product"].search([("default_code", "=", "FS-04152")])
        oil = self.env["product.product"].search([("default_code", "=", "FS-0888")])
        self.assertEqual((filter_part.categ_id, oil.categ_id), (self.category, self.oil_category))
        self.assertEqual(filter_part.with_company(self.store).qty_available, 16)
        # Each receipt is its own FIFO layer, dated on its receipt day in the store's time zone.
        layers = self.env["stock.valuation.layer"].search([("product_id", "in", (filter_part | oil).ids)], order="id")
        tz_days = sorted(
            (
                layer.product_id.default_code,
                fields.Datetime.context_timestamp(layer.with_context(tz="Asia/Shanghai"), layer.create_date).date(),
                layer.quantity,
                layer.value,
            )
            for layer in layers
        )
        self.assertEqual(
            tz_days,
            [
                ("FS-04152", self.ago(400), 10, 385.0),
                ("FS-04152", self.ago(20), 6, 240.0),
                ("FS-0888", self.ago(100), 12, 660.0),
            ],
        )
        # One journal entry on the go-live date: stock account debited, opening balance credited.
        entry = job.entry_ids
        self.assertEqual(len(entry), 1)
        self.assertEqual((entry.date, entry.state, entry.journal_id.code), (self.golive, "posted", "OPEN"))
        self.assertEqual(
            sorted((line.account_id.code, line.debit, line.credit) for line in entry.line_ids),
            [("140501", 1285.0, 0.0), ("399901", 0.0, 1285.0)],
        )
        self.assertEqual(layers.account_move_id, entry)
        # The aging is right on day one: 10 filters in 366+ days... buckets of the store.
        report = self.env["dealer.parts.aging.report"].with_context(
            dealer_company_ids=[self.store.id], dealer_date=fields.Date.to_string(self.golive)
        )
        buckets = {
            bucket.display_name: (quantity, value)
            for bucket, quantity, value in report._read_group(
                [("product_id", "in", (filter_part | oil).ids)], ["bucket_id"], ["quantity:sum", "value:sum"]
            )
        }
        self.assertEqual(
            buckets, {"0–30 days": (6.0, 240.0), "91–180 days": (12.0, 660.0), "Over 365 days": (10.0, 385.0)}
        )
        # Stagnant stock on day one (older than the store's 90 days): the 10 filters of 400 days
        # and the 12 cans of oil of 100 days, 385 + 660 = 1 045 of 1 285 元: 81.32 %; by quantity
        # all they received is still there: 22 of 22, 100 %.
        rates = self.env["dealer.inventory.analysis"].stagnant_rates(self.golive, self.store)[self.store.id]
        self.assertEqual((rates["value"], rates["stagnant_value"]), (1285.0, 1045.0))
        self.assertEqual(round(rates["rate_amount"], 2), 81.32)
        self.assertEqual((rates["stagnant_qty"], rates["stagnant_received"], rates["rate_qty"]), (22.0, 22.0, 100.0))
        # FIFO issues the oldest receipt first.
        issue = self.env["stock.move"].create(
            {
                "name": "出库",
                "product_id": filter_part.id,
                "product_uom_qty": 4,
                "product_uom": filter_part.uom_id.id,
                "location_id": self.warehouse.lot_stock_id.id,
                "location_dest_id": self.env.ref("stock.stock_location_customers").id,
                "company_id": self.store.id,
            }
        )
        issue._action_confirm()
        issue._action_assign()
        issue.quantity = 4
        issue.picked = True
        issue._action_done()
        self.assertEqual(issue.stock_valuation_layer_ids.value, -154.0)  # 4 × 38.50

    def test_the_importing_user_sees_how_far_it_is(self):
        """The form's progress bar: messages to the manager from the check's start to the end."""
        job = self._job(self._parts_file())
        job.action_check()
        checked = self._progress(job)
        self.assertEqual(checked[0], (0, "Checking Parts on hand"))
        self.assertEqual(checked[-1], (100, "Checked."))
        job.action_import()
        imported = self._progress(job)[len(checked) :]
        # Checking the 3 rows again is half the work, applying them the other half.
        self.assertEqual(imported[0], (0, "Checking Parts on hand"))
        self.assertIn((50, "Checking Parts on hand"), imported)
        self.assertIn((50, "Importing Parts on hand"), imported)
        self.assertEqual(imported[-2:], [(100, "Importing Parts on hand"), (100, "Imported.")])
        percents = [percent for percent, __ in imported]
        self.assertEqual(percents, sorted(percents))
        # To the manager who runs it (the bus channel of their partner).
        channels = (
            self.env["bus.bus"]
            .sudo()
            .search([("message", "like", "dealer_golive_progress"), ("message", "like", f'"id":{job.id},')])
            .mapped("channel")
        )
        self.assertEqual(set(channels), {f'["{self.env.cr.dbname}","res.partner",{self.manager.partner_id.id}]'})

    def test_same_file_twice_brings_nothing_twice(self):
        data = self._parts_file()
        self._job(data).action_import()
        again = self._job(data)
        with self.assertRaisesRegex(UserError, "This file was imported already"):
            again.action_check()
        # The same rows saved again by Excel (other bytes): every row is already there.
        resaved = self._job(workbook({"配件库存": [PARTS, *self._parts_rows_again()]}))
        resaved.action_import()
        self.assertEqual(resaved.state, "done", self._problems(resaved))
        self.assertEqual(resaved.summary["parts"], {"rows": 3, "created": 0, "skipped": 3})
        filter_part = self.env["product.product"].search([("default_code", "=", "FS-04152")])
        self.assertEqual(filter_part.with_company(self.store).qty_available, 16)
        self.assertFalse(resaved.entry_ids)

    def _parts_rows_again(self):
        return [
            ("FS-04152", "机油滤清器", "佛山配件", self.warehouse.code, 10, 38.5, self.ago(400)),
            ("FS-04152", "机油滤清器", "佛山配件", self.warehouse.code, 6, 40, self.ago(20)),
            ("FS-0888", "全合成机油 5W-30 4L", "佛山配件 / 油品", self.warehouse.name, 12, 55, self.ago(100)),
        ]

    def test_every_bad_row_listed_and_nothing_changed(self):
        vin = make_vin(700001)
        wrong_digit = "1" if vin[8] == "0" else "0"
        data = workbook(
            {
                "配件库存": [
                    PARTS,
                    ("FS-1001", "刹车片", "不存在的类别", "", 4, 120, self.ago(30)),  # row 2: unknown category
                    ("FS-1002", "雨刮片", "佛山配件", "", -2, 35, self.ago(30)),  # row 3: negative quantity
                    ("FS-1003", "火花塞", "佛山配件", "", 8, 58, self.ago(-3)),  # row 4: after go-live
                    ("FS-1004", "空调滤", "佛山配件", "", 8, "abc", self.ago(3)),  # row 5: not a number
                ],
                "客户车辆": [
                    CUSTOMERS,
                    ("王芳", "13800138000", vin, "粤E·12345", "佛山丰田", "凯美瑞", 2024, "2024-05-01", 30000, "", ""),
                    ("王芳", "13800138000", vin, "粤E·12345", "佛山丰田", "凯美瑞", 2024, "2024-05-01", 30000, "", ""),
                    (
                        "李强",
                        "13900139000",
                        vin[:8] + wrong_digit + vin[9:],
                        "粤E·54321",
                        "佛山丰田",
                        "凯美瑞",
                        2024,
                        "",
                        "",
                        "",
                        "",
                    ),
                ],
            }
        )
        products_before = self.env["product.product"].search_count([])
        vehicles_before = self.env["dealer.vehicle"].search_count([])
        job = self._job(data, control_parts_value=9999)
        job.action_import()
        self.assertEqual(job.state, "failed")
        problems = self._problems(job)
        rows = {(sheet, row) for sheet, row, __ in problems}
        self.assertTrue({("配件库存", 2), ("配件库存", 3), ("配件库存", 4), ("配件库存", 5)} <= rows, problems)
        self.assertIn(("客户车辆", 3), rows)  # the same VIN twice
        self.assertIn(("客户车辆", 4), rows)  # check digit
        messages = " | ".join(message for __, __, message in problems)
        self.assertIn("Unknown part category 不存在的类别", messages)
        self.assertIn("-2 must be more than zero", messages)
        self.assertIn("is after the go-live date", messages)
        self.assertIn("abc is not a number", messages)
        self.assertIn(f"VIN {vin} is also on row 2", messages)
        self.assertIn("not to the control total 9999", messages)
        self.assertEqual(self.env["product.product"].search_count([]), products_before)
        self.assertEqual(self.env["dealer.vehicle"].search_count([]), vehicles_before)
        self.assertFalse(self.env["stock.move"].search([("dealer_golive_import_id", "=", job.id)]))

    def test_problems_in_the_users_language(self):
        data = workbook({"配件库存": [PARTS, ("FS-1001", "刹车片", "不存在的类别", "", 4, 120, self.ago(30))]})
        self.env["res.lang"]._activate_lang("zh_CN")
        self.manager.lang = "zh_CN"
        job = self._job(data)
        job.with_context(lang="zh_CN").action_check()
        self.assertIn("不存在的类别", job.problem_ids.message)
        self.assertNotIn("Unknown", job.problem_ids.message)

    def test_only_the_manager_imports(self):
        job = self._job(self._parts_file())
        with self.assertRaises(AccessError):
            job.with_user(self.advisor).action_check()
        with self.assertRaises(AccessError):
            self.env["dealer.golive.import"].with_user(self.advisor).create({"company_id": self.store.id})
        # A client cannot write the state or the fingerprint.
        with self.assertRaisesRegex(UserError, "changes only through its actions"):
            job.write({"state": "done"})
        job.action_import()
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            job.unlink()


@tagged("post_install", "-at_install")
class TestGoliveCustomers(GoliveCase):
    def test_customers_history_and_receivables(self):
        vin_1, vin_2 = make_vin(710001), make_vin(710002)
        data = workbook(
            {
                "客户车辆": [
                    CUSTOMERS,
                    (
                        "陈志明",
                        "139 2608 1234",
                        vin_1,
                        "粤E·A1234",
                        "佛山丰田",
                        "凯美瑞",
                        2023,
                        "2023-03-01",
                        41000,
                        "",
                        "",
                    ),
                    (
                        "佛山顺风出租车公司",
                        "0757-82221234",
                        vin_2,
                        "粤E·T0001",
                        "佛山丰田",
                        "卡罗拉",
                        2022,
                        "2022-06-15",
                        152000,
                        "",
                        "",
                    ),
                ],
                "维修历史": [
                    HISTORY,
                    (vin_1, self.ago(400).isoformat(), 20100, "保养", "WX-0001", "机油机滤", 680, "客户"),
                    (vin_1, self.ago(200).isoformat(), 30250, "维修", "WX-0002", "更换前刹车片", "1,280.00", "客户"),
                    (vin_2, self.ago(60).isoformat(), 149800, "事故", "WX-0003", "前保险杠钣喷", 5600, "保险"),
                ],
                "期初应收": [
                    RECEIVABLES,
                    # Due 10 days after go-live: not due; due 45 days before: 31-90; due 400 days before: dead.
                    ("客户", "佛山顺风出租车公司", "0757-82221234", "YS-0001", self.ago(20), self.ago(-10), 3200),
                    (
                        "保险公司",
                        "中国平安财产保险股份有限公司佛山分公司",
                        "",
                        "YS-0002",
                        self.ago(75),
                        self.ago(45),
                        5600,
                    ),
                    ("厂家", "佛山丰田", "", "YS-0003", self.ago(430), self.ago(400), 860.5),
                ],
            }
        )
        job = self._job(data, control_receivable_amount=9660.5)
        job.action_import()
        self.assertEqual(job.state, "done", self._problems(job))
        self.assertEqual(job.summary["customers"]["created"], 2)
        # 卡罗拉 was not a model yet: created, and said so as a warning.
        self.assertIn("卡罗拉", job.problem_ids.filtered(lambda p: not p.blocking).mapped("message")[0])
        vehicle = self.env["dealer.vehicle"].search([("vin", "=", vin_1)])
        self.assertEqual(vehicle.partner_id.name, "陈志明")
        self.assertEqual((vehicle.last_service_date, vehicle.last_service_km), (self.ago(200), 30250))
        self.assertEqual(sorted(vehicle.history_ids.mapped("reference")), ["WX-0001", "WX-0002"])
        self.assertEqual(vehicle.odometer, 41000)
        taxi = self.env["dealer.vehicle"].search([("vin", "=", vin_2)])
        # The taxi company's open invoice went to the same contact as its vehicle (same phone).
        invoices = job.entry_ids.sorted("ref")
        self.assertEqual(invoices.mapped("ref"), ["YS-0001", "YS-0002", "YS-0003"])
        self.assertEqual(invoices[0].partner_id, taxi.partner_id)
        self.assertEqual(invoices[1].partner_id, self.insurer)
        self.assertEqual(invoices[2].partner_id, self.manufacturer)
        expected = [
            (self.ago(20), self.ago(-10), 3200),
            (self.ago(75), self.ago(45), 5600),
            (self.ago(430), self.ago(400), 860.5),
        ]
        for invoice, (invoice_date, due, amount) in zip(invoices, expected, strict=True):
            self.assertEqual((invoice.state, invoice.date, invoice.invoice_date), ("posted", self.golive, invoice_date))
            self.assertEqual((invoice.amount_total, invoice.amount_residual, invoice.amount_tax), (amount, amount, 0))
            self.assertEqual(
                sorted(
                    (line.account_id.code, line.date_maturity or False, line.debit, line.credit)
                    for line in invoice.line_ids
                ),
                sorted(
                    [
                        (invoice.partner_id.property_account_receivable_id.code, due, amount, 0.0),
                        ("399901", False, 0.0, amount),
                    ]
                ),
            )
        # The receivables aging reads them at their due dates.
        aging = self.env["dealer.receivable.analysis"].aging(self.golive, self.store)[self.store.id]
        self.assertEqual(
            (aging["not_due"], aging["31_90"], aging["dead"], aging["total"]), (3200.0, 5600.0, 860.5, 9660.5)
        )
        # Importing the same rows again creates nothing twice.
        again = self._job(
            workbook(
                {
                    "期初应收": [
                        RECEIVABLES,
                        (
                            "保险公司",
                            "中国平安财产保险股份有限公司佛山分公司",
                            "",
                            "YS-0002",
                            self.ago(75),
                            self.ago(45),
                            5600,
                        ),
                    ]
                }
            )
        )
        again.action_import()
        self.assertEqual(again.summary["receivables"], {"rows": 1, "created": 0, "skipped": 1})

    def test_history_sets_the_last_service(self):
        """A vehicle whose visits are all in the old system is due for service from its last one."""
        vin = make_vin(720001)
        data = workbook(
            {
                "客户车辆": [
                    CUSTOMERS,
                    ("黄丽", "13660001111", vin, "粤E·B5678", "佛山丰田", "凯美瑞", 2022, "2022-01-10", 52000, "", ""),
                ],
                "维修历史": [
                    HISTORY,
                    (vin, self.ago(300), 40000, "保养", "WX-1001", "保养", 650, "客户"),
                    (vin, self.ago(120), 48000, "保养", "WX-1002", "保养", 720, "客户"),
                ],
            }
        )
        job = self._job(data)
        job.action_import()
        self.assertEqual(job.state, "done", self._problems(job))
        vehicle = self.env["dealer.vehicle"].search([("vin", "=", vin)])
        self.assertEqual(vehicle.last_service_date, self.ago(120))
        self.assertEqual(len(vehicle.history_ids), 2)
