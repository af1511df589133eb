"""Importing customer vehicles through Odoo's importer (base_import), as a
service advisor does from a spreadsheet: bad rows are reported row by row and
nothing is half-imported."""

import io

import xlsxwriter

from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.dealer_aftersales.tests.common import CSV_IMPORT_OPTIONS

HEADER = ["VIN", "License Plate", "Model", "Owner", "Odometer (km)"]
FIELDS = ["vin", "license_plate", "model_id", "partner_id", "odometer"]
GOOD = [
    ["lvgbe40k9pg000001", "粤A·10001", "导入测试车型", "导入车主甲", "12000"],
    ["1M8GDM9AXKP042788", "粤A·10002", "导入测试车型", "导入车主乙", "35000"],
]
BAD = [
    ["LVGBE40K1PG000001", "粤A·10003", "导入测试车型", "导入车主甲", "100"],  # check digit
    ["LVGBE40K9PG00000", "粤A·10004", "导入测试车型", "导入车主甲", "100"],  # 16 characters
    ["11111111111111111", "粤A·10005", "不存在的车型", "导入车主甲", "100"],  # unknown model
]
OPTIONS = CSV_IMPORT_OPTIONS


def _csv(rows):
    lines = [",".join(HEADER)] + [",".join(row) for row in rows]
    return "\n".join(lines).encode()


def _xlsx(rows):
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = workbook.add_worksheet()
    for row_index, row in enumerate([HEADER, *rows]):
        sheet.write_row(row_index, 0, row)
    workbook.close()
    return buffer.getvalue()


@tagged("post_install", "-at_install")
class TestVehicleImport(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        brand = cls.env["fleet.vehicle.model.brand"].create({"name": "导入测试品牌"})
        cls.env["fleet.vehicle.model"].create({"name": "导入测试车型", "brand_id": brand.id})
        cls.env["res.partner"].create([{"name": "导入车主甲"}, {"name": "导入车主乙"}])
        cls.advisor = new_test_user(
            cls.env,
            login="import_advisor",
            groups="base.group_user,dealer_aftersales.dealer_aftersales_group_user",
            lang="zh_CN",
        )

    def _import(self, content, file_type, file_name):
        importer = (
            self.env["base_import.import"]
            .with_user(self.advisor)
            .with_context(lang=self.advisor.lang)
            .create({"res_model": "dealer.vehicle", "file": content, "file_type": file_type, "file_name": file_name})
        )
        return importer.execute_import(FIELDS, HEADER, OPTIONS, dryrun=False)

    def _vehicles(self):
        return self.env["dealer.vehicle"].search([("license_plate", "like", "粤A·1000")])

    def test_good_csv_imports_vehicles_with_readings(self):
        result = self._import(_csv(GOOD), "text/csv", "vehicles.csv")
        self.assertEqual(result["messages"], [])
        vehicles = self._vehicles().sorted("license_plate")
        self.assertEqual(vehicles.mapped("vin"), ["LVGBE40K9PG000001", "1M8GDM9AXKP042788"])
        self.assertEqual(vehicles.mapped("odometer"), [12000, 35000])
        self.assertEqual(vehicles.mapped("odometer_ids.source"), ["manual", "manual"])
        self.assertEqual(vehicles[0].partner_id.name, "导入车主甲")
        self.assertEqual(vehicles[0].owner_ids.partner_id, vehicles[0].partner_id)

    def _assert_bad_rows_reported(self, result):
        errors = [m for m in result["messages"] if m["type"] == "error"]
        by_row = {}
        for message in errors:
            by_row.setdefault(message["rows"]["from"], []).append(message["message"])
        # Rows are numbered from 0 among the data rows: GOOD are 0-1, BAD 2-4.
        self.assertEqual(sorted(by_row), [2, 3, 4], result["messages"])
        # The service advisor works in Chinese: so do the messages.
        self.assertIn("校验位错误：第 9 位应为 9，而不是 1", " ".join(by_row[2]))
        self.assertIn("必须为 17 位，而不是 16 位", " ".join(by_row[3]))
        self.assertIn("不存在的车型", " ".join(by_row[4]))
        self.assertFalse(result["ids"])
        self.assertFalse(self._vehicles(), "nothing may be half-imported")
        self.assertFalse(self.env["dealer.vehicle.odometer"].search([("value", "in", [12000, 35000])]))

    def test_bad_csv_rows_reported_and_nothing_imported(self):
        self._assert_bad_rows_reported(self._import(_csv(GOOD + BAD), "text/csv", "vehicles.csv"))

    def test_bad_xlsx_rows_reported_and_nothing_imported(self):
        content = _xlsx(GOOD + BAD)
        file_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        self._assert_bad_rows_reported(self._import(content, file_type, "vehicles.xlsx"))
