from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class DealerVehicleOdometer(models.Model):
    _name = "dealer.vehicle.odometer"
    _description = "Vehicle Odometer Reading"
    _order = "date desc, id desc"
    _rec_name = "value"
    _inherit = ["dealer.guarded.mixin"]
    _dealer_bounds = {"value": (None, 2_000_000)}

    vehicle_id = fields.Many2one("dealer.vehicle", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="vehicle_id.company_id", store=True, index=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    value = fields.Integer(string="Odometer (km)", required=True)
    source = fields.Selection(
        [("checkin", "Check-in"), ("delivery", "Delivery"), ("manual", "Manual")],
        required=True,
        default="manual",
    )
    is_correction = fields.Boolean(
        string="Correction",
        help="A correction may be lower than the previous reading (odometer replaced, "
        "earlier typing error); it needs a reason.",
    )
    correction_reason = fields.Char()
    user_id = fields.Many2one("res.users", string="Recorded By", default=lambda self: self.env.user)

    def _neighbours(self):
        """{reading id: (the reading before it, the reading after it)} of the same vehicle, in
        date then id order, in one query for all of ``self`` (an import checks thousands)."""
        self.flush_model(["vehicle_id", "date", "value", "is_correction"])
        self.env.cr.execute(
            """
            SELECT r.id, prev.id, next.id
              FROM dealer_vehicle_odometer r
              LEFT JOIN LATERAL (
                    SELECT o.id FROM dealer_vehicle_odometer o
                     WHERE o.vehicle_id = r.vehicle_id AND o.id != r.id
                       AND (o.date < r.date OR (o.date = r.date AND o.id < r.id))
                     ORDER BY o.date DESC, o.id DESC LIMIT 1) prev ON TRUE
              LEFT JOIN LATERAL (
                    SELECT o.id FROM dealer_vehicle_odometer o
                     WHERE o.vehicle_id = r.vehicle_id AND o.id != r.id
                       AND (o.date > r.date OR (o.date = r.date AND o.id > r.id))
                     ORDER BY o.date ASC, o.id ASC LIMIT 1) next ON TRUE
             WHERE r.id = ANY(%s)
            """,
            [self.ids],
        )
        rows = self.env.cr.fetchall()
        # Read together when the first one is read.
        prefetch = tuple({neighbour for __, *pair in rows for neighbour in pair if neighbour})
        return {
            reading_id: (
                self.browse(previous_id or ()).with_prefetch(prefetch),
                self.browse(next_id or ()).with_prefetch(prefetch),
            )
            for reading_id, previous_id, next_id in rows
        }

    @api.constrains("value", "date", "is_correction", "correction_reason", "vehicle_id")
    def _check_sequence(self):
        today = fields.Date.context_today(self)
        neighbours = self._neighbours()
        for reading in self:
            if reading.value < 0:
                raise ValidationError(_("An odometer reading cannot be negative."))
            if reading.date > today:
                raise ValidationError(
                    _("An odometer reading cannot be dated in the future (%(date)s).", date=reading.date)
                )
            if reading.is_correction:
                if not (reading.correction_reason or "").strip():
                    raise ValidationError(_("A correction of the odometer needs a reason."))
                continue
            previous, later = neighbours.get(reading.id, (self.browse(), self.browse()))
            if previous and previous.value > reading.value:
                raise ValidationError(
                    _(
                        "The odometer of %(vehicle)s cannot go down from %(previous)s km (%(date)s) to "
                        "%(value)s km. If the earlier reading was wrong or the odometer was replaced, "
                        "enter this reading as a correction with a reason.",
                        vehicle=reading.vehicle_id.display_name,
                        previous=previous.value,
                        date=previous.date,
                        value=reading.value,
                    )
                )
            if later and not later.is_correction and later.value < reading.value:
                raise ValidationError(
                    _(
                        "The odometer of %(vehicle)s read %(later)s km on %(date)s, later than this "
                        "reading of %(value)s km.",
                        vehicle=reading.vehicle_id.display_name,
                        later=later.value,
                        date=later.date,
                        value=reading.value,
                    )
                )
