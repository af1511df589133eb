from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.dealer_aftersales.tools import MANAGER, requires_role

BATCH = 6  # store-months per click, so that the wizard shows its progress on long ranges


class DealerKpiSnapshotWizard(models.TransientModel):
    _name = "dealer.kpi.snapshot.wizard"
    _description = "Compute KPI Snapshots"

    def _default_month(self):
        return self.env["dealer.kpi.snapshot"]._last_closed_month()[0]

    month_from = fields.Date(string="From Month", required=True, default=_default_month)
    month_to = fields.Date(string="To Month", required=True, default=_default_month)
    company_ids = fields.Many2many(
        "res.company", string="Stores", required=True, default=lambda self: self.env.companies
    )
    line_ids = fields.One2many("dealer.kpi.snapshot.wizard.line", "wizard_id", string="Store Months", readonly=True)
    progress = fields.Float(compute="_compute_progress", digits=(16, 0))
    state = fields.Selection(
        [("draft", "Draft"), ("running", "Running"), ("done", "Done")], string="Status", default="draft"
    )

    @api.depends("line_ids.done")
    def _compute_progress(self):
        for wizard in self:
            total = len(wizard.line_ids)
            wizard.progress = len(wizard.line_ids.filtered("done")) / total * 100 if total else 0.0

    def _months(self):
        first = self.month_from.replace(day=1)
        last = self.month_to.replace(day=1)
        if first > last:
            raise UserError(_("The first month must be on or before the last month."))
        if last > fields.Date.context_today(self).replace(day=1):
            raise UserError(_("A snapshot is taken of a past or the current month, not of a future one."))
        months = []
        while first <= last:
            months.append(first)
            first += relativedelta(months=1)
        return months

    @requires_role(MANAGER)
    def action_compute(self):
        """Plan the store-months on the first click, then compute them a batch per click."""
        self.ensure_one()
        if self.state == "draft":
            self.env["dealer.store.mixin"]._check_companies(self.company_ids)
            self.line_ids = [
                fields.Command.create({"company_id": company.id, "month": month})
                for month in self._months()
                for company in self.company_ids
            ]
            self.state = "running"
        Snapshot = self.env["dealer.kpi.snapshot"]
        for line in self.line_ids.filtered(lambda line: not line.done)[:BATCH]:
            snapshots = Snapshot.with_company(line.company_id)._compute_month(line.month, line.company_id)
            line.write(
                {"done": True, "snapshot_count": len(snapshots), "off_target": len(snapshots.filtered("status_light"))}
            )
        if all(self.line_ids.mapped("done")):
            self.state = "done"
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": _("Compute Snapshots"),
        }

    @requires_role(MANAGER)
    def action_open_snapshots(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("dealer_kpi.dealer_kpi_snapshot_action")
        action["domain"] = [
            ("company_id", "in", self.company_ids.ids),
            ("month", ">=", self.month_from.replace(day=1)),
            ("month", "<=", self.month_to),
        ]
        action["context"] = {}
        return action
