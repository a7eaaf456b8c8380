from . import test_rotation_queue
