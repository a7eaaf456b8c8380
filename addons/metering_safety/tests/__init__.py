from . import test_security
from . import test_emergency
from . import test_emergency_tour
from . import test_qualification
from . import test_safety_briefing
from . import test_safety_briefing_tour
from . import test_safety_rpc
from . import test_gate_queries
