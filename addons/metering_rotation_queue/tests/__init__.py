from . import test_rotation_queue
from . import test_rotation_queue_tour
