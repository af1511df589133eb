from . import res_company
from . import dealer_kpi_definition
from . import dealer_kpi_engine
from . import dealer_kpi_target
from . import dealer_kpi_snapshot
from . import dealer_kpi_budget
from . import dealer_kpi_retention
from . import dealer_kpi_demo
