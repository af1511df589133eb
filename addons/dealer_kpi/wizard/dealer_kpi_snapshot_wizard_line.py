from odoo import fields, models


class DealerKpiSnapshotWizardLine(models.TransientModel):
    _name = "dealer.kpi.snapshot.wizard.line"
    _description = "Store Month to Compute"
    _order = "month, company_id"

    wizard_id = fields.Many2one("dealer.kpi.snapshot.wizard", required=True, ondelete="cascade")
    company_id = fields.Many2one("res.company", string="Store", required=True)
    month = fields.Date(required=True)
    done = fields.Boolean()
    snapshot_count = fields.Integer(string="KPIs")
    off_target = fields.Integer()
