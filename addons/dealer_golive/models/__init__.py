from . import dealer_golive_import
from . import dealer_golive_import_error
from . import stock_move
from . import stock_location
from . import dealer_reconciliation_analysis
from . import dealer_warranty_claim
