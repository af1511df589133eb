import calendar
import datetime

import pytz

from odoo import fields, models


class IrSequence(models.Model):
    """Numbers that start again each month, dated on the store's day (a repair order opened at
    00:30 in Foshan on the first of the month belongs to the new month, not to UTC's last day)."""

    _inherit = "ir.sequence"

    dealer_monthly = fields.Boolean(
        string="Restart Each Month",
        help="Numbers restart at 1 each month, counted in the store's time zone.",
    )

    def _create_date_range_seq(self, date):
        if not self.dealer_monthly:
            return super()._create_date_range_seq(date)
        day = fields.Date.to_date(date)
        date_from = day.replace(day=1)
        date_to = day.replace(day=calendar.monthrange(day.year, day.month)[1])
        # A range made earlier for a longer period (a yearly one, before the sequence restarted
        # monthly) is cut where it would overlap, as Odoo does for its yearly ranges.
        Range = self.env["ir.sequence.date_range"].sudo()
        later = Range.search(
            [("sequence_id", "=", self.id), ("date_from", ">", day), ("date_from", "<=", date_to)],
            order="date_from",
            limit=1,
        )
        if later:
            date_to = later.date_from - datetime.timedelta(days=1)
        earlier = Range.search(
            [("sequence_id", "=", self.id), ("date_to", ">=", date_from), ("date_to", "<", day)],
            order="date_to desc",
            limit=1,
        )
        if earlier:
            date_from = earlier.date_to + datetime.timedelta(days=1)
        return Range.create({"date_from": date_from, "date_to": date_to, "sequence_id": self.id})

    def _next(self, sequence_date=None):
        if self.dealer_monthly and not sequence_date and not self.env.context.get("ir_sequence_date"):
            company = self.company_id or self.env.company
            tz = pytz.timezone(company._dealer_tz())
            sequence_date = datetime.datetime.now(pytz.utc).astimezone(tz).date()
        return super()._next(sequence_date=sequence_date)
