"""Funding: a stable budget line (slowly spreading) and the year's funds in 10,000 yuan."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from console.demo.context import Context
from console.demo.timeline import Model, Months, log_uniform, ranked_on, switch
from console.demo.units import PROVINCE, Level

# Per-level parameters, indexed national … village.
_BUDGET_GUARANTEED = (1.0, 0.8, 0.7, 0.68, 0.45, 0.3)
_BUDGET = ((3000.0, 6000.0), (150.0, 1500.0), (20.0, 400.0), (10.0, 80.0), (1.0, 10.0),
           (0.1, 1.0))


def funding(level: Level, context: Context) -> Model:
    """A stable budget line (slowly spreading) and the year's funds in 10,000 yuan."""
    rng = context.rng(level, "funding")
    zeal, freeze, index = context.zeal[level.rows], context.freeze[level.rows], level.index
    guaranteed = ranked_on(rng, zeal, _BUDGET_GUARANTEED[index], freeze,
                           already=1.0 if index <= PROVINCE else 0.85)
    low, high = _BUDGET[index]
    base = log_uniform(rng, (low, high / 1.2), zeal)  # room to grow before the cap
    growth = rng.normal(0.05, 0.06, level.size)

    def budget(t: Months) -> NDArray[np.float64]:
        years = (t + 1) // 12  # the funds of the calendar year the period falls in
        funds: NDArray[np.float64] = np.clip(base * (1 + growth) ** years, low, high)
        return np.round(funds, 1)

    return {"budget_guaranteed": switch(guaranteed), "budget_10k_yuan": budget}
