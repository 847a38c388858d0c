"""A unit's history across periods, told as the moments its key indicators changed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa

from console.snapshots import format_period
from console.store import Store

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


def subtree_history(store: Store, code: str, cur: duckdb.DuckDBPyConnection | None = None
                    ) -> pa.Table:
    """One row per period in which `code` exists: period and its subtree's SUBTREE_SERIES."""
    table = store.query("unit/subtree_history", {"code": code}, cur)
    return table.set_column(0, "period", pa.array(
        [format_period(p) for p in table.column("period").to_pylist()], pa.string()))
