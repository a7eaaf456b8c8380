from . import models
from . import report
from . import wizards
from .hooks import post_load
