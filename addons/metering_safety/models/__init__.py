from . import metering_emergency
from . import metering_emergency_roster
from . import metering_incident_type
from . import metering_incident
from . import fsm_order
from . import metering_checklist_assignment
from . import metering_qualification_type
from . import metering_qualification
