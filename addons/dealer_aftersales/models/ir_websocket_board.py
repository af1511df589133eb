from odoo import models

from ..tools import ALL_ROLES
from .dealer_repair_labor_board import BOARD_CHANNEL


class IrWebsocket(models.AbstractModel):
    _inherit = "ir.websocket"

    def _build_bus_channel_list(self, channels):
        return super()._build_bus_channel_list(self._dealer_board_channels(channels))

    def _dealer_board_channels(self, channels):
        """``channels`` with the workshop boards a client asks for ("dealer_workshop_board:<store
        id>") replaced by the stores' board channels: only the stores of a user with an
        after-sales role; a board of another store is not followed."""
        prefix = f"{BOARD_CHANNEL}:"
        asked, kept = set(), []
        for channel in channels:
            if isinstance(channel, str) and channel.startswith(prefix):
                store_id = channel[len(prefix) :]
                if store_id.isdigit():
                    asked.add(int(store_id))
            else:
                kept.append(channel)
        user = self.env.user
        if asked and self.env.uid and user._is_internal() and any(user.has_group(group) for group in ALL_ROLES):
            kept.extend((store, BOARD_CHANNEL) for store in user.company_ids if store.id in asked)
        return kept
