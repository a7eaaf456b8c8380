from . import metering_evaluation_generate_wizard
from . import metering_evaluation_return_wizard
