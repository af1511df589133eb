import re

from odoo.tests import HttpCase, tagged

from .common import DealerRepairCase


@tagged("post_install", "-at_install")
class TestRepairReports(DealerRepairCase):
    def _mixed_order(self):
        return self._order(
            labor=[(self.oil_change, None, "customer"), (self.brake_job, None, "insurance")],
            parts=[(self.brake_pads, 1, "insurance")],
            insurer_id=self.insurer.id,
            insurance_deductible=100,
        )

    def _html(self, report, repair, lang="en_US"):
        repair.partner_id.lang = lang
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(report, repair.ids)
        # As a browser reads it: the templates' indentation is not content.
        return re.sub(r"\s+", " ", html.decode())

    def test_settlement_splits_by_payer(self):
        html = self._html("dealer_aftersales.action_report_settlement", self._mixed_order())
        self.assertIn("Settlement Statement", html)
        # Customer: 75 labor + 100 deductible; insurer: 216 + 400 - 100.
        for label, amount in (("Customer Pay", "175.00"), ("Insurance Pay", "516.00"), ("Total (Untaxed)", "691.00")):
            found = re.search(rf"{re.escape(label)}</td>.{{0,200}}?>{re.escape(amount)}<", html, re.DOTALL)
            self.assertTrue(found, f"{label} should read {amount}")

    def test_work_order_shows_no_prices(self):
        html = self._html("dealer_aftersales.action_report_work_order", self._mixed_order())
        self.assertIn("Work Order", html)
        self.assertIn("更换前刹车片", html)
        self.assertNotIn("216.00", html)
        self.assertNotIn("400.00", html)


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
        self.assertIn("结算单", html.decode())
        self.assertIn("保险理赔", html.decode())
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
