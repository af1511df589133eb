import base64
import re
from datetime import timedelta

from odoo import fields
from odoo.tests import BaseCase, HttpCase, new_test_user, tagged
from odoo.tools import file_open

from odoo.addons.dealer_aftersales.tools import ACCOUNTANT, ADVISOR, amount_in_chinese

from .common import DealerClaimCase, DealerRepairCase


def _promised():
    """Tomorrow, at 45 seconds past a minute."""
    return (fields.Datetime.now() + timedelta(days=1)).replace(second=45, microsecond=0)


@tagged("post_install", "-at_install")
class TestAmountInChinese(BaseCase):
    def test_amounts(self):
        for amount, text in (
            (1057.68, "壹仟零伍拾柒元陆角捌分"),
            (100.00, "壹佰元整"),
            (0, "零元整"),
            (10.05, "壹拾元零伍分"),
            (1001.5, "壹仟零壹元伍角"),
            (-1057.68, "负壹仟零伍拾柒元陆角捌分"),
            (-5, "负伍元整"),
            (100000000.01, "壹亿元零壹分"),
            (10010, "壹万零壹拾元整"),
            (1234567.89, "壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分"),
            (100010000, "壹亿零壹万元整"),
            (1000001, "壹佰万零壹元整"),
            (0.5, "伍角"),
            (0.05, "伍分"),
            # Rounded to the fen as the invoice is.
            (2.675, "贰元陆角捌分"),
        ):
            with self.subTest(amount=amount):
                self.assertEqual(amount_in_chinese(amount), text)


