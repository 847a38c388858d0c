"""Vitality: signboard, office, rules on the wall, members, volunteers, activities, sites.

Counts (members, sites, huts …) are each unit's own, not its subtree's. A hollow unit holds
no activity and shows only a signboard, only rules on a wall, or only papers in a drawer.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from console.demo.context import Context
from console.demo.timeline import (
    AS_OF,
    PERIODS,
    Evaluator,
    Model,
    Months,
    log_uniform,
    never,
    ramp,
    ranked_on,
    switch,
    window,
    windows,
)
from console.demo.units import ANSHUN, COUNTY, PREFECTURE, PROVINCE, Level
from console.schema import LEVELS, applies

_SIGNBOARD_ONLY, _WALL_ONLY = 0, 1  # kinds of hollow unit; 2 is drawer only

# Per-level parameters, indexed national … village.
_SIGNBOARD = (1.0, 1.0, 0.99, 0.95, 0.88, 0.8)
_OFFICE = (1.0, 1.0, 0.99, 0.93, 0.85, 0.7)
_RULES = (0.0, 0.0, 0.0, 0.0, 0.75, 0.6)
_LAPSES = (0.0, 0.0, 0.01, 0.02, 0.03, 0.04)  # a signboard goes missing for some months
_HOLLOW = (0.0, 0.0, 0.0, 0.01, 0.05, 0.15)
_MEMBERS = ((2000.0, 5000.0), (1000.0, 8000.0), (800.0, 6000.0), (500.0, 5000.0),
            (200.0, 3000.0), (30.0, 400.0))
_ACTIVITIES = ((40.0, 120.0), (20.0, 80.0), (10.0, 60.0), (6.0, 40.0), (2.0, 24.0),
               (1.0, 12.0))
_SITES = ((3.0, 10.0), (3.0, 30.0), (5.0, 40.0), (5.0, 40.0), (1.0, 8.0), (0.0, 2.0))
_HUTS = (0.0, 0.0, 0.0, 4.8, 0.35, 0.05)
_WARM_HEART = (0.0, 0.0, 0.0, 0.0, 6.0, 0.5)  # county figures are drawn lognormal instead


def vitality(level: Level, context: Context) -> Model:
    """Signboard, office, rules on the wall, members, volunteers, activities, service sites."""
    rng = context.rng(level, "vitality")
    zeal, freeze, index = context.zeal[level.rows], context.freeze[level.rows], level.index
    already = 1.0 if index <= PROVINCE else 0.9
    hollow, kind = _hollow(level, rng, zeal)
    put_up = ranked_on(rng, zeal, _SIGNBOARD[index], freeze, already)
    # Some units lose their signboard for two to six months, then put it up again.
    lapsed = rng.random(level.size) < _LAPSES[index]
    signboard = switch(put_up, windows(rng, lapsed, (0, PERIODS), (2, 7)))
    rules = switch(ranked_on(rng, zeal, _RULES[index], freeze, already=0.7))
    model: Model = {
        "signboard": lambda t: np.where(hollow(t), kind == _SIGNBOARD_ONLY, signboard(t)),
        "office_space": switch(ranked_on(rng, zeal, _OFFICE[index], freeze, already)),
        "activities_12m": _activities(level, rng, zeal, hollow),
    }
    if applies("rules_on_wall", LEVELS[index]):
        model["rules_on_wall"] = lambda t: np.where(hollow(t), kind == _WALL_ONLY, rules(t))
    model.update(_counts(level, rng, zeal))
    return model


def _hollow(level: Level, rng: np.random.Generator, zeal: NDArray[np.float64]
            ) -> tuple[Evaluator, NDArray[np.int64]]:
    """Which units hold no activity, when, and of which kind (signboard, wall or drawer only).

    Exactly a level's share of the least keen units are hollow at 2021-11; half as many
    again were hollow for a while and revived.
    """
    n = level.size
    count = round(_HOLLOW[level.index] * n)
    revived = count // 2
    ranked = np.argsort(zeal + rng.normal(0.0, 0.8, n), kind="stable")
    start = never(n)
    end = never(n)
    start[ranked[:count]] = rng.integers(-24, AS_OF + 1, count)
    past = ranked[count : count + revived]
    start[past] = rng.integers(-24, 24, revived)
    end[past] = np.minimum(start[past] + rng.integers(3, 13, revived), AS_OF)
    kind = rng.choice(3, n, p=[0.4, 0.3, 0.3])
    return window(start, end), kind


def _activities(level: Level, rng: np.random.Generator, zeal: NDArray[np.float64],
                hollow: Evaluator) -> Evaluator:
    """Activities in the last 12 months: growing, lower in windows that hold the 2020 lockdown."""
    base = log_uniform(rng, _ACTIVITIES[level.index], zeal)
    grows = ramp(1 / rng.uniform(1.0, 1.3, level.size), AS_OF)

    def activities(t: Months) -> NDArray[np.int64]:
        lockdown = np.where((t >= 12) & (t <= 27), 0.7, 1.0)
        held = np.maximum(np.rint(base * grows(t) * lockdown), 1).astype(np.int64)
        return np.where(hollow(t), 0, held)

    return activities


def _counts(level: Level, rng: np.random.Generator, zeal: NDArray[np.float64]) -> Model:
    """Members, volunteers, service sites and, from counties down, huts and warm-heart families."""
    n, index = level.size, level.index
    members = log_uniform(rng, _MEMBERS[index], zeal)
    member_growth = ramp(rng.uniform(0.85, 1.0, n), PERIODS - 1)
    volunteer_share = rng.uniform(0.05, 0.3, n)
    sites = np.floor(log_uniform(rng, _SITES[index], zeal))
    sites_growth = ramp(rng.uniform(0.5, 0.9, n), 30)
    if index == PREFECTURE:
        # Anshun built more than 390 family service centres.
        row = level.row(ANSHUN)
        sites[row], sites_growth = rng.integers(395, 421), _anshun_ramp(sites_growth, row)
    huts_growth = ramp(rng.uniform(0.1, 0.5, n), AS_OF)
    huts = rng.poisson(_HUTS[index] * np.exp(0.3 * zeal - 0.045), n)
    warm_growth = ramp(rng.uniform(0.6, 0.85, n), AS_OF)
    warm = (np.rint(rng.lognormal(np.log(90), 0.6, n)) if index == COUNTY
            else rng.poisson(_WARM_HEART[index], n))

    def member_count(t: Months) -> NDArray[np.float64]:
        counted: NDArray[np.float64] = np.rint(members * member_growth(t))
        return counted

    def hut_count(t: Months) -> NDArray[np.float64]:
        built: NDArray[np.float64] = np.floor(huts * huts_growth(t) + 1e-9)
        return built

    model: Model = {
        "members": member_count,
        "volunteers": lambda t: np.rint(member_count(t) * volunteer_share),
        "service_sites": lambda t: np.floor(sites * sites_growth(t)) + hut_count(t),
    }
    if applies("parent_child_huts", LEVELS[index]):
        model["parent_child_huts"] = hut_count
        model["warm_heart_families"] = lambda t: np.floor(warm * warm_growth(t) + 1e-9)
    return model


def _anshun_ramp(growth: Evaluator, row: int) -> Evaluator:
    """Anshun's centres grow from about a third of their 2021 number in 2019-02."""

    def shares(t: Months) -> NDArray[np.float64]:
        reached = growth(t)
        reached[row] = 0.33 + 0.67 * min(max(int(t[row]), 0), 30) / 30
        return reached

    return shares
