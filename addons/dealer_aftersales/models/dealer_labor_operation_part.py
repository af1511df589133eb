from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class DealerLaborOperationPart(models.Model):
    """A part that a standard service takes (保养套餐): the 10 000 km service's oil, oil filter and
    drain plug washer. Picking the operation on a repair order adds them."""

    _name = "dealer.labor.operation.part"
    _inherit = ["dealer.guarded.mixin"]
    _dealer_bounds = {"quantity": (None, 10_000)}
    _description = "Labor Operation Part"
    _order = "operation_id, sequence, id"
    _check_company_auto = True

    operation_id = fields.Many2one("dealer.labor.operation", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="operation_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    product_id = fields.Many2one(
        "product.product",
        string="Part",
        required=True,
        check_company=True,
        domain=[("type", "=", "consu")],
    )
    quantity = fields.Float(required=True, default=1.0, digits="Product Unit of Measure")
    uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")

    @api.constrains("quantity", "product_id")
    def _check_quantity(self):
        for line in self:
            if line.quantity <= 0:
                raise ValidationError(
                    _(
                        "The quantity of %(part)s in %(operation)s must be positive.",
                        part=line.product_id.display_name,
                        operation=line.operation_id.display_name,
                    )
                )
            if line.product_id.type != "consu":
                raise ValidationError(
                    _(
                        "%(part)s is a service, not a part: labor goes in the operation's hours.",
                        part=line.product_id.display_name,
                    )
                )
