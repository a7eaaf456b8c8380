from . import metering_evaluation_xlsx
from . import metering_evaluation_ranking_xlsx
from . import metering_showcase_visit_schedule_xlsx
