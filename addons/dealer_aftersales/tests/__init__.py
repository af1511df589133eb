from . import test_vehicle_vin
from . import test_vehicle_odometer
from . import test_vehicle_service_due
from . import test_vehicle_access
from . import test_vehicle_tour
from . import test_repair_invoicing
from . import test_appointment
from . import test_workshop
