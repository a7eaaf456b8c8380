# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import BaseCase

from ..tools.energy_adjustment import (
    AdjustmentInputError,
    out_of_tolerance,
    stopped_meter,
    wrong_ct_ratio,
    wrong_wiring,
)


class TestEnergyAdjustmentMath(BaseCase):
    """Worked examples of the supply rules' formulas, and the inputs they refuse."""

    def test_out_of_tolerance_fast_meter_is_refunded(self):
        # 12,000 kWh recorded since the last test; half of it, 6,000 kWh, is
        # corrected: ΔW = 6000 × 0.025 / 1.025 = 146.34 kWh refunded.
        energy, formula = out_of_tolerance(12000, 2.5, 180)
        self.assertAlmostEqual(energy, -146.34, places=2)
        self.assertIn("6,000", formula)
        __, formula = out_of_tolerance(2_700_000, 2.5, 180)
        self.assertIn("2,700,000 kWh", formula)
        self.assertNotIn("e+", formula)

    def test_out_of_tolerance_slow_meter_is_made_up(self):
        # γ = -4 %: ΔW = 5000 × (-0.04) / 0.96 = -208.33 → 208.33 kWh made up
        energy, _formula = out_of_tolerance(10000, -4, 365)
        self.assertAlmostEqual(energy, 208.33, places=2)

    def test_wrong_wiring(self):
        # one phase reversed: P_wrong = 1/3 of P_correct, K = 3 → 2 × 9,000
        energy, formula = wrong_wiring(9000, 3.0, 1.0, 90)
        self.assertAlmostEqual(energy, 18000.0)
        self.assertIn("K = P_correct / P_wrong", formula)
        # a meter that ran faster than the load: K < 1 means a refund
        energy, _formula = wrong_wiring(9000, 1.0, 1.25, 90)
        self.assertAlmostEqual(energy, -1800.0)

    def test_wrong_ct_ratio(self):
        # actual 200/5 = 40, billed 150/5 = 30: factor 1/3 → 3,000 of 9,000 kWh
        energy, _formula = wrong_ct_ratio(9000, 40, 30, 60)
        self.assertAlmostEqual(energy, 3000.0)

    def test_refused_inputs(self):
        cases = [
            (out_of_tolerance, (12000, -100, 180), "error"),
            (out_of_tolerance, (12000, -150, 180), "error"),
            (out_of_tolerance, (0, 2.5, 180), "energy"),
            (out_of_tolerance, (-5, 2.5, 180), "energy"),
            (out_of_tolerance, (12000, 2.5, 0), "period"),
            (out_of_tolerance, (12000, 2.5, -3), "period"),
            (wrong_wiring, (9000, 3.0, 0.0, 90), "power_wrong"),
            (wrong_wiring, (9000, 0.0, 1.0, 90), "power_correct"),
            (wrong_ct_ratio, (9000, 40, 0, 60), "billed_ratio"),
            (wrong_ct_ratio, (9000, 0, 30, 60), "actual_ratio"),
        ]
        for function, args, code in cases:
            with self.subTest(function=function.__name__, args=args):
                with self.assertRaises(AdjustmentInputError) as caught:
                    function(*args)
                self.assertEqual(caught.exception.code, code)

    def test_stopped_meter_settled_by_normal_consumption(self):
        # 30 days at a normal 42.5 kWh/day while the meter recorded 120 kWh:
        # 1,275 − 120 = 1,155 kWh made up
        energy, formula = stopped_meter(120, 42.5, 30)
        self.assertAlmostEqual(energy, 1155.0)
        self.assertIn("42.5 kWh/d × 30 d = 1,275 kWh", formula)
        energy, __ = stopped_meter(0, 42.5, 30)
        self.assertAlmostEqual(energy, 1275.0)
        for args, code in (((120, 0, 30), "normal_energy"), ((120, 42.5, 0), "period")):
            with self.assertRaises(AdjustmentInputError) as refused:
                stopped_meter(*args)
            self.assertEqual(refused.exception.code, code)
