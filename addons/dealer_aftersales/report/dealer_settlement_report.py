"""机动车维修结算清单: the figures of the settlement statement a customer signs at hand-over."""

from odoo import api, models

from ..tools import PAY_TYPES, amount_in_chinese


class ReportDealerSettlement(models.AbstractModel):
    _name = "report.dealer_aftersales.report_settlement"
    _description = "Settlement Statement"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["repair.order"].browse(docids)
        return {
            "doc_ids": docs.ids,
            "doc_model": "repair.order",
            "docs": docs,
            "totals": {repair.id: self._settlement_totals(repair) for repair in docs},
            "amount_in_chinese": amount_in_chinese,
        }

    @api.model
    def _settlement_totals(self, repair):
        """Per payer (pay type) its amount without VAT, its VAT and its amount with VAT: from the
        order's invoices once it is invoiced (posted or draft), else as invoicing will make them
        (``repair.order._dealer_preview_amounts``, as the cashier's desk). Returns ``{"invoiced":
        bool, "payers": {pay type: {"untaxed", "tax", "total"}}, "customer": {...}}``."""
        repair = repair.sudo()
        currency = repair.company_id.currency_id
        moves = repair._dealer_active_moves()
        if moves:
            payers = {pay_type: {"untaxed": 0.0, "total": 0.0} for pay_type, _label in PAY_TYPES}
            for move in moves.filtered(lambda m: m.move_type in ("out_invoice", "out_refund") and m.dealer_pay_type):
                sign = -1 if move.move_type == "out_refund" else 1
                payers[move.dealer_pay_type]["untaxed"] += sign * move.amount_untaxed
                payers[move.dealer_pay_type]["total"] += sign * move.amount_total
            payers["internal"] = {"untaxed": repair.amount_internal, "total": repair.amount_internal}
        else:
            payers = repair._dealer_preview_amounts()
        for figures in payers.values():
            figures["untaxed"] = currency.round(figures["untaxed"])
            figures["total"] = currency.round(figures["total"])
            figures["tax"] = currency.round(figures["total"] - figures["untaxed"])
        return {"invoiced": bool(moves), "payers": payers, "customer": payers["customer"]}
