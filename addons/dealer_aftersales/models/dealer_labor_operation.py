from odoo import fields, models


class DealerLaborOperation(models.Model):
    """The labor catalog: an operation code with its flat-rate hours."""

    _name = "dealer.labor.operation"
    _inherit = ["dealer.guarded.mixin"]
    _dealer_bounds = {"hours": (None, 1000)}
    _description = "Labor Operation"
    _order = "code"
    _rec_names_search = ["code", "name"]
    _check_company_auto = True

    code = fields.Char(required=True, index=True)
    name = fields.Char(required=True, translate=True)
    hours = fields.Float(string="Flat-Rate Hours", required=True, digits=(16, 2))
    model_id = fields.Many2one(
        "fleet.vehicle.model", string="Vehicle Model", help="Leave empty when the operation applies to every model."
    )
    product_id = fields.Many2one(
        "product.product",
        string="Invoicing Product",
        domain=[("type", "=", "service")],
        help="Service product whose taxes apply to this labor; the store's default labor product when empty.",
    )
    part_ids = fields.One2many(
        "dealer.labor.operation.part",
        "operation_id",
        string="Parts",
        copy=True,
        help="A standard service's parts: picking the operation on a repair order adds them, at the line's pay type.",
    )
    part_count = fields.Integer(compute="_compute_part_count", string="Parts Count")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", string="Store", index=True, help="Empty: shared by all stores.")

    _sql_constraints = [
        ("code_model_unique", "UNIQUE(code, model_id, company_id)", "This operation code already exists."),
        ("hours_positive", "CHECK(hours > 0)", "Flat-rate hours must be positive."),
    ]

    def _compute_part_count(self):
        counts = dict(
            self.env["dealer.labor.operation.part"]._read_group(
                [("operation_id", "in", self.ids)], ["operation_id"], ["__count"]
            )
        )
        for operation in self:
            operation.part_count = counts.get(operation._origin, 0)

    def _compute_display_name(self):
        for operation in self:
            operation.display_name = f"[{operation.code}] {operation.name}"
