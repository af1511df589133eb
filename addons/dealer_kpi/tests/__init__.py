from . import test_kpi_definition
from . import test_kpi_engine
from . import test_kpi_planning
from . import test_kpi_report
from . import test_kpi_snapshot
from . import test_kpi_service
from . import test_kpi_dashboard
from . import test_kpi_access
