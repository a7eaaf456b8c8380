from . import models
from . import wizards
from .hooks import post_load
