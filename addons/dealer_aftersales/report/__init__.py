from . import dealer_inventory_report_mixin
from . import dealer_parts_aging_report
from . import dealer_parts_turnover_report
from . import dealer_vehicle_stock_report
from . import dealer_parts_reorder_report
from . import dealer_receivable_aging_report
from . import dealer_cashier_report
from . import dealer_settlement_report
