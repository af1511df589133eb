from odoo import api, fields, models


class DealerRepairLaborClock(models.Model):
    """A stretch of time a technician worked on a labor line."""

    _name = "dealer.repair.labor.clock"
    _description = "Labor Clocking"
    _order = "start desc, id desc"

    labor_id = fields.Many2one("dealer.repair.labor", required=True, ondelete="cascade", index=True)
    repair_id = fields.Many2one(related="labor_id.repair_id", store=True, index=True)
    company_id = fields.Many2one(related="labor_id.company_id", store=True, index=True)
    technician_id = fields.Many2one("hr.employee", required=True, index=True)
    start = fields.Datetime(required=True, default=fields.Datetime.now)
    stop = fields.Datetime()
    hours = fields.Float(compute="_compute_hours", store=True, digits=(16, 2))

    @api.depends("start", "stop")
    def _compute_hours(self):
        for clock in self:
            clock.hours = (clock.stop - clock.start).total_seconds() / 3600 if clock.stop else 0.0
