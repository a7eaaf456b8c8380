from . import test_registry
from . import test_work_orders
from . import test_dispute
from . import test_rotation
from . import test_energy_adjustment
from . import test_energy_adjustment_math
from . import test_security
from . import test_tour
