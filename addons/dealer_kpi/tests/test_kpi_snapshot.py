"""Targets and traffic lights, monthly snapshots (alerts, the group as a ratio of sums, access
per store, the wizard's progress, drill-down) and retention (churned vehicles to CRM leads,
maintenance reminders)."""

import datetime

from dateutil.relativedelta import relativedelta
from psycopg2 import IntegrityError

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.dealer_aftersales.tests.common import DealerRepairCase, make_vin

D = datetime.date


@tagged("post_install", "-at_install")
class TestKpiSnapshot(DealerRepairCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Snapshot = cls.env["dealer.kpi.snapshot"]
        cls.store_a = cls.env["res.company"].create({"name": "广州测试丰田 4S 店"})
        cls.store_b = cls.env["res.company"].create({"name": "佛山测试丰田 4S 店"})
        cls.env.user.company_ids |= cls.store_a | cls.store_b
        cls.fill = cls.env.ref("dealer_kpi.kpi_parts_fill_rate")
        cls.part = cls.env["product.product"].create({"name": "空气滤清器", "is_storable": True})
        cls.manager = new_test_user(
            cls.env,
            login="kpi_store_manager",
            groups="dealer_aftersales.dealer_aftersales_group_manager",
            company_id=cls.store_a.id,
            company_ids=[Command.set(cls.store_a.ids)],
        )
        cls.store_a.dealer_kpi_manager_id = cls.manager
        # Parts fill rate: higher is better; below 80 % a warning, below 60 % critical.
        cls.target = cls.env["dealer.kpi.target"].create(
            {
                "kpi_id": cls.fill.id,
                "company_id": cls.store_a.id,
                "target": 90,
                "warning_threshold": 80,
                "critical_threshold": 60,
            }
        )
        # Store A: February 3 of 4 requests served from stock (75 %), March 1 of 2 (50 %);
        # store B: March 3 of 3 (100 %).
        cls._requests(cls.store_a, D(2026, 2, 10), [True, True, True, False])
        cls._requests(cls.store_a, D(2026, 3, 10), [True, False])
        cls._requests(cls.store_b, D(2026, 3, 12), [True, True, True])

    @classmethod
    def _requests(cls, company, day, served):
        cls.env["dealer.part.request"].sudo().create(
            [
                {
                    "company_id": company.id,
                    "product_id": cls.part.id,
                    "quantity": 1,
                    "from_stock": ok,
                    "outcome": "stock" if ok else "ordered",
                    "request_date": day,
                }
                for ok in served
            ]
        )

    def _fill_snapshot(self, company, month):
        return self.Snapshot.search(
            [("code", "=", "parts_fill_rate"), ("company_id", "=", company.id), ("month", "=", month)]
        )

    def test_target_status(self):
        self.assertEqual(
            [self.target._status(value) for value in (95, 80, 79.9, 60, 59.9, None)],
            ["ok", "ok", "warning", "warning", "critical", False],
        )
        stagnant = self.env["dealer.kpi.target"].create(
            {
                "kpi_id": self.env.ref("dealer_kpi.kpi_parts_stagnant_rate_amount").id,
                "company_id": self.store_a.id,
                "target": 10,
                "warning_threshold": 15,
                "critical_threshold": 25,
            }
        )
        self.assertEqual([stagnant._status(v) for v in (10, 15.1, 25.1)], ["ok", "warning", "critical"])
        band = self.env["dealer.kpi.target"].create(
            {
                "kpi_id": self.env.ref("dealer_kpi.kpi_vehicle_turnover_coefficient").id,
                "company_id": self.store_a.id,
                "target": 1.0,
                "warning_threshold": 0.2,
                "critical_threshold": 0.4,
            }
        )
        self.assertEqual([band._status(v) for v in (0.8, 1.25, 0.5, 1.5)], ["ok", "warning", "critical", "critical"])

    def test_thresholds_in_the_wrong_order_are_refused(self):
        with self.assertRaisesRegex(ValidationError, "higher is better"), self.cr.savepoint():
            self.target.write({"warning_threshold": 95})
        self.assertEqual(self.target.warning_threshold, 80)
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.cr.savepoint():
            self.target.copy()

    def test_snapshots_status_and_alerts(self):
        february = self.Snapshot._compute_month(D(2026, 2, 1), self.store_a)
        self.assertEqual(len(february), self.env["dealer.kpi.definition"].search_count([]))
        fill = february.filtered(lambda s: s.code == "parts_fill_rate")
        self.assertEqual((fill.value, fill.numerator, fill.denominator), (75, 3, 4))
        self.assertEqual(
            (fill.status, fill.status_light, fill.target, fill.date_to), ("warning", 1, 90, D(2026, 2, 28))
        )
        # Crossing into warning alerts the store's KPI manager once; KPIs without targets stay quiet.
        self.assertEqual(february.activity_ids.user_id, self.manager)
        self.assertEqual(len(february.activity_ids), 1)
        march = self.Snapshot._compute_month(D(2026, 3, 17), self.store_a)
        fill = march.filtered(lambda s: s.code == "parts_fill_rate")
        self.assertEqual((fill.month, fill.value, fill.status), (D(2026, 3, 1), 50, "critical"))
        self.assertEqual(len(fill.activity_ids), 1)
        self.assertIn("Critical", fill.activity_ids.summary)
        # Computing the month again replaces its snapshots.
        again = self.Snapshot._compute_month(D(2026, 3, 1), self.store_a)
        self.assertFalse(march.exists())
        self.assertEqual(len(self._fill_snapshot(self.store_a, D(2026, 3, 1))), 1)
        self.assertEqual(len(again), len(march))
        # A rate with nothing to divide has no value rather than zero.
        ontime = again.filtered(lambda s: s.code == "ontime_completion_rate")
        self.assertFalse(ontime.has_value)

    def test_group_is_the_ratio_of_the_sums_and_sees_only_allowed_stores(self):
        self.Snapshot._compute_month(D(2026, 3, 1), self.store_a)
        self.Snapshot._compute_month(D(2026, 3, 1), self.store_b)
        domain = [("code", "=", "parts_fill_rate"), ("month", "=", D(2026, 3, 1))]
        [group] = self.Snapshot.read_group(domain, ["value:sum"], [])
        self.assertAlmostEqual(group["value"], 80.0)  # (1 + 3) / (2 + 3), not (50 + 100) / 2
        by_store = {
            row["company_id"][0]: row["value"]
            for row in self.Snapshot.read_group(domain, ["value:sum"], ["company_id"])
        }
        self.assertEqual(by_store, {self.store_a.id: 50.0, self.store_b.id: 100.0})
        # The manager of store A sees store A only, and the group view sums only that store.
        as_manager = self.Snapshot.with_user(self.manager).with_company(self.store_a)
        self.assertEqual(as_manager.search(domain).company_id, self.store_a)
        [group] = as_manager.read_group(domain, ["value:sum"], [])
        self.assertEqual(group["value"], 50.0)
        with self.assertRaises(AccessError):
            self.env["dealer.kpi.engine"].with_user(self.manager).compute(
                ["parts_fill_rate"], "2026-03-01", "2026-03-31", self.store_b.ids
            )
        with self.assertRaises(AccessError):
            self._fill_snapshot(self.store_b, D(2026, 3, 1)).with_user(self.manager).read(["value"])

    def test_groups_add_only_what_adds_up(self):
        """Several KPIs together have no total; a level (customer base) is averaged over months and
        added over stores; a flow (repair orders) is added up over both."""
        for month in (D(2026, 2, 1), D(2026, 3, 1)):
            for store in (self.store_a, self.store_b):
                self.Snapshot._compute_month(month, store)
        months = [("month", "in", (D(2026, 2, 1), D(2026, 3, 1)))]
        stores = [("company_id", "in", (self.store_a | self.store_b).ids)]
        [group] = self.Snapshot.read_group(months + stores, ["value:sum"], [])
        self.assertIs(group["value"], False, "no grand total across unrelated KPIs")
        snapshots = self.Snapshot.search(months + stores)
        for code, expected in (
            ("customer_base", lambda s: sum(s.mapped("value")) / 2),
            ("ro_count", lambda s: sum(s.mapped("value"))),
        ):
            kpi_snapshots = snapshots.filtered(lambda s, c=code: s.code == c)
            self.assertEqual(len(kpi_snapshots), 4)
            [group] = self.Snapshot.read_group(months + stores + [("code", "=", code)], ["value:sum"], [])
            self.assertAlmostEqual(group["value"] or 0.0, expected(kpi_snapshots), msg=code)
            by_month = self.Snapshot.read_group(months + stores + [("code", "=", code)], ["value:sum"], ["month:month"])
            for row in by_month:
                in_month = kpi_snapshots.filtered(lambda s, r=row: s.month.strftime("%B %Y") == r["month:month"])
                self.assertAlmostEqual(row["value"] or 0.0, sum(in_month.mapped("value")), msg=code)
        self.assertEqual(self.env.ref("dealer_kpi.kpi_customer_base").aggregation, "level")
        self.assertEqual(self.env.ref("dealer_kpi.kpi_ro_count").aggregation, "flow")

    def test_wizard_shows_progress(self):
        wizard = self.env["dealer.kpi.snapshot.wizard"].create(
            {
                "month_from": D(2025, 10, 1),
                "month_to": D(2026, 3, 1),
                "company_ids": [Command.set((self.store_a | self.store_b).ids)],
            }
        )
        wizard.action_compute()
        self.assertEqual((len(wizard.line_ids), wizard.state, wizard.progress), (12, "running", 50))
        wizard.action_compute()
        self.assertEqual((wizard.state, wizard.progress), ("done", 100))
        self.assertEqual(self._fill_snapshot(self.store_a, D(2026, 2, 1)).value, 75)
        self.assertEqual(
            wizard.line_ids.filtered(lambda l: l.month == D(2026, 3, 1) and l.company_id == self.store_a).off_target, 1
        )
        with self.assertRaisesRegex(UserError, "future"):
            self.env["dealer.kpi.snapshot.wizard"].create(
                {
                    "month_from": fields.Date.today() + relativedelta(months=2),
                    "month_to": fields.Date.today() + relativedelta(months=2),
                }
            ).action_compute()

    def test_drilldown_from_a_snapshot(self):
        self.Snapshot._compute_month(D(2026, 3, 1), self.store_a)
        action = self._fill_snapshot(self.store_a, D(2026, 3, 1)).action_drilldown()
        requests = self.env[action["res_model"]].search(action["domain"])
        self.assertEqual(len(requests), 1)  # the one request not served from stock
        self.assertFalse(requests.from_stock)


@tagged("post_install", "-at_install")
class TestRetention(DealerRepairCase):
    """Brand interval 6 months; grace 30 days. V1 last came 2025-08-10: due 2026-02-10, churned
    on 2026-03-12. V2 last came 2025-09-20: due 2026-03-20, churned only on 2026-04-19."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.dealer_churn_grace_days = 30
        cls.v1 = cls._vehicle(make_vin(810001), license_plate="粤A·81001")
        cls.v2 = cls._vehicle(make_vin(810002), license_plate="粤A·81002")

    def _visit(self, vehicle, when):
        repair = self._order(labor=[(self.oil_change, None, "customer")], vehicle_id=vehicle.id)
        repair.checkin_time = when
        return repair

    def test_churned_vehicles_become_leads_once(self):
        self._visit(self.v1, datetime.datetime(2025, 8, 10, 2))
        self._visit(self.v2, datetime.datetime(2025, 9, 20, 2))
        Retention = self.env["dealer.kpi.retention"]
        churned = Retention.churned_vehicles("2026-03-01", "2026-03-31", self.env.company.ids)
        self.assertIn(self.v1, churned)
        self.assertNotIn(self.v2, churned)
        self.assertIn(self.v2, Retention.churned_vehicles("2026-04-01", "2026-04-30", self.env.company.ids))
        leads = Retention.create_churn_leads("2026-03-01", "2026-03-31", self.env.company.ids)
        lead = leads.filtered(lambda l: l.dealer_vehicle_id == self.v1)
        self.assertEqual((lead.partner_id, lead.type), (self.owner, "opportunity"))
        self.assertEqual(lead.campaign_id, self.env.ref("dealer_kpi.utm_campaign_retention"))
        self.assertFalse(leads.filtered(lambda l: l.dealer_vehicle_id == self.v2))
        # An open lead is not duplicated; the churn count still includes the vehicle.
        again = Retention.create_churn_leads("2026-03-01", "2026-03-31", self.env.company.ids)
        self.assertFalse(again.filtered(lambda l: l.dealer_vehicle_id == self.v1))

    def test_maintenance_reminder_once_per_due_date(self):
        today = fields.Date.context_today(self.v1)
        self.owner.email = "wangwei@example.com"
        self.v1.write({"last_service_date": today - relativedelta(months=6) + datetime.timedelta(days=5)})
        self.assertEqual(self.v1.next_service_date, today + datetime.timedelta(days=5))
        self.v2.write({"last_service_date": today - relativedelta(months=2)})
        Retention = self.env["dealer.kpi.retention"]
        Retention._cron_maintenance_reminders()
        self.assertEqual(self.v1.dealer_reminder_due_date, self.v1.next_service_date)
        self.assertEqual(len(self.v1.activity_ids), 1)
        self.assertIn("Maintenance reminder", self.v1.activity_ids.summary)
        self.assertTrue(self.v1.message_ids.filtered(lambda m: "due for service" in (m.subject or "")))
        self.assertFalse(self.v2.activity_ids)
        Retention._cron_maintenance_reminders()
        self.assertEqual(len(self.v1.activity_ids), 1)
