from . import metering_checklist_xlsx
from . import metering_energy_adjustment_xlsx
