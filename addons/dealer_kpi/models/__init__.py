from . import dealer_kpi_definition
from . import dealer_kpi_engine
