from . import dealer_kpi_definition
