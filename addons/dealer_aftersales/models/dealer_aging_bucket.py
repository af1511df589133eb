from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

DEFAULT_BUCKETS = ((0, 30), (31, 60), (61, 90), (91, 180), (181, 365), (366, 0))


class DealerAgingBucket(models.Model):
    """An age band of the stock aging report (库龄段), per store."""

    _name = "dealer.aging.bucket"
    _description = "Stock Aging Bucket"
    _order = "company_id, day_from"

    company_id = fields.Many2one(
        "res.company",
        string="Store",
        required=True,
        index=True,
        ondelete="cascade",
        default=lambda self: self.env.company,
    )
    day_from = fields.Integer(string="From Day", required=True)
    day_to = fields.Integer(string="To Day", help="Last day of the band, included; 0 for no upper limit.")

    _sql_constraints = [
        ("day_from_unique", "UNIQUE(company_id, day_from)", "Two aging buckets of a store start on the same day."),
    ]

    @api.depends("day_from", "day_to")
    def _compute_display_name(self):
        for bucket in self:
            if bucket.day_to:
                bucket.display_name = _("%(start)s–%(end)s days", start=bucket.day_from, end=bucket.day_to)
            else:
                bucket.display_name = _("Over %(days)s days", days=bucket.day_from - 1)

    def _check_contiguous(self, company):
        """The buckets of a store start at day 0, follow each other without gap or overlap,
        and only the last one is open-ended."""
        buckets = self.filtered(lambda b: b.company_id == company).sorted("day_from")
        if not buckets:
            return
        expected = 0
        for index, bucket in enumerate(buckets):
            last = index == len(buckets) - 1
            if bucket.day_from != expected or (bucket.day_to and bucket.day_to < bucket.day_from):
                raise ValidationError(
                    _(
                        "The aging buckets of %(store)s must start at day 0 and follow each other without gaps: "
                        "the bucket starting on day %(start)s should start on day %(expected)s.",
                        store=company.name,
                        start=bucket.day_from,
                        expected=expected,
                    )
                )
            if not bucket.day_to and not last:
                raise ValidationError(_("Only the last aging bucket may have no upper limit."))
            expected = bucket.day_to + 1

    @api.model
    def _create_defaults(self, companies):
        """0–30, 31–60, 61–90, 91–180, 181–365 and over 365 days for the stores that have none."""
        existing = set(self.sudo().search([("company_id", "in", companies.ids)]).company_id.ids)
        self.sudo().create(
            [
                {"company_id": company.id, "day_from": start, "day_to": end}
                for company in companies
                if company.id not in existing
                for start, end in DEFAULT_BUCKETS
            ]
        )

    @api.model
    def _create_defaults_all_stores(self):
        self._create_defaults(self.env["res.company"].sudo().search([]))
