from . import metering_evaluation_xlsx
from . import metering_evaluation_ranking_xlsx
