from . import metering_rotation_wizard
from . import metering_order_decision_wizard
