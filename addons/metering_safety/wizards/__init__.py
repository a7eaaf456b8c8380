from . import metering_emergency_fault_wizard
