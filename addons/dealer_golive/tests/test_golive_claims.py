"""Open claims of the old system: insurance claims not invoiced yet, and warranty claims the
manufacturer has not paid (an opening receivable each, or the receivables row they name). The
amounts below were added up by hand."""

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.dealer_aftersales.tests.common import make_vin

from .common import GoliveCase, workbook

WARRANTY = (
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
)
INSURANCE = ("报案号", "保险公司", "车架号", "出险日期", "状态", "定损金额", "核准金额", "免赔额", "保单号")
RECEIVABLES = ("付款方类型", "付款方", "电话", "发票号", "开票日期", "到期日期", "未收金额")


@tagged("post_install", "-at_install")
class TestGoliveClaims(GoliveCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owner = cls.env["res.partner"].create({"name": "黄海燕", "phone": "13826081234"})
        cls.vin = make_vin(730001)
        cls.vehicle = cls.env["dealer.vehicle"].create(
            {"vin": cls.vin, "model_id": cls.model.id, "partner_id": cls.owner.id, "company_id": cls.store.id}
        )
        cls.fault = cls.env["dealer.fault.code"].create(
            {"code": "P0171", "name": "燃油系统过稀", "brand_id": cls.brand.id, "company_id": cls.store.id}
        )
        cls.bank = cls.env["account.journal"].search(
            [("company_id", "=", cls.store.id), ("type", "=", "bank")], limit=1
        )

    def _warranty_rows(self):
        return [
            WARRANTY,
            # Submitted: the manufacturer owes the claim, 360 + 1 280 = 1 640.
            (
                "GTMC-SP-0001",
                "佛山丰田",
                self.vin,
                self.ago(20),
                self.ago(18),
                "P0171",
                "",
                "已提交",
                360,
                1280,
                "",
                "",
                "",
            ),
            # Approved at 900 of 400 + 600 = 1 000, under a fault code the store does not know yet.
            (
                "GTMC-SP-0002",
                "广汽丰田汽车有限公司（佛山测试）",
                self.vin,
                self.ago(50),
                self.ago(49),
                "b1234",
                "车身控制模块通讯故障",
                "已核准",
                400,
                600,
                900,
                "JS-2611-01",
                self.ago(-15),
            ),
        ]

    def test_open_warranty_claims_are_opening_receivables_of_the_manufacturer(self):
        job = self._job(workbook({"未结索赔": self._warranty_rows()}))
        job.action_import()
        self.assertEqual(job.state, "done", self._problems(job))
        self.assertEqual(job.summary["warranty_claims"], {"rows": 2, "created": 2, "skipped": 0})
        claims = self.env["dealer.warranty.claim"].search([("golive_import_id", "=", job.id)]).sorted("claim_number")
        submitted, approved = claims
        self.assertEqual(
            [
                (c.state, c.vehicle_id, c.manufacturer_id, c.labor_amount, c.parts_amount, c.amount_claimed)
                for c in claims
            ],
            [
                ("submitted", self.vehicle, self.manufacturer, 360, 1280, 1640),
                ("approved", self.vehicle, self.manufacturer, 400, 600, 1000),
            ],
        )
        self.assertEqual((submitted.submitted_date, submitted.fault_code_id), (self.ago(18), self.fault))
        self.assertEqual(approved.approved_amount, 900)
        # The unknown fault code became the brand's, in capitals, with the old system's description
        # (the check said so).
        self.assertEqual(
            job.problem_ids.filtered(lambda p: not p.blocking).mapped("message"),
            ["Fault code B1234 of 佛山丰田 is new: it will be created."],
        )
        self.assertEqual(
            (approved.fault_code_id.code, approved.fault_code_id.name, approved.fault_code_id.brand_id),
            ("B1234", "车身控制模块通讯故障", self.brand),
        )
        # Each claim on its own opening invoice of the manufacturer: what is owed, against the opening account.
        self.assertEqual(job.entry_ids, claims.invoice_id)
        for claim, ref, due, amount in (
            (submitted, "GTMC-SP-0001", self.ago(18), 1640),
            (approved, "JS-2611-01", self.ago(-15), 900),
        ):
            invoice = claim.invoice_id
            self.assertEqual(
                (invoice.state, invoice.ref, invoice.partner_id, invoice.date, invoice.dealer_pay_type),
                ("posted", ref, self.manufacturer, self.golive, "warranty"),
            )
            self.assertEqual(
                sorted(
                    (line.account_id.code, line.date_maturity or False, line.debit, line.credit)
                    for line in invoice.line_ids
                ),
                sorted(
                    [
                        (self.manufacturer.property_account_receivable_id.code, due, amount, 0.0),
                        ("399901", False, 0.0, amount),
                    ]
                ),
            )
        # The receivables aging has them as the manufacturer's: 1 640 due 18 days ago, 900 not due.
        aging = self.env["dealer.receivable.analysis"].aging(self.golive, self.store)[self.store.id]
        self.assertEqual((aging["not_due"], aging["1_30"], aging["total"]), (900.0, 1640.0, 2540.0))
        # The reconciliation agrees: the opening invoices are after-sales receivables and opening balances.
        report = self.env["dealer.reconciliation.analysis"].with_user(self.manager)
        lines = {line["key"]: line for line in report.reconcile(self.golive, self.store.ids)[self.store.id]["lines"]}
        self.assertEqual((lines["receivable"]["aftersales"], lines["receivable"]["difference"]), (2540.0, 0.0))
        self.assertEqual((lines["opening"]["aftersales"], lines["opening"]["difference"]), (2540.0, 0.0))

        # Then as the store's own: the submitted one is approved at 1 500, the manufacturer pays it
        # through Odoo's Register Payment on the invoice, and the claim is paid.
        submitted.with_user(self.advisor).action_approve(1500)
        self.assertEqual((submitted.state, submitted.approved_amount), ("approved", 1500))
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=submitted.invoice_id.ids
        ).create({"amount": 1640, "journal_id": self.bank.id, "payment_date": self.golive})._create_payments()
        self.assertEqual((submitted.invoice_id.payment_state, submitted.state), ("paid", "paid"))
        # The approved one is rejected: re-billing needs the repair order, which came not with it.
        approved.reason = "超出保修期"
        approved.with_user(self.advisor).action_reject()
        with self.assertRaisesRegex(UserError, "without its repair order"):
            approved.with_user(self.manager).action_rebill_internal()

        # The same rows again, in another file (the same file is refused whole): nothing twice.
        header, *rows = self._warranty_rows()
        again = self._job(workbook({"未结索赔": [header, *reversed(rows)]}))
        again.action_import()
        self.assertEqual(again.summary["warranty_claims"], {"rows": 2, "created": 0, "skipped": 2})

    def test_a_claim_names_its_row_of_the_open_receivables(self):
        """A claim whose invoice is also listed among the open receivables is not booked twice."""
        rows = self._warranty_rows()
        receivables = [RECEIVABLES, ("厂家", "佛山丰田", "", "JS-2611-01", self.ago(49), self.ago(-15), 900)]
        job = self._job(workbook({"期初应收": receivables, "未结索赔": rows}), control_receivable_amount=900)
        job.action_import()
        self.assertEqual(job.state, "done", self._problems(job))
        approved = self.env["dealer.warranty.claim"].search([("claim_number", "=", "GTMC-SP-0002")])
        self.assertEqual(approved.invoice_id.ref, "JS-2611-01")
        self.assertEqual(len(job.entry_ids), 2)  # the receivables row and the submitted claim's invoice
        self.assertEqual(sum(job.entry_ids.mapped("amount_total")), 900 + 1640)
        # The receivables row at another amount than what the claim says is owed: refused.
        receivables = [RECEIVABLES, ("厂家", "佛山丰田", "", "JS-2611-02", self.ago(49), self.ago(-15), 950)]
        rows[2] = (*rows[2][:11], "JS-2611-02", rows[2][12])
        rows[2] = ("GTMC-SP-0003", *rows[2][1:])
        job = self._job(workbook({"期初应收": receivables, "未结索赔": rows[:1] + rows[2:]}))
        job.action_check()
        expected = (
            "Invoice JS-2611-02 of the open receivables is 950.0, not the 900.0 the manufacturer owes on this claim."
        )
        self.assertEqual([(row, message) for __, row, message in self._problems(job)], [(2, expected)])

    def test_every_bad_claim_listed_and_nothing_changed(self):
        good = self._warranty_rows()[1]
        rows = [
            WARRANTY,
            ("SP-A", "某某汽车", self.vin, self.ago(5), "", "P0171", "", "已提交", 100, 0, "", "", ""),
            ("SP-B", "佛山丰田", make_vin(739999), self.ago(5), "", "P0171", "", "已提交", 100, 0, "", "", ""),
            ("SP-C", "佛山丰田", self.vin, self.ago(5), "", "P0171", "", "已提交", 0, 0, "", "", ""),
            ("SP-D", "佛山丰田", self.vin, self.ago(5), "", "P0171", "", "已核准", 100, 0, "", "", ""),
            ("SP-E", "佛山丰田", self.vin, self.ago(5), "", "P0171", "", "已核准", 100, 0, 120, "", ""),
            ("SP-F", "佛山丰田", self.vin, self.ago(5), self.ago(6), "P0171", "", "已提交", 100, 0, "", "", ""),
            ("SP-G", "佛山丰田", self.vin, self.ago(-1), "", "P0171", "", "已提交", 100, 0, "", "", ""),
            ("SP-H", "佛山丰田", self.vin, self.ago(5), "", "P0171", "", "已付款", 100, 0, "", "", ""),
            good,
            good,
        ]
        claims_before = self.env["dealer.warranty.claim"].search_count([])
        moves_before = self.env["account.move"].search_count([])
        job = self._job(workbook({"未结索赔": rows}))
        job.action_import()
        self.assertEqual(job.state, "failed")
        self.assertEqual(sorted(row for __, row, __ in self._problems(job)), [2, 3, 4, 5, 6, 7, 8, 9, 11])
        messages = {row: message for __, row, message in self._problems(job)}
        self.assertEqual(messages[2], "Unknown manufacturer 某某汽车: no brand has it as warranty partner.")
        self.assertIn("Unknown VIN", messages[3])
        self.assertEqual(messages[4], "A warranty claim needs its labor or parts amount.")
        self.assertEqual(messages[5], "An approved claim needs its approved amount.")
        self.assertEqual(messages[6], "The approved amount is more than the labor and parts claimed.")
        self.assertEqual(messages[7], "The claim is submitted before the repair.")
        self.assertIn("after the go-live date", messages[8])
        self.assertIn("is not one of 已提交, 已核准", messages[9])
        self.assertEqual(messages[11], "Claim GTMC-SP-0001 is also on row 10.")
        self.assertEqual(self.env["dealer.warranty.claim"].search_count([]), claims_before)
        self.assertEqual(self.env["account.move"].search_count([]), moves_before)

    def test_a_client_cannot_make_a_claim_of_the_old_system(self):
        """Over JSON-RPC, a claim without a repair order, or a write of what the import set, is refused."""
        Claim = self.env["dealer.warranty.claim"].with_user(self.advisor)
        values = {
            "company_id": self.store.id,
            "manufacturer_id": self.manufacturer.id,
            "fault_code_id": self.fault.id,
        }
        with self.assertRaises(ValidationError):
            Claim.create(values)
        job = self._job(workbook({"未结索赔": self._warranty_rows()}))
        with self.assertRaisesRegex(UserError, "set by its actions"):
            Claim.create({**values, "golive_import_id": job.id, "golive_labor_amount": 5000})
        job.action_import()
        claim = self.env["dealer.warranty.claim"].search([("golive_import_id", "=", job.id)], limit=1)
        for field, value in (("golive_labor_amount", 99999), ("golive_vehicle_id", False), ("golive_import_id", False)):
            with self.assertRaisesRegex(UserError, "changes only through its actions"):
                claim.with_user(self.advisor).write({field: value})

    def test_open_insurance_claims_go_on_in_odoo(self):
        rows = [
            INSURANCE,
            (
                "RDAA2026-0001",
                "中国平安财产保险股份有限公司佛山分公司",
                self.vin,
                self.ago(9),
                "定损",
                8650,
                "",
                "",
                "",
            ),
            ("RDAA2026-0002", "中国平安财产保险股份有限公司佛山分公司", self.vin, self.ago(3), "报案", "", "", "", ""),
        ]
        job = self._job(workbook({"未结理赔": rows}))
        job.action_import()
        self.assertEqual(job.state, "done", self._problems(job))
        claims = (
            self.env["dealer.insurance.claim"].search([("report_number", "like", "RDAA2026-")]).sorted("report_number")
        )
        self.assertEqual(
            [(c.state, c.vehicle_id, c.insurer_id, c.accident_date) for c in claims],
            [
                ("assessed", self.vehicle, self.insurer, self.ago(9)),
                ("reported", self.vehicle, self.insurer, self.ago(3)),
            ],
        )
        self.assertEqual(sum(claims[0].line_ids.mapped("amount")), 8650)
        self.assertFalse(job.entry_ids, "a claim not invoiced is no receivable yet")
