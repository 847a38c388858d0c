"""Organisation: reform plan, pilots, listing, civil-service management, three-fixed, Party group.

Recorded for provinces, prefectures and counties only.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from console.demo.context import Context
from console.demo.timeline import AS_OF, NEVER, Model, Months, dates, never, ranked_on, switch
from console.demo.units import COUNTY, FUJIAN, HEBEI, PREFECTURE, PROVINCE, Level

# Per-level shares at 2021-11, indexed national … village.
_LISTED = (0.0, 1.0, 0.72, 0.62, 0.0, 0.0)  # more than a quarter of prefectures not listed
_MANAGED = (0.0, 0.9, 0.7, 0.57, 0.0, 0.0)  # more than 40% of counties not managed


def organisation(level: Level, context: Context) -> Model:
    """Reform plan, pilots, listing, civil-service management, three-fixed, Party group."""
    if level.index not in (PROVINCE, PREFECTURE, COUNTY):
        return {}
    rng = context.rng(level, "organisation")
    zeal, freeze = context.zeal[level.rows], context.freeze[level.rows]
    plan, pilot = context.plan_month[level.rows], context.pilot[level.rows]
    days = rng.integers(1, 29, level.size)
    fixed = np.where(plan < NEVER, plan + rng.integers(1, 10, level.size), NEVER)
    fixed = np.where(rng.random(level.size) < 0.12, rng.integers(-36, 0, level.size), fixed)
    model: Model = {
        "reform_plan_issued": switch(plan),
        "reform_plan_date": lambda t: np.ma.masked_array(dates(plan, days), mask=plan > t),
        "mass_org_listed": switch(ranked_on(rng, zeal, _LISTED[level.index], freeze)),
        "civil_servant_managed": switch(ranked_on(rng, zeal, _MANAGED[level.index], freeze)),
        "three_fixed_done": switch(fixed),
        "party_group": switch(_party_groups(level, rng, zeal, freeze)),
    }
    if level.index != PROVINCE:
        model["pilot_batch"] = lambda t: pilot
    return model


def _party_groups(level: Level, rng: np.random.Generator, zeal: NDArray[np.float64],
                  freeze: Months) -> Months:
    """Fujian and Hebei set up provincial Party groups in 2020–21; a few percent below."""
    if level.index != PROVINCE:
        return ranked_on(rng, zeal, 0.03, freeze, already=0.4, december=0.0)
    on = never(level.size)
    for code in (FUJIAN, HEBEI):
        on[level.row(code)] = rng.integers(11, AS_OF + 1)
    return on
