from odoo import fields, models


class StockMove(models.Model):
    _inherit = "stock.move"

    dealer_golive_import_id = fields.Many2one(
        "dealer.golive.import", string="Go-Live Import", readonly=True, copy=False, index="btree_not_null"
    )

    def _account_entry_move(self, qty, description, svl_id, cost):
        # The opening stock of a go-live import is booked by the import in one entry per store
        # (each category's stock account against the opening-balance account), not one per move.
        # Only while the import runs: its "importing" state never outlives its transaction.
        if self.dealer_golive_import_id.state == "importing":
            return []
        return super()._account_entry_move(qty, description, svl_id, cost)
