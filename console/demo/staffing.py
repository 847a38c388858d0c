"""Staffing: the staff quota (one change in 2019-03 … 2021-06), people at work, departments.

Quotas and departments are recorded for provinces, prefectures and counties; below them only
the people at work.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from console.demo.context import Context
from console.demo.timeline import PERIODS, Model, Months, step, stream
from console.demo.units import COUNTY, JIANGXI, PREFECTURE, PROVINCE, Level

# Per-level ranges [low, high), indexed national … village (quotas national … county).
_STAFF_ACTUAL = ((55, 71), (0, 0), (0, 0), (0, 0), (1, 4), (1, 3))
_QUOTA = ((0, 0), (20, 61), (5, 21), (2, 9))
_QUOTA_DELTAS = ((0, 0), (-2, 7), (-1, 4), (-1, 3))
_QUOTA_TOTALS: dict[int, int] = {PROVINCE: 81, PREFECTURE: 433}  # mean +2.6 and +1.3
_DEPARTMENTS = ((0, 0, 0), (2, 5, 6), (1, 3, 4), (1, 2, 2))  # (low, high, cap)


def staffing(level: Level, context: Context) -> Model:
    """Staff quota (one change in 2019-03 … 2021-06), people at work, departments."""
    rng = context.rng(level, "staffing")
    n = level.size
    if level.index not in (PROVINCE, PREFECTURE, COUNTY):
        actual = rng.integers(*_STAFF_ACTUAL[level.index], n)
        return {"staff_actual": lambda t: actual}
    base = rng.integers(*_QUOTA[level.index], n)
    deltas = rng.integers(*_QUOTA_DELTAS[level.index], n)
    month = rng.integers(1, 29, n)
    gap = rng.choice(np.array([0, 0, 0, 1, 1, 2]), n)
    low, high, cap = _DEPARTMENTS[level.index]
    departments = rng.integers(low, high + 1, n)
    grown = np.minimum(departments + (rng.random(n) < 0.2), cap)
    grown_month = rng.integers(1, PERIODS, n)
    fixed = np.zeros(n, dtype=bool)
    if level.index == PROVINCE:
        # Jiangxi moved its ageing office and contraceptive-supply centre in: 2 → 5, +23.
        row = level.row(JIANGXI)
        fixed[row] = True
        deltas[row], month[row], base[row] = 23, jiangxi_month(context.seed), 25
        departments[row], grown[row], grown_month[row] = 2, 5, month[row]
    if level.index in _QUOTA_TOTALS:
        deltas = _with_total(rng, deltas, _QUOTA_TOTALS[level.index], 1 - base, fixed)
    quota = step(base, base + np.maximum(deltas, 1 - base), month)
    return {
        "staff_quota": quota,
        "staff_actual": lambda t: np.maximum(quota(t) - gap, 1),
        "departments": step(departments, grown, grown_month),
    }


def jiangxi_month(seed: int) -> int:
    """The month Jiangxi's move took effect (2020-02 … 2021-06), shared by two families."""
    return int(stream(seed, PROVINCE, "jiangxi").integers(12, 29))


def _with_total(rng: np.random.Generator, deltas: Months, total: int, floor: Months,
                fixed: NDArray[np.bool_]) -> Months:
    """Nudge the deltas by ±1 until they sum to `total`, none below `floor`, `fixed` untouched."""
    deltas = deltas.copy()
    while (gap := total - int(deltas.sum())) != 0:
        nudge = 1 if gap > 0 else -1
        free = np.flatnonzero((deltas + nudge >= floor) & ~fixed)
        picked = rng.choice(free, size=min(abs(gap), free.size), replace=False)
        deltas[picked] += nudge
    return deltas
