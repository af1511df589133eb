"""The old systems' files as they come: GBK CSV, full-width digits, dates written every way."""

import datetime
import io
import zipfile
from decimal import Decimal

from odoo.tests import BaseCase, tagged

from ..reader import ReadError, parse_date, parse_number, read_file, table


@tagged("post_install", "-at_install")
class TestReader(BaseCase):
    def test_dates_as_stores_write_them(self):
        expected = datetime.date(2024, 3, 5)
        for text in (
            "2024-03-05",
            "2024/3/5",
            "2024.3.5",
            "20240305",
            "2024年3月5日",
            "２０２４－０３－０５",
            45356,
            "2024-03-05 14:30",
        ):
            self.assertEqual(parse_date(text), expected, text)
        for bad in ("2024-02-30", "05/03/2024", "明天"):
            with self.assertRaises(ValueError):
                parse_date(bad)
        self.assertIsNone(parse_date("  "))

    def test_numbers_as_stores_write_them(self):
        self.assertEqual(parse_number("¥1,234.50"), Decimal("1234.50"))
        self.assertEqual(parse_number("１２３"), Decimal(123))
        self.assertEqual(parse_number("88元"), Decimal(88))
        self.assertEqual(parse_number("12.5-"), Decimal("-12.5"))
        for bad in ("abc", "nan", "inf", "1.2.3"):
            with self.assertRaises(ValueError):
                parse_number(bad)

    def test_gbk_csv_and_a_zip_of_csv(self):
        text = "配件编码,数量\nFS-1,３\n"
        sheets = read_file(text.encode("gb18030"), "配件库存.csv")
        index, rows, unknown = table(sheets["配件库存"], {"code": ("配件编码",), "quantity": ("数量",)})
        self.assertEqual((index, rows, unknown), ({"code": 0, "quantity": 1}, [(2, ["FS-1", "３"])], []))
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("期初/配件库存.csv", "\ufeff配件编码;数量\nFS-2;4\n".encode())
        sheets = read_file(buffer.getvalue(), "期初.zip")
        self.assertEqual(sheets["配件库存"], [["配件编码", "数量"], ["FS-2", "4"]])
        with self.assertRaises(ReadError):
            read_file(b"PK\x03\x04garbage", "x.xlsx")
