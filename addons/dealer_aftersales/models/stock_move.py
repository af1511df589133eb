from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from ..tools import MONEY_GROUPS, PAY_TYPES
from .dealer_guarded_mixin import PRICE_CEILING
from .dealer_price_exception import AUDITED_FIELDS


class StockMove(models.Model):
    _name = "stock.move"
    _inherit = ["stock.move", "dealer.guarded.mixin"]
    _dealer_bounds = {"dealer_price_unit": (0, PRICE_CEILING)}

    dealer_pay_type = fields.Selection(PAY_TYPES, string="Pay Type", default="customer")
    dealer_price_unit = fields.Float(
        string="Sale Price",
        digits="Product Price",
        compute="_compute_dealer_price_unit",
        store=True,
        readonly=False,
        groups=MONEY_GROUPS,
    )
    dealer_discount = fields.Float(string="Discount (%)", digits=(16, 2), groups=MONEY_GROUPS)
    dealer_consumable = fields.Selection(related="product_id.categ_id.dealer_consumable", store=True)
    dealer_amount = fields.Float(
        string="Amount", digits="Product Price", compute="_compute_dealer_amount", store=True, groups=MONEY_GROUPS
    )

    @api.depends("product_id", "repair_id")
    def _compute_dealer_price_unit(self):
        for move in self:
            if move.repair_id and move.repair_line_type == "add":
                move.dealer_price_unit = move.dealer_price_unit or move.product_id.lst_price
            else:
                move.dealer_price_unit = move.dealer_price_unit or 0.0

    @api.depends("dealer_price_unit", "dealer_discount", "product_uom_qty", "quantity", "state", "repair_line_type")
    def _compute_dealer_amount(self):
        for move in self:
            if not move.repair_id or move.repair_line_type != "add" or move.state == "cancel":
                move.dealer_amount = 0.0
                continue
            amount = move._dealer_billed_qty() * move.dealer_price_unit * (1 - move.dealer_discount / 100)
            move.dealer_amount = move.company_id.currency_id.round(amount)

    @api.constrains("dealer_discount")
    def _check_dealer_part_line(self):
        # Quantities are Odoo's: repair refuses a negative one when the order is confirmed.
        for move in self.filtered(lambda m: m.repair_id and m.repair_line_type and m.state not in ("done", "cancel")):
            if not 0 <= move.dealer_discount <= 100:
                raise ValidationError(
                    _("A discount must be between 0 and 100 %% (%(line)s).", line=move.product_id.display_name)
                )

    def _dealer_billed_qty(self):
        """Parts are billed as issued once the repair is done, as requested before."""
        self.ensure_one()
        return self.quantity if self.state == "done" else self.product_uom_qty

    @api.model_create_multi
    def create(self, vals_list):
        moves = super().create(vals_list)
        repair_parts = moves.filtered(lambda move: move.repair_id and move.repair_line_type == "add")
        if repair_parts:
            self.env["dealer.part.request"]._record(repair_parts)
        return moves

    def write(self, vals):
        if any(name in vals for name in AUDITED_FIELDS[self._name]) and self.repair_id:
            self.env["dealer.price.exception"]._record(
                self.filtered(lambda move: move.repair_id and move.repair_line_type == "add"), vals
            )
        return super().write(vals)

    def unlink(self):
        requests = (
            self.env["dealer.part.request"]
            .sudo()
            .search([("move_id", "in", self.ids), ("from_stock", "=", False), ("outcome", "=", "ordered")])
        )
        requests.write({"outcome": "lost"})
        return super().unlink()

    def _action_done(self, cancel_backorder=False):
        moves = super()._action_done(cancel_backorder=cancel_backorder)
        issued = moves.filtered(lambda move: move.state == "done" and move.location_id.usage == "internal").product_id
        if issued:
            orderpoints = (
                self.env["stock.warehouse.orderpoint"]
                .sudo()
                .search([("product_id", "in", issued.ids), ("dealer_safety_qty", ">", 0)])
            )
            orderpoints._dealer_safety_alarm()
        return moves

    def _dealer_backdate(self, when):
        """Date done moves, their lines, valuation layers and quants at ``when`` (UTC): how the
        history of an opening balance or of a data migration is brought in. The journal
        entries keep their own date (validate with ``force_period_date`` to date them)."""
        self._dealer_backdate_each(dict.fromkeys(self.ids, when))

    @api.model
    def _dealer_backdate_each(self, instants):
        """``_dealer_backdate`` of each move at its own instant, ``instants``: {move id: when
        (UTC)}, in one statement (an opening stock brings receipts of hundreds of days)."""
        if not instants:
            return
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                WITH v AS (SELECT * FROM unnest(%(ids)s::int[], %(whens)s::timestamp[]) AS v(id, day)),
                     moves AS (UPDATE stock_move m SET date = v.day FROM v WHERE m.id = v.id RETURNING m.id),
                     lines AS (UPDATE stock_move_line l SET date = v.day FROM v WHERE l.move_id = v.id
                               RETURNING l.id),
                     layers AS (UPDATE stock_valuation_layer s SET create_date = v.day
                                  FROM v WHERE s.stock_move_id = v.id RETURNING s.id)
                UPDATE stock_quant q SET in_date = v.day
                  FROM stock_move_line l JOIN v ON v.id = l.move_id
                 WHERE q.lot_id = l.lot_id AND l.lot_id IS NOT NULL AND q.quantity > 0
                """,
                ids=list(instants),
                whens=list(instants.values()),
            )
        )
        self.env.invalidate_all()
