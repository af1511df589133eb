"""A store of its own for the go-live tests: a chart of accounts, a warehouse, FIFO categories
valued in real time, an insurer and a brand whose manufacturer pays warranty; files built the
way a store's staff fill the templates."""

import base64
import datetime
import io
import json

import openpyxl

from odoo import fields
from odoo.tests import TransactionCase, new_test_user

from odoo.addons.dealer_aftersales.tests.common import store_of_its_own


def workbook(sheets):
    """xlsx bytes of ``sheets``: {sheet name: [titles, row, row...]}."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


class GoliveCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # An import tells its progress on a cursor of its own (dealer.golive.import._dealer_progress):
        # in the tests, a cursor on the test's transaction, whose messages the tests read and roll back.
        cls.registry.enter_test_mode(cls.cr)
        cls.addClassCleanup(cls.registry.leave_test_mode)
        cls.env, cls.store = store_of_its_own(cls.env, "佛山测试丰田 4S 店", "佛山店工作时间")
        cls.warehouse = cls.env["stock.warehouse"].search([("company_id", "=", cls.store.id)], limit=1)
        cls.Account = cls.env["account.account"].with_company(cls.store)
        cls.opening = cls.Account.create({"code": "399901", "name": "期初余额过渡", "account_type": "equity"})
        cls.valuation = cls.Account.create({"code": "140501", "name": "库存商品-配件", "account_type": "asset_current"})
        cls.category = cls.env["product.category"].create({"name": "佛山配件"})
        cls.category.with_company(cls.store).write(
            {
                "property_cost_method": "fifo",
                "property_valuation": "real_time",
                "property_stock_valuation_account_id": cls.valuation.id,
            }
        )
        cls.oil_category = cls.env["product.category"].create({"name": "油品", "parent_id": cls.category.id})
        cls.oil_category.with_company(cls.store).write(
            {
                "property_cost_method": "fifo",
                "property_valuation": "real_time",
                "property_stock_valuation_account_id": cls.valuation.id,
            }
        )
        cls.vehicle_category = cls.env["product.category"].create({"name": "佛山整车", "dealer_vehicle": True})
        cls.vehicle_category.with_company(cls.store).write({"property_cost_method": "fifo"})
        cls.camry = cls.env["product.product"].create(
            {
                "name": "凯美瑞 2025 款 2.0G 豪华版",
                "default_code": "FS-CAMRY-20G",
                "is_storable": True,
                "tracking": "serial",
                "categ_id": cls.vehicle_category.id,
                "company_id": cls.store.id,
            }
        )
        cls.insurer = cls.env["res.partner"].create(
            {"name": "中国平安财产保险股份有限公司佛山分公司", "is_company": True, "dealer_is_insurer": True}
        )
        cls.manufacturer = cls.env["res.partner"].create(
            {"name": "广汽丰田汽车有限公司（佛山测试）", "is_company": True}
        )
        cls.brand = cls.env["fleet.vehicle.model.brand"].create(
            {"name": "佛山丰田", "warranty_partner_id": cls.manufacturer.id}
        )
        cls.model = cls.env["fleet.vehicle.model"].create({"name": "凯美瑞", "brand_id": cls.brand.id})
        cls.golive = fields.Date.context_today(cls.env["res.partner"])
        cls.manager = new_test_user(
            cls.env,
            login="golive_manager",
            groups="base.group_user,dealer_aftersales.dealer_aftersales_group_manager",
            company_id=cls.store.id,
            company_ids=[cls.store.id],
            lang="en_US",
        )
        cls.advisor = new_test_user(
            cls.env,
            login="golive_advisor",
            groups="base.group_user,dealer_aftersales.dealer_aftersales_group_user",
            company_id=cls.store.id,
            company_ids=[cls.store.id],
            lang="en_US",
        )

    def ago(self, days):
        return self.golive - datetime.timedelta(days=days)

    def _job(self, data, file_name="期初数据.xlsx", **values):
        return (
            self.env["dealer.golive.import"]
            .with_user(self.manager)
            .create(
                {
                    "company_id": self.store.id,
                    "file_data": base64.b64encode(data),
                    "file_name": file_name,
                    "golive_date": self.golive,
                    "warehouse_id": self.warehouse.id,
                    "opening_account_id": self.opening.id,
                    **values,
                }
            )
        )

    def _progress(self, job):
        """(percent, label) of the progress messages the import sent its user, in order."""
        messages = self.env["bus.bus"].sudo().search([("message", "like", "dealer_golive_progress")], order="id")
        payloads = [json.loads(message.message)["payload"] for message in messages]
        return [(p["percent"], p["label"]) for p in payloads if p["id"] == job.id]

    def _problems(self, job):
        return [(p.sheet, p.row, p.message) for p in job.problem_ids.filtered("blocking")]