@tagged("post_install", "-at_install")
class TestRepairReports(DealerRepairCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {
                "name": "广州丰田4S店",
                "street": "黄埔大道西100号",
                "city": "广州",
                "phone": "020-12345678",
                "vat": "91440101MA5TEST01X",
                "logo": False,
            }
        )
        cls.advisor = new_test_user(cls.env, login="report_sa", name="李顾问", groups=ADVISOR)
        cls.accountant = new_test_user(cls.env, login="report_acc", groups=ACCOUNTANT)

    def _mixed_order(self, **values):
        return self._order(
            labor=[(self.oil_change, None, "customer"), (self.brake_job, None, "insurance")],
            parts=[(self.brake_pads, 1, "insurance")],
            insurer_id=self.insurer.id,
            insurance_deductible=100,
            **values,
        )

    def _html(self, report, repair, lang="en_US"):
        (repair.partner_id if "partner_id" in repair else repair.repair_id.partner_id).lang = lang
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(report, repair.ids)
        # As a browser reads it: the templates' indentation is not content.
        return re.sub(r"\s+", " ", html.decode())

    def _payer_row(self, html, pay_type):
        """(without VAT, VAT, with VAT) as printed in the payer's row of the totals."""
        row = re.search(rf'data-pay-type="{pay_type}">(.*?)</tr>', html)
        self.assertTrue(row, f"a row for {pay_type}")
        return tuple(re.findall(r'<span class="oe_currency_value">([^<]*)</span>', row.group(1)))

    def _money(self, amount):
        return f"{amount:,.2f}"

    def test_settlement_splits_by_payer(self):
        repair = self._mixed_order()
        html = self._html("dealer_aftersales.action_report_settlement", repair)
        self.assertIn("Motor Vehicle Repair Settlement Statement", html)
        # Customer: 75 labor + 100 deductible, + 13 %; insurer: 216 + 400 - 100, + 13 %.
        self.assertEqual(self._payer_row(html, "customer"), ("175.00", "22.75", "197.75"))
        self.assertEqual(self._payer_row(html, "insurance"), ("516.00", "67.08", "583.08"))
        self.assertNotIn('data-pay-type="warranty"', html, "no row for a payer with nothing to pay")
        self.assertAlmostEqual(repair.amount_customer_total, 197.75)
        self.assertIn("壹佰玖拾柒元柒角伍分", html)
        self.assertIn("Amounts with VAT as they will be invoiced.", html)
        # The lines grouped by payer, each payer's lines under its heading.
        customer_at, insurance_at = html.index("o_dealer_payer"), html.rindex("o_dealer_payer")
        self.assertLess(customer_at, html.index("更换机油机滤"))
        self.assertLess(html.index("更换机油机滤"), insurance_at)
        self.assertLess(insurance_at, html.index("更换前刹车片"))

    def test_settlement_prints_the_invoices(self):
        repair = self._finish(self._mixed_order())
        repair.with_user(self.accountant).action_dealer_invoice()
        invoices = repair.dealer_move_ids.filtered(lambda m: m.move_type == "out_invoice")
        invoices.filtered(lambda m: m.dealer_pay_type == "insurance").action_post()  # one posted, one draft
        html = self._html("dealer_aftersales.action_report_settlement", repair)
        for pay_type in ("customer", "insurance"):
            invoice = invoices.filtered(lambda m, pay_type=pay_type: m.dealer_pay_type == pay_type)
            self.assertEqual(len(invoice), 1)
            self.assertEqual(
                self._payer_row(html, pay_type),
                tuple(
                    self._money(amount) for amount in (invoice.amount_untaxed, invoice.amount_tax, invoice.amount_total)
                ),
            )
        customer = invoices.filtered(lambda m: m.dealer_pay_type == "customer")
        total = re.search(r"o_dealer_customer_total.*?oe_currency_value\">([^<]*)<", html).group(1)
        self.assertEqual(total, self._money(customer.amount_total))
        self.assertIn(amount_in_chinese(customer.amount_total), html)
        self.assertNotIn("as they will be invoiced", html)

    def test_settlement_store_header_signatures_and_format(self):
        repair = self._mixed_order(user_id=self.advisor.id)
        html = self._html("dealer_aftersales.action_report_settlement", repair)
        header = html[html.index("o_dealer_store_header") : html.index("Motor Vehicle Repair")]
        for text in ("广州丰田4S店", "黄埔大道西100号", "020-12345678", "91440101MA5TEST01X"):
            self.assertIn(text, header)
        self.assertNotIn("<img", header, "no logo, and not Odoo's 'Your logo' placeholder")
        footer = html[html.index("o_dealer_store_footer") :]
        self.assertIn("广州丰田4S店", footer)
        self.assertIn("020-12345678", footer)
        for text in ("Customer Signature:", "Service Advisor:", "Date:", "李顾问", "Mileage Out (km):"):
            self.assertIn(text, html)
        self.assertIn('"Noto Sans CJK SC", "Noto Sans SC"', html)
        # One format per column: hours and quantities alike, prices as money.
        self.assertIn(">0.50<", html)
        self.assertIn(">1.20<", html)
        self.assertIn(">1.00<", html)
        self.assertNotRegex(html, r">1\.0<|>0\.5<")
        with file_open("web/static/img/logo.png", "rb") as logo:
            self.company.logo = base64.b64encode(logo.read())
        html = self._html("dealer_aftersales.action_report_settlement", repair)
        self.assertIn("o_dealer_store_logo", html)

    def test_advisor_is_never_odoobot(self):
        repair = self._mixed_order(user_id=self.env.ref("base.user_root").id)
        for report in ("dealer_aftersales.action_report_settlement", "dealer_aftersales.action_report_work_order"):
            html = self._html(report, repair)
            self.assertIn("Service Advisor:", html)
            self.assertNotIn(self.env.ref("base.user_root").name, html)
        repair.user_id = False
        self.assertNotIn("OdooBot", self._html("dealer_aftersales.action_report_settlement", repair))

    def test_mileage_out_after_handover(self):
        repair = self._finish(self._order(labor=[(self.oil_change, None, "customer")], mileage_in=15000))
        repair.mileage_out = 15008
        repair.action_qc_pass()
        repair.action_dealer_deliver()
        html = self._html("dealer_aftersales.action_report_settlement", repair)
        self.assertRegex(html, r"Mileage In \(km\):</strong> <span>15,?000</span>")
        self.assertRegex(html, r"Mileage Out \(km\):</strong> <span[^>]*>15,?008</span>")
        self.assertIn("Handed Over:", html)

    def test_work_order_shows_no_prices(self):
        repair = self._mixed_order(promised_delivery_time=_promised())
        html = self._html("dealer_aftersales.action_report_work_order", repair)
        self.assertIn("Work Order", html)
        self.assertIn("更换前刹车片", html)
        self.assertNotIn("216.00", html)
        self.assertNotIn("400.00", html)
        self.assertIn("o_dealer_store_header", html)
        self.assertIn("广州丰田4S店", html)
        promised = re.search(r"Promised Delivery Time:</strong> <span[^>]*>([^<]*)<", html).group(1)
        self.assertRegex(promised, r"^\d{4}-\d\d-\d\d \d\d:\d\d$", "the promised time without seconds")
        self.assertNotIn(":45", promised)

    def test_first_print_opens_no_layout_wizard(self):
        self.company.external_report_layout_id = False
        self.env["res.company"]._dealer_setup_layouts()
        self.assertEqual(self.company.external_report_layout_id, self.env.ref("web.external_layout_standard"))
        store = self.env["res.company"].create({"name": "新门店"})
        self.assertEqual(store.external_report_layout_id, self.env.ref("web.external_layout_standard"))
        store.external_report_layout_id = False
        store.action_dealer_setup_store()
        self.assertTrue(store.external_report_layout_id)
        admin = self.env.ref("base.user_admin")
        report = self.env.ref("dealer_aftersales.action_report_settlement").with_user(admin)
        action = report.with_company(self.company).report_action(self._mixed_order(), config=True)
        self.assertEqual(action["type"], "ir.actions.report")

    def test_invoice_list_names_the_number(self):
        for xmlid, label in (
            ("dealer_aftersales.account_move_view_list_dealer_repair", "Document Number"),
            ("account.view_invoice_tree", "Invoice Number"),
        ):
            arch = self.env["account.move"].get_view(self.env.ref(xmlid).id, "list")["arch"]
            self.assertRegex(arch, rf'<field name="name"[^>]* string="{label}"', xmlid)
        arch = self.env["account.move"].get_view(self.env.ref("account.view_move_form").id, "form")["arch"]
        self.assertIn('placeholder="Remarks"', arch, "a store invoice's note is a remark")
        self.assertIn('placeholder="Terms and Conditions"', arch, "other invoices keep Odoo's")

    def test_store_invoice_without_odoo_sample_terms(self):
        self.env["ir.config_parameter"].sudo().set_param("account.use_invoice_terms", True)
        self.company.terms_type = "html"
        self.assertIn("You should update this document", str(self.company.invoice_terms_html))
        repair = self._finish(self._order(labor=[(self.oil_change, None, "customer")]))
        repair.with_user(self.accountant).action_dealer_invoice()
        invoice = repair.dealer_move_ids
        self.assertIn("/terms", str(invoice.narration))
        other = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.owner.id,
                "invoice_line_ids": [(0, 0, {"name": "x", "quantity": 1, "price_unit": 10})],
            }
        )
        report = "account.account_invoices"
        html = self.env["ir.actions.report"]._render_qweb_html(report, invoice.ids)[0].decode()
        self.assertNotIn("/terms", html)
        html = self.env["ir.actions.report"]._render_qweb_html(report, other.ids)[0].decode()
        self.assertIn("/terms", html, "other invoices keep Odoo's terms")


