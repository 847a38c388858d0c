"""Every indicator of a level as a function of the month: the six families together."""

from __future__ import annotations

from console.demo.context import Context
from console.demo.functions import functions
from console.demo.funding import funding
from console.demo.leadership import leadership
from console.demo.organisation import organisation
from console.demo.staffing import staffing
from console.demo.timeline import Model
from console.demo.units import Level
from console.demo.vitality import vitality
from console.schema import INDICATORS, LEVELS, applies


def indicator_model(level: Level, context: Context) -> Model:
    """Every indicator that applies at the level, as a function of the month."""
    model: Model = {}
    for family in (organisation, leadership, staffing, functions, funding, vitality):
        model.update(family(level, context))
    missing = [c.key for c in INDICATORS if applies(c.key, LEVELS[level.index])
               and c.key not in model]
    if missing:
        raise RuntimeError(f"demo model of {LEVELS[level.index]} lacks {missing}")
    return model
