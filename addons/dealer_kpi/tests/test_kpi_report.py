"""The monthly KPI report: the xlsx and the PDF hold the engine's values for each store and the
group, formatted by unit, with the stores' targets and traffic lights; stores the user may not
see are refused before any file is made."""

import datetime
import io
import re

import openpyxl

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.base.models.ir_qweb import QWebException
from odoo.addons.dealer_aftersales.tests.test_inventory import DealerInventoryCase

D = datetime.date
MONTH = D(2026, 3, 1)
CODES = [
    "parts_outflow_cost",
    "parts_avg_inventory_cost",
    "parts_turnover_rate",
    "parts_turnover_days",
    "parts_fill_rate",
    "ro_count",
    "csi_score",
]
FILLS = {"ok": "FFC6EFCE", "warning": "FFFFEB9C", "critical": "FFFFC7CE"}


class DealerKpiReportCase(DealerInventoryCase):
    """Two stores in March 2026: the first issues 5 of 10 brake discs at 1,234.50 (outflow
    6,172.50) and serves 1 of 2 part requests from stock (50 %), the second 3 of 3 (100 %):
    the group fill rate is 4 of 5, 80 %. The first store's fill-rate target is missed badly
    (critical), its outflow target is met; the second store has no target."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other = cls.env["res.company"].create({"name": "佛山测试丰田 4S 店"})
        cls.env.user.company_ids |= cls.other
        cls.stores = cls.store | cls.other
        # The report lists the stores in the companies' order (sequence, name).
        cls.store.sequence, cls.other.sequence = 1, 2
        disc = cls._part("前刹车盘", cost=1234.5)
        cls._receive(disc, 10, 1234.5, D(2026, 2, 20))
        cls._issue(disc, 3, D(2026, 3, 5))
        cls._issue(disc, 2, D(2026, 3, 20))
        Request = cls.env["dealer.part.request"].sudo()
        for company, served in ((cls.store, [True, False]), (cls.other, [True, True, True])):
            Request.create(
                [
                    {
                        "company_id": company.id,
                        "product_id": disc.id,
                        "quantity": 1,
                        "from_stock": ok,
                        "outcome": "stock" if ok else "ordered",
                        "request_date": D(2026, 3, 10),
                    }
                    for ok in served
                ]
            )
        Target = cls.env["dealer.kpi.target"].with_context(allowed_company_ids=cls.stores.ids)
        for xmlid, target, warning, critical in (
            ("dealer_kpi.kpi_parts_fill_rate", 95.0, 90.0, 60.0),
            ("dealer_kpi.kpi_parts_outflow_cost", 5000.0, 4000.0, 3000.0),
        ):
            Target.create(
                {
                    "kpi_id": cls.env.ref(xmlid).id,
                    "company_id": cls.store.id,
                    "target": target,
                    "warning_threshold": warning,
                    "critical_threshold": critical,
                }
            )
        cls.Wizard = cls.env["dealer.kpi.report.wizard"]
        cls.wizard = cls.Wizard.create({"month": D(2026, 3, 17), "company_ids": [Command.set(cls.stores.ids)]})
        cls.values = cls.env["dealer.kpi.engine"].compute(CODES, "2026-03-01", "2026-03-31", cls.stores.ids)
        cls.names = {code: cls.env["dealer.kpi.definition"].search([("code", "=", code)]).name for code in CODES}

    def _expected(self, code, key):
        """The engine's value of ``code`` for store ``key`` (False: the group)."""
        return self.values[code][key]


