from . import metering_scorecard_template
from . import metering_scorecard_criterion
from . import metering_scorecard_level
from . import metering_evaluation
from . import metering_evaluation_kpi
from . import metering_evaluation_line
from . import hr_employee
from . import fsm_team
