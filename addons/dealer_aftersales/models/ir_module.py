from odoo import models

from .dealer_pay_type import DEFAULT_ACCOUNTS


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    def _load_module_terms(self, modules, langs, overwrite=False, imported_module=False):
        """A language loaded after the revenue accounts were created names them too."""
        res = super()._load_module_terms(modules, langs, overwrite=overwrite, imported_module=imported_module)
        if "dealer_aftersales" in modules and "dealer.pay.type.config" in self.env:
            sources = {
                pay_type: (labor._source, parts._source) for pay_type, (labor, parts) in DEFAULT_ACCOUNTS.items()
            }
            Config = self.env["dealer.pay.type.config"]
            for config in Config.sudo().search([]):
                labor, parts = sources[config.pay_type]
                Config._translate_account_name(config.labor_account_id, labor, langs)
                Config._translate_account_name(config.parts_account_id, parts, langs)
        return res
