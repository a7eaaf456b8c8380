# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Refund / make-up energy (退补电量) of the supply rules, manual §5.8.

Plain functions without Odoo, one per method. Each returns the signed energy to
bill (kWh: positive = make-up, the customer was under-billed; negative = refund)
and the formula with its numbers. Invalid input raises AdjustmentInputError,
whose code names the input; the caller turns it into a translated message.
"""


class AdjustmentInputError(ValueError):
    """Input that no formula accepts. code: 'energy', 'period', 'error',
    'power_wrong', 'power_correct', 'billed_ratio', 'actual_ratio' or
    'normal_energy'."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


def _n(value):
    """A number as people read it: thousands separated, no exponent, no
    trailing zeros (2,700,000 rather than 2.7e+06)."""
    text = f"{value:,.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _check_energy(recorded_energy):
    if recorded_energy is None or recorded_energy <= 0:
        raise AdjustmentInputError("energy")


def _check_period(period_days):
    if period_days is None or period_days <= 0:
        raise AdjustmentInputError("period")


def out_of_tolerance(recorded_energy, error_percent, period_days):
    """Meter out of tolerance (rules art. 80).

    γ = (W_meter − W_true) / W_true. The correction applies over half the time
    since the last test or replacement; the energy of that half is the recorded
    energy of the whole period prorated: W = W_recorded / 2. The energy to refund
    (γ > 0) or make up (γ < 0) is ΔW = W·γ/(1+γ); the energy to bill is −ΔW.
    """
    _check_energy(recorded_energy)
    _check_period(period_days)
    if error_percent is None or error_percent <= -100:
        raise AdjustmentInputError("error")
    gamma = error_percent / 100.0
    applicable = recorded_energy / 2.0
    delta = applicable * gamma / (1.0 + gamma)
    formula = (
        f"W = {_n(recorded_energy)} kWh / 2 = {_n(applicable)} kWh; "
        f"ΔW = W·γ/(1+γ) = {_n(applicable)} × {_n(gamma)} / (1 + {_n(gamma)}) "
        f"= {delta:,.2f} kWh"
    )
    return -delta, formula


def wrong_wiring(recorded_energy, power_correct, power_wrong, period_days):
    """Wrong wiring (rules art. 81): K = P_correct / P_wrong and the energy to
    bill is (K − 1)·W_recorded over the whole period the wiring was wrong."""
    _check_energy(recorded_energy)
    _check_period(period_days)
    if not power_wrong:
        raise AdjustmentInputError("power_wrong")
    if power_correct is None or power_correct <= 0:
        raise AdjustmentInputError("power_correct")
    factor = power_correct / power_wrong
    delta = (factor - 1.0) * recorded_energy
    formula = (
        f"K = P_correct / P_wrong = {_n(power_correct)} / {_n(power_wrong)} = "
        f"{factor:.4f}; ΔW = (K − 1)·W = ({factor:.4f} − 1) × {_n(recorded_energy)} "
        f"= {delta:,.2f} kWh"
    )
    return delta, formula


def wrong_ct_ratio(recorded_energy, actual_ratio, billed_ratio, period_days):
    """Wrong CT ratio: make-up factor = actual ratio / billed ratio − 1 over the
    whole period; the energy to bill is factor·W_recorded."""
    _check_energy(recorded_energy)
    _check_period(period_days)
    if not billed_ratio or billed_ratio < 0:
        raise AdjustmentInputError("billed_ratio")
    if actual_ratio is None or actual_ratio <= 0:
        raise AdjustmentInputError("actual_ratio")
    factor = actual_ratio / billed_ratio - 1.0
    delta = factor * recorded_energy
    formula = (
        f"factor = {_n(actual_ratio)} / {_n(billed_ratio)} − 1 = {factor:.4f}; "
        f"ΔW = factor·W = {factor:.4f} × {_n(recorded_energy)} = {delta:,.2f} kWh"
    )
    return delta, formula


def stopped_meter(recorded_energy, normal_daily_energy, period_days):
    """A stopped or burnt meter (γ = −100 %: no usable reading), settled by
    the customer's normal consumption: the average daily energy of comparable
    normal months times the days affected, less what the meter recorded. The
    energy to bill is W_normal·days − W_recorded (positive: make-up)."""
    _check_period(period_days)
    if recorded_energy is None or recorded_energy < 0:
        raise AdjustmentInputError("energy")
    if not normal_daily_energy or normal_daily_energy <= 0:
        raise AdjustmentInputError("normal_energy")
    normal = normal_daily_energy * period_days
    delta = normal - recorded_energy
    formula = (
        f"W_normal = {_n(normal_daily_energy)} kWh/d × {period_days} d = "
        f"{_n(normal)} kWh; ΔW = W_normal − W_recorded = {_n(normal)} − "
        f"{_n(recorded_energy)} = {delta:,.2f} kWh"
    )
    return delta, formula
