"""Per-row facts that lower levels and the indicators depend on: zeal, closures, pilots, plans.

They are drawn level by level from the top, so that children follow their parents.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from console.demo.timeline import AS_OF, NEVER, Months, never, stream
from console.demo.units import COUNTY, PREFECTURE, PROVINCE, Level

_MERGED, _ABOLISHED = 1, 2  # indexes into schema.STATUSES


@dataclass(frozen=True)
class Context:
    """Per-row facts that lower levels and other indicators depend on."""

    seed: int
    zeal: NDArray[np.float64]  # how keen the unit is on the reform; children follow parents
    freeze: Months  # the month the unit closed (merged/abolished), else NEVER
    fate: NDArray[np.int64]  # its status from that month
    province: NDArray[np.intp]  # the row of its province
    pilot: NDArray[np.int64]
    plan_month: Months

    def rng(self, level: Level, purpose: str) -> np.random.Generator:
        """The random stream of one level and purpose."""
        return stream(self.seed, level.index, purpose)


def draw_context(levels: list[Level], seed: int) -> Context:
    """Zeal, closures, pilots and plan months, level by level from the top."""
    rows = sum(level.size for level in levels)
    context = Context(
        seed=seed,
        zeal=np.zeros(rows),
        freeze=never(rows),
        fate=np.zeros(rows, dtype=np.int64),
        province=np.full(rows, -1, dtype=np.intp),
        pilot=np.zeros(rows, dtype=np.int64),
        plan_month=never(rows),
    )
    for level in levels[1:]:
        _inherit(level, context)
        if level.index == COUNTY:
            _close_counties(level, context)
        if level.index in (PREFECTURE, COUNTY):
            _choose_pilots(level, context)
        if level.index in (PROVINCE, PREFECTURE, COUNTY):
            context.plan_month[level.rows] = _plan_months(level, context)
    return context


def _inherit(level: Level, context: Context) -> None:
    """Zeal follows the parent's (plus noise); closure and province pass down unchanged."""
    rows, parents = level.rows, level.parents
    noise = context.rng(level, "zeal").normal(0.0, 1.0, level.size)
    if level.index == PROVINCE:
        context.zeal[rows] = noise
        context.province[rows] = np.arange(level.start, level.start + level.size)
        return
    weight = 0.7 if level.index <= COUNTY else 0.55
    context.zeal[rows] = weight * context.zeal[parents] + 0.6 * noise
    context.province[rows] = context.province[parents]
    context.freeze[rows] = context.freeze[parents]
    context.fate[rows] = context.fate[parents]


def _close_counties(level: Level, context: Context) -> None:
    """Six to ten of the least keen counties merge or abolish their association in 2020–21."""
    rng = context.rng(level, "status")
    count = int(rng.integers(6, 11))
    weakest = np.argsort(context.zeal[level.rows], kind="stable")[: level.size // 3]
    closed = level.start + rng.choice(weakest, size=count, replace=False)
    context.freeze[closed] = rng.integers(11, AS_OF + 1, count)
    context.fate[closed] = np.where(np.arange(count) % 2 == 0, _MERGED, _ABOLISHED)


def _choose_pilots(level: Level, context: Context) -> None:
    """60 pilots in three batches of 20: 4 prefectures and 16 counties in each, keener likelier."""
    rng = context.rng(level, "pilot")
    per_batch = 4 if level.index == PREFECTURE else 16
    open_rows = np.flatnonzero(context.freeze[level.rows] == NEVER)
    weights = np.exp(context.zeal[level.rows][open_rows])
    chosen = rng.choice(open_rows, size=3 * per_batch, replace=False, p=weights / weights.sum())
    pilot = np.zeros(level.size, dtype=np.int64)
    pilot[chosen] = np.repeat([1, 2, 3], per_batch)
    context.pilot[level.rows] = pilot


def _plan_months(level: Level, context: Context) -> Months:
    """When each unit issues its reform plan: provinces in 2019–20, the rest toward the deadline.

    Exact counts by 2021-11 (62% of prefectures, 40% of counties) go to the best scores, the
    keenest first; a few more follow in 2021-12; each plan comes after its province's.
    """
    rng = context.rng(level, "plan")
    if level.index == PROVINCE:
        return rng.integers(1, 23, level.size)
    share, december = (0.62, 0.05) if level.index == PREFECTURE else (0.40, 0.04)
    rows = level.rows
    score = (context.zeal[rows] + 0.8 * (context.pilot[rows] > 0)
             + rng.normal(0.0, 0.7, level.size))
    score[context.freeze[rows] < NEVER] = -np.inf  # a closed association issues nothing
    ranked = np.argsort(-score, kind="stable")
    issued = ranked[: round(share * level.size)]
    months = never(level.size)
    months[issued] = np.sort(_accelerating(rng, issued.size))
    months[ranked[issued.size : issued.size + round(december * level.size)]] = AS_OF + 1
    return np.maximum(months, context.plan_month[context.province[rows]] + 1)


def _accelerating(rng: np.random.Generator, count: int) -> Months:
    """Months from 2019-05 to 2021-11, ever more likely as the end-2021 deadline nears."""
    months = np.arange(3, AS_OF + 1)
    weights = np.exp(months / 12)
    return rng.choice(months, size=count, p=weights / weights.sum())
