"""Fixtures of the tests, by area: vehicles, repair orders and their store, claims."""

from odoo import Command
from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.dealer_aftersales.models.dealer_vehicle import vin_check_digit

# Odoo's importer options for a spreadsheet saved as UTF-8 CSV, as the import dialog sends them.
CSV_IMPORT_OPTIONS = {
    "quoting": '"',
    "separator": ",",
    "has_headers": True,
    "encoding": "utf-8",
    "float_thousand_separator": ",",
    "float_decimal_separator": ".",
}


def make_vin(serial, prefix="LVGBE40K0PG"):
    """A valid VIN with the given serial number (last six characters)."""
    vin = f"{prefix}{serial:06d}"
    return vin[:8] + vin_check_digit(vin) + vin[9:]


class DealerVehicleCase(TransactionCase):
    """A brand with the reference interval (6 months / 7 500 km), a model and an owner."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Messages are asserted in English here; test_vehicle_vin checks zh_CN.
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.company = cls.env.company
        cls.brand = cls.env["fleet.vehicle.model.brand"].create(
            {"name": "Test Brand", "service_interval_months": 6, "service_interval_km": 7500}
        )
        cls.model = cls.env["fleet.vehicle.model"].create({"name": "Test Sedan", "brand_id": cls.brand.id})
        cls.owner = cls.env["res.partner"].create({"name": "王伟", "lang": "en_US"})
        cls.Vehicle = cls.env["dealer.vehicle"]
        cls.Reading = cls.env["dealer.vehicle.odometer"]

    @classmethod
    def _vehicle(cls, vin, **values):
        return cls.Vehicle.create({"vin": vin, "model_id": cls.model.id, "partner_id": cls.owner.id, **values})


@tagged("post_install", "-at_install")
class DealerRepairCase(DealerVehicleCase):
    """A store with 13 % VAT on labor and parts, a rate per pay type, a
    customer, an insurer, the brand's warranty payer and a stocked part."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.company
        # Cars are handed over here without the cashier's desk (test_cashier turns it on).
        company.dealer_pay_before_handover = False
        # The store's sale tax (with its tax account), at China's 13 %.
        cls.vat13 = company.account_sale_tax_id.copy({"name": "VAT 13% (test)", "amount": 13})
        cls.tax_account = cls.vat13.invoice_repartition_line_ids.filtered(
            lambda l: l.repartition_type == "tax"
        ).account_id
        assert cls.tax_account, "the store's sale tax must post to a tax account"
        cls.labor_product = cls.env.ref("dealer_aftersales.product_product_labor")
        cls.labor_product.taxes_id = cls.vat13
        cls.configs = {
            pay_type: cls.env["dealer.pay.type.config"]._get(company, pay_type)
            for pay_type in ("customer", "insurance", "warranty", "internal")
        }
        for pay_type, rate in (("customer", 150), ("insurance", 180), ("warranty", 120), ("internal", 80)):
            cls.configs[pay_type].labor_rate = rate
        cls.insurer = cls.env["res.partner"].create({"name": "中国人保财险广州分公司", "dealer_is_insurer": True})
        cls.maker = cls.env["res.partner"].create({"name": "广汽丰田汽车有限公司", "is_company": True})
        cls.brand.warranty_partner_id = cls.maker
        cls.vehicle = cls._vehicle("11111111111111111", license_plate="粤A·12345")
        stock = cls.env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1).lot_stock_id

        def part(name, price, cost):
            product = cls.env["product.product"].create(
                {
                    "name": name,
                    "is_storable": True,
                    "lst_price": price,
                    "standard_price": cost,
                    "taxes_id": cls.vat13.ids,
                }
            )
            cls.env["stock.quant"]._update_available_quantity(product, stock, 20)
            return product

        cls.oil_filter = part("机油滤清器", 80, 40)
        cls.brake_pads = part("前刹车片", 400, 220)
        cls.ecu = part("发动机控制单元", 300, 260)
        cls.oil_change = cls.env["dealer.labor.operation"].create(
            {"code": "OIL01", "name": "更换机油机滤", "hours": 0.5}
        )
        cls.brake_job = cls.env["dealer.labor.operation"].create(
            {"code": "BRK02", "name": "更换前刹车片", "hours": 1.2}
        )
        cls.noise = cls.env.ref("dealer_aftersales.symptom_noise")

    def _order(self, labor=(), parts=(), **values):
        """labor: (operation or name, hours or None, pay type); parts: (product, qty, pay type)."""
        labor_lines = []
        for operation, hours, pay_type in labor:
            line = {"pay_type": pay_type}
            if isinstance(operation, str):
                line.update(name=operation, hours=hours)
            else:
                line.update(operation_id=operation.id)
            labor_lines.append(Command.create(line))
        return self.env["repair.order"].create(
            {
                "vehicle_id": self.vehicle.id,
                "mileage_in": values.pop("mileage_in", 12000),
                "labor_line_ids": labor_lines,
                "move_ids": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "product_uom_qty": qty,
                            "repair_line_type": "add",
                            "dealer_pay_type": pay_type,
                        }
                    )
                    for product, qty, pay_type in parts
                ],
                **values,
            }
        )

    def _finish(self, repair):
        repair.action_validate()
        repair.action_repair_start()
        repair.action_repair_end()
        self.assertEqual(repair.state, "done")
        return repair

    def _lines(self, move):
        """(account, debit, credit) of a posted move, sorted."""
        return sorted((line.account_id.id, line.debit, line.credit) for line in move.line_ids)

    def _assert_balanced(self, move):
        self.assertEqual(move.state, "posted")
        self.assertAlmostEqual(sum(move.line_ids.mapped("debit")), sum(move.line_ids.mapped("credit")), places=2)


