from markupsafe import Markup

from odoo import api, fields, models

from ..tools import lang_env


class DealerReconciliationWizard(models.TransientModel):
    """The accountant's screen of ``dealer.reconciliation.analysis.reconcile``: a date, the stores,
    and the lines with the documents that explain their differences."""

    _name = "dealer.reconciliation.wizard"
    _description = "After-Sales and General Ledger Reconciliation"

    date = fields.Date(string="At", required=True, default=fields.Date.context_today)
    company_ids = fields.Many2many(
        "res.company",
        string="Stores",
        required=True,
        default=lambda self: self.env.companies,
        domain=lambda self: [("id", "in", self.env.user.company_ids.ids)],
    )
    result_html = fields.Html(string="Reconciliation", compute="_compute_result_html", sanitize=False)

    @api.depends("date", "company_ids")
    def _compute_result_html(self):
        env = lang_env(self.env)
        for wizard in self:
            if not wizard.date or not wizard.company_ids:
                wizard.result_html = False
                continue
            result = env["dealer.reconciliation.analysis"].reconcile(
                fields.Date.to_string(wizard.date), wizard.company_ids.ids
            )
            wizard.result_html = wizard._render(env, result)

    def _render(self, env, result):
        head = (env._("Line / document"), env._("After-sales"), env._("Ledger"), env._("Difference"))
        parts = []
        for figures in result.values():
            rows = []
            for line in figures["lines"]:
                rows.append(
                    Markup(
                        "<tr class='fw-bold'><td>%s</td><td class='text-end'>%s</td>"
                        "<td class='text-end'>%s</td><td class='text-end'>%s</td></tr>"
                    )
                    % (line["name"], _money(line["aftersales"]), _money(line["ledger"]), _money(line["difference"]))
                )
                for doc in line["documents"]:
                    rows.append(
                        Markup(
                            "<tr><td class='ps-4'><a href='/odoo/%s/%s'>%s</a></td><td class='text-end'>%s</td>"
                            "<td class='text-end'>%s</td><td class='text-end'>%s</td></tr>"
                        )
                        % (
                            doc["model"],
                            doc["id"],
                            doc["name"],
                            _money(doc["aftersales"]),
                            _money(doc["ledger"]),
                            _money(doc["difference"]),
                        )
                    )
            parts.append(
                Markup(
                    "<h4>%s (%s)</h4><table class='table table-sm o_dealer_reconciliation'><thead><tr>%s</tr>"
                    "</thead><tbody>%s</tbody></table>"
                )
                % (
                    figures["store"],
                    figures["currency"],
                    Markup("").join(Markup("<th>%s</th>") % title for title in head),
                    Markup("").join(rows),
                )
            )
        return Markup("").join(parts) or False


def _money(amount):
    return f"{amount:,.2f}"
