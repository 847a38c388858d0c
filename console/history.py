"""A unit's history across periods, told as the moments its key indicators changed."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa

from console import sql
from console.schema import LEVELS
from console.snapshots import format_period, parse_period
from console.store import Store, UnitRef

KEY_INDICATORS: tuple[str, ...] = (
    "status",
    "reform_plan_issued",
    "president_in_place",
    "last_election",
    "mass_org_listed",
    "civil_servant_managed",
    "party_group",
    "staff_quota",
    "departments",
    "signboard",
    "activities_12m",
)
"""The indicators whose changes the unit detail lists."""


@dataclass(frozen=True)
class Change:
    """One indicator at the first period it held a value, or at a period where it changed."""

    period: str
    value: Any


def changes(history: pa.Table, key: str) -> list[Change]:
    """The first value of `key` and every later change, oldest first."""
    periods = history.column("period").to_pylist()
    values = history.column(key).to_pylist()
    found: list[Change] = []
    for period, value in zip(periods, values, strict=True):
        if not found or found[-1].value != value:
            found.append(Change(format_period(period), value))
    return found


SUBTREE_SERIES: tuple[str, ...] = (
    "prefectures_plan_rate",
    "counties_plan_rate",
    "presidents_vacant",
    "elections_overdue",
    "hollow",
)
"""What the unit detail charts over its subtree across periods."""


def subtree_history(store: Store, code: str, cur: duckdb.DuckDBPyConnection | None = None,
                    *, level: str | None = None, own: pa.Table | None = None) -> pa.Table:
    """One row per period in which `code` exists: period ('YYYY-MM') and its subtree's
    SUBTREE_SERIES, oldest first. `level`, when the caller knows it, spares a search for
    the children of a unit of the lowest level, whose series is summed from `own` (its
    rows in every period, Store.history) when the caller has them, else from the files.

    The periods whose rollups hold are read from the unit's rollup rows; the others are
    summed from their files (subtree_series), which holds no more than the subtree's
    members, never every unit of every period. The answer is kept until the folder is
    reloaded.
    """
    key = ("subtree_history", code)
    if key in store.memo:
        kept: pa.Table = store.memo[key]
        return kept
    owned = cur is None
    cursor = store.cursor() if cur is None else cur
    try:
        held = [] if level == LEVELS[-1] else store.rollups_held()
        rolled = store.query("unit/series_from_rollups", {
            "code": code, "periods": [parse_period(p) for p in held]}, cursor)
        found = {format_period(p) for p in rolled.column("period").to_pylist()}
        rest = [p for p in store.periods if p not in found]
        parts = [rolled]
        if rest and level == LEVELS[-1] and own is not None:
            parts.append(_series_of(own, cursor))
        elif rest:
            parts.append(subtree_series(store, code, rest, cursor, level=level))
        table = pa.concat_tables(parts).sort_by("period")
    finally:
        if owned:
            cursor.close()
    table = table.set_column(0, "period", pa.array(
        [format_period(p) for p in table.column("period").to_pylist()], pa.string()))
    store.memo[key] = table
    return table


def subtree_series(store: Store, code: str, periods: list[str],
                   cursor: duckdb.DuckDBPyConnection, *, level: str | None = None
                   ) -> pa.Table:
    """The SUBTREE_SERIES of `code` at `periods`, summed from their files (unit/subtree_series)
    over every unit for the store's root (unit/series_of_all), the unit alone for one of
    the lowest level (unit/series_of_unit), else over its members (unit/series_of_members),
    found one generation at a time (unit/members_start, unit/members_step): each a scan
    joined to the generation above, down to the lowest level."""
    files = [file for period in periods for file in store.files_of(period)]
    cursor.execute(sql.load("unit/series_files"), {"files": files, "code": code})
    try:
        if code == store.root:
            cursor.execute(sql.load("unit/series_of_all"))
        elif level == LEVELS[-1]:
            cursor.execute(sql.load("unit/series_of_unit"))
        else:
            cursor.execute(sql.load("unit/members_start"), {"files": files, "code": code})
            for depth in range(1, len(LEVELS)):
                if not _has_children(cursor, depth):
                    break
                cursor.execute(sql.load("unit/members_step"),
                               {"files": files, "depth": depth, "lowest": LEVELS[-1]})
            cursor.execute(sql.load("unit/series_of_members"))
        return store.query("unit/subtree_series", {}, cursor)
    finally:
        cursor.execute(sql.load("unit/series_end"))


def _series_of(rows: pa.Table, cursor: duckdb.DuckDBPyConnection) -> pa.Table:
    """The SUBTREE_SERIES summed over `rows` (a unit's own, in every period)."""
    cursor.register("series_source", rows)
    try:
        relation = cursor.sql(sql.load("unit/subtree_series"))
        assert relation is not None
        return relation.to_arrow_table()
    finally:
        cursor.unregister("series_source")


def _has_children(cursor: duckdb.DuckDBPyConnection, depth: int) -> bool:
    """Whether the members at `depth` - 1 may have children: some are above the lowest level."""
    found = cursor.execute(sql.load("unit/members_above_lowest"),
                           {"depth": depth, "lowest": LEVELS[-1]}).fetchall()
    return bool(found and found[0][0])


@dataclass(frozen=True)
class UnitDetail:
    """What the unit detail shows: the unit's row at the period, its rows in every period,
    its path from the root, its alerts and its subtree's history (subtree_history)."""

    row: dict[str, Any]
    history: pa.Table
    path: list[UnitRef]
    alerts: pa.Table
    series: pa.Table


def unit_detail(store: Store, code: str, period: str) -> UnitDetail:
    """Read a unit's detail. Its rows in every period (a scan of every file, most of the
    wait) are read beside the rest, on a cursor of their own; a unit of the lowest level
    sums its subtree's history from them."""
    with ThreadPoolExecutor(max_workers=1) as beside:
        rows = beside.submit(store.history, code)
        row = store.row(code, period)
        path = store.ancestry(code, period)
        alerts = store.unit_alerts(code, period)
        level = str(row["level"])
        series = None if level == LEVELS[-1] else subtree_history(store, code, level=level)
        history = rows.result()
    if series is None:
        series = subtree_history(store, code, level=level, own=history)
    return UnitDetail(row, history, path, alerts, series)
