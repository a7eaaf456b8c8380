from . import test_security
from . import test_tour
from . import test_scorecard_kpi
from . import test_scorecard_workflow
from . import test_scorecard_xlsx
from . import test_scorecard_tour
