from . import metering_rotation_wizard
from . import metering_order_decision_wizard
from . import metering_energy_adjustment_return_wizard
