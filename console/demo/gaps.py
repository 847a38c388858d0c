"""Gaps in reporting (数据缺报): fields left blank and whole returns missing.

Real monthly returns are never complete, and the demo's are not either. Both kinds of gap
are drawn from seeded streams of their own, so that no other value moves:

- Missing fields. In each period every active township and village leaves some of the
  indicators that apply at its level blank (NULL: "not reported") with a chance that falls
  linearly from 0.6% in 2019-02 to 0.2% in 2021-12 (about 0.45% in 2019-12, 0.3% in
  2020-12), the less keen units somewhat likelier, one to three fields at a time. Each
  period is drawn afresh: a unit that misses a field one month usually reports it the
  next. Identity columns (unit_code, parent_code, unit_name, level, status, period) are
  never blank, so the files stay valid.
- Missing returns. The odd leaf unit of the lowest level generated sends no return for a
  period and is absent from that period's file, back in the next (never absent two periods
  running): at village depth a handful of villages a period (on average 8 in 2019-02
  falling to 2 by 2021-12), at township depth the odd township (2 falling to 0.5). A leaf
  never has children, so no unit loses its parent.

The province, prefecture and county returns are complete and never missing, so the
speech's figures at those levels are exactly what they were; the few lower-level gaps
change its grassroots figures (huts, warm-heart families) by a few tenths of a percent,
counted over the units that reported. A closed (merged or abolished) unit sends nothing
new: the values it had when it closed stand, never blank, never absent.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from console.demo.context import Context
from console.demo.timeline import PERIODS, stream
from console.demo.units import TOWNSHIP, VILLAGE, Level
from console.schema import INDICATORS, LEVELS, applies

FIELD_GAPS = (0.006, 0.002)
"""The chance that a township or village return leaves fields blank: 2019-02, 2021-12."""
MISSING_RETURNS: dict[int, tuple[float, float]] = {TOWNSHIP: (2.0, 0.5), VILLAGE: (8.0, 2.0)}
"""Leaf units of the lowest level generated absent from a period, on average: 2019-02, 2021-12."""
_MOST_FIELDS = 3  # a return leaves one to this many fields blank
_WEAKNESS = 0.5  # how much likelier a less keen unit is to leave a gap (per unit of zeal)


def falling(bounds: tuple[float, float], month: int) -> float:
    """A rate that falls linearly from bounds[0] at 2019-02 to bounds[1] at 2021-12."""
    first, last = bounds
    return first + (last - first) * month / (PERIODS - 1)


def with_field_gaps(level: Level, context: Context, month: int,
                    values: dict[str, NDArray[Any]]) -> dict[str, NDArray[Any]]:
    """A level's values at `month` with the fields its units left blank masked (NULL)."""
    blanks = field_gaps(level, context, month)
    gapped = dict(values)
    for key, blank in blanks.items():
        value = values[key]
        gapped[key] = np.ma.masked_array(np.ma.getdata(value),
                                         mask=np.ma.getmaskarray(value) | blank)
    return gapped


def field_gaps(level: Level, context: Context, month: int) -> dict[str, NDArray[np.bool_]]:
    """Which units of a level left which applicable fields blank at `month` (townships and
    villages only); only the fields some unit left blank are listed."""
    if level.index not in (TOWNSHIP, VILLAGE):
        return {}
    rng = stream(context.seed, level.index, f"field gaps {month}")
    keys = [c.key for c in INDICATORS if applies(c.key, LEVELS[level.index])]
    reporting = context.freeze[level.rows] > month
    weakness = np.exp(-_WEAKNESS * context.zeal[level.rows])
    chance = np.minimum(falling(FIELD_GAPS, month) * weakness / weakness.mean(), 1.0)
    gapped = np.flatnonzero((rng.random(level.size) < chance) & reporting)
    how_many = rng.integers(1, _MOST_FIELDS + 1, gapped.size)
    picks = np.argsort(rng.random((gapped.size, len(keys))), axis=1)[:, :_MOST_FIELDS]
    taken = np.arange(_MOST_FIELDS) < how_many[:, None]  # each unit's first how_many picks
    rows, fields = np.broadcast_to(gapped[:, None], picks.shape)[taken], picks[taken]
    blanks: dict[str, NDArray[np.bool_]] = {}
    for field in np.unique(fields):
        blank = np.zeros(level.size, dtype=np.bool_)
        blank[rows[fields == field]] = True
        blanks[keys[field]] = blank
    return blanks


def missing_returns(levels: list[Level], context: Context) -> list[NDArray[np.intp]]:
    """For every month, the rows of the leaf units whose return is missing (sorted).

    Only the lowest level generated loses returns, and only at township or village depth;
    a unit absent one month is back the next; closed units are never absent.
    """
    leaf = levels[-1]
    absent: list[NDArray[np.intp]] = [np.empty(0, dtype=np.intp) for _ in range(PERIODS)]
    if leaf.index not in MISSING_RETURNS:
        return absent
    rng = stream(context.seed, leaf.index, "missing returns")
    before = np.zeros(leaf.size, dtype=np.bool_)
    for month in range(PERIODS):
        candidates = np.flatnonzero((context.freeze[leaf.rows] > month) & ~before)
        count = min(int(rng.poisson(falling(MISSING_RETURNS[leaf.index], month))),
                    candidates.size)
        chosen = np.sort(rng.choice(candidates, size=count, replace=False))
        before[:] = False
        before[chosen] = True
        absent[month] = (leaf.start + chosen).astype(np.intp)
    return absent
