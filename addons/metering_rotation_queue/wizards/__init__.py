from . import metering_rotation_wizard
