from . import test_controller
from . import test_readiness
from . import test_rpc
from . import test_security
from . import test_staffing
from . import test_tour
from . import test_visit
from . import test_visit_access
