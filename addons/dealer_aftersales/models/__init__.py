from . import fleet_vehicle_model_brand
from . import dealer_vehicle
from . import dealer_vehicle_odometer
from . import dealer_vehicle_owner