@tagged("post_install", "-at_install")
class TestClaimFileReport(DealerClaimCase):
    def test_claim_file_has_the_store_header(self):
        self.company.phone = "020-87654321"
        claim = self._repaired_claim("PICC-2026-099")
        claim.repair_id.user_id = self.advisor
        claim.repair_id.promised_delivery_time = _promised()
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "dealer_aftersales.action_report_claim_file", claim.ids
        )
        html = re.sub(r"\s+", " ", html.decode())
        self.assertIn("Claim File", html)
        header = html[html.index("o_dealer_store_header") : html.index("Claim File")]
        self.assertIn(self.company.name, header)
        self.assertIn("020-87654321", header)
        self.assertIn(self.advisor.name, html)
        promised = re.search(r"Promised Delivery Time:</strong> <span[^>]*>([^<]*)<", html).group(1)
        self.assertNotIn(":45", promised)
        claim.repair_id.user_id = self.env.ref("base.user_root")
        html = self.env["ir.actions.report"]._render_qweb_html("dealer_aftersales.action_report_claim_file", claim.ids)
        self.assertNotIn(self.env.ref("base.user_root").name, html[0].decode())


@tagged("post_install", "-at_install")
class TestRepairReportPdf(DealerRepairCase, HttpCase):
    """wkhtmltopdf fetches the report's assets over HTTP: in an HttpCase the
    server shares the test transaction instead of waiting for it."""

    def test_settlement_in_chinese_renders_as_pdf(self):
        repair = self._order(
            labor=[(self.brake_job, None, "insurance")],
            parts=[(self.brake_pads, 1, "insurance")],
            insurer_id=self.insurer.id,
            insurance_deductible=100,
        )
        repair.partner_id.lang = "zh_CN"
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "dealer_aftersales.action_report_settlement", repair.ids
        )
        self.assertIn("保险理赔", html.decode())
        # The customer's 100 deductible + 13 %.
        self.assertIn("壹佰壹拾叁元整", html.decode())
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("dealer_aftersales.action_report_settlement", repair.ids)
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))

    def test_work_order_in_chinese_renders_as_pdf(self):
        repair = self._order(labor=[(self.brake_job, None, "customer")], parts=[(self.brake_pads, 1, "customer")])
        repair.partner_id.lang = "zh_CN"
        Report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        html = Report._render_qweb_html("dealer_aftersales.action_report_work_order", repair.ids)[0].decode()
        for text in ("派工单", "工时", "配件", "更换前刹车片", "前刹车片"):
            self.assertIn(text, html)
        self.assertNotIn("400.00", html, "no prices on the workshop's copy")
        pdf, kind = Report._render_qweb_pdf("dealer_aftersales.action_report_work_order", repair.ids)
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
