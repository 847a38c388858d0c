"""Compare a view with the same view at a baseline period: changes, arrivals, closures.

Headless: the console marks each metric's change (▲/▼ and the difference) in the
direction that is better or worse in the domain's sense (schema.BETTER), and marks units
that appeared or were merged or abolished between the two periods.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc

from console.schema import BETTER

WAS = "__was"  # suffix of a column that holds the baseline's value
APPEARED, CLOSED = "appeared", "closed"


def compared(current: pa.Table, baseline: pa.Table) -> pa.Table:
    """`current` with, per compared column, its baseline value (key + WAS), and a column
    `change_mark`: 'appeared' (not in the baseline), 'closed' (active then, merged or
    abolished now) or NULL."""
    keys = [k for k in BETTER if k in current.column_names and k in baseline.column_names]
    before = baseline.select(["unit_code", "status", *keys]).rename_columns(
        ["unit_code", f"status{WAS}", *(f"{k}{WAS}" for k in keys)])
    joined = current.join(before, "unit_code", join_type="left outer")
    # a join reorders rows: put them back in the order of `current`
    order = pc.index_in(current.column("unit_code"), value_set=joined.column("unit_code"))
    joined = joined.take(order)
    present = pc.is_valid(joined.column(f"status{WAS}"))
    closed = pc.and_(pc.equal(joined.column(f"status{WAS}"), "active"),
                     pc.not_equal(joined.column("status"), "active"))
    mark = pc.if_else(pc.invert(present), APPEARED,
                      pc.if_else(pc.fill_null(closed, False), CLOSED, pa.scalar(None, pa.string())))
    return joined.drop_columns([f"status{WAS}"]).append_column("change_mark", mark)


@dataclass(frozen=True)
class AlertChange:
    """One rule between the baseline and now: units newly breaking it, resolved, still open."""

    rule: str
    new: int
    resolved: int
    still_open: int


def alert_changes(now: pa.Table, before: pa.Table) -> list[AlertChange]:
    """Per rule, from two alert lists (rule, unit_code, …) of the same subtree."""
    current = {(r, u) for r, u in zip(now.column("rule").to_pylist(),
                                      now.column("unit_code").to_pylist(), strict=True)}
    earlier = {(r, u) for r, u in zip(before.column("rule").to_pylist(),
                                      before.column("unit_code").to_pylist(), strict=True)}
    rules = sorted({r for r, _ in current | earlier})
    return [AlertChange(rule,
                        sum(1 for r, _ in current - earlier if r == rule),
                        sum(1 for r, _ in earlier - current if r == rule),
                        sum(1 for r, _ in current & earlier if r == rule))
            for rule in rules]
