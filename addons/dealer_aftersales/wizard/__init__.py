from . import dealer_inventory_report_wizard
from . import dealer_insurance_settle_wizard
from . import dealer_store_tz_wizard
from . import dealer_reconciliation_wizard
from . import dealer_reception_wizard
from . import dealer_renewal_placement_wizard
from . import dealer_cashier_wizard
