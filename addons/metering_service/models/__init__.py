from . import metering_policy
from . import fsm_location
from . import metering_device_history
from . import fsm_equipment
from . import fsm_order_type
from . import fsm_order
