import base64
import io
from collections import defaultdict

import xlsxwriter

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..tools import ACCOUNTANT, PARTS, requires_role


class DealerInventoryReportWizard(models.TransientModel):
    _name = "dealer.inventory.report.wizard"
    _description = "Parts and Vehicle Inventory Reports"

    date_to = fields.Date(string="As of", required=True, default=fields.Date.context_today)
    date_from = fields.Date(
        string="Turnover From",
        required=True,
        default=lambda self: fields.Date.context_today(self).replace(day=1),
        help="Turnover is computed over the days from this date to the As-of date, both included.",
    )
    company_ids = fields.Many2many(
        "res.company",
        string="Stores",
        required=True,
        default=lambda self: self.env.companies,
        domain=lambda self: [("id", "in", self.env.user.company_ids.ids)],
    )

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for wizard in self:
            if wizard.date_from > wizard.date_to:
                raise UserError(_("The period must have a start date on or before its end date."))

    def _report_context(self):
        self.ensure_one()
        return {
            "dealer_date": fields.Date.to_string(self.date_to),
            "dealer_date_from": fields.Date.to_string(self.date_from),
            "dealer_date_to": fields.Date.to_string(self.date_to),
            "dealer_company_ids": self.company_ids.ids,
        }

    def _open(self, xmlid, name, extra_context=None):
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["context"] = {**self._report_context(), **(extra_context or {})}
        action["name"] = name
        action["target"] = "main"
        return action

    @requires_role(PARTS, ACCOUNTANT)
    def action_open_aging(self):
        return self._open(
            "dealer_aftersales.dealer_parts_aging_report_action",
            _("Parts Aging at %(date)s", date=fields.Date.to_string(self.date_to)),
        )

    @requires_role(PARTS, ACCOUNTANT)
    def action_open_stagnant(self):
        return self._open(
            "dealer_aftersales.dealer_parts_aging_report_action",
            _("Stagnant Parts at %(date)s", date=fields.Date.to_string(self.date_to)),
            {"search_default_stagnant": 1},
        )

    @requires_role(PARTS, ACCOUNTANT)
    def action_open_turnover(self):
        return self._open(
            "dealer_aftersales.dealer_parts_turnover_report_action",
            _(
                "Parts Turnover %(start)s – %(end)s",
                start=fields.Date.to_string(self.date_from),
                end=fields.Date.to_string(self.date_to),
            ),
        )

    @requires_role(PARTS, ACCOUNTANT)
    def action_open_vehicles(self):
        return self._open(
            "dealer_aftersales.dealer_vehicle_stock_report_action",
            _("Vehicles in Stock at %(date)s", date=fields.Date.to_string(self.date_to)),
        )

    # ------------------------------------------------------------------ xlsx

    @requires_role(PARTS, ACCOUNTANT)
    def action_export_xlsx(self):
        self.ensure_one()
        content = self._xlsx_content()
        name = _("inventory-report-%(date)s.xlsx", date=fields.Date.to_string(self.date_to))
        attachment = self.env["ir.attachment"].create(
            {
                "name": name,
                "datas": base64.b64encode(content),
                "res_model": self._name,
                "res_id": self.id,
                "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            }
        )
        return {"type": "ir.actions.act_url", "url": f"/web/content/{attachment.id}?download=true", "target": "self"}

    def _xlsx_content(self):
        """The aging, stagnant-stock and turnover reports, read through the analysis models
        (the same SQL as the screen), with a total row per sheet."""
        self.ensure_one()
        context = self._report_context()
        Aging = self.env["dealer.parts.aging.report"].with_context(**context)
        Turnover = self.env["dealer.parts.turnover.report"].with_context(**context)
        analysis = self.env["dealer.inventory.analysis"]
        buffer = io.BytesIO()
        book = xlsxwriter.Workbook(buffer, {"in_memory": True})
        styles = {
            "title": book.add_format({"bold": True, "font_size": 14}),
            "head": book.add_format({"bold": True, "bg_color": "#DDE6F0", "border": 1, "text_wrap": True}),
            "text": book.add_format({"border": 1}),
            "money": book.add_format({"border": 1, "num_format": "#,##0.00"}),
            "qty": book.add_format({"border": 1, "num_format": "#,##0.##"}),
            "pct": book.add_format({"border": 1, "num_format": "0.0"}),
            "total": book.add_format({"bold": True, "top": 2, "num_format": "#,##0.00"}),
            "total_text": book.add_format({"bold": True, "top": 2}),
        }
        self._xlsx_aging(book, styles, Aging)
        self._xlsx_stagnant(book, styles, Aging, analysis.with_context(**context))
        self._xlsx_turnover(book, styles, Turnover)
        book.close()
        return buffer.getvalue()

    @staticmethod
    def _part_label(product):
        return f"[{product.default_code}] {product.name}" if product.default_code else product.name

    def _xlsx_aging(self, book, styles, Aging):
        sheet = book.add_worksheet(_("Aging"))
        buckets = self.env["dealer.aging.bucket"].search([("company_id", "in", self.company_ids.ids)])
        labels = list(dict.fromkeys(buckets.mapped("display_name")))
        sheet.write(0, 0, _("Parts aging at %(date)s", date=fields.Date.to_string(self.date_to)), styles["title"])
        header = [_("Store"), _("Part"), _("Part Category"), _("On Hand"), *labels, _("Value")]
        sheet.write_row(2, 0, header, styles["head"])
        rows = Aging._read_group(
            [], ["company_id", "product_id", "bucket_id"], ["quantity:sum", "value:sum"], order="company_id, product_id"
        )
        lines = defaultdict(lambda: {"quantity": 0.0, "value": 0.0, "buckets": defaultdict(float)})
        for company, product, bucket, quantity, value in rows:
            line = lines[company, product]
            line["quantity"] += quantity
            line["value"] += value
            line["buckets"][bucket.display_name] += value
        row = 3
        for (company, product), line in lines.items():
            sheet.write(row, 0, company.name, styles["text"])
            sheet.write(row, 1, self._part_label(product), styles["text"])
            sheet.write(row, 2, product.categ_id.display_name, styles["text"])
            sheet.write_number(row, 3, line["quantity"], styles["qty"])
            for column, label in enumerate(labels, start=4):
                sheet.write_number(row, column, line["buckets"].get(label, 0.0), styles["money"])
            sheet.write_number(row, 4 + len(labels), line["value"], styles["money"])
            row += 1
        totals = Aging._read_group([], ["bucket_id"], ["quantity:sum", "value:sum"])
        by_label = defaultdict(float)
        for bucket, __, value in totals:
            by_label[bucket.display_name] += value
        sheet.write(row, 0, _("Total"), styles["total_text"])
        sheet.write_number(row, 3, sum(quantity for __, quantity, __ in totals), styles["total"])
        for column, label in enumerate(labels, start=4):
            sheet.write_number(row, column, by_label.get(label, 0.0), styles["total"])
        sheet.write_number(row, 4 + len(labels), sum(value for __, __, value in totals), styles["total"])
        sheet.set_column(0, 0, 22)
        sheet.set_column(1, 1, 36)
        sheet.set_column(2, 2, 24)
        sheet.set_column(3, 4 + len(labels), 13)
        sheet.freeze_panes(3, 2)

    def _xlsx_stagnant(self, book, styles, Aging, analysis):
        sheet = book.add_worksheet(_("Stagnant"))
        sheet.write(0, 0, _("Stagnant parts at %(date)s", date=fields.Date.to_string(self.date_to)), styles["title"])
        rates = analysis.stagnant_rates(self.date_to, self.company_ids)
        sheet.write_row(
            2,
            0,
            [
                _("Store"),
                _("Value on Hand"),
                _("Stagnant Value"),
                _("Stagnant Rate by Amount (%)"),
                _("Stagnant Rate by Quantity (%)"),
            ],
            styles["head"],
        )
        row = 3
        for company in self.company_ids:
            figures = rates[company.id]
            sheet.write(row, 0, company.name, styles["text"])
            sheet.write_number(row, 1, figures["value"], styles["money"])
            sheet.write_number(row, 2, figures["stagnant_value"], styles["money"])
            sheet.write(row, 3, figures["rate_amount"] if figures["rate_amount"] is not None else "", styles["pct"])
            sheet.write(row, 4, figures["rate_qty"] if figures["rate_qty"] is not None else "", styles["pct"])
            row += 1
        row += 1
        header = [_("Store"), _("Part"), _("Received On"), _("Age (Days)"), _("Received"), _("On Hand"), _("Value")]
        sheet.write_row(row, 0, header, styles["head"])
        row += 1
        for line in Aging.search([("is_stagnant", "=", True)]):
            sheet.write(row, 0, line.company_id.name, styles["text"])
            sheet.write(row, 1, self._part_label(line.product_id), styles["text"])
            sheet.write(row, 2, fields.Date.to_string(line.receipt_date), styles["text"])
            sheet.write_number(row, 3, line.age_days, styles["text"])
            sheet.write_number(row, 4, line.received_qty, styles["qty"])
            sheet.write_number(row, 5, line.quantity, styles["qty"])
            sheet.write_number(row, 6, line.value, styles["money"])
            row += 1
        [(quantity, value)] = Aging._read_group([("is_stagnant", "=", True)], [], ["quantity:sum", "value:sum"])
        sheet.write(row, 0, _("Total"), styles["total_text"])
        sheet.write_number(row, 5, quantity, styles["total"])
        sheet.write_number(row, 6, value, styles["total"])
        sheet.set_column(0, 0, 22)
        sheet.set_column(1, 1, 36)
        sheet.set_column(2, 6, 14)

    def _xlsx_turnover(self, book, styles, Turnover):
        sheet = book.add_worksheet(_("Parts Turnover"))
        sheet.write(
            0,
            0,
            _(
                "Parts turnover %(start)s – %(end)s",
                start=fields.Date.to_string(self.date_from),
                end=fields.Date.to_string(self.date_to),
            ),
            styles["title"],
        )
        header = [
            _("Store"),
            _("Part Category"),
            _("Part"),
            _("Issued at Cost"),
            _("Average Inventory"),
            _("Turnover (Times in Period)"),
            _("Turnover (Times a Year)"),
            _("Turnover Days"),
            _("Turnover Rate (%)"),
        ]
        sheet.write_row(2, 0, header, styles["head"])
        aggregates = [
            "outflow_cost:sum",
            "avg_value:sum",
            "turnover_times:sum",
            "turnover_times_year:sum",
            "turnover_days:sum",
            "turnover_rate:sum",
        ]
        row = 3

        def write(row, store, category, part, figures, number_style, text_style):
            sheet.write(row, 0, store, text_style)
            sheet.write(row, 1, category, text_style)
            sheet.write(row, 2, part, text_style)
            for column, value in enumerate(figures, start=3):
                if value is None:
                    sheet.write(row, column, "", text_style)
                else:
                    sheet.write_number(row, column, value, number_style)

        for company, category, product, *figures in Turnover._read_group(
            [],
            ["company_id", "categ_id", "product_id"],
            aggregates,
            order="company_id, categ_id, outflow_cost:sum desc",
        ):
            write(
                row,
                company.name,
                category.display_name,
                self._part_label(product),
                figures,
                styles["money"],
                styles["text"],
            )
            row += 1
        for company, category, *figures in Turnover._read_group([], ["company_id", "categ_id"], aggregates):
            write(
                row,
                company.name,
                category.display_name,
                _("All parts of the category"),
                figures,
                styles["money"],
                styles["text"],
            )
            row += 1
        for company, *figures in Turnover._read_group([], ["company_id"], aggregates):
            write(row, company.name, _("All categories"), "", figures, styles["total"], styles["total_text"])
            row += 1
        [figures] = Turnover._read_group([], [], aggregates)
        write(row, _("Total"), "", "", figures, styles["total"], styles["total_text"])
        sheet.set_column(0, 0, 22)
        sheet.set_column(1, 2, 32)
        sheet.set_column(3, 8, 15)
