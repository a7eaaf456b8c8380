from . import report_xlsx_abstract
from . import metering_checklist_xlsx
from . import metering_energy_adjustment_xlsx
from . import metering_rotation_plan_xlsx
