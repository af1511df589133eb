from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

STATUSES = [("ok", "On Track"), ("warning", "Warning"), ("critical", "Critical")]


class DealerKpiTarget(models.Model):
    _name = "dealer.kpi.target"
    _description = "KPI Target of a Store"
    _order = "company_id, kpi_sequence, id"
    _check_company_auto = True

    kpi_id = fields.Many2one("dealer.kpi.definition", string="KPI", required=True, ondelete="cascade", index=True)
    kpi_sequence = fields.Integer(related="kpi_id.sequence", store=True)
    code = fields.Char(related="kpi_id.code", store=True)
    direction = fields.Selection(related="kpi_id.direction")
    unit = fields.Selection(related="kpi_id.unit")
    company_id = fields.Many2one(
        "res.company", string="Store", required=True, default=lambda self: self.env.company, index=True
    )
    target = fields.Float(required=True, digits=(16, 2))
    warning_threshold = fields.Float(
        digits=(16, 2),
        help="Higher is better: a value below it is a warning. Lower is better: a value above it. "
        "Within a band: the distance from the target beyond which it is a warning.",
    )
    critical_threshold = fields.Float(
        digits=(16, 2), help="As the warning threshold, for a critical status (and an alert to the KPI manager)."
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("kpi_company_unique", "UNIQUE(kpi_id, company_id)", "A store has one target per KPI."),
    ]

    @api.depends("kpi_id", "company_id")
    def _compute_display_name(self):
        for target in self:
            target.display_name = f"{target.kpi_id.name} ({target.company_id.name})"

    @api.constrains("target", "warning_threshold", "critical_threshold", "kpi_id")
    def _check_thresholds(self):
        for target in self:
            warning, critical = target.warning_threshold, target.critical_threshold
            direction = target.kpi_id.direction
            if direction == "higher" and not critical <= warning <= target.target:
                raise ValidationError(
                    _(
                        "%(kpi)s: higher is better, so the critical threshold must be at most the warning "
                        "threshold, and the warning threshold at most the target.",
                        kpi=target.kpi_id.name,
                    )
                )
            if direction == "lower" and not critical >= warning >= target.target:
                raise ValidationError(
                    _(
                        "%(kpi)s: lower is better, so the critical threshold must be at least the warning "
                        "threshold, and the warning threshold at least the target.",
                        kpi=target.kpi_id.name,
                    )
                )
            if direction == "band" and not 0 <= warning <= critical:
                raise ValidationError(
                    _(
                        "%(kpi)s is kept within a band: its thresholds are distances from the target, "
                        "the warning one no larger than the critical one.",
                        kpi=target.kpi_id.name,
                    )
                )

    def _status(self, value):
        """The traffic light of ``value`` against this target: ok, warning, critical, or False."""
        self.ensure_one()
        if value is None:
            return False
        direction = self.kpi_id.direction
        if direction == "band":
            distance = abs(value - self.target)
            beyond_critical, beyond_warning = distance > self.critical_threshold, distance > self.warning_threshold
        elif direction == "lower":
            beyond_critical, beyond_warning = value > self.critical_threshold, value > self.warning_threshold
        else:
            beyond_critical, beyond_warning = value < self.critical_threshold, value < self.warning_threshold
        return "critical" if beyond_critical else "warning" if beyond_warning else "ok"
