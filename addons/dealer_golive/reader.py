"""Reading the old system's files: xlsx workbooks (one sheet per kind), CSV files (one per kind,
UTF-8 or the GB18030/GBK Chinese exports of older systems write), or a zip of CSV files.

Cells come back as text, dates or numbers read the way a Chinese store types them: full-width
digits and letters, thousands separators, a currency sign, dates as 2024-03-05, 2024/3/5,
2024.3.5, 20240305, 2024年3月5日 or an Excel date. Nothing here touches the database."""

import contextlib
import csv
import datetime
import io
import re
import unicodedata
import zipfile
from decimal import Decimal, InvalidOperation

EXCEL_EPOCH = datetime.date(1899, 12, 30)
DATE_PATTERN = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T].*)?$")
COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


class ReadError(Exception):
    """A file that cannot be read at all (not a workbook, unknown encoding, no header)."""


def clean_text(value):
    """A cell as text: full-width characters folded (NFKC), blanks trimmed, None for empty."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime | datetime.date):
        value = value.isoformat()
    text = unicodedata.normalize("NFKC", str(value)).strip()
    return text or None


def parse_number(value):
    """A Decimal, or None for empty; ValueError when the cell is not a number."""
    if value is None:
        return None
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return Decimal(str(value))
    text = clean_text(value)
    if text is None:
        return None
    text = text.replace(",", "").replace("¥", "").replace("￥", "").replace("元", "").replace(" ", "")
    if text.endswith("-") and len(text) > 1:  # 1234.50- as some systems write a negative
        text = "-" + text[:-1]
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(text) from None
    if not number.is_finite():
        raise ValueError(text)
    return number


def parse_date(value):
    """A date, or None for empty; ValueError when the cell is not a date."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 20000 < value < 80000:  # an Excel serial date (1954-2118)
            return EXCEL_EPOCH + datetime.timedelta(days=int(value))
        value = str(int(value))
    text = clean_text(value)
    if text is None:
        return None
    match = DATE_PATTERN.match(text) or COMPACT_DATE.match(text)
    if not match:
        raise ValueError(text)
    year, month, day = (int(part) for part in match.groups())
    return datetime.date(year, month, day)  # ValueError for 2024-02-30


def _decode(data):
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ReadError("encoding")


def _csv_rows(data):
    text = _decode(data)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return list(csv.reader(io.StringIO(text), dialect))


def _xlsx_sheets(data):
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        raise ReadError("xlsx") from error
    try:
        return {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)] for sheet in workbook.worksheets}
    finally:
        workbook.close()


def read_file(data, file_name):
    """{sheet or file name (without extension): rows}, rows as lists of raw cells."""
    name = (file_name or "").lower()
    if data[:2] == b"PK" and not name.endswith(".xlsx"):
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile as error:
            raise ReadError("zip") from error
        sheets = {}
        for member in archive.infolist():
            if member.is_dir() or not member.filename.lower().endswith(".csv"):
                continue
            # Zip tools of Chinese Windows write GBK names without the UTF-8 flag.
            member_name = member.filename
            if not member.flag_bits & 0x800:
                with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
                    member_name = member.filename.encode("cp437").decode("gb18030")
            stem = member_name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
            sheets[stem] = _csv_rows(archive.read(member))
        if not sheets:
            raise ReadError("zip")
        return sheets
    if data[:2] == b"PK":
        return _xlsx_sheets(data)
    stem = (file_name or "").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return {stem: _csv_rows(data)}


def header_key(text):
    """How a column title is compared: folded, without blanks, brackets or units' punctuation."""
    text = clean_text(text) or ""
    return re.sub(r"[\s_()（）\[\]【】*:：/]", "", text).lower()


def table(rows, columns):
    """(column key -> index, data rows with their 1-based row numbers, unknown titles).

    ``columns`` is {key: (title, *aliases)}; the first non-empty row is the header."""
    lookup = {header_key(alias): key for key, aliases in columns.items() for alias in (key, *aliases)}
    header_row = 0
    while header_row < len(rows) and not any(clean_text(cell) for cell in rows[header_row]):
        header_row += 1
    if header_row == len(rows):
        return {}, [], []
    index, unknown = {}, []
    for position, title in enumerate(rows[header_row]):
        key = lookup.get(header_key(title))
        if key and key not in index:
            index[key] = position
        elif clean_text(title):
            unknown.append(clean_text(title))
    data = [
        (number, row)
        for number, row in enumerate(rows[header_row + 1 :], start=header_row + 2)
        if any(clean_text(cell) for cell in row)
    ]
    return index, data, unknown
