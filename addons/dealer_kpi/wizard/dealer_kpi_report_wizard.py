import base64
import io
import re

import xlsxwriter

from odoo import _, fields, models
from odoo.tools.misc import formatLang

from odoo.addons.dealer_aftersales.tools import ACCOUNTANT, requires_role

# Decimals shown per KPI unit (the screen, the xlsx and the PDF format alike).
UNIT_DIGITS = {
    "money": 2,
    "money_per_hour": 2,
    "percent": 1,
    "ratio": 2,
    "count": 0,
    "hours": 1,
    "days": 1,
    "score": 1,
}
# The same as Excel number formats; percentages are already in percent (12.5 means 12.5 %).
UNIT_XLSX_FORMATS = {
    "money": "#,##0.00",
    "money_per_hour": "#,##0.00",
    "percent": '#,##0.0"%"',
    "ratio": "#,##0.00",
    "count": "#,##0",
    "hours": "#,##0.0",
    "days": "#,##0.0",
    "score": "#,##0.0",
}
# Traffic lights: Excel's good / neutral / bad fills, in the xlsx and the PDF.
STATUS_COLOURS = {"ok": "#C6EFCE", "warning": "#FFEB9C", "critical": "#FFC7CE"}
NO_VALUE = "—"
# From this many stores on, the PDF is printed on A4 landscape.
LANDSCAPE_FROM = 3
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class DealerKpiReportWizard(models.TransientModel):
    _name = "dealer.kpi.report.wizard"
    _description = "Monthly After-Sales KPI Report"

    def _default_month(self):
        return self.env["dealer.kpi.snapshot"]._last_closed_month()[0]

    month = fields.Date(
        required=True,
        default=lambda self: self._default_month(),
        help="The month reported on (any day of it; its first day by default).",
    )
    company_ids = fields.Many2many(
        "res.company",
        string="Stores",
        required=True,
        default=lambda self: self.env.companies,
        # No domain: a many2many's domain also filters what it reads, which would silently drop
        # stores; the stores a user may pick are those the company rule lets them see.
    )

    # ------------------------------------------------------------------ data

    def _period(self):
        self.ensure_one()
        return self.env["dealer.kpi.snapshot"]._month_bounds(self.month)

    def _month_label(self):
        return self._period()[0].strftime("%Y-%m")

    def _format_value(self, value, unit):
        """``value`` as the screen shows it: decimals by unit, thousand separators of the
        user's language, a % sign for percentages, a dash where the KPI has no meaning."""
        if value is None or value is False:
            return NO_VALUE
        text = formatLang(self.env, value, digits=UNIT_DIGITS.get(unit, 2), rounding_method="HALF-UP")
        return f"{text}%" if unit == "percent" else text

    def _stores(self):
        """The chosen stores, refused when the user may not see one of them (before anything is
        computed or written). They are read past the company switcher's record rule, which would
        silently drop the stores not selected in it, and returned in an environment whose allowed
        companies are these stores, so that their names and targets read in full."""
        self.ensure_one()
        companies = self.env["dealer.store.mixin"]._check_companies(
            self.sudo().company_ids, refusal=self.env["dealer.kpi.engine"]._kpi_refusal
        )
        return companies.with_env(self.with_context(allowed_company_ids=companies.ids).env)

    def _report_data(self):
        """Every active KPI of the month for the stores and the group, the single source of the
        xlsx and the PDF: the engine's values, the stores' targets and their traffic lights.

        Returns ``{"title", "month", "date_from", "date_to", "stores" (res.company), "show_group",
        "categories": [{"key", "label", "rows"}], "rows"}``; a row is ``{"definition", "code",
        "name", "unit", "cells": [per store {"company", "value", "text", "target" (record or
        False), "target_text", "warning_text", "critical_text", "status", "status_label",
        "colour"}], "group": {"value", "text"}}``.
        """
        self.ensure_one()
        date_from, date_to = self._period()
        companies = self._stores()
        env = companies.env
        definitions = env["dealer.kpi.definition"].search([("active", "=", True)])
        values = env["dealer.kpi.engine"].compute(definitions.mapped("code"), date_from, date_to, companies.ids)
        targets = {
            (target.kpi_id.id, target.company_id.id): target
            for target in env["dealer.kpi.target"].search(
                [("company_id", "in", companies.ids), ("kpi_id", "in", definitions.ids)]
            )
        }
        statuses = dict(env["dealer.kpi.snapshot"]._fields["status"]._description_selection(env))
        categories = dict(definitions._fields["category"]._description_selection(self.env))
        units = dict(definitions._fields["unit"]._description_selection(self.env))
        rows = []
        by_category = {}
        for definition in definitions:
            unit = definition.unit
            kpi_values = values.get(definition.code, {})
            cells = []
            for company in companies:
                value = kpi_values.get(company.id)
                target = targets.get((definition.id, company.id), False)
                status = target._status(value) if target else False
                cells.append(
                    {
                        "company": company,
                        "value": value,
                        "text": self._format_value(value, unit),
                        "target": target,
                        "target_text": self._format_value(target.target, unit) if target else "",
                        "warning_text": self._format_value(target.warning_threshold, unit) if target else "",
                        "critical_text": self._format_value(target.critical_threshold, unit) if target else "",
                        "status": status,
                        "status_label": statuses.get(status, ""),
                        "colour": STATUS_COLOURS.get(status, ""),
                    }
                )
            group_value = kpi_values.get(False)
            row = {
                "definition": definition,
                "code": definition.code,
                "name": definition.name,
                "unit": unit,
                "unit_label": units.get(unit, ""),
                "cells": cells,
                "group": {"value": group_value, "text": self._format_value(group_value, unit)},
            }
            rows.append(row)
            if definition.category not in by_category:
                by_category[definition.category] = {
                    "key": definition.category,
                    "label": categories.get(definition.category, definition.category),
                    "rows": [],
                }
            by_category[definition.category]["rows"].append(row)
        month = self._month_label()
        stores = ", ".join(companies.mapped("name"))
        return {
            "title": _("After-Sales KPIs %(month)s: %(stores)s", month=month, stores=stores),
            "month": month,
            "stores_label": stores,
            "date_from": date_from,
            "date_to": date_to,
            "stores": companies,
            "show_group": len(companies) > 1,
            "categories": list(by_category.values()),
            "rows": rows,
        }

    # ------------------------------------------------------------------ PDF

    @requires_role(ACCOUNTANT)
    def action_print_pdf(self):
        self.ensure_one()
        stores = self._stores()
        xmlid = (
            "dealer_kpi.action_report_kpi_monthly_landscape"
            if len(stores) >= LANDSCAPE_FROM
            else "dealer_kpi.action_report_kpi_monthly"
        )
        return self.env.ref(xmlid).report_action(self)

    # ------------------------------------------------------------------ xlsx

    @requires_role(ACCOUNTANT)
    def action_export_xlsx(self):
        self.ensure_one()
        self._stores()
        content = self._xlsx_content()
        attachment = self.env["ir.attachment"].create(
            {
                "name": _("after-sales-kpis-%(month)s.xlsx", month=self._month_label()),
                "datas": base64.b64encode(content),
                "res_model": self._name,
                "res_id": self.id,
                "mimetype": XLSX_MIMETYPE,
            }
        )
        return {"type": "ir.actions.act_url", "url": f"/web/content/{attachment.id}?download=true", "target": "self"}

    def _xlsx_content(self):
        """The KPIs of the month: one sheet of all stores (and the group), one sheet per store."""
        self.ensure_one()
        data = self._report_data()
        buffer = io.BytesIO()
        book = xlsxwriter.Workbook(buffer, {"in_memory": True})
        styles = _XlsxStyles(book)
        self._xlsx_overview(book, styles, data)
        used = {_("KPIs").lower()}
        for index, company in enumerate(data["stores"]):
            self._xlsx_store(book, styles, data, index, self._sheet_name(company.name, used))
        book.close()
        return buffer.getvalue()

    @staticmethod
    def _sheet_name(name, used):
        """``name`` as a valid, unique Excel sheet name (31 characters, no []:*?/\\)."""
        base = re.sub(r"[\[\]:*?/\\]", " ", name or "").strip().strip("'")[:31] or "Store"
        candidate, number = base, 2
        while candidate.lower() in used:
            suffix = f" ({number})"
            candidate, number = base[: 31 - len(suffix)] + suffix, number + 1
        used.add(candidate.lower())
        return candidate

    def _xlsx_overview(self, book, styles, data):
        sheet = book.add_worksheet(_("KPIs"))
        stores = data["stores"]
        header = [_("KPI"), _("Code")]
        for company in stores:
            header += [company.name, _("Target")]
        if data["show_group"]:
            header.append(_("Group"))
        sheet.write(0, 0, data["title"], styles.title)
        sheet.write_row(2, 0, header, styles.head)
        row = 3
        for category in data["categories"]:
            sheet.merge_range(row, 0, row, len(header) - 1, category["label"], styles.category)
            row += 1
            for line in category["rows"]:
                sheet.write(row, 0, line["name"], styles.text)
                sheet.write(row, 1, line["code"], styles.text)
                column = 2
                for cell in line["cells"]:
                    styles.write_value(sheet, row, column, cell["value"], line["unit"], cell["status"])
                    target = cell["target"].target if cell["target"] else None
                    styles.write_value(sheet, row, column + 1, target, line["unit"], blank=True)
                    column += 2
                if data["show_group"]:
                    styles.write_value(sheet, row, column, line["group"]["value"], line["unit"], bold=True)
                row += 1
        sheet.set_column(0, 0, 36)
        sheet.set_column(1, 1, 26)
        sheet.set_column(2, len(header) - 1, 15)
        sheet.freeze_panes(3, 1)

    def _xlsx_store(self, book, styles, data, index, sheet_name):
        company = data["stores"][index]
        sheet = book.add_worksheet(sheet_name)
        sheet.write(
            0,
            0,
            _("After-Sales KPIs %(month)s: %(stores)s", month=data["month"], stores=company.name),
            styles.title,
        )
        header = [
            _("Category"),
            _("KPI"),
            _("Code"),
            _("Value"),
            _("Target"),
            _("Warning"),
            _("Critical"),
            _("Status"),
        ]
        sheet.write_row(2, 0, header, styles.head)
        row = 3
        for category in data["categories"]:
            for line in category["rows"]:
                cell = line["cells"][index]
                target = cell["target"]
                sheet.write(row, 0, category["label"], styles.text)
                sheet.write(row, 1, line["name"], styles.text)
                sheet.write(row, 2, line["code"], styles.text)
                styles.write_value(sheet, row, 3, cell["value"], line["unit"], cell["status"])
                for column, amount in enumerate(
                    (target.target, target.warning_threshold, target.critical_threshold) if target else (None,) * 3,
                    start=4,
                ):
                    styles.write_value(sheet, row, column, amount, line["unit"], blank=True)
                sheet.write(row, 7, cell["status_label"], styles.status(cell["status"]))
                row += 1
        sheet.autofilter(2, 0, max(row - 1, 2), len(header) - 1)
        sheet.set_column(0, 0, 16)
        sheet.set_column(1, 1, 36)
        sheet.set_column(2, 2, 26)
        sheet.set_column(3, 7, 14)
        sheet.freeze_panes(3, 2)


