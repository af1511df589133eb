from . import dealer_kpi_snapshot_wizard
