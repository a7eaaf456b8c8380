from . import test_registry
from . import test_work_orders
from . import test_dispute
from . import test_security
from . import test_tour
