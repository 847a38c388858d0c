"""Months and periods, seeded streams, and the state-over-time primitives of every indicator.

A month is an index: 0 is 2019-02, 34 is 2021-12. Each primitive is drawn once per unit
from a seeded stream and read off at any month, so values mostly improve and sometimes slip.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import NDArray

FIRST_PERIOD = "2019-02"
LAST_PERIOD = "2021-12"

Months = NDArray[np.int64]
"""Month indexes: 0 is 2019-02, 34 is 2021-12; negative ones lie before the first period."""
Evaluator = Callable[[Months], NDArray[Any]]
"""One indicator of one level: its values at each unit's month."""
Model = dict[str, Evaluator]

PERIODS = 35
AS_OF = 33  # 2021-11, the month the speech's figures describe
NEVER = 10_000  # a month far beyond the last period: "has not happened"
EPOCH = np.datetime64(FIRST_PERIOD, "M")


def stream(seed: int, level: int, purpose: str) -> np.random.Generator:
    """A stream of its own, so draws for one purpose never shift those of another."""
    return np.random.default_rng([seed % 2**64, level, zlib.crc32(purpose.encode())])


def never(n: int) -> Months:
    """`n` months that never come."""
    return np.full(n, NEVER, dtype=np.int64)


def ranked_on(
    rng: np.random.Generator,
    score: NDArray[np.float64],
    share: float,
    freeze: Months,
    already: float = 0.85,
    december: float = 0.03,
) -> Months:
    """Months a flag turns on, so that exactly round(share·n) units have it by 2021-11.

    The best scores (with noise) get it, most before 2019-02, the rest during the series;
    a few more in 2021-12. A closed unit that has it got it before it closed.
    """
    n = score.size
    count = round(share * n)
    ranked = np.argsort(-(score + rng.normal(0.0, 0.6, n)), kind="stable")
    chosen = ranked[:count]
    on = never(n)
    on[chosen] = np.where(rng.random(count) < already, rng.integers(-24, 0, count),
                          rng.integers(1, AS_OF + 1, count))
    on[ranked[count : count + round(december * n)]] = AS_OF + 1
    on[chosen] = np.minimum(on[chosen], freeze[chosen])
    return on


def window(start: Months, end: Months) -> Evaluator:
    """True within each unit's window [start, end)."""
    return lambda t: (start <= t) & (t < end)


def windows(rng: np.random.Generator, has: NDArray[np.bool_], starts: tuple[int, int],
            lengths: tuple[int, int]) -> tuple[Months, Months]:
    """Windows [start, end) for the units that `has` one; the others' start never comes.

    Starts and lengths are drawn uniformly from the half-open ranges given.
    """
    n = has.size
    start = np.where(has, rng.integers(*starts, n), NEVER)
    return start, start + rng.integers(*lengths, n)


def switch(on: Months, lapse: tuple[Months, Months] | None = None) -> Evaluator:
    """A flag that is true from month `on`, except during its lapse [start, end)."""
    if lapse is None:
        return lambda t: on <= t
    lapsed = window(*lapse)
    return lambda t: (on <= t) & ~lapsed(t)


def step(before: Months, after: Months, month: Months) -> Evaluator:
    """A number that changes once, from `before` to `after`, at `month`."""
    return lambda t: np.where(t >= month, after, before)


def ramp(start: NDArray[np.float64], months: int) -> Evaluator:
    """The share of its full size a growing count has reached: `start` at 2019-02, 1 by `months`."""
    return lambda t: start + (1.0 - start) * np.clip(t, 0, months) / months


def dates(months: Months, days: Months) -> NDArray[np.datetime64]:
    """Month indexes and days of the month → dates."""
    first = (EPOCH + np.minimum(months, PERIODS)).astype("datetime64[D]")
    result: NDArray[np.datetime64] = first + (days - 1).astype("timedelta64[D]")
    return result


def log_uniform(rng: np.random.Generator, bounds: tuple[float, float], zeal: NDArray[np.float64]
                ) -> NDArray[np.float64]:
    """Sizes spread evenly on a log scale between bounds, keener units somewhat larger."""
    low, high = bounds
    drawn = np.exp(rng.uniform(np.log(low + 1), np.log(high + 1), zeal.size)) - 1
    sizes: NDArray[np.float64] = np.clip(drawn * np.exp(0.15 * zeal), low, high)
    return sizes
