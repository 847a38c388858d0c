"""Functions taken over: contraceptives, reward payments, family health, public health, ageing."""

from __future__ import annotations

import numpy as np

from console.demo.context import Context
from console.demo.staffing import jiangxi_month
from console.demo.timeline import AS_OF, Model, Months, never, ranked_on, switch
from console.demo.units import GANSU, HEBEI, INNER_MONGOLIA, JIANGXI, PROVINCE, Level
from console.schema import LEVELS, applies

# Per-level shares at 2021-11, indexed national … village.
_FAMILY_HEALTH = (1.0, 23 / 31, 0.55, 0.5, 0.35, 0.2)
_CONTRACEPTIVES = (0.0, 0.0, 0.2, 0.15, 0.0, 0.0)
_ELDERLY = (0.0, 0.0, 0.1, 0.08, 0.0, 0.0)
_REWARD_PAYMENTS = (0.0, 0.0, 0.4, 0.45, 0.35, 0.0)
_PUBLIC_HEALTH = (0.0, 0.0, 0.0, 0.4, 0.3, 0.0)


def functions(level: Level, context: Context) -> Model:
    """Functions taken over: contraceptives, rewards, family health, public health, ageing."""
    rng = context.rng(level, "functions")
    zeal, freeze, index = context.zeal[level.rows], context.freeze[level.rows], level.index
    name = LEVELS[index]
    model: Model = {
        "fn_family_health": switch(ranked_on(rng, zeal, _FAMILY_HEALTH[index], freeze,
                                             already=0.5)),
    }
    if applies("fn_reward_payments", name):
        model["fn_reward_payments"] = switch(
            ranked_on(rng, zeal, _REWARD_PAYMENTS[index], freeze, already=0.9))
    if applies("fn_public_health", name):
        model["fn_public_health"] = switch(
            ranked_on(rng, zeal, _PUBLIC_HEALTH[index], freeze, already=0.8))
    if index == PROVINCE:
        contraceptives, elderly = _provincial_moves(level, rng, context.seed)
    elif applies("fn_elderly", name):
        contraceptives = ranked_on(rng, zeal, _CONTRACEPTIVES[index], freeze, already=0.6)
        elderly = ranked_on(rng, zeal, _ELDERLY[index], freeze, already=0.6)
    else:
        return model
    model["fn_contraceptives"] = switch(contraceptives)
    model["fn_elderly"] = switch(elderly)
    return model


def _provincial_moves(level: Level, rng: np.random.Generator, seed: int
                      ) -> tuple[Months, Months]:
    """Jiangxi took over contraceptives and ageing work; Hebei, Inner Mongolia, Gansu the former."""
    contraceptives = never(level.size)
    elderly = never(level.size)
    jiangxi = level.row(JIANGXI)
    contraceptives[jiangxi] = elderly[jiangxi] = jiangxi_month(seed)
    for code in (HEBEI, INNER_MONGOLIA, GANSU):
        contraceptives[level.row(code)] = rng.integers(1, AS_OF + 1)
    return contraceptives, elderly
