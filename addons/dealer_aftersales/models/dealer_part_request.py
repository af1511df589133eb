from odoo import api, fields, models

OUTCOMES = [
    ("stock", "Served from Stock"),
    ("ordered", "Ordered"),
    ("emergency", "Emergency Purchase"),
    ("lost", "Lost (Customer Did Not Wait)"),
]


class DealerPartRequest(models.Model):
    """A part asked for on a repair order, with what the store had when it was asked for.

    Recorded when the part line is added, and kept when the line is removed: the fill
    rate (备件满足率) counts the requests served from stock at request time."""

    _name = "dealer.part.request"
    _description = "Part Request"
    _order = "request_time desc, id desc"
    _check_company_auto = True

    company_id = fields.Many2one("res.company", string="Store", required=True, index=True, readonly=True)
    repair_id = fields.Many2one("repair.order", string="Repair Order", index=True, readonly=True, check_company=True)
    move_id = fields.Many2one(
        "stock.move", string="Part Line", ondelete="set null", index="btree_not_null", readonly=True
    )
    product_id = fields.Many2one("product.product", string="Part", required=True, index=True, readonly=True)
    categ_id = fields.Many2one(related="product_id.categ_id", store=True, string="Part Category")
    quantity = fields.Float(digits="Product Unit of Measure", readonly=True)
    available_qty = fields.Float(
        string="Available When Requested",
        digits="Product Unit of Measure",
        readonly=True,
        help="Free quantity in the store's stock (on hand, not reserved) when the part was asked for.",
    )
    from_stock = fields.Boolean(string="Served from Stock", readonly=True, index=True)
    outcome = fields.Selection(OUTCOMES, required=True, default="ordered")
    request_time = fields.Datetime(string="Requested On", required=True, readonly=True, default=fields.Datetime.now)
    request_date = fields.Date(string="Request Day", required=True, readonly=True, index=True)
    user_id = fields.Many2one("res.users", string="Requested By", readonly=True, default=lambda self: self.env.user)

    @api.model
    def _record(self, moves):
        """Requests for the part lines just added to repair orders."""
        available = {}
        values = []
        for move in moves:
            product = move.product_id
            if move.repair_line_type != "add" or not product.is_storable or product.categ_id.dealer_vehicle:
                continue
            key = (product.id, move.location_id.id)
            if key not in available:
                available[key] = product.with_context(location=move.location_id.id).free_qty
            quantity = move.product_uom._compute_quantity(move.product_uom_qty, product.uom_id)
            from_stock = available[key] >= quantity > 0
            values.append(
                {
                    "company_id": move.company_id.id,
                    "repair_id": move.repair_id.id,
                    "move_id": move.id,
                    "product_id": product.id,
                    "quantity": quantity,
                    "available_qty": max(available[key], 0.0),
                    "from_stock": from_stock,
                    "outcome": "stock" if from_stock else "ordered",
                    "request_date": fields.Date.context_today(self),
                }
            )
            available[key] -= quantity
        return self.sudo().create(values)
