"""A store set up as the README's "Installing per store" says takes its first repair order, and
counts its days in its own time zone."""

import datetime

import pytz
from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged

from .common import make_vin
from .store import new_store

GROUP = "dealer_aftersales.dealer_aftersales_group_"
SEQUENCE_CODES = ("dealer.appointment", "dealer.insurance.claim", "dealer.warranty.claim")


@tagged("post_install", "-at_install")
class TestStoreSetup(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.admin = cls.env.ref("base.user_admin")
        # Settings → Companies → New, as the administrator, outside Odoo's test mode.
        cls.store = new_store(cls.env, "佛山南海粤丰丰田")
        cls.brand = cls.env["fleet.vehicle.model.brand"].create({"name": "Test Brand (store setup)"})
        cls.model = cls.env["fleet.vehicle.model"].create({"name": "Test Sedan", "brand_id": cls.brand.id})
        cls.owner = cls.env["res.partner"].create({"name": "李娜", "lang": "en_US"})

    def _counts(self, store):
        return {
            "warehouses": self.env["stock.warehouse"].search_count([("company_id", "=", store.id)]),
            "sequences": self.env["ir.sequence"].search_count([("company_id", "=", store.id)]),
            "accounts": self.env["account.account"].search_count([("company_ids", "in", store.ids)]),
            "picking types": self.env["stock.picking.type"].search_count([("company_id", "=", store.id)]),
        }

    def _store_user(self, login, role):
        return new_test_user(
            self.env,
            login=login,
            groups=f"base.group_user,{GROUP}{role}",
            company_id=self.store.id,
            company_ids=[self.store.id],
            lang="en_US",
        )

    def _set_up(self):
        """The administrator's "Set up as a store" (its chart of accounts, which Odoo loads on commit
        outside the tests for a company with a country, or the main company's)."""
        action = self.store.with_user(self.admin).action_dealer_setup_store()
        self.assertEqual(action["tag"], "display_notification")
        return action

    def test_new_store_has_its_warehouse_numbering_and_time_zone(self):
        store = self.store
        warehouse = self.env["stock.warehouse"].search([("company_id", "=", store.id)])
        self.assertEqual(len(warehouse), 1, "a store created in Settings gets its warehouse")
        self.assertEqual(warehouse.lot_stock_id.company_id, store)
        self.assertEqual(warehouse.repair_type_id.company_id, store)
        self.assertEqual(warehouse.repair_type_id.sequence_id.company_id, store)
        sequence = warehouse.repair_type_id.sequence_id
        self.assertEqual(sequence.prefix, f"{warehouse.code}/WX%(range_year)s%(range_month)s-")
        self.assertEqual(sequence.padding, 4)
        self.assertTrue(sequence.use_date_range and sequence.dealer_monthly)
        self.assertTrue(store.internal_transit_location_id)
        for code in SEQUENCE_CODES:
            sequence = self.env["ir.sequence"].search([("code", "=", code), ("company_id", "=", store.id)])
            self.assertEqual(len(sequence), 1, code)
            self.assertTrue(sequence.prefix.startswith(f"{warehouse.code}/"), sequence.prefix)
        # China: Asia/Shanghai, for the store's days and for its working schedule's hours.
        self.assertEqual(store.dealer_tz, "Asia/Shanghai")
        self.assertEqual(store._dealer_tz(), "Asia/Shanghai")
        self.assertEqual(store.resource_calendar_id.tz, "Asia/Shanghai")
        # A second store gets a short name (and so document numbers) of its own.
        other = new_store(self.env, "佛山南海粤丰丰田二店")
        other_code = self.env["stock.warehouse"].search([("company_id", "=", other.id)]).code
        self.assertNotEqual(other_code, warehouse.code)

    def test_first_repair_order_is_numbered_finished_and_invoiced(self):
        store = self.store
        self._set_up()
        self.assertEqual(store.chart_template, self.env.ref("base.main_company").chart_template)
        # The labor rate of the store (After-Sales → Configuration), its sale tax on labor and parts.
        config = self.env["dealer.pay.type.config"].with_user(self.admin)._get(store, "customer")
        config.labor_rate = 150
        tax = store.account_sale_tax_id
        self.assertTrue(tax, "the store's chart brings its sale tax")
        labor_product = self.env.ref("dealer_aftersales.product_product_labor")
        labor_product.taxes_id |= tax
        warehouse = self.env["stock.warehouse"].search([("company_id", "=", store.id)])
        part = (
            self.env["product.product"]
            .with_company(store)
            .create({"name": "机油滤清器", "is_storable": True, "lst_price": 80, "standard_price": 40})
        )
        part.taxes_id = tax
        self.env["stock.quant"]._update_available_quantity(part, warehouse.lot_stock_id, 10)
        advisor = self._store_user("foshan_sa", "user")
        accountant = self._store_user("foshan_acc", "accountant")
        vehicle = (
            self.env["dealer.vehicle"]
            .with_user(advisor)
            .create({"vin": make_vin(424242), "model_id": self.model.id, "partner_id": self.owner.id})
        )
        self.assertEqual(vehicle.company_id, store)
        repair = (
            self.env["repair.order"]
            .with_user(advisor)
            .create(
                {
                    "vehicle_id": vehicle.id,
                    "mileage_in": 8000,
                    "labor_line_ids": [Command.create({"name": "更换机油机滤", "hours": 0.5, "pay_type": "customer"})],
                    "move_ids": [
                        Command.create(
                            {
                                "product_id": part.id,
                                "product_uom_qty": 1,
                                "repair_line_type": "add",
                                "dealer_pay_type": "customer",
                            }
                        )
                    ],
                }
            )
        )
        self.assertEqual(repair.company_id, store)
        self.assertEqual(repair.picking_type_id, warehouse.repair_type_id)
        month = fields.Datetime.now().astimezone(pytz.timezone("Asia/Shanghai")).strftime("%Y%m")
        self.assertEqual(repair.name, f"{warehouse.code}/WX{month}-0001")
        repair.action_validate()
        repair.action_repair_start()
        repair.action_repair_end()
        self.assertEqual(repair.state, "done")
        self.assertEqual(warehouse.lot_stock_id.quant_ids.filtered(lambda q: q.product_id == part).quantity, 9)
        repair.with_user(accountant).action_dealer_invoice()
        invoice = repair.dealer_move_ids
        self.assertEqual(len(invoice), 1)
        invoice.with_user(accountant).action_post()
        self.assertEqual((invoice.state, invoice.move_type, invoice.company_id), ("posted", "out_invoice", store))
        self.assertEqual(invoice.journal_id.company_id, store)
        self.assertEqual(invoice.journal_id.type, "sale")
        # 0.5 h x 150 = 75 of labor and 80 of parts, the store's sale tax on both.
        tax_amount = store.currency_id.round(75 * tax.amount / 100) + store.currency_id.round(80 * tax.amount / 100)
        receivable = self.owner.with_company(store).property_account_receivable_id
        tax_account = tax.invoice_repartition_line_ids.filtered(lambda line: line.repartition_type == "tax").account_id
        self.assertTrue(store in receivable.company_ids and store in tax_account.company_ids)
        self.assertEqual(
            sorted((line.account_id.id, line.debit, line.credit) for line in invoice.line_ids),
            sorted(
                [
                    (receivable.id, 155 + tax_amount, 0.0),
                    (config.labor_account_id.id, 0.0, 75.0),
                    (config.parts_account_id.id, 0.0, 80.0),
                    (tax_account.id, 0.0, tax_amount),
                ]
            ),
        )
        self.assertTrue(store in config.labor_account_id.company_ids and store in config.parts_account_id.company_ids)

    def test_setup_is_idempotent(self):
        self._set_up()
        before = self._counts(self.store)
        action = self._set_up()
        self.assertEqual(action["params"]["type"], "info", action["params"]["message"])
        self.assertEqual(self._counts(self.store), before)

    def test_setup_of_an_existing_company(self):
        """A company made before the addon: no warehouse, no numbering of its own, its calendar in UTC."""
        store = self.store
        self.env["stock.warehouse"].search([("company_id", "=", store.id)]).action_archive()
        self.env["ir.sequence"].search([("code", "in", SEQUENCE_CODES), ("company_id", "=", store.id)]).unlink()
        store.dealer_tz = False
        store.resource_calendar_id.tz = "UTC"
        self.assertEqual(store._dealer_tz(), "UTC")
        self._set_up()
        warehouse = self.env["stock.warehouse"].search([("company_id", "=", store.id)])
        self.assertEqual(len(warehouse), 1)
        self.assertTrue(warehouse.repair_type_id.sequence_id)
        for code in SEQUENCE_CODES:
            sequence = self.env["ir.sequence"].search([("code", "=", code), ("company_id", "=", store.id)])
            self.assertTrue(sequence.prefix.startswith(f"{warehouse.code}/"), sequence.prefix)
        self.assertEqual((store.dealer_tz, store.resource_calendar_id.tz), ("Asia/Shanghai", "Asia/Shanghai"))
        # Its claims and appointments are numbered by the store's own sequences.
        claim_number = self.env["ir.sequence"].with_company(store).next_by_code("dealer.insurance.claim")
        self.assertTrue(claim_number.startswith(f"{warehouse.code}/BX"), claim_number)

    def test_repair_numbers_restart_each_month_on_the_store_day(self):
        """WX + year and month of the store's day, then a number that restarts each month: at 00:30 on
        1 January in Foshan (16:30 UTC on 31 December) an order belongs to the new month."""
        sequence = self.env["stock.warehouse"].search([("company_id", "=", self.store.id)]).repair_type_id.sequence_id
        code = sequence.prefix.split("/")[0]
        numbers = []
        for instant in ("2030-12-30 03:00:00", "2030-12-31 10:00:00", "2030-12-31 16:30:00", "2031-01-02 02:00:00"):
            with freeze_time(instant):
                numbers.append(sequence.next_by_id())
        self.assertEqual(
            numbers,
            [f"{code}/WX203012-0001", f"{code}/WX203012-0002", f"{code}/WX203101-0001", f"{code}/WX203101-0002"],
        )
        ranges = sequence.date_range_ids.sorted("date_from")
        self.assertEqual(
            [(str(r.date_from), str(r.date_to)) for r in ranges],
            [("2030-12-01", "2030-12-31"), ("2031-01-01", "2031-01-31")],
        )

    def test_setup_gives_odoo_numbering_the_store_style(self):
        """A store whose repair orders were still numbered as Odoo numbers them (WH/RO/00001) takes the
        store's style on setup; a numbering the admin chose is kept."""
        warehouse = self.env["stock.warehouse"].search([("company_id", "=", self.store.id)])
        sequence = warehouse.repair_type_id.sequence_id
        sequence.write(
            {"prefix": f"{warehouse.code}/RO/", "padding": 5, "use_date_range": False, "dealer_monthly": False}
        )
        self._set_up()
        self.assertEqual(sequence.prefix, f"{warehouse.code}/WX%(range_year)s%(range_month)s-")
        self.assertEqual((sequence.padding, sequence.dealer_monthly), (4, True))
        sequence.write({"prefix": "FS-", "dealer_monthly": False})
        self._set_up()
        self.assertEqual(sequence.prefix, "FS-")

    def test_setup_is_for_administrators(self):
        manager = self._store_user("foshan_mgr", "manager")
        with self.assertRaises(AccessError):
            self.store.with_user(manager).action_dealer_setup_store()
        self.assertFalse(self.store.chart_template)

    def test_time_zone_values(self):
        store = self.store
        with self.assertRaises(ValidationError):
            store.with_user(self.admin).write({"dealer_tz": "Mars/Olympus"})
        self.assertEqual(store.dealer_tz, "Asia/Shanghai")
        with self.assertRaises(UserError):
            store.with_user(self.admin).action_dealer_change_tz("Asia/Shanghai", "no change")
        with self.assertRaises(UserError):
            store.with_user(self.admin).action_dealer_change_tz("Asia/Urumqi", "  ")
        self.assertEqual(store.dealer_tz, "Asia/Shanghai")
        # Without closed months, the settings form changes it and the working schedule follows.
        store.with_user(self.admin).dealer_tz = "Asia/Urumqi"
        self.assertEqual(store.resource_calendar_id.tz, "Asia/Urumqi")
        # A country with several time zones: the first one, or the schedule's when it is one of them.
        us = new_store(self.env, "Test Store US", country="base.us", currency="base.USD")
        self.assertEqual(us.dealer_tz, pytz.country_timezones["US"][0])

    def test_month_end_in_the_store_time_zone(self):
        """Parts issued by repairs at 23:30 on 31 October and at 00:30 on 1 November, Beijing time,
        count in the stock turnover of October and of November."""
        store = self.store
        self._set_up()
        self.env["dealer.pay.type.config"]._get(store, "customer")
        warehouse = self.env["stock.warehouse"].search([("company_id", "=", store.id)])
        part = (
            self.env["product.product"]
            .with_company(store)
            .create({"name": "空气滤清器", "is_storable": True, "standard_price": 60})
        )
        self.env["stock.quant"]._update_available_quantity(part, warehouse.lot_stock_id, 10)
        env = self.env(context=dict(self.env.context, allowed_company_ids=store.ids))
        vehicle = env["dealer.vehicle"].create(
            {"vin": make_vin(535353), "model_id": self.model.id, "partner_id": self.owner.id}
        )
        tz = pytz.timezone("Asia/Shanghai")
        for local in (datetime.datetime(2026, 10, 31, 23, 30), datetime.datetime(2026, 11, 1, 0, 30)):
            repair = env["repair.order"].create(
                {
                    "vehicle_id": vehicle.id,
                    "mileage_in": 9000,
                    "move_ids": [
                        Command.create({"product_id": part.id, "product_uom_qty": 1, "repair_line_type": "add"})
                    ],
                }
            )
            repair.action_validate()
            repair.action_repair_start()
            repair.action_repair_end()
            # The stock valuation layer of the issue, dated when it happened (UTC in the database).
            when = tz.localize(local).astimezone(pytz.utc).replace(tzinfo=None)
            self.env.flush_all()
            self.env.cr.execute(
                "UPDATE stock_valuation_layer SET create_date = %s WHERE stock_move_id IN %s",
                (when, tuple(repair.move_ids.ids)),
            )
        self.env.invalidate_all()
        Analysis = self.env["dealer.inventory.analysis"]
        october = Analysis.turnover("2026-10-01", "2026-10-31", store)[store.id]
        november = Analysis.turnover("2026-11-01", "2026-11-30", store)[store.id]
        self.assertEqual((october["outflow_qty"], november["outflow_qty"]), (1.0, 1.0))
        self.assertEqual((october["outflow_cost"], november["outflow_cost"]), (60.0, 60.0))
