from odoo import api, models
from odoo.exceptions import UserError

from ..tools import ACCOUNTANT, ADVISOR, check_role, lang_env


class ReportDealerGatePass(models.AbstractModel):
    """放行条: printed only for orders the customer's money lets leave (released by the cashier,
    or nothing to pay)."""

    _name = "report.dealer_aftersales.report_gate_pass"
    _description = "Gate Pass"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["repair.order"].browse(docids)
        check_role(docs, ADVISOR, ACCOUNTANT)
        env = lang_env(self.env)
        for repair in docs:
            if repair.state != "done":
                raise UserError(env._("Repair order %(name)s is not finished yet.", name=repair.name))
            if not repair._dealer_customer_cleared():
                raise UserError(
                    env._(
                        "No gate pass for %(name)s: the customer still has %(amount)s to pay at the cashier's desk.",
                        name=repair.name,
                        amount=repair._dealer_format_amount(repair.sudo().dealer_customer_residual),
                    )
                )
        return {"doc_ids": docs.ids, "doc_model": "repair.order", "docs": docs}


class ReportDealerReceipt(models.AbstractModel):
    """收据: the payments the cashier took for an order."""

    _name = "report.dealer_aftersales.report_receipt"
    _description = "Cashier's Receipt"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["repair.order"].browse(docids)
        check_role(docs, ACCOUNTANT)
        env = lang_env(self.env)
        for repair in docs:
            if not repair.dealer_payment_ids and not repair.dealer_on_account_amount:
                raise UserError(env._("Repair order %(name)s has no payment taken at the desk.", name=repair.name))
        return {"doc_ids": docs.ids, "doc_model": "repair.order", "docs": docs}
