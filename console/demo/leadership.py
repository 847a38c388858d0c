"""Leadership: the president in place, an acting leader who works, the last general election."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from console.demo.context import Context
from console.demo.timeline import AS_OF, NEVER, PERIODS, Model, Months, dates, windows
from console.demo.units import (
    BEIJING,
    GANSU,
    HENAN,
    LIAONING,
    PROVINCE,
    QINGHAI,
    XINJIANG,
    Level,
)

# Per-level parameters, indexed national … village.
_VACANCY = (0.0, 0.15, 0.25, 0.35, 0.45, 0.5)  # share with a president vacancy at some time
_ELECTION_LAG = ((0.0, 0.0), (0.0, 0.0), (0.03, 0.1), (0.06, 0.12), (0.06, 0.12),
                 (0.06, 0.12))  # (long overdue, late) shares


def leadership(level: Level, context: Context) -> Model:
    """President in place, an acting leader who works, the last general election."""
    rng = context.rng(level, "leadership")
    start, end = _vacancies(level, rng, context.zeal[level.rows])
    acting = rng.random(level.size) < 0.75
    first, second, first_day, second_day = _elections(level, rng)

    def in_place(t: Months) -> NDArray[np.bool_]:
        return ~((start <= t) & (t < end))

    def last_election(t: Months) -> NDArray[np.datetime64]:
        held = second <= t
        return dates(np.where(held, second, first), np.where(held, second_day, first_day))

    return {
        "president_in_place": in_place,
        "leader_functional": lambda t: in_place(t) | acting,
        "last_election": last_election,
    }


def _vacancies(level: Level, rng: np.random.Generator, zeal: NDArray[np.float64]
               ) -> tuple[Months, Months]:
    """Windows [start, end) in which the president post is vacant.

    Beijing, Henan, Gansu and Qinghai lose theirs in 2019–21 and have none at 2021-11;
    every other province has its president again by then.
    """
    n = level.size
    has = rng.random(n) < _VACANCY[level.index] * np.exp(-0.4 * zeal)
    start, end = windows(rng, has, (-12, PERIODS), (2, 19))
    if level.index == PROVINCE:
        end = np.minimum(end, AS_OF)
        for code in (BEIJING, HENAN, GANSU, QINGHAI):
            row = level.row(code)
            start[row], end[row] = rng.integers(8, 30), NEVER
    return start, end


def _elections(level: Level, rng: np.random.Generator
               ) -> tuple[Months, Months, Months, Months]:
    """Last election before 2019-02 and the re-election ~5 years on (late, or never, for some).

    Returns both months and days. Liaoning and Xinjiang last elected in 2014–15 and do not
    re-elect; every other province's last election is within five years at 2021-11.
    """
    n = level.size
    overdue_share, late_share = _ELECTION_LAG[level.index]
    kind = rng.random(n)
    first = rng.integers(-60, 0, n)
    delay = np.where(kind < overdue_share + late_share, rng.integers(4, 19, n),
                     rng.integers(0, 4, n))
    second = first + 60 + delay
    overdue = kind < overdue_share
    first = np.where(overdue, rng.integers(-100, -26, n), first)
    catch_up = np.where(rng.random(n) < 0.15, AS_OF + 1, NEVER)
    second = np.where(overdue, catch_up, second)
    if level.index == PROVINCE:
        second = np.where(first <= -27, np.minimum(second, AS_OF), second)
        for code in (LIAONING, XINJIANG):
            row = level.row(code)
            first[row], second[row] = rng.integers(-60, -40), NEVER
    return first, second, rng.integers(1, 29, n), rng.integers(1, 29, n)
