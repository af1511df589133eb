import logging

from odoo import Command, _, api, fields, models

from .account_journal_cashier import PAYMENT_METHODS

_logger = logging.getLogger(__name__)

# method -> (Odoo journal type, journal code, name in Chinese)
CASHIER_JOURNALS = {
    "cash": ("cash", "XJ", "现金"),
    "wechat": ("bank", "WX", "微信支付"),
    "alipay": ("bank", "ZFB", "支付宝"),
    "card": ("bank", "YHK", "银行卡"),
}


class ResCompany(models.Model):
    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited  # the cashier's journals, on their own

    dealer_pay_before_handover = fields.Boolean(
        string="Payment Before Hand-Over",
        default=True,
        help="A car is handed over only once the cashier has released it: the customer's part paid, or "
        "left on account (挂账) for a customer with credit. Orders the customer pays nothing of need no release.",
    )

    def _dealer_cashier_journals(self):
        """{payment method: the store's journal for it}."""
        self.ensure_one()
        Journal = self.env["account.journal"]
        journals = Journal.sudo().search(
            [*Journal._check_company_domain(self), ("dealer_payment_method", "!=", False)], order="id"
        )
        found = {}
        for journal in journals:
            found.setdefault(journal.dealer_payment_method, journal.sudo(False))
        return found

    # ------------------------------------------------------------------ store setup

    def _dealer_setup_chart(self):
        """The store's chart of accounts, then the cashier's payment journals."""
        return super()._dealer_setup_chart() + self._dealer_setup_cashier()

    @api.model
    def _dealer_setup_cashier_all(self):
        """The cashier's journals of every store that has a chart of accounts (module update)."""
        for company in self.sudo().search([]):
            company._dealer_setup_cashier()
        return True

    def _dealer_has_chart(self):
        self.ensure_one()
        Account = self.env["account.account"]
        return bool(self.chart_template or Account.search_count(Account._check_company_domain(self), limit=1))

    def _dealer_setup_cashier(self):
        """One payment journal per way of paying at the cashier's desk (cash, WeChat Pay, Alipay,
        bank card), those the store lacks, each receiving on an outstanding receipts account of its
        own; returns what was created, as texts for the user. Needs the store's chart of accounts."""
        self.ensure_one()
        company = self.sudo()
        if not company._dealer_has_chart():
            return []
        # Created in English, the Chinese names as their translations.
        Journal = self.env["account.journal"].sudo().with_context(active_test=False, lang="en_US")
        existing = Journal.search([*Journal._check_company_domain(company), ("dealer_payment_method", "!=", False)])
        have = set(existing.mapped("dealer_payment_method"))
        labels = dict(PAYMENT_METHODS)
        done = []
        for method, (journal_type, code, chinese) in CASHIER_JOURNALS.items():
            if method in have:
                continue
            journal = Journal.with_company(company).create(
                {
                    "name": labels[method],
                    "type": journal_type,
                    "code": company._dealer_free_journal_code(code),
                    "company_id": company.id,
                    "dealer_payment_method": method,
                }
            )
            account = company._dealer_outstanding_receipts_account(journal, chinese)
            inbound = journal.inbound_payment_method_line_ids.filtered(lambda line: line.code == "manual")[:1]
            if inbound:
                inbound.payment_account_id = account
            else:
                manual = self.env.ref("account.account_payment_method_manual_in")
                journal.inbound_payment_method_line_ids = [
                    Command.create({"payment_method_id": manual.id, "payment_account_id": account.id})
                ]
            company._dealer_translate(journal, "name", chinese)
            done.append(_("Payment journal %(journal)s (%(code)s)", journal=journal.name, code=journal.code))
        return done

    def _dealer_free_journal_code(self, code):
        self.ensure_one()
        Journal = self.env["account.journal"].sudo().with_context(active_test=False)
        used = set(Journal.search(Journal._check_company_domain(self)).mapped("code"))
        candidate, index = code, 1
        while candidate in used:
            index += 1
            candidate = f"{code[: 5 - len(str(index))]}{index}"
        return candidate

    def _dealer_outstanding_receipts_account(self, journal, chinese):
        """An outstanding receipts account for ``journal`` alone, numbered after the store's
        (Odoo's "Outstanding Receipts" of its chart), as Odoo makes it: current assets, reconcilable."""
        self.ensure_one()
        Account = self.env["account.account"].sudo().with_company(self).with_context(lang="en_US")
        chart = self.env["account.chart.template"].with_context(allowed_company_ids=self.root_id.ids)
        base = chart.ref("account_journal_payment_debit_account_id", raise_if_not_found=False)
        start = base.code if base else (self.bank_account_code_prefix or "1").ljust(6, "0")
        account = Account.create(
            {
                "name": f"Outstanding Receipts {journal.with_context(lang='en_US').name}",
                "code": Account._search_new_account_code(start),
                "account_type": "asset_current",
                "reconcile": True,
                "company_ids": [Command.set(self.ids)],
            }
        )
        self._dealer_translate(account, "name", f"未达收款 {chinese}")
        return account

    def _dealer_translate(self, record, field, chinese):
        """``chinese`` as the zh_CN value of ``record``'s translated ``field`` when Chinese is installed."""
        if record._fields[field].translate and "zh_CN" in dict(self.env["res.lang"].get_installed()):
            record.update_field_translations(field, {"zh_CN": chinese})


class AccountChartTemplate(models.AbstractModel):
    _inherit = "account.chart.template"

    def _load(self, template_code, company, install_demo, force_create=True):
        result = super()._load(template_code, company, install_demo, force_create=force_create)
        # A store whose chart is loaded (at its creation, or by its setup) gets the cashier's journals.
        self.env["res.company"].browse(company.id).sudo()._dealer_setup_cashier()
        return result
