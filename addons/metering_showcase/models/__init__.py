from . import metering_showcase_hall
from . import metering_showcase_role
from . import metering_showcase_visit
from . import metering_showcase_assignment
from . import metering_checklist_assignment