@tagged("post_install", "-at_install")
class DealerClaimCase(DealerRepairCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.company
        cls.bank = cls.env["account.journal"].search(
            [*cls.env["account.journal"]._check_company_domain(company), ("type", "=", "bank")], limit=1
        )
        cls.writeoff_account = cls.env["account.account"].create(
            {"code": "660399", "name": "理赔差额", "account_type": "expense", "company_ids": [Command.set(company.ids)]}
        )
        company.dealer_claim_writeoff_account_id = cls.writeoff_account
        cls.receivable = cls.owner.with_company(company).property_account_receivable_id
        group = "dealer_aftersales.dealer_aftersales_group_"
        cls.advisor = new_test_user(cls.env, login="claim_sa", groups=f"{group}user")
        cls.accountant = new_test_user(cls.env, login="claim_acc", groups=f"{group}accountant")
        cls.manager = new_test_user(cls.env, login="claim_mgr", groups=f"{group}manager")
        cls.Claim = cls.env["dealer.insurance.claim"]

    def _claim(self, report_number="PICC-2026-001", **values):
        return self.Claim.with_user(self.advisor).create(
            {
                "insurer_id": self.insurer.id,
                "vehicle_id": self.vehicle.id,
                "report_number": report_number,
                "policy_number": "PDAA2026440100000123",
                "line_ids": [
                    Command.create({"kind": "labor", "name": "前保险杠钣金", "amount": 1000}),
                    Command.create({"kind": "parts", "name": "前保险杠皮", "amount": 2000}),
                    Command.create(
                        {"kind": "parts", "name": "轮毂（不在保险责任内）", "amount": 500, "covered": False}
                    ),
                ],
                **values,
            }
        )

    def _invoiced_claim(self, report_number="PICC-2026-001"):
        """Approved 2 800 with a deductible of 300; the order's insurance lines are 5 h x 180 = 900
        labor and 5 pads x 400 = 2 000 parts = 2 900, 100 above what the insurer approved.
        Insurer: 2 900 - 300 - 100 = 2 500 + 13 % = 2 825. Customer: 300 + 100 = 400 + 13 % = 452."""
        claim = self._repaired_claim(report_number)
        repair = claim.repair_id
        repair.with_user(self.accountant).action_dealer_invoice()
        repair.dealer_move_ids.with_user(self.accountant).action_post()
        return claim

    def _repaired_claim(self, report_number):
        """The claim of _invoiced_claim, its repair finished and not invoiced yet."""
        claim = self._claim(report_number)
        claim.action_assess()
        claim.action_approve(2800, 300)
        claim.with_user(self.advisor).action_start_repair()
        repair = claim.repair_id
        repair.write(
            {
                "mileage_in": 12000,
                "labor_line_ids": [Command.create({"name": "钣金喷漆", "hours": 5, "pay_type": "insurance"})],
                "move_ids": [
                    Command.create(
                        {
                            "product_id": self.brake_pads.id,
                            "product_uom_qty": 5,
                            "repair_line_type": "add",
                            "dealer_pay_type": "insurance",
                        }
                    )
                ],
            }
        )
        self._finish(repair)
        return claim

    def _approved_warranty_claim(self, fault):
        """A warranty order (brake job and pads) finished, its claim submitted, its invoice posted
        and the claim approved at what was claimed."""
        self.brand.write({"warranty_claim_days": 30, "warranty_parts_handling": 10})
        repair = self._finish(
            self._order(labor=[(self.brake_job, None, "warranty")], parts=[(self.brake_pads, 1, "warranty")])
        )
        claim = (
            self.env["dealer.warranty.claim"]
            .with_user(self.advisor)
            .create({"repair_id": repair.id, "fault_code_id": fault.id})
        )
        claim.action_submit()
        repair.with_user(self.accountant).action_dealer_invoice()
        repair.dealer_move_ids.with_user(self.accountant).action_post()
        claim.action_approve()
        self.assertTrue(claim.invoice_id)
        return claim

    def _applied_remittance(self, report_number, name):
        """An invoiced claim paid in full by an insurer remittance, applied: (claim, remittance)."""
        claim = self._invoiced_claim(report_number)
        remittance = (
            self.env["dealer.insurance.remittance"]
            .with_user(self.accountant)
            .create(
                {
                    "name": name,
                    "insurer_id": self.insurer.id,
                    "journal_id": self.bank.id,
                    "line_ids": [Command.create({"reference": report_number, "amount": claim.amount_open})],
                }
            )
        )
        remittance.action_apply()
        self.assertEqual((remittance.state, claim.state), ("done", "settled"))
        return claim, remittance

    def _receivable_lines(self, move):
        return move.line_ids.filtered(lambda line: line.account_id.account_type == "asset_receivable")


def store_of_its_own(env, name, calendar_name=None, chart="generic_coa"):
    """(env, store): a new store in China counting its days in Beijing time, with a chart of
    accounts, and ``env`` working in it only (the demo store's records do not mix in)."""
    env = env(context=dict(env.context, lang="en_US", tracking_disable=True))
    calendar = env["resource.calendar"].create({"name": calendar_name or f"{name}工作时间", "tz": "Asia/Shanghai"})
    store = env["res.company"].create(
        {
            "name": name,
            "resource_calendar_id": calendar.id,
            "country_id": env.ref("base.cn").id,
            "currency_id": env.ref("base.CNY").id,
        }
    )
    calendar.company_id = store
    env.user.company_ids |= store
    if chart:
        env["account.chart.template"].try_loading(chart, company=store, install_demo=False)
    env = env(context=dict(env.context, allowed_company_ids=[store.id]))
    return env, store.with_env(env)
