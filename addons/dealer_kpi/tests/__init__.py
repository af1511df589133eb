from odoo.addons.dealer_aftersales.tests import browser  # Chromium's start-up wait
from . import test_kpi_definition
from . import test_kpi_engine
from . import test_kpi_planning
from . import test_kpi_report
from . import test_kpi_snapshot
from . import test_kpi_service
from . import test_kpi_dashboard
from . import test_kpi_access
from . import test_kpi_replica
from . import test_kpi_tour
from . import test_kpi_screenshots
from . import test_kpi_outside_client
from . import test_kpi_store_tz
from . import test_role_home_kpi
from . import test_demo_tours
