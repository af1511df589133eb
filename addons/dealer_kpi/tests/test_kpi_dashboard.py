"""The After-Sales spreadsheet dashboards: the models, fields, domains and measures they read exist
and work on the snapshots as the dashboards ask for them, with the default filters; the group total
is the ratio of the stores' sums; only after-sales users see the dashboards."""

import base64
import datetime
import json
import re

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import file_open

from odoo.addons.dealer_kpi.models.spreadsheet_dashboard import MONTHS, REPORT_MONTH_FILTER
from odoo.addons.spreadsheet.utils.validate_data import fields_in_spreadsheet

DASHBOARDS = {
    "dealer_kpi.spreadsheet_dashboard_store_kpis": "dealer_kpi/data/files/store_kpi_dashboard.json",
    "dealer_kpi.spreadsheet_dashboard_group_kpis": "dealer_kpi/data/files/group_kpi_dashboard.json",
}
AGGREGATORS = {"sum", "avg", "max", "min", "count", "count_distinct", "bool_and", "bool_or"}


@tagged("post_install", "-at_install")
class TestKpiDashboard(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dashboards = {xmlid: cls.env.ref(xmlid) for xmlid in DASHBOARDS}
        # The defaults of the global filters as served to the browser (the report month is set
        # to the month just closed when the dashboard opens).
        cls.served_defaults = {
            global_filter["id"]: global_filter.get("defaultValue")
            for dashboard in cls.dashboards.values()
            for global_filter in dashboard.get_readonly_dashboard()["snapshot"]["globalFilters"]
        }
        cls.data = {
            xmlid: json.loads(base64.b64decode(dashboard.spreadsheet_binary_data))
            for xmlid, dashboard in cls.dashboards.items()
        }
        # Two stores of a dealer group with snapshots of every KPI for the last two months.
        cls.store_a = cls.env["res.company"].create({"name": "广州测试丰田 4S 店"})
        cls.store_b = cls.env["res.company"].create({"name": "佛山测试丰田 4S 店"})
        cls.stores = cls.store_a | cls.store_b
        cls.env.user.company_ids |= cls.stores
        today = fields.Date.context_today(cls.env.user)
        cls.month = today.replace(day=1) - relativedelta(months=1)
        margin = cls.env.ref("dealer_kpi.kpi_gross_margin")
        ro_count = cls.env.ref("dealer_kpi.kpi_ro_count")
        Snapshot = cls.env["dealer.kpi.snapshot"]
        values = []
        for month, factor in ((cls.month, 1), (cls.month - relativedelta(months=1), 2)):
            common = {"month": month, "date_to": month + relativedelta(months=1, days=-1), "has_value": True}
            # Every KPI of both stores on track, but for two: gross margin of store A 400 / 1 000 =
            # 40 % (critical), of store B 3 000 / 5 000 = 60 %; the group 3 400 / 6 000 = 56.67 %,
            # not the mean of 50 %. Repair orders: 18 and 25.
            for definition in cls.env["dealer.kpi.definition"].search([]):
                for store in cls.stores:
                    values.append(
                        {**common, "kpi_id": definition.id, "company_id": store.id, "value": 1.0, "status": "ok"}
                    )
            for store, numerator, denominator, status in (
                (cls.store_a, 400.0, 1000.0, "critical"),
                (cls.store_b, 3000.0, 5000.0, "ok"),
            ):
                values.append(
                    {
                        **common,
                        "kpi_id": margin.id,
                        "company_id": store.id,
                        "value": numerator / denominator * 100,
                        "numerator": numerator * factor,
                        "denominator": denominator * factor,
                        "scale": 100.0,
                        "target": 45.0,
                        "warning_threshold": 40.0,
                        "critical_threshold": 35.0,
                        "status": status,
                        "status_light": {"ok": 0, "warning": 1, "critical": 2}[status],
                    }
                )
            for store, count in ((cls.store_a, 18), (cls.store_b, 25)):
                values.append(
                    {**common, "kpi_id": ro_count.id, "company_id": store.id, "value": count * factor, "status": "ok"}
                )
        # The specific values replace the defaults of the same KPI, store and month.
        values = list({(v["kpi_id"], v["company_id"], v["month"]): v for v in values}.values())
        cls.snapshots = Snapshot.create(values)

    # ------------------------------------------------------------------ helpers

    def _sources(self, data):
        """(kind, id, definition) of every pivot, list and Odoo chart of a dashboard."""
        sources = [("pivot", pid, pivot) for pid, pivot in data.get("pivots", {}).items()]
        sources += [("list", lid, definition) for lid, definition in data.get("lists", {}).items()]
        sources += [
            ("chart", figure["id"], figure["data"])
            for sheet in data["sheets"]
            for figure in sheet.get("figures", [])
            if figure["tag"] == "chart" and figure["data"]["type"].startswith("odoo_")
        ]
        return sources

    def _filter_domain(self, data, matching):
        """The domain the global filters add to a source with their default values, as the
        spreadsheet computes it."""
        today = fields.Date.context_today(self.env.user)
        domain = []
        for global_filter in data["globalFilters"]:
            match = matching.get(global_filter["id"])
            if not match or not match.get("chain"):
                continue
            default = self.served_defaults[global_filter["id"]]
            if global_filter["type"] == "relation":
                if default:
                    domain.append((match["chain"], "in", default))
                continue
            self.assertEqual(global_filter["type"], "date")
            offset = match.get("offset", 0)
            if global_filter["rangeType"] == "fixedPeriod" and isinstance(default, dict):
                month = MONTHS.index(default["period"]) + 1
                start = datetime.date(today.year + default["yearOffset"], month, 1) + relativedelta(months=offset)
                end = start + relativedelta(months=1, days=-1)
            elif global_filter["rangeType"] == "relative" and default == "last_year":
                end = today + datetime.timedelta(days=365 * offset)
                start = end - datetime.timedelta(days=364)
            else:
                self.fail(f"No default domain known for the date filter {global_filter}")
            domain += [(match["chain"], ">=", start), (match["chain"], "<=", end)]
        return domain

    def _read_pivot(self, data, pivot, env=None):
        """The pivot's groups as the spreadsheet asks for them: measures as
        ``<field>_<aggregator>_id:<aggregator>(<field>)``, lazy=False, the filters' defaults, and
        the two test stores picked in the store filter."""
        Model = (env or self.env)[pivot["model"]]
        specs = ["__count"] + [
            f"{m['fieldName']}_{m['aggregator']}_id:{m['aggregator']}({m['fieldName']})"
            for m in pivot["measures"]
            if m["fieldName"] != "__count"
        ]
        groupby = [
            f"{d['fieldName']}:{d['granularity']}" if d.get("granularity") else d["fieldName"]
            for d in pivot["rows"] + pivot["columns"]
        ]
        domain = pivot["domain"] + self._filter_domain(data, pivot["fieldMatching"])
        domain.append(("company_id", "in", self.stores.ids))
        return Model.read_group(domain, specs, groupby, lazy=False)

    # ------------------------------------------------------------------ tests

    def test_dashboards_load_their_files(self):
        group = self.env.ref("dealer_kpi.spreadsheet_dashboard_group_aftersales")
        self.assertEqual(group.dashboard_ids, self.env["spreadsheet.dashboard"].union(*self.dashboards.values()))
        for xmlid, path in DASHBOARDS.items():
            with file_open(path) as file:
                self.assertEqual(self.data[xmlid], json.load(file))
            data = self.data[xmlid]
            self.assertEqual((data["version"], data["odooVersion"]), (21, 12))
            self.assertTrue(self.dashboards[xmlid].is_published)
            snapshot = self.dashboards[xmlid].get_readonly_dashboard()["snapshot"]
            self.assertEqual(snapshot["pivots"], data["pivots"])

    def _source_fields(self, kind, definition):
        """The model and the field names a source reads (groupings, measures, columns, domain)."""
        model = definition["metaData"]["resModel"] if kind == "chart" else definition["model"]
        Model = self.env[model]
        names = set()
        if kind == "pivot":
            self.assertEqual(definition["type"], "ODOO")
            names |= {d["fieldName"] for d in definition["rows"] + definition["columns"]}
            for dimension in definition["rows"] + definition["columns"]:
                self.assertTrue(Model._fields[dimension["fieldName"]].store, dimension)
            for measure in definition["measures"]:
                if measure["fieldName"] != "__count":
                    names.add(measure["fieldName"])
                    self.assertIn(measure["aggregator"], AGGREGATORS)
                    self.assertEqual(measure["id"], f"{measure['fieldName']}:{measure['aggregator']}")
        elif kind == "list":
            names |= set(definition["columns"]) | {order["name"] for order in definition["orderBy"]}
        else:
            names |= {name.split(":")[0] for name in definition["metaData"]["groupBy"]}
            names.add(definition["metaData"]["measure"])
            names.discard("__count")
        domain = definition["searchParams"]["domain"] if kind == "chart" else definition["domain"]
        names |= {leaf[0] for leaf in domain if isinstance(leaf, (list, tuple))}
        return model, names

    def _check_matching(self, Model, filters, matching, where):
        """Every filter is matched to a field of the right type, or explicitly not applied."""
        for filter_id, match in matching.items():
            self.assertIn(filter_id, filters, where)
            if not match.get("chain"):
                continue
            current, field = Model, None
            for name in match["chain"].split("."):
                self.assertIn(name, current._fields, f"{where}: {match}")
                field = current._fields[name]
                current = self.env[field.comodel_name] if field.relational else current
            if filters[filter_id]["type"] == "relation":
                self.assertEqual(field.comodel_name, filters[filter_id]["modelName"], where)
            else:
                self.assertEqual(field.type, match["type"], where)

    def test_models_and_fields_exist(self):
        for xmlid, data in self.data.items():
            filters = {global_filter["id"]: global_filter for global_filter in data["globalFilters"]}
            for global_filter in filters.values():
                if global_filter["type"] == "relation":
                    self.assertIn(global_filter["modelName"], self.env)
            for kind, source_id, definition in self._sources(data):
                where = f"{xmlid} {kind} {source_id}"
                model, names = self._source_fields(kind, definition)
                self.assertIn(model, self.env, where)
                for name in names:
                    self.assertIn(name, self.env[model]._fields, f"{where}: {model}.{name}")
                self._check_matching(self.env[model], filters, definition["fieldMatching"], where)
            # Odoo's own check of spreadsheet data (run when a dashboard is saved in tests).
            for model, names in fields_in_spreadsheet(data).items():
                for name in names:
                    self.assertIn(name.split(".")[0], self.env[model]._fields)

    def test_formulas_reference_existing_sources(self):
        for xmlid, data in self.data.items():
            sheet_names = {sheet["name"] for sheet in data["sheets"]}
            for sheet in data["sheets"]:
                for ref, cell in sheet["cells"].items():
                    content = cell.get("content", "")
                    for pivot_id in re.findall(r"PIVOT(?:\.VALUE|\.HEADER)?\((\d+)", content):
                        self.assertIn(pivot_id, data["pivots"], f"{xmlid} {ref}")
                    for pivot_id, measure in re.findall(r'PIVOT\.VALUE\((\d+),"([^"]+)"', content):
                        measures = {m["id"] for m in data["pivots"][pivot_id]["measures"]}
                        self.assertIn(measure, measures, f"{xmlid} {ref}")
                    for list_id, field in re.findall(r'ODOO\.LIST\((\d+),\d+,"([^"]+)"\)', content):
                        self.assertIn(field, data["lists"][list_id]["columns"], f"{xmlid} {ref}")
                for figure in sheet.get("figures", []):
                    for key in ("keyValue", "baseline"):
                        reference = figure["data"].get(key)
                        if reference:
                            self.assertIn(reference.split("!")[0], sheet_names, f"{xmlid} {figure['id']}")
            for menu in data.get("chartOdooMenusReferences", {}).values():
                self.assertTrue(self.env.ref(menu).action)

    def test_sources_read_the_snapshots(self):
        """Each pivot, list and chart runs as the spreadsheet runs it, on last month by default."""
        for data in self.data.values():
            for kind, source_id, definition in self._sources(data):
                if kind == "pivot":
                    groups = self._read_pivot(data, definition)
                elif kind == "list":
                    Model = self.env[definition["model"]]
                    domain = definition["domain"] + self._filter_domain(data, definition["fieldMatching"])
                    order = ", ".join(f"{o['name']} {'asc' if o['asc'] else 'desc'}" for o in definition["orderBy"])
                    groups = Model.search_read(
                        domain + [("company_id", "in", self.stores.ids)], definition["columns"], order=order
                    )
                else:
                    meta = definition["metaData"]
                    Model = self.env[meta["resModel"]]
                    measure = meta["measure"]
                    spec = ["__count"] if measure == "__count" else [f"{measure}:{Model._fields[measure].aggregator}"]
                    domain = definition["searchParams"]["domain"] + self._filter_domain(
                        data, definition["fieldMatching"]
                    )
                    groups = Model.read_group(
                        domain + [("company_id", "in", self.stores.ids)], spec, meta["groupBy"], lazy=False
                    )
                self.assertTrue(groups, f"{kind} {source_id} read nothing")
        # The month filter shows last month, not the month before.
        store = self.data["dealer_kpi.spreadsheet_dashboard_store_kpis"]
        months = self._read_pivot(store, store["pivots"]["3"])
        self.assertEqual([group["__range"]["month:month"]["from"] for group in months], [str(self.month)])

    def test_store_dashboard_figures(self):
        data = self.data["dealer_kpi.spreadsheet_dashboard_store_kpis"]
        store_a = self.env(context=dict(self.env.context, allowed_company_ids=self.store_a.ids))
        user = new_test_user(
            self.env,
            login="kpi_store_advisor",
            groups="dealer_aftersales.dealer_aftersales_group_user",
            company_id=self.store_a.id,
            company_ids=[Command.set(self.store_a.ids)],
        )
        # A store manager sees the KPIs of their store only (the store selected in the switcher).
        groups = self._read_pivot(data, data["pivots"]["1"], store_a(user=user))
        by_kpi = {group["kpi_id"][0]: group for group in groups}
        margin = by_kpi[self.env.ref("dealer_kpi.kpi_gross_margin").id]
        self.assertAlmostEqual(margin["value_sum_id"], 40.0)
        self.assertEqual((margin["target_max_id"], margin["status_light_max_id"]), (45.0, 2))
        self.assertEqual(by_kpi[self.env.ref("dealer_kpi.kpi_ro_count").id]["value_sum_id"], 18.0)
        headlines = {group["code"]: group for group in self._read_pivot(data, data["pivots"]["4"])}
        self.assertEqual(set(headlines), {"revenue_total", "ro_count", "gross_margin", "churn_rate"})
        self.assertEqual(headlines["ro_count"]["value_sum_id"], 43.0)
        statuses = {group["status"]: group["__count"] for group in self._read_pivot(data, data["pivots"]["2"])}
        kpis = self.env["dealer.kpi.definition"].search_count([])
        self.assertEqual(statuses, {"critical": 1, "ok": 2 * kpis - 1})

    def test_group_total_is_the_ratio_of_the_sums(self):
        data = self.data["dealer_kpi.spreadsheet_dashboard_group_kpis"]
        margin = self.env.ref("dealer_kpi.kpi_gross_margin").id
        by_store = {
            group["company_id"][0]: group["value_sum_id"]
            for group in self._read_pivot(data, data["pivots"]["2"])
            if group["kpi_id"][0] == margin
        }
        self.assertAlmostEqual(by_store[self.store_a.id], 40.0)
        self.assertAlmostEqual(by_store[self.store_b.id], 60.0)
        total = next(group for group in self._read_pivot(data, data["pivots"]["3"]) if group["kpi_id"][0] == margin)
        self.assertAlmostEqual(total["value_sum_id"], 3400 / 6000 * 100)
        self.assertEqual(total["status_light_max_id"], 2)  # the worst store
        ro_count = next(
            group
            for group in self._read_pivot(data, data["pivots"]["3"])
            if group["kpi_id"][0] == self.env.ref("dealer_kpi.kpi_ro_count").id
        )
        self.assertEqual(ro_count["value_sum_id"], 43.0)

    def test_report_month_opens_on_the_month_just_closed(self):
        dashboard = self.dashboards["dealer_kpi.spreadsheet_dashboard_store_kpis"]
        for today, expected in (
            ("2026-11-23", {"yearOffset": 0, "period": "october"}),
            ("2027-01-05", {"yearOffset": -1, "period": "december"}),
        ):
            with freeze_time(today):
                served = dashboard.get_readonly_dashboard()["snapshot"]["globalFilters"]
            self.assertEqual(next(f for f in served if f["id"] == REPORT_MONTH_FILTER)["defaultValue"], expected)

    def test_visible_to_after_sales_only(self):
        group = self.env.ref("dealer_kpi.spreadsheet_dashboard_group_aftersales")
        dashboards = group.dashboard_ids
        Dashboard = self.env["spreadsheet.dashboard"]
        for login, groups in (
            ("kpi_advisor", "dealer_aftersales.dealer_aftersales_group_user"),
            ("kpi_manager", "dealer_aftersales.dealer_aftersales_group_manager"),
        ):
            user = new_test_user(self.env, login=login, groups=groups)
            self.assertEqual(Dashboard.with_user(user).search([("dashboard_group_id", "=", group.id)]), dashboards)
            for dashboard in dashboards.with_user(user):
                self.assertTrue(dashboard.get_readonly_dashboard()["snapshot"]["pivots"])
        employee = new_test_user(self.env, login="kpi_employee", groups="base.group_user")
        self.assertFalse(Dashboard.with_user(employee).search([("dashboard_group_id", "=", group.id)]))
        with self.assertRaises(AccessError):
            dashboards.with_user(employee).read(["name"])
