"""The demo store's history, built when the addon is installed with demo data (``demo/*.xml``
call it); kept apart from the models so that no screen or business code depends on it."""

from . import dealer_inventory_analysis_demo
from . import dealer_insurance_claim_demo
from . import dealer_today_demo
