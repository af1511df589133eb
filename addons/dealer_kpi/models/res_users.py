from odoo import models

from odoo.addons.dealer_aftersales.tools import MANAGER


class ResUsers(models.Model):
    _inherit = "res.users"

    def _dealer_home_action(self):
        """A manager starts the day on the store's KPI dashboard."""
        self.ensure_one()
        if self.has_group(MANAGER):
            action = self.env.ref("dealer_kpi.dealer_kpi_store_dashboard_action", raise_if_not_found=False)
            if action:
                return action
        return super()._dealer_home_action()
