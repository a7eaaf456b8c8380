from . import metering_rotation
