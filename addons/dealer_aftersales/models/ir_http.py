from odoo import models


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    def session_info(self):
        """Internal users without a Home Action of their own land on their role's home."""
        result = super().session_info()
        user = self.env.user
        if not result.get("home_action_id") and user._is_internal():
            result["home_action_id"] = user._dealer_home_action().id
        return result
