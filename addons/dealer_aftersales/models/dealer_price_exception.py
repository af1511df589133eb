from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..tools import MANAGER, requires_role

CONFIRMED_STATES = ("confirmed", "under_repair", "done")
# What a line's price is made of; the pay type is logged but may be changed by the advisor.
PRICE_FIELDS = {
    "dealer.repair.labor": ("rate", "discount", "hours"),
    "stock.move": ("dealer_price_unit", "dealer_discount"),
}
AUDITED_FIELDS = {
    "dealer.repair.labor": ("rate", "discount", "hours", "pay_type"),
    "stock.move": ("dealer_price_unit", "dealer_discount", "dealer_pay_type"),
}


class DealerPriceException(models.Model):
    """A change of price, discount, hours or pay type on a repair order line after the order
    was confirmed: who changed what, when, from what to what; the manager reviews them."""

    _name = "dealer.price.exception"
    _description = "Repair Order Price Exception"
    _order = "date desc, id desc"

    repair_id = fields.Many2one("repair.order", string="Repair Order", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="repair_id.company_id", store=True, index=True)
    line_kind = fields.Selection([("labor", "Labor"), ("part", "Part")], required=True)
    line_name = fields.Char(string="Line Description")
    field_label = fields.Char(string="Changed")
    old_value = fields.Char()
    new_value = fields.Char()
    user_id = fields.Many2one("res.users", string="Changed By", required=True, default=lambda self: self.env.user)
    date = fields.Datetime(string="Changed On", required=True, default=fields.Datetime.now)
    reviewed = fields.Boolean(readonly=True)
    reviewer_id = fields.Many2one("res.users", string="Reviewed By", readonly=True)

    @api.model
    def _record(self, lines, vals):
        """Log the audited changes ``vals`` makes to ``lines`` of confirmed orders; a price or a
        discount of a confirmed order is changed by the after-sales manager only."""
        fields_changed = [name for name in AUDITED_FIELDS[lines._name] if name in vals]
        if not fields_changed:
            return
        # Who may not change the lines at all is told so first.
        lines.check_access("write")
        manager = self.env.su or self.env.user.has_group(MANAGER)
        vals_list = []
        for line in lines:
            repair = line.repair_id
            if not repair or repair.state not in CONFIRMED_STATES:
                continue
            for name in fields_changed:
                field = line._fields[name]
                old = line[name]
                new = field.convert_to_record(field.convert_to_cache(vals[name], line), line)
                if old == new or (field.type == "float" and abs((old or 0.0) - (new or 0.0)) < 1e-9):
                    continue
                if name in PRICE_FIELDS[lines._name] and not manager:
                    raise UserError(
                        _(
                            "Repair order %(order)s is confirmed: only the after-sales manager changes its "
                            "prices, discounts and hours (%(line)s).",
                            order=repair.name,
                            line=line.name or line.display_name,
                        )
                    )
                vals_list.append(
                    {
                        "repair_id": repair.id,
                        "line_kind": "labor" if lines._name == "dealer.repair.labor" else "part",
                        "line_name": line.name or line.product_id.display_name,
                        "field_label": field._description_string(self.env),
                        "old_value": self._display(field, line, old),
                        "new_value": self._display(field, line, new),
                    }
                )
        if vals_list:
            self.sudo().create(vals_list)

    @api.model
    def _display(self, field, line, value):
        if field.type == "selection":
            return dict(field._description_selection(self.env)).get(value, value or "")
        return str(value)

    def write(self, vals):
        """The log is evidence: only its review is ever recorded on it."""
        if not self.env.su and set(vals) - {"reviewed", "reviewer_id"}:
            raise UserError(_("The price exceptions log cannot be changed; only its review is recorded."))
        return super().write(vals)

    @requires_role(MANAGER)
    def action_review(self):
        self.write({"reviewed": True, "reviewer_id": self.env.uid})
