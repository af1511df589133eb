from . import test_kpi_definition
from . import test_kpi_engine
