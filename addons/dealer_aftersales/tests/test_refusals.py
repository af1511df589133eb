"""The refusal catalogue: every "no" the after-sales addon says, in one place.

Each case is a row of ``TestRefusals._cases``: a name, a setup that builds what the refusal
needs, the action refused, the exception class, a distinctive part of its zh_CN message (from
i18n/zh_CN.po) and a ``watch`` of what the refused call must leave unchanged. A case runs in its
own savepoint, rolled back afterwards, and reports its name on failure (subTest). Every action
runs with ``lang="zh_CN"``; the number of journal entries and payments is watched for every case.

To add a refusal, add a row.
"""

import datetime
from collections import namedtuple
from contextlib import nullcontext

from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import CSV_IMPORT_OPTIONS, DealerClaimCase

Case = namedtuple("Case", "name setup action exception fragment watch freeze", defaults=(None,))

# Monday 3 June 2030, 09:00 China time (UTC+8); "now" is the day before (see test_appointment).
APPOINTMENT_NOW = "2030-06-02 02:00:00"
MONDAY_0900 = datetime.datetime(2030, 6, 3, 1, 0)

BAD_CHECK_DIGIT = "LVGBE40K1PG000001"  # the 9th character should be 9


@tagged("post_install", "-at_install")
class TestRefusals(DealerClaimCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.fault = cls.env["dealer.fault.code"].create(
            {"code": "B1099", "name": "刹车异响（拒绝测试）", "operation_ids": [Command.set(cls.brake_job.ids)]}
        )

    # ------------------------------------------------------------------ helpers

    @staticmethod
    def zh(records):
        """The records in the service advisor's language."""
        return records.with_context(lang="zh_CN")

    def _journal_counts(self):
        return {
            "account.move": self.env["account.move"].search_count([]),
            "account.payment": self.env["account.payment"].search_count([]),
        }

    def _repair_with_lines(self, data):
        data["repair"] = self._order(labor=[("检查底盘", 1, "customer")], parts=[(self.oil_filter, 2, "customer")])

    def _invoiced_repair(self, data):
        data["repair"] = self._finish(
            self._order(labor=[(self.oil_change, None, "customer")], parts=[(self.oil_filter, 1, "customer")])
        )
        data["repair"].with_user(self.accountant).action_dealer_invoice()

    def _assessed_claim(self, data):
        data["claim"] = self._claim("PICC-REFUSAL-A")
        data["claim"].action_assess()

    def _settled_claim(self, data):
        data["claim"] = self._invoiced_claim("PICC-REFUSAL-S")
        data["claim"].with_user(self.accountant)._settle(data["claim"].amount_open, self.bank, fields.Date.today())
        self.assertEqual(data["claim"].state, "settled")

    def _watch_claim(self, data):
        claim = data["claim"]
        return {
            "state": claim.state,
            "approved": claim.approved_amount,
            "deductible": claim.deductible,
            "paid": claim.amount_paid,
            "open": claim.amount_open,
            "settlements": len(claim.settlement_ids),
            "exists": claim.exists().ids,
        }

    def _watch_repair_lines(self, data):
        repair = data["repair"]
        return {
            "labor": sorted(repair.labor_line_ids.mapped(lambda line: (line.name, line.hours, line.discount))),
            "parts": sorted(
                repair.move_ids.mapped(lambda move: (move.product_id.id, move.product_uom_qty, move.dealer_discount))
            ),
        }

    def _price_exception(self, data):
        repair = self._order(labor=[(self.oil_change, None, "customer")])
        repair.action_validate()
        repair.labor_line_ids.with_user(self.manager).write({"discount": 15})
        data["exception"] = self.env["dealer.price.exception"].search([("repair_id", "=", repair.id)])
        self.assertEqual(len(data["exception"]), 1)

    def _watch_repair_moves(self, data):
        return {"exists": data["repair"].exists().ids, "moves": sorted(data["repair"].dealer_move_ids.ids)}

    def _appointment_store(self, data, bays=1):
        """A store with ``bays`` quick-service bays and as many technicians, and a car (time frozen)."""
        store = self.env["res.company"].create({"name": "广州天河店（拒绝测试）"})
        store.resource_calendar_id.tz = "Asia/Shanghai"
        self.env.user.company_ids |= store
        for index in range(bays):
            self.env["dealer.bay"].create({"name": f"快保 {index + 1}", "bay_type": "quick", "company_id": store.id})
            self.env["hr.employee"].create(
                {"name": f"技师{index + 1}", "dealer_is_technician": True, "company_id": store.id}
            )
        self.owner.company_id = False
        car = self.env["dealer.vehicle"].create(
            {"vin": "11111111111111111", "model_id": self.model.id, "partner_id": self.owner.id, "company_id": store.id}
        )
        data.update(store=store, car=car)
        data["appointments"] = self.env["dealer.appointment"].with_context(
            allowed_company_ids=[store.id], tz="Asia/Shanghai"
        )

    def _book(self, data, start=MONDAY_0900):
        return self.zh(data["appointments"]).create(
            {
                "vehicle_id": data["car"].id,
                "start": start,
                "duration": 1.0,
                "service_type": "maintenance",
                "company_id": data["store"].id,
            }
        )

    def _watch_appointments(self, data):
        return self.env["dealer.appointment"].search_count([("company_id", "=", data["store"].id)])

    def _warranty_claim_invoiced(self, data):
        data["warranty_claim"] = self._approved_warranty_claim(self.fault)

    def _remittance_applied(self, data):
        data["claim"], data["remittance"] = self._applied_remittance("PICC-REFUSAL-R", "人保 赔款到账（拒绝测试）")

    # ------------------------------------------------------------------ the catalogue

    def _cases(self):
        Labor = self.env["dealer.repair.labor"]
        Reading = self.env["dealer.vehicle.odometer"]
        today = fields.Date.today()

        def vehicle_count(data):
            return self.Vehicle.search_count([])

        def no_setup(data):
            pass

        def earlier_reading(data):
            Reading.create({"vehicle_id": self.vehicle.id, "value": 20000, "date": today - datetime.timedelta(days=5)})

        def watch_odometer(data):
            return (self.vehicle.odometer, Reading.search_count([("vehicle_id", "=", self.vehicle.id)]))

        def create_labor(**values):
            return lambda data: self.zh(Labor).create({"repair_id": data["repair"].id, "name": "调整", **values})

        def add_part(**values):
            def action(data):
                self.zh(data["repair"]).write(
                    {
                        "move_ids": [
                            Command.create({"product_id": self.brake_pads.id, "repair_line_type": "add", **values})
                        ]
                    }
                )

            return action

        def settle(amount):
            return lambda data: self.zh(data["claim"].with_user(self.accountant))._settle(
                amount, self.bank, fields.Date.today()
            )

        def invoiced_claim(data):
            data["claim"] = self._invoiced_claim("PICC-REFUSAL-I")

        return [
            # Vehicles and odometer
            Case(
                "VIN with a wrong check digit",
                no_setup,
                lambda data: self.zh(self.Vehicle).create(
                    {"vin": BAD_CHECK_DIGIT, "model_id": self.model.id, "partner_id": self.owner.id}
                ),
                ValidationError,
                "校验位错误：第 9 位应为 9，而不是 1",
                vehicle_count,
            ),
            Case(
                "VIN of 16 characters",
                no_setup,
                lambda data: self.zh(self.Vehicle).create(
                    {"vin": "LVGBE40K9PG00000", "model_id": self.model.id, "partner_id": self.owner.id}
                ),
                ValidationError,
                "必须为 17 位，而不是 16 位",
                vehicle_count,
            ),
            Case(
                "VIN of a registered vehicle changed to an invalid one",
                no_setup,
                lambda data: self.zh(self.vehicle).write({"vin": BAD_CHECK_DIGIT}),
                ValidationError,
                "校验位错误",
                lambda data: self.vehicle.vin,
            ),
            Case(
                "odometer reading below the previous one",
                earlier_reading,
                lambda data: self.zh(Reading).create({"vehicle_id": self.vehicle.id, "value": 15000, "date": today}),
                ValidationError,
                "的里程不能从 20000 km",
                watch_odometer,
            ),
            Case(
                "repair order checked in below the odometer",
                earlier_reading,
                lambda data: self.zh(self.env["repair.order"]).create(
                    {"vehicle_id": self.vehicle.id, "mileage_in": 15000}
                ),
                ValidationError,
                "的里程不能从 20000 km",
                lambda data: (watch_odometer(data), self.env["repair.order"].search_count([])),
            ),
            # Repair order lines
            Case(
                "labor line of zero hours",
                self._repair_with_lines,
                create_labor(hours=0),
                ValidationError,
                "工时必须大于零",
                self._watch_repair_lines,
            ),
            Case(
                "labor line of negative hours",
                self._repair_with_lines,
                create_labor(hours=-1),
                ValidationError,
                "工时必须大于零",
                self._watch_repair_lines,
            ),
            Case(
                "labor hours changed to zero",
                self._repair_with_lines,
                lambda data: self.zh(data["repair"].labor_line_ids).write({"hours": 0}),
                ValidationError,
                "工时必须大于零（检查底盘）",
                self._watch_repair_lines,
            ),
            Case(
                "labor discount over 100 %",
                self._repair_with_lines,
                create_labor(hours=1, discount=120),
                ValidationError,
                "折扣必须在 0 到 100 % 之间",
                self._watch_repair_lines,
            ),
            Case(
                "part discount (dealer_discount) over 100 %",
                self._repair_with_lines,
                add_part(product_uom_qty=1, dealer_discount=120),
                ValidationError,
                "折扣必须在 0 到 100 % 之间（前刹车片）",
                self._watch_repair_lines,
            ),
            Case(
                "negative part discount",
                self._repair_with_lines,
                lambda data: self.zh(data["repair"].move_ids).write({"dealer_discount": -5}),
                ValidationError,
                "折扣必须在 0 到 100 % 之间",
                self._watch_repair_lines,
            ),
            # Insurance claims
            Case(
                "claim approved above the assessed amount",
                self._assessed_claim,
                lambda data: self.zh(data["claim"]).action_approve(3500, 0),
                UserError,
                "核定：保险公司定损金额为",
                self._watch_claim,
            ),
            Case(
                "deductible above the approved amount",
                self._assessed_claim,
                lambda data: self.zh(data["claim"]).action_approve(3000, 4000),
                UserError,
                "的免赔额（",
                self._watch_claim,
            ),
            Case(
                "settlement above the open amount",
                invoiced_claim,
                settle(3000),
                UserError,
                "的未结金额（",
                self._watch_claim,
            ),
            Case(
                "settled claim paid again",
                self._settled_claim,
                settle(100),
                UserError,
                "没有可结算的金额",
                self._watch_claim,
            ),
            Case(
                "settled claim opened in the settlement wizard",
                self._settled_claim,
                lambda data: self.zh(data["claim"].with_user(self.accountant)).action_settle(),
                UserError,
                "此操作需要状态为",
                self._watch_claim,
            ),
            # Invoicing
            Case(
                "repair order invoiced twice",
                self._invoiced_repair,
                lambda data: self.zh(data["repair"].with_user(self.accountant)).action_dealer_invoice(),
                UserError,
                "已开票。如需更正",
                self._watch_repair_moves,
            ),
            # Appointments
            Case(
                "appointment in the past",
                self._appointment_store,
                lambda data: self._book(data, start=datetime.datetime(2030, 6, 1, 1, 0)),
                UserError,
                "已经过去：请选择更晚的时间",
                self._watch_appointments,
                APPOINTMENT_NOW,
            ),
            Case(
                "appointment in a full slot",
                lambda data: (self._appointment_store(data), self._book(data)),
                self._book,
                UserError,
                "时段已满。可预约时段：2030-06-03 10:00",
                self._watch_appointments,
                APPOINTMENT_NOW,
            ),
            Case(
                "negative part quantity at confirmation",
                lambda data: data.update(
                    repair=self._order(labor=[("检查底盘", 1, "customer")], parts=[(self.oil_filter, -1, "customer")])
                ),
                lambda data: self.zh(data["repair"]).action_validate(),
                UserError,
                "不能输入负数数量",
                lambda data: (data["repair"].state, data["repair"].move_ids.mapped("product_uom_qty")),
            ),
            Case(
                "part quantity 0 at confirmation",
                lambda data: data.update(
                    repair=self._order(labor=[("检查底盘", 1, "customer")], parts=[(self.oil_filter, 0, "customer")])
                ),
                lambda data: self.zh(data["repair"]).action_validate(),
                UserError,
                "数量为 0 的配件",
                lambda data: (data["repair"].state, data["repair"].move_ids.mapped("product_uom_qty")),
            ),
            Case(
                "price exceptions log edited",
                self._price_exception,
                lambda data: self.zh(data["exception"].with_user(self.manager)).write({"new_value": "0"}),
                UserError,
                "价格例外日志不能修改",
                lambda data: data["exception"].read(["old_value", "new_value", "user_id", "date", "reviewed"]),
            ),
            # Deleting what has journal entries
            Case(
                "invoiced repair order deleted",
                self._invoiced_repair,
                lambda data: self.zh(data["repair"]).unlink(),
                UserError,
                "已有发票或会计分录，不能删除",
                self._watch_repair_moves,
            ),
            Case(
                "invoiced insurance claim deleted",
                invoiced_claim,
                lambda data: self.zh(data["claim"].with_user(self.manager)).unlink(),
                UserError,
                "已开票或已结算的理赔单不能删除",
                self._watch_claim,
            ),
            Case(
                "settled insurance claim deleted",
                self._settled_claim,
                lambda data: self.zh(data["claim"].with_user(self.manager)).unlink(),
                UserError,
                "已开票或已结算的理赔单不能删除",
                self._watch_claim,
            ),
            Case(
                "invoiced warranty claim deleted",
                self._warranty_claim_invoiced,
                lambda data: self.zh(data["warranty_claim"].with_user(self.manager)).unlink(),
                UserError,
                "已有发票或转结算分录，不能删除",
                lambda data: (data["warranty_claim"].exists().ids, data["warranty_claim"].state),
            ),
            Case(
                "applied insurer remittance deleted",
                self._remittance_applied,
                lambda data: self.zh(data["remittance"].with_user(self.accountant)).unlink(),
                UserError,
                "已核销，不能删除",
                lambda data: (
                    data["remittance"].exists().ids,
                    data["remittance"].line_ids.ids,
                    self._watch_claim(data),
                ),
            ),
            # Any client, any value (the outside client's attempts, test_outside_client.py)
            Case(
                "odometer beyond 2 000 000 km",
                no_setup,
                lambda data: self.zh(self.vehicle.with_user(self.advisor)).write({"odometer": 3_000_000_000}),
                ValidationError,
                "不能大于 2000000（现为 3000000000）",
                watch_odometer,
            ),
            Case(
                "check-in mileage beyond its column",
                self._repair_with_lines,
                lambda data: self.zh(data["repair"].with_user(self.advisor)).write({"mileage_in": 3_000_000_000}),
                ValidationError,
                "不能大于 2000000",
                lambda data: (data["repair"].mileage_in, watch_odometer(data)),
            ),
            Case(
                "odometer reading dated 1800",
                no_setup,
                lambda data: self.zh(Reading).create(
                    {"vehicle_id": self.vehicle.id, "value": 100, "date": "1800-01-01"}
                ),
                ValidationError,
                "必须在 1900-01-01 到 2100-12-31 之间",
                watch_odometer,
            ),
            Case(
                "appointment starting on 9999-12-31",
                no_setup,
                lambda data: self.zh(self.env["dealer.appointment"].with_user(self.advisor)).create(
                    {"vehicle_id": self.vehicle.id, "start": "9999-12-31 02:00:00", "duration": 1}
                ),
                ValidationError,
                "必须在 1900-01-01 到 2100-12-31 之间",
                lambda data: self.env["dealer.appointment"].search_count([]),
            ),
            Case(
                "appointment lasting 1e8 hours",
                no_setup,
                lambda data: self.zh(self.env["dealer.appointment"].with_user(self.advisor)).create(
                    {"vehicle_id": self.vehicle.id, "start": MONDAY_0900, "duration": 1e8}
                ),
                ValidationError,
                "不能大于 720",
                lambda data: self.env["dealer.appointment"].search_count([]),
            ),
            Case(
                "insurer's report number of 100 kB",
                no_setup,
                lambda data: self.zh(self.Claim.with_user(self.advisor)).create(
                    {"insurer_id": self.insurer.id, "vehicle_id": self.vehicle.id, "report_number": "X" * 100_000}
                ),
                ValidationError,
                "最多 256 个字符",
                lambda data: self.Claim.search_count([]),
            ),
            Case(
                "labor hours of 1e9",
                self._repair_with_lines,
                lambda data: self.zh(data["repair"].labor_line_ids.with_user(self.advisor)).write({"hours": 1e9}),
                ValidationError,
                "不能大于 1000",
                self._watch_repair_lines,
            ),
            Case(
                "labor rate of 1e16",
                self._repair_with_lines,
                lambda data: self.zh(data["repair"].labor_line_ids.with_user(self.advisor)).write({"rate": 1e16}),
                ValidationError,
                "不能大于 1000000（",
                lambda data: data["repair"].labor_line_ids.mapped("rate"),
            ),
            Case(
                "part price below zero",
                self._repair_with_lines,
                lambda data: self.zh(data["repair"].move_ids.with_user(self.advisor)).write(
                    {"dealer_price_unit": -100}
                ),
                ValidationError,
                "不能小于 0",
                lambda data: data["repair"].move_ids.mapped("dealer_price_unit"),
            ),
            Case(
                "part price of 1e18",
                self._repair_with_lines,
                lambda data: self.zh(data["repair"].move_ids.with_user(self.advisor)).write(
                    {"dealer_price_unit": 1e18}
                ),
                ValidationError,
                "不能大于 1000000（",
                lambda data: data["repair"].move_ids.mapped("dealer_price_unit"),
            ),
            Case(
                "promised completion before the check-in",
                self._repair_with_lines,
                lambda data: self.zh(data["repair"].with_user(self.advisor)).write(
                    {"promised_completion_time": data["repair"].checkin_time - datetime.timedelta(days=1)}
                ),
                ValidationError,
                "早于进厂时间",
                lambda data: data["repair"].promised_completion_time,
            ),
            Case(
                "receivables aging of a date that is none",
                no_setup,
                lambda data: self.zh(self.env["dealer.receivable.analysis"].with_user(self.accountant)).aging(
                    "garbage"
                ),
                UserError,
                "必须是日期（例如 2026-10-31），而不是 'garbage'",
                no_setup,
            ),
            Case(
                "stock turnover from month 13",
                no_setup,
                lambda data: self.zh(self.env["dealer.inventory.analysis"].with_user(self.accountant)).turnover(
                    "2026-13-45", "2026-12-31"
                ),
                UserError,
                "期间开始日期 必须是日期",
                no_setup,
            ),
            # States, approvals and posted links change through their actions only
            Case(
                "claim settled by writing its status",
                invoiced_claim,
                lambda data: self.zh(data["claim"].with_user(self.advisor)).write({"state": "settled"}),
                UserError,
                "只能通过其操作（或经理留痕的更正）改变",
                self._watch_claim,
            ),
            Case(
                "claim approved at ten times the assessment",
                self._assessed_claim,
                lambda data: self.zh(data["claim"].with_user(self.advisor)).write({"approved_amount": 30000}),
                ValidationError,
                "核定：保险公司定损金额为",
                self._watch_claim,
            ),
            Case(
                "applied remittance written back to draft",
                self._remittance_applied,
                lambda data: self.zh(data["remittance"].with_user(self.accountant)).write({"state": "draft"}),
                UserError,
                "只能通过其操作",
                lambda data: (data["remittance"].state, self._watch_claim(data)),
            ),
            Case(
                "applied remittance applied again",
                self._remittance_applied,
                lambda data: self.zh(data["remittance"].with_user(self.accountant)).action_apply(),
                UserError,
                "已核销",
                lambda data: (data["remittance"].state, self._watch_claim(data)),
            ),
            Case(
                "invoiced order's invoices cleared",
                self._invoiced_repair,
                lambda data: self.zh(data["repair"].with_user(self.accountant)).write(
                    {"dealer_move_ids": [Command.clear()]}
                ),
                UserError,
                "只能通过其操作",
                self._watch_repair_moves,
            ),
            Case(
                "invoice's repair orders cleared",
                self._invoiced_repair,
                lambda data: self.zh(data["repair"].dealer_move_ids.with_user(self.accountant)).write(
                    {"dealer_repair_ids": [Command.clear()]}
                ),
                UserError,
                "由售后开票设定",
                self._watch_repair_moves,
            ),
        ]

    def test_refusals(self):
        self.assertTrue(self.env["res.lang"]._lang_get("zh_CN"), "the test database needs zh_CN")
        for case in self._cases():
            frozen = freeze_time(case.freeze) if case.freeze else nullcontext()
            with self.subTest(case=case.name), self.env.cr.savepoint() as savepoint, frozen:
                self._run(case)
                savepoint.close(rollback=True)  # the next case starts from the same data

    def _run(self, case):
        data = {}
        case.setup(data)
        before = (case.watch(data), self._journal_counts())
        with self.assertRaises(Exception) as caught:
            case.action(data)
        error = caught.exception
        message = str(error)
        self.assertIs(type(error), case.exception, f"{case.name}: {type(error).__name__}: {message}")
        self.assertIn(case.fragment, message, f"{case.name}: not the expected zh_CN message")
        self.env.invalidate_all()
        self.assertEqual((case.watch(data), self._journal_counts()), before, f"{case.name}: something changed")

    # ------------------------------------------------------------------ vehicle import

    def test_import_with_bad_rows(self):
        """The importer does not raise: it reports each bad row, in Chinese, and imports nothing."""
        owner = self.env["res.partner"].create({"name": "导入车主（拒绝测试）"})
        header = ["VIN", "License Plate", "Model", "Owner", "Odometer (km)"]
        rows = [
            ["lvgbe40k9pg000001", "粤B·20001", self.model.name, owner.name, "12000"],
            [BAD_CHECK_DIGIT, "粤B·20002", self.model.name, owner.name, "100"],
            ["LVGBE40K9PG00000", "粤B·20003", self.model.name, owner.name, "100"],
            ["1M8GDM9AXKP042788", "粤B·20004", "不存在的车型", owner.name, "100"],
        ]
        content = "\n".join(",".join(row) for row in [header, *rows]).encode()
        vehicles, readings = self.Vehicle.search_count([]), self.Reading.search_count([])
        importer = (
            self.env["base_import.import"]
            .with_user(self.advisor)
            .with_context(lang="zh_CN")
            .create({"res_model": "dealer.vehicle", "file": content, "file_type": "text/csv", "file_name": "车辆.csv"})
        )
        # The row with an unknown model reaches PostgreSQL's NOT NULL, which the importer reports
        # as a row error; its "bad query" log line is expected.
        with mute_logger("odoo.sql_db"):
            result = importer.execute_import(
                ["vin", "license_plate", "model_id", "partner_id", "odometer"], header, CSV_IMPORT_OPTIONS, dryrun=False
            )
        by_row = {}
        for message in result["messages"]:
            self.assertEqual(message["type"], "error", message)
            by_row.setdefault(message["rows"]["from"], []).append(message["message"])
        self.assertEqual(sorted(by_row), [1, 2, 3], result["messages"])
        self.assertIn("校验位错误：第 9 位应为 9，而不是 1", " ".join(by_row[1]))
        self.assertIn("必须为 17 位，而不是 16 位", " ".join(by_row[2]))
        self.assertIn("不存在的车型", " ".join(by_row[3]))
        self.assertFalse(result["ids"])
        self.assertEqual(self.Vehicle.search_count([]), vehicles, "nothing may be half-imported")
        self.assertEqual(self.Reading.search_count([]), readings)
