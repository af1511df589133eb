from odoo import fields, models


class DealerBay(models.Model):
    _name = "dealer.bay"
    _description = "Workshop Bay"
    _order = "sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    bay_type = fields.Selection(
        [
            ("general", "General Repair"),
            ("quick", "Quick Service"),
            ("body", "Body"),
            ("paint", "Paint"),
            ("alignment", "Alignment"),
            ("wash", "Wash"),
        ],
        required=True,
        default="general",
    )
    capacity = fields.Integer(default=1, help="Vehicles the bay takes at the same time.")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", string="Store", required=True, index=True, default=lambda self: self.env.company
    )

    _sql_constraints = [("capacity_positive", "CHECK(capacity > 0)", "A bay takes at least one vehicle.")]