@tagged("post_install", "-at_install")
class TestKpiReport(DealerKpiReportCase):
    def test_engine_figures(self):
        """The figures worked out by hand are the engine's: the report must show these."""
        outflow, fill = self.values["parts_outflow_cost"], self.values["parts_fill_rate"]
        self.assertEqual((outflow[self.store.id], outflow[self.other.id], outflow[False]), (6172.5, 0.0, 6172.5))
        self.assertEqual((fill[self.store.id], fill[self.other.id], fill[False]), (50.0, 100.0, 80.0))
        self.assertIsNone(self.values["csi_score"][False])

    def test_report_data(self):
        data = self.wizard._report_data()
        self.assertEqual((data["date_from"], data["date_to"]), (D(2026, 3, 1), D(2026, 3, 31)))
        self.assertEqual(data["month"], "2026-03")
        self.assertTrue(data["show_group"])
        self.assertEqual(data["stores"].ids, [self.store.id, self.other.id])
        definitions = self.env["dealer.kpi.definition"].search([])
        self.assertEqual([row["code"] for row in data["rows"]], definitions.mapped("code"))
        # Grouped by category, the categories in the order of their first KPI, rows in definition order.
        flat = [row["code"] for category in data["categories"] for row in category["rows"]]
        self.assertEqual(sorted(flat), sorted(definitions.mapped("code")))
        self.assertEqual(data["categories"][0]["label"], "Inventory")
        rows = {row["code"]: row for row in data["rows"]}
        fill = rows["parts_fill_rate"]
        store, other = fill["cells"]
        self.assertEqual((store["text"], store["target_text"], store["status"]), ("50.0%", "95.0%", "critical"))
        self.assertEqual(store["status_label"], "Critical")
        self.assertEqual((other["text"], other["target_text"], other["status"]), ("100.0%", "", False))
        self.assertEqual(fill["group"]["text"], "80.0%")
        outflow = rows["parts_outflow_cost"]
        self.assertEqual((outflow["cells"][0]["text"], outflow["cells"][0]["status"]), ("6,172.50", "ok"))
        self.assertEqual(rows["csi_score"]["group"]["text"], "—")
        self.assertEqual(rows["ro_count"]["group"]["text"], "0")

    def test_formats_by_unit(self):
        wizard = self.wizard
        self.assertEqual(wizard._format_value(1234567.891, "money"), "1,234,567.89")
        self.assertEqual(wizard._format_value(12.345, "percent"), "12.3%")
        self.assertEqual(wizard._format_value(12.35, "percent"), "12.4%")
        self.assertEqual(wizard._format_value(2.5, "ratio"), "2.50")
        self.assertEqual(wizard._format_value(1234.0, "count"), "1,234")
        self.assertEqual(wizard._format_value(3.25, "hours"), "3.3")
        self.assertEqual(wizard._format_value(4.467, "days"), "4.5")
        self.assertEqual(wizard._format_value(None, "money"), "—")

    def test_xlsx_holds_the_engine_values(self):
        action = self.wizard.action_export_xlsx()
        self.assertEqual(action["type"], "ir.actions.act_url")
        attachment_id = int(re.match(r"/web/content/(\d+)\?download=true$", action["url"]).group(1))
        attachment = self.env["ir.attachment"].browse(attachment_id)
        self.assertEqual(attachment.name, "after-sales-kpis-2026-03.xlsx")
        book = openpyxl.load_workbook(io.BytesIO(attachment.raw))
        self.assertEqual(book.sheetnames, ["KPIs", self.store.name, self.other.name])

        sheet = book["KPIs"]
        self.assertIn("2026-03", sheet["A1"].value)
        self.assertIn(self.other.name, sheet["A1"].value)
        header = [cell.value for cell in sheet[3]]
        self.assertEqual(header, ["KPI", "Code", self.store.name, "Target", self.other.name, "Target", "Group"])
        columns = {self.store.id: 3, self.other.id: 5, False: 7}
        rows = {sheet.cell(row, 2).value: row for row in range(4, sheet.max_row + 1) if sheet.cell(row, 2).value}
        for code in CODES:
            row = rows[code]
            self.assertEqual(sheet.cell(row, 1).value, self.names[code])
            for key, column in columns.items():
                with self.subTest(code=code, store=key):
                    expected, cell = self._expected(code, key), sheet.cell(row, column).value
                    if expected is None:
                        self.assertEqual(cell, "—")
                    else:
                        self.assertAlmostEqual(cell, expected, places=9)
        # Exactly the hand-checked figures, in the unit's number format and the status fill.
        outflow, fill = rows["parts_outflow_cost"], rows["parts_fill_rate"]
        self.assertEqual([sheet.cell(outflow, column).value for column in (3, 4, 7)], [6172.5, 5000.0, 6172.5])
        self.assertEqual([sheet.cell(fill, column).value for column in (3, 4, 5, 7)], [50.0, 95.0, 100.0, 80.0])
        self.assertIsNone(sheet.cell(fill, 6).value)  # no target in the second store
        self.assertEqual(sheet.cell(outflow, 3).number_format, "#,##0.00")
        self.assertEqual(sheet.cell(fill, 3).number_format, '#,##0.0"%"')
        self.assertEqual(sheet.cell(rows["ro_count"], 3).number_format, "#,##0")
        self.assertEqual(sheet.cell(rows["parts_turnover_days"], 3).number_format, "#,##0.0")
        self.assertEqual(sheet.cell(fill, 3).fill.fgColor.rgb, FILLS["critical"])
        self.assertEqual(sheet.cell(outflow, 3).fill.fgColor.rgb, FILLS["ok"])
        self.assertNotIn(sheet.cell(fill, 5).fill.fgColor.rgb, FILLS.values())
        # A category row above the first KPI.
        self.assertEqual(sheet.cell(4, 1).value, "Inventory")

        store_sheet = book[self.store.name]
        header = [cell.value for cell in store_sheet[3]]
        self.assertEqual(header, ["Category", "KPI", "Code", "Value", "Target", "Warning", "Critical", "Status"])
        store_rows = {store_sheet.cell(row, 3).value: row for row in range(4, store_sheet.max_row + 1)}
        self.assertEqual(
            [store_sheet.cell(store_rows["parts_fill_rate"], column).value for column in range(4, 9)],
            [50.0, 95.0, 90.0, 60.0, "Critical"],
        )
        self.assertEqual(
            [store_sheet.cell(store_rows["parts_outflow_cost"], column).value for column in range(4, 9)],
            [6172.5, 5000.0, 4000.0, 3000.0, "On Track"],
        )
        for code in CODES:
            with self.subTest(code=code):
                expected, cell = self._expected(code, self.store.id), store_sheet.cell(store_rows[code], 4).value
                if expected is None:
                    self.assertEqual(cell, "—")
                else:
                    self.assertAlmostEqual(cell, expected, places=9)
        other_rows = {book[self.other.name].cell(row, 3).value: row for row in range(4, store_sheet.max_row + 1)}
        self.assertEqual(book[self.other.name].cell(other_rows["parts_fill_rate"], 4).value, 100.0)

    def test_html_shows_the_same_numbers(self):
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "dealer_kpi.action_report_kpi_monthly", self.wizard.ids
        )
        html = html.decode()
        self.assertIn("After-Sales KPIs", html)
        self.assertIn(self.other.name, html)

        def cells(code):
            row = re.search(rf'<tr[^>]*data-code="{code}"[^>]*>(.*?)</tr>', html, re.DOTALL)
            self.assertTrue(row, f"no row for {code}")
            found = re.findall(r"<td[^>]*>(.*?)</td>", row[1], re.DOTALL)
            # As a browser reads a cell: tags gone, the templates' indentation collapsed.
            return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", cell)).strip() for cell in found]

        self.assertEqual(
            cells("parts_fill_rate"), [self.names["parts_fill_rate"], "50.0%", "95.0%", "100.0%", "", "80.0%"]
        )
        self.assertEqual(
            cells("parts_outflow_cost"),
            [self.names["parts_outflow_cost"], "6,172.50", "5,000.00", "0.00", "", "6,172.50"],
        )
        fmt = self.wizard._format_value
        units = {code: self.env["dealer.kpi.definition"].search([("code", "=", code)]).unit for code in CODES}
        for code in CODES:
            with self.subTest(code=code):
                expected = [
                    fmt(self._expected(code, self.store.id), units[code]),
                    fmt(self._expected(code, self.other.id), units[code]),
                    fmt(self._expected(code, False), units[code]),
                ]
                row = cells(code)
                self.assertEqual([row[1], row[3], row[5]], expected)
        self.assertEqual(cells("csi_score")[5], "—")
        self.assertRegex(html, r'class="[^"]*o_kpi_status_critical[^"]*">\s*<span>50\.0%</span>')

    def test_single_store_has_no_group_column(self):
        wizard = self.Wizard.create({"month": MONTH, "company_ids": [Command.set(self.store.ids)]})
        self.assertFalse(wizard._report_data()["show_group"])
        attachment = self.env["ir.attachment"].browse(int(re.search(r"\d+", wizard.action_export_xlsx()["url"])[0]))
        sheet = openpyxl.load_workbook(io.BytesIO(attachment.raw))["KPIs"]
        self.assertEqual([cell.value for cell in sheet[3]], ["KPI", "Code", self.store.name, "Target"])
        html = self.env["ir.actions.report"]._render_qweb_html("dealer_kpi.action_report_kpi_monthly", wizard.ids)[0]
        self.assertNotIn("o_kpi_group", html.decode())

    def test_defaults_and_paper(self):
        wizard = self.Wizard.create({})
        today = fields.Date.context_today(wizard)
        self.assertEqual(wizard.month, (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1))
        self.assertEqual(wizard.company_ids, self.env.companies)
        # (without a document layout yet, an administrator is first asked to choose one)
        self.env.company.external_report_layout_id = self.env.ref("web.external_layout_standard")
        action = self.wizard.action_print_pdf()
        self.assertEqual(action["report_name"], "dealer_kpi.report_kpi_monthly")
        third = self.env["res.company"].create({"name": "深圳测试丰田 4S 店"})
        self.env.user.company_ids |= third
        wizard = self.Wizard.create({"month": MONTH, "company_ids": [Command.set((self.stores | third).ids)]})
        action = wizard.action_print_pdf()
        self.assertEqual(action["report_name"], "dealer_kpi.report_kpi_monthly_landscape")
        report = self.env["ir.actions.report"]._get_report(action["report_name"])
        self.assertEqual(report.paperformat_id.orientation, "Landscape")

    def test_store_not_allowed(self):
        """A manager of the first store only asks for the main company too: refused, no file."""
        manager = new_test_user(
            self.env,
            login="kpi_report_mgr",
            groups="dealer_aftersales.dealer_aftersales_group_manager",
            company_id=self.store.id,
            company_ids=[Command.set(self.store.ids)],
        )
        main = self.env.ref("base.main_company")
        Attachment = self.env["ir.attachment"].sudo()
        domain = [("res_model", "=", "dealer.kpi.report.wizard")]
        before = Attachment.search_count(domain)
        Wizard = self.Wizard.with_user(manager).with_context(allowed_company_ids=self.store.ids)
        wizard = Wizard.create({"month": MONTH, "company_ids": [Command.set((self.store | main).ids)]})
        with self.assertRaisesRegex(AccessError, "not allowed to see the KPIs of " + re.escape(main.name)):
            wizard.action_export_xlsx()
        with self.assertRaisesRegex(AccessError, "not allowed to see the KPIs"):
            wizard.action_print_pdf()
        with self.assertRaises(QWebException) as caught:  # the template's error, caused by the refusal
            self.env["ir.actions.report"].with_user(manager)._render_qweb_html(
                "dealer_kpi.action_report_kpi_monthly", wizard.ids
            )
        self.assertIsInstance(caught.exception.__cause__, AccessError)
        self.assertEqual(Attachment.search_count(domain), before)
        # Their own store is fine, and the accountant role may export too.
        own = Wizard.create({"month": MONTH})
        self.assertEqual(own.company_ids, self.store)
        self.assertEqual(own.action_export_xlsx()["type"], "ir.actions.act_url")
        # A store of the user's that the company switcher does not select is reported, not dropped.
        manager.company_ids = self.stores
        wizard = Wizard.create({"month": MONTH, "company_ids": [Command.set(self.stores.ids)]})
        data = wizard._report_data()
        self.assertEqual(data["stores"].ids, self.stores.ids)
        fill = next(row for row in data["rows"] if row["code"] == "parts_fill_rate")
        self.assertEqual(
            [cell["text"] for cell in fill["cells"]] + [fill["group"]["text"]], ["50.0%", "100.0%", "80.0%"]
        )
        accountant = new_test_user(
            self.env,
            login="kpi_report_acc",
            groups="dealer_aftersales.dealer_aftersales_group_accountant",
            company_id=self.store.id,
            company_ids=[Command.set(self.stores.ids)],
        )
        wizard = self.Wizard.with_user(accountant).create(
            {"month": MONTH, "company_ids": [Command.set(self.stores.ids)]}
        )
        self.assertEqual(wizard._report_data()["rows"][0]["code"], "parts_outflow_cost")
        self.assertEqual(wizard.action_export_xlsx()["type"], "ir.actions.act_url")
        self.assertEqual(Attachment.search_count(domain), before + 2)


@tagged("post_install", "-at_install")
class TestKpiReportPdf(DealerKpiReportCase, HttpCase):
    """wkhtmltopdf fetches the report's assets over HTTP: in an HttpCase the server shares the
    test transaction instead of waiting for it."""

    def test_pdf_renders(self):
        Report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        pdf, kind = Report._render_qweb_pdf("dealer_kpi.action_report_kpi_monthly", self.wizard.ids)
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        # In Chinese too (the store names and KPI names use the CJK fonts).
        html = (
            Report.with_context(lang="zh_CN")
            ._render_qweb_html("dealer_kpi.action_report_kpi_monthly_landscape", self.wizard.ids)[0]
            .decode()
        )
        for text in ("售后 KPI", "进厂台次", "目标"):
            self.assertIn(text, html)
        pdf, kind = Report.with_context(lang="zh_CN")._render_qweb_pdf(
            "dealer_kpi.action_report_kpi_monthly_landscape", self.wizard.ids
        )
        self.assertTrue(pdf.startswith(b"%PDF"))
