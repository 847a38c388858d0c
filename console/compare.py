"""Compare a view with the same view at a baseline period: changes, arrivals, closures.

Headless: the console marks each metric's change (▲/▼ and the difference) in the
direction that is better or worse in the domain's sense (schema.BETTER), and marks units
that appeared or were merged or abolished between the two periods.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from console.schema import BETTER, LEVELS
from console.store import Store

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


def alert_changes(store: Store, node: str, period: str, base: str,
                  cur: duckdb.DuckDBPyConnection | None = None) -> list[AlertChange]:
    """Per rule, the units of `node`'s subtree newly breaking it at `period` since `base`,
    no longer breaking it, and breaking it both times (alerting/changes, counted in
    DuckDB: the two lists of a village-depth nation hold ~420,000 alerts each).
    The rollups of both periods must hold (ensure_alerts builds them)."""
    for at in (period, base):
        store.ensure_alerts(at, cur)
    rows = store.query("alerting/changes", {
        "node": node, "everything": node == store.root, "period": store.check_period(period),
        "period_files": store.files_of(period), "base": store.check_period(base),
        "base_files": store.files_of(base), "lowest": LEVELS[-1]}, cur)
    return [AlertChange(r["rule"], r["new"], r["resolved"], r["still_open"])
            for r in rows.to_pylist()]
