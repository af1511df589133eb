"""The frame every kind of opening data shares: columns, row checks, problems, the summary."""

import re
from decimal import Decimal

from ..reader import clean_text, header_key, parse_date, parse_number, table

INVALID = object()  # a cell that was read and refused (its problem is recorded)
# Records created per batch: big enough for the ORM's batched inserts and recomputations, small
# enough that the cache of one batch, emptied after it, keeps the memory of a big file flat.
BATCH = 5000


def fresh(env):
    """``env`` for a bulk import of fresh records: no chatter note "created", no follower, no
    tracking on each of them (the import logs its own note)."""
    return env(context=dict(env.context, tracking_disable=True))


class Kind:
    """One kind of opening data: one sheet of the workbook (or one CSV file).

    ``columns``: {key: (Chinese title, English title, other titles the old systems use...)};
    ``required``: the keys every row must fill. ``check`` reads the rows into a plan (recording
    every problem); ``apply`` writes the plan. Both run on the import's context."""

    code = ""
    sheet_names = ()
    columns = {}
    required = ()
    example = {}

    def __init__(self, context):
        self.context = context
        self.env = context.env
        self.company = context.company
        self.sheet = None
        self.row = None
        self._money_high = None
        self._choices = {}
        self._parsers = None

    @classmethod
    def label(cls, env):
        raise NotImplementedError

    @classmethod
    def matches(cls, sheet_name):
        key = header_key(sheet_name)
        return any(header_key(name) == key for name in (cls.code, *cls.sheet_names))

    def figures(self):
        return self.context.summary.setdefault(self.code, {"rows": 0, "created": 0, "skipped": 0})

    # ------------------------------------------------------------------ problems

    def problem(self, message, column=None, value=None, blocking=True):
        title = self.columns[column][0] if column in self.columns else column
        self.context.problem(self.code, self.sheet, self.row, title, message, value=value, blocking=blocking)

    # ------------------------------------------------------------------ lookups shared by the kinds

    def location(self, values, warehouses, default):
        """The stock location of the row's warehouse (code or name; ``default`` when it names
        none), or None when refused."""
        warehouse = default
        if values.get("warehouse"):
            warehouse = warehouses.filtered(lambda w: values["warehouse"] in (w.code, w.name))[:1]
            if not warehouse:
                self.problem(self.env._("Unknown warehouse %(name)s.", name=values["warehouse"]), "warehouse")
                return None
        if not warehouse:
            self.problem(self.env._("The store has no warehouse: set it up as a store first."))
            return None
        return warehouse.lot_stock_id

    def insurer(self, values, by_insurer):
        """The row's insurer (folded name), or None when refused."""
        insurer = by_insurer.get(name_key(values["insurer"]))
        if not insurer:
            self.problem(
                self.env._("Unknown insurer %(name)s: create it first (an insurer contact).", name=values["insurer"]),
                "insurer",
            )
        return insurer

    def first_time(self, key, seen, existing, column, message):
        """Whether the row (``key`` identifies what it brings) is to be imported: refused when an
        earlier row of the sheet brings the same (``message(earlier row)``, on ``column``), counted
        as already there when ``existing`` has it (a file imported before). ``seen``: {key: row}
        of the sheet so far."""
        if key in seen:
            self.problem(message(seen[key]), column)
            return False
        seen[key] = self.row
        if key in existing:
            self.figures()["skipped"] += 1
            return False
        return True

    def load_vins(self, rows):
        """Make the store's vehicles of the ``rows``' VINs known (``known_vin``), besides those
        of the customers sheet; ``rows``: (row number, values or None)."""
        context = self.context
        unknown = [values["vin"] for __, values in rows if values and values["vin"] not in context.vins]
        if unknown:
            for vehicle in (
                context.env["dealer.vehicle"]
                .with_context(active_test=False)
                .search([("vin", "in", unknown), ("company_id", "=", context.company.id)])
            ):
                context.vins[vehicle.vin] = vehicle.id

    def known_vin(self, vin):
        """Whether the VIN is the store's or comes with the customers sheet (refused otherwise)."""
        if vin in self.context.vins:
            return True
        self.problem(
            self.env._("Unknown VIN %(vin)s: it is neither in the store nor in the customers sheet.", vin=vin),
            "vin",
            vin,
        )
        return False

    # ------------------------------------------------------------------ rows

    def rows(self, sheet, raw_rows):
        """(row number, {key: raw cell}) of the sheet, after checking its header."""
        self.sheet = sheet
        index, data, __ = table(raw_rows, self.columns)
        self.row = 1
        missing = [key for key in self.required if key not in index]
        if missing:
            self.problem(
                self.env._(
                    "The sheet has no column %(columns)s: use the titles of the template.",
                    columns=", ".join(self.columns[key][0] for key in missing),
                )
            )
            return []
        self.figures()["rows"] += len(data)
        return [
            (number, {key: (row[position] if position < len(row) else None) for key, position in index.items()})
            for number, row in data
        ]

    def read_row(self, number, cells):
        """The row's values, parsed; ``None`` when one of them was refused."""
        self.row = number
        values, ok = {}, True
        if self._parsers is None:
            # Each column's parser looked up once per sheet rather than once per cell.
            self._parsers = [(key, getattr(self, f"parse_{key}", None)) for key in self.columns]
        for key, parser in self._parsers:
            cell = cells.get(key)
            value = parser(cell) if parser else clean_text(cell)
            if value is INVALID:
                ok = False
                continue
            if value is None and key in self.required:
                self.problem(self.env._("%(column)s is empty.", column=self.columns[key][0]), key)
                ok = False
            values[key] = value
        return values if ok else None

    def parse(self, key, cell):
        """A cell as the column's type; override per column with ``parse_<key>``."""
        parser = getattr(self, f"parse_{key}", None)
        if parser:
            return parser(cell)
        return clean_text(cell)

    def date(self, key, cell, not_after_golive=True):
        try:
            value = parse_date(cell)
        except ValueError:
            self.problem(
                self.env._("%(value)s is not a date (write it as 2024-03-05).", value=clean_text(cell)),
                key,
                clean_text(cell),
            )
            return INVALID
        if value is None:
            return None
        if value.year < 1900:
            self.problem(self.env._("%(value)s is not a date (write it as 2024-03-05).", value=value), key, str(value))
            return INVALID
        if not_after_golive and value > self.context.golive:
            self.problem(
                self.env._(
                    "%(date)s is after the go-live date %(golive)s: the old system's data ends the day before.",
                    date=value,
                    golive=self.context.golive,
                ),
                key,
                str(value),
            )
            return INVALID
        return value

    def number(self, key, cell, high=None, whole=False, positive=False, negative_ok=False):
        try:
            value = parse_number(cell)
        except ValueError:
            self.problem(self.env._("%(value)s is not a number.", value=clean_text(cell)), key, clean_text(cell))
            return INVALID
        if value is None:
            return None
        if whole and value != value.to_integral_value():
            self.problem(self.env._("%(value)s is not a whole number.", value=value), key, str(value))
            return INVALID
        if positive and value <= 0:
            self.problem(self.env._("%(value)s must be more than zero.", value=value), key, str(value))
            return INVALID
        if value < 0 and not negative_ok:
            self.problem(self.env._("%(value)s is negative.", value=value), key, str(value))
            return INVALID
        if high is not None and value > high:
            self.problem(self.env._("%(value)s is above %(high)s.", value=value, high=high), key, str(value))
            return INVALID
        return int(value) if whole else value

    def money(self, key, cell, positive=False):
        """An amount: not negative, and within the store's ceiling of prices times a thousand (a
        total of many parts or a year of invoices, not a typing error of six more digits)."""
        # Read once per sheet: a history sheet has a hundred thousand amounts.
        if self._money_high is None:
            self._money_high = Decimal(str(self.company.sudo().dealer_price_ceiling * 1000))
        return self.number(key, cell, high=self._money_high, positive=positive)

    def choice(self, key, cell, choices):
        """``choices``: {value: (titles...)} compared folded; the value, or INVALID."""
        text = clean_text(cell)
        if text is None:
            return None
        # The folded titles once per column, not once per cell; the first choice naming a title wins.
        lookup = self._choices.get((key, id(choices)))
        if lookup is None:
            lookup = {}
            for value, titles in choices.items():
                for title in (value, *titles):
                    lookup.setdefault(header_key(title), value)
            self._choices[key, id(choices)] = lookup
        found = lookup.get(header_key(text))
        if found is not None:
            return found
        self.problem(
            self.env._(
                "%(value)s is not one of %(choices)s.",
                value=text,
                choices=", ".join(titles[0] for titles in choices.values()),
            ),
            key,
            text,
        )
        return INVALID


def phone_key(text):
    """The digits of a phone number, without the country code 86: how customers are matched."""
    digits = re.sub(r"\D", "", text or "")
    if digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    return digits or None


def name_key(text):
    return header_key(text) if text else None
