from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .dealer_pay_type import PAY_TYPES

# Who sees money on repair orders: everyone in after-sales but technicians.
MONEY_GROUPS = (
    "dealer_aftersales.dealer_aftersales_group_user,"
    "dealer_aftersales.dealer_aftersales_group_parts,"
    "dealer_aftersales.dealer_aftersales_group_accountant"
)


class DealerRepairLabor(models.Model):
    """A labor line of a repair order: flat-rate hours at the store's rate for its pay type."""

    _name = "dealer.repair.labor"
    _description = "Repair Labor Line"
    _order = "repair_id, sequence, id"
    _check_company_auto = True

    repair_id = fields.Many2one("repair.order", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="repair_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="repair_id.company_id.currency_id")
    sequence = fields.Integer(default=10)
    operation_id = fields.Many2one("dealer.labor.operation", check_company=True)
    name = fields.Char(
        string="Description",
        required=True,
        compute="_compute_from_operation",
        store=True,
        readonly=False,
        precompute=True,
    )
    hours = fields.Float(
        string="Flat-Rate Hours",
        required=True,
        digits=(16, 2),
        compute="_compute_from_operation",
        store=True,
        readonly=False,
        precompute=True,
    )
    pay_type = fields.Selection(PAY_TYPES, required=True, default="customer")
    rate = fields.Monetary(
        string="Rate per Hour",
        compute="_compute_rate",
        store=True,
        readonly=False,
        precompute=True,
        groups=MONEY_GROUPS,
    )
    discount = fields.Float(string="Discount (%)", digits=(16, 2), groups=MONEY_GROUPS)
    amount = fields.Monetary(compute="_compute_amount", store=True, groups=MONEY_GROUPS)
    technician_ids = fields.Many2many("hr.employee", string="Technicians", check_company=True)

    @api.depends("operation_id")
    def _compute_from_operation(self):
        for line in self:
            if line.operation_id:
                line.name = line.operation_id.name
                line.hours = line.operation_id.hours
            else:
                line.name = line.name
                line.hours = line.hours

    @api.depends("pay_type", "repair_id.company_id")
    def _compute_rate(self):
        configs = {}
        for line in self:
            key = (line.repair_id.company_id, line.pay_type)
            if key not in configs:
                configs[key] = self.env["dealer.pay.type.config"]._get(*key, create=False)
            line.rate = configs[key].labor_rate

    @api.depends("hours", "rate", "discount")
    def _compute_amount(self):
        for line in self:
            line.amount = line.currency_id.round(line.hours * line.rate * (1 - line.discount / 100))

    @api.constrains("hours", "discount", "rate")
    def _check_values(self):
        for line in self:
            if line.hours <= 0:
                raise ValidationError(_("Labor hours must be positive (%(line)s).", line=line.name))
            if not 0 <= line.discount <= 100:
                raise ValidationError(_("A discount must be between 0 and 100 %% (%(line)s).", line=line.name))
            if line.rate < 0:
                raise ValidationError(_("A labor rate cannot be negative (%(line)s).", line=line.name))
