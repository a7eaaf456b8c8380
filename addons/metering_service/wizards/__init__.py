from . import metering_rotation_wizard
from . import metering_retrofit_approval_wizard
