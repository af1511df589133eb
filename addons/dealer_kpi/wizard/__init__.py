from . import dealer_kpi_snapshot_wizard
from . import dealer_kpi_snapshot_wizard_line
from . import dealer_kpi_labor_whatif
from . import dealer_kpi_report_wizard
