from odoo import models

from ..tools import ACCOUNTANT, ADVISOR, MANAGER, PARTS, TECHNICIAN

# The home of each role, in the order a user with several roles gets it (the manager has them all).
HOME_ACTIONS = (
    (MANAGER, "dealer_aftersales.repair_order_action_dealer"),
    (ACCOUNTANT, "dealer_aftersales.repair_order_action_to_invoice"),
    (PARTS, "dealer_aftersales.dealer_part_request_action_desk"),
    (ADVISOR, "dealer_aftersales.dealer_appointment_action_today"),
    (TECHNICIAN, "dealer_aftersales.dealer_repair_labor_action_board"),
)


class ResUsers(models.Model):
    _inherit = "res.users"

    def _dealer_home_action(self):
        """The screen the user's role starts the day on, when they chose no Home Action of their own
        (``ir.http.session_info``): an empty ``ir.actions.actions`` for a user of no after-sales role."""
        self.ensure_one()
        for group, xmlid in HOME_ACTIONS:
            if self.has_group(group):
                action = self.env.ref(xmlid, raise_if_not_found=False)
                if action:
                    return action
        return self.env["ir.actions.actions"]
