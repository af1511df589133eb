"""A store created as the README says counts its KPIs in its own time zone (Beijing time for a
Chinese store), and a change of that time zone keeps the snapshots of closed months as they were
computed."""

import datetime

import pytz
from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.dealer_aftersales.tests.common import make_vin
from odoo.addons.dealer_aftersales.tests.store import new_store

BEIJING = pytz.timezone("Asia/Shanghai")
OCTOBER = ("2026-10-01", "2026-10-31")
NOVEMBER = ("2026-11-01", "2026-11-30")


@tagged("post_install", "-at_install")
class TestKpiStoreTimeZone(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.admin = cls.env.ref("base.user_admin")
        cls.store = new_store(cls.env, "佛山南海粤丰丰田 (KPI)")
        cls.store.with_user(cls.admin).action_dealer_setup_store()
        cls.env["dealer.pay.type.config"].with_user(cls.admin)._get(cls.store, "customer").labor_rate = 150
        cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=cls.store.ids))
        brand = cls.env["fleet.vehicle.model.brand"].create({"name": "Test Brand (KPI time zone)"})
        model = cls.env["fleet.vehicle.model"].create({"name": "Test Sedan", "brand_id": brand.id})
        owner = cls.env["res.partner"].create({"name": "陈静", "lang": "en_US"})
        cls.vehicle = cls.env["dealer.vehicle"].create(
            {"vin": make_vin(616161), "model_id": model.id, "partner_id": owner.id}
        )
        cls.manager = new_test_user(
            cls.env,
            login="kpi_tz_manager",
            groups="base.group_user,dealer_aftersales.dealer_aftersales_group_manager",
            company_id=cls.store.id,
            company_ids=[Command.set(cls.store.ids)],
            lang="en_US",
        )
        cls.Engine = cls.env["dealer.kpi.engine"]
        # One order checked in and finished at 23:30 on 31 October, one at 00:30 on 1 November (Beijing).
        cls.late = cls._completed(datetime.datetime(2026, 10, 31, 23, 30))
        cls.early = cls._completed(datetime.datetime(2026, 11, 1, 0, 30))

    @classmethod
    def _completed(cls, local):
        """A one-hour customer job checked in and finished at ``local`` time in Beijing."""
        with freeze_time(BEIJING.localize(local).astimezone(pytz.utc).replace(tzinfo=None)):
            repair = cls.env["repair.order"].create(
                {
                    "vehicle_id": cls.vehicle.id,
                    "mileage_in": 10000 + local.month * 100 + local.day,
                    "labor_line_ids": [Command.create({"name": "检查底盘", "hours": 1, "pay_type": "customer"})],
                }
            )
            repair.action_validate()
            repair.action_repair_start()
            repair.action_repair_end()
        return repair

    def _figures(self, period):
        values = self.Engine.compute(["ro_count", "revenue_total"], *period, self.store.ids)
        return values["ro_count"][self.store.id], values["revenue_total"][self.store.id]

    def test_month_end_in_beijing_time(self):
        self.assertEqual(self.store._dealer_tz(), "Asia/Shanghai")
        self.assertEqual(self.late.completion_time, datetime.datetime(2026, 10, 31, 15, 30))
        self.assertEqual(self.early.completion_time, datetime.datetime(2026, 10, 31, 16, 30))
        self.assertEqual(self._figures(OCTOBER), (1, 150))
        self.assertEqual(self._figures(NOVEMBER), (1, 150))

    def test_time_zone_change_keeps_closed_snapshots(self):
        Snapshot = self.env["dealer.kpi.snapshot"]
        snapshots = Snapshot.with_company(self.store)._compute_month(datetime.date(2026, 10, 1), self.store)
        counted = {snapshot.id: snapshot.value for snapshot in snapshots}
        self.assertEqual(snapshots.filtered(lambda s: s.code == "ro_count").value, 1)
        # The settings form refuses it: October was counted in Beijing time.
        with self.assertRaisesRegex(UserError, "KPI snapshots of closed months up to 2026-10"):
            self.store.with_user(self.admin).write({"dealer_tz": "UTC"})
        self.assertEqual(self.store.dealer_tz, "Asia/Shanghai")
        # Change Time Zone, with its reason.
        wizard = (
            self.env["dealer.store.tz.wizard"]
            .with_user(self.manager)
            .create({"company_id": self.store.id, "tz": "UTC", "reason": "门店迁往海外（测试）"})
        )
        self.assertEqual(wizard.current_tz, "Asia/Shanghai")
        self.assertIn("2026-10", wizard.closed)
        wizard.action_confirm()
        self.assertEqual(self.store.dealer_tz, "UTC")
        self.assertEqual(self.store.resource_calendar_id.tz, "UTC")
        # October's snapshots are kept as computed; the live figures follow the new time zone.
        self.assertEqual(Snapshot.search([("company_id", "=", self.store.id)]), snapshots)
        self.assertEqual({snapshot.id: snapshot.value for snapshot in snapshots}, counted)
        self.assertEqual(self._figures(OCTOBER), (2, 300))
        message = self.store.partner_id.message_ids[:1]
        self.assertIn("门店迁往海外（测试）", message.body)
        self.assertIn("Asia/Shanghai", message.body)
        self.assertIn("2026-10", message.body)
        self.assertEqual(message.author_id, self.manager.partner_id)

    def test_time_zone_change_without_closed_months(self):
        """Snapshots of the current month only: the settings form changes the time zone."""
        Snapshot = self.env["dealer.kpi.snapshot"]
        today = fields.Date.context_today(self.store.with_context(tz=self.store._dealer_tz()))
        Snapshot.with_company(self.store)._compute_month(today, self.store)
        self.store.with_user(self.admin).write({"dealer_tz": "Asia/Urumqi"})
        self.assertEqual(self.store._dealer_tz(), "Asia/Urumqi")
