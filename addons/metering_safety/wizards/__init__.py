from . import metering_emergency_fault_wizard
from . import metering_safety_override_wizard
