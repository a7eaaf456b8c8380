from . import energy_adjustment
