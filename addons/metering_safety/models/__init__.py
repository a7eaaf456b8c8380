from . import metering_qualification_type
from . import metering_qualification
