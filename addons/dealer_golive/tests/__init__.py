from . import test_golive_import
from . import test_golive_reader
from . import test_golive_access
from . import test_golive_outside_client
from . import test_golive_reconciliation
from . import test_golive_claims
from . import test_golive_kpis
