from odoo import fields, models

from .repair_order import SERVICE_TYPES


class DealerInspectionTemplate(models.Model):
    """A multi-point inspection checklist, per service type."""

    _name = "dealer.inspection.template"
    _description = "Inspection Checklist"
    _order = "service_type, name"

    name = fields.Char(required=True, translate=True)
    service_type = fields.Selection(SERVICE_TYPES, required=True)
    item_ids = fields.One2many("dealer.inspection.template.item", "template_id", string="Items", copy=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", string="Store", help="Empty: shared by all stores.")


class DealerInspectionTemplateItem(models.Model):
    _name = "dealer.inspection.template.item"
    _description = "Inspection Checklist Item"
    _order = "sequence, id"

    template_id = fields.Many2one("dealer.inspection.template", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    company_id = fields.Many2one(related="template_id.company_id", store=True, index=True)


class DealerRepairInspection(models.Model):
    """A multi-point inspection or a final quality inspection (终检) of a repair order."""

    _name = "dealer.repair.inspection"
    _description = "Repair Inspection"
    _order = "date desc, id desc"

    repair_id = fields.Many2one("repair.order", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="repair_id.company_id", store=True, index=True)
    kind = fields.Selection([("multipoint", "Multi-Point Inspection"), ("final", "Final Inspection")], required=True)
    result = fields.Selection([("pass", "Passed"), ("fail", "Failed")])
    inspector_id = fields.Many2one("res.users", default=lambda self: self.env.user)
    date = fields.Datetime(default=fields.Datetime.now, required=True)
    note = fields.Text()
    line_ids = fields.One2many("dealer.repair.inspection.line", "inspection_id", string="Items")


class DealerRepairInspectionLine(models.Model):
    _name = "dealer.repair.inspection.line"
    _description = "Inspection Item Result"
    _order = "sequence, id"

    inspection_id = fields.Many2one("dealer.repair.inspection", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="inspection_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Item", required=True)
    status = fields.Selection(
        [("ok", "OK"), ("attention", "Needs Attention Soon"), ("urgent", "Needs Repair Now")], default="ok"
    )
    note = fields.Char()
