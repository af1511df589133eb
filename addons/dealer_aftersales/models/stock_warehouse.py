from odoo import models

# A store's repair orders: its warehouse's short name, WX (维修), year and month, a number that
# restarts each month: 佛山南海粤/WX202612-0001.
REPAIR_PREFIX = "%(code)s/WX%%(range_year)s%%(range_month)s-"
REPAIR_PADDING = 4


class StockWarehouse(models.Model):
    _inherit = "stock.warehouse"

    def _get_sequence_values(self, name=False, code=False):
        values = super()._get_sequence_values(name=name, code=code)
        if "repair_type_id" in values:
            values["repair_type_id"].update(self._dealer_repair_sequence_values(code or self.code))
        return values

    def _dealer_repair_sequence_values(self, code):
        return {
            "prefix": REPAIR_PREFIX % {"code": code},
            "padding": REPAIR_PADDING,
            "use_date_range": True,
            "dealer_monthly": True,
        }