class _XlsxStyles:
    """The workbook's cell formats, one per unit, traffic light and emphasis, made on first use."""

    def __init__(self, book):
        self.book = book
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.head = book.add_format({"bold": True, "bg_color": "#DDE6F0", "border": 1, "text_wrap": True})
        self.category = book.add_format({"bold": True, "bg_color": "#F2F2F2", "border": 1})
        self.text = book.add_format({"border": 1})
        self._cache = {}

    def _format(self, unit=None, status=False, bold=False, dash=False):
        key = (unit, status, bold, dash)
        if key not in self._cache:
            spec = {"border": 1}
            if dash:
                spec["align"] = "center"
            elif unit:
                spec["num_format"] = UNIT_XLSX_FORMATS.get(unit, "#,##0.00")
            if status in STATUS_COLOURS:
                spec["bg_color"] = STATUS_COLOURS[status]
            if bold:
                spec["bold"] = True
            self._cache[key] = self.book.add_format(spec)
        return self._cache[key]

    def status(self, status):
        return self._format(status=status)

    def write_value(self, sheet, row, column, value, unit, status=False, bold=False, blank=False):
        """A KPI figure as a number in the unit's format, a dash (or nothing) without a value."""
        if value is None or value is False:
            if blank:
                sheet.write_blank(row, column, None, self._format())
            else:
                sheet.write_string(row, column, NO_VALUE, self._format(status=status, bold=bold, dash=True))
        else:
            sheet.write_number(row, column, value, self._format(unit, status, bold))
