from . import dealer_kpi_budget_report
