from . import dealer_inventory_report_wizard
