from . import test_kpi_definition
