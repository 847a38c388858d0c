"""What changed between two periods: one row per unit and indicator whose value differs.

The comparison runs in SQL (queries/diff/changes.sql) over the subtree of a node at either
period. Values come back as text the way an export writes them (true/false, YYYY-MM-DD);
a unit that appears or disappears between the periods gets a single 'status' row whose
other side is NULL.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import duckdb
import polars as pl
import pyarrow as pa

from console.export import write_csv
from console.schema import COLUMNS, IDENTITY, LEVEL_LABELS, SNAPSHOT_COLUMNS
from console.snapshots import atomic_writer
from console.store import Store, StoreError

COMPARED: tuple[str, ...] = tuple(
    c.key for c in SNAPSHOT_COLUMNS if c.key == "status" or c not in IDENTITY)
"""The columns a diff compares, in the schema's order: status and every indicator."""
DIFF_KEYS: tuple[str, ...] = ("unit_code", "unit_name", "level", "indicator", "old", "new")
DIFF_LABELS: dict[str, tuple[str, ...]] = {
    "zh": ("单位代码", "单位名称", "层级", "指标", "原值", "新值"),
    "en": ("Unit code", "Unit", "Level", "Indicator", "Old value", "New value"),
    "key": DIFF_KEYS,
}
FORMATS = ("csv", "json")


@dataclass(frozen=True)
class Change:
    """One indicator of one unit that differs between two periods (values as text)."""

    unit_code: str
    unit_name: str
    level: str
    indicator: str
    old: object
    new: object


def diff(store: Store, first: str, second: str, node: str | None = None,
         cur: duckdb.DuckDBPyConnection | None = None) -> pa.Table:
    """The changes from `first` to `second` in the subtree of `node` (default: the root).

    Columns DIFF_KEYS, ordered by unit_code and then by the schema's column order. A
    StoreError when a period is not in the folder or `node` is at neither period.
    """
    top = node or store.root
    params = {
        "node": top,
        "first_files": store.files_of(first),
        "second_files": store.files_of(second),
        "keys": list(COMPARED),
    }
    table = store.query("diff/changes", params, cur)
    if table.num_rows == 0:
        _require_unit(store, top, (first, second), cur)
    return table


def as_changes(table: pa.Table) -> list[Change]:
    """The rows of a diff as Change records."""
    return [Change(**row) for row in table.select(list(DIFF_KEYS)).to_pylist()]


def diff_frame(table: pa.Table, header: str = "zh") -> pl.DataFrame:
    """A diff with headers in 'zh', 'en' or 'key'; indicator and level as labels unless 'key'."""
    if header not in DIFF_LABELS:
        raise ValueError(f"header must be one of {', '.join(DIFF_LABELS)}, not {header!r}")
    frame = pl.from_arrow(table.select(list(DIFF_KEYS)))
    assert isinstance(frame, pl.DataFrame)
    if header != "key":
        side = 0 if header == "zh" else 1
        frame = frame.with_columns(
            pl.col("indicator").replace({k: COLUMNS[k].label(header) for k in COMPARED}),
            pl.col("level").replace({k: labels[side] for k, labels in LEVEL_LABELS.items()}),
        )
    return frame.rename(dict(zip(DIFF_KEYS, DIFF_LABELS[header], strict=True)))


def write_diff(table: pa.Table, out: Path | BinaryIO, fmt: str = "csv",
               header: str = "zh") -> None:
    """Write a diff as CSV (BOM, CRLF, `header` labels) or JSON (a list of objects, keys).

    A path is written atomically.
    """
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    if fmt == "csv":
        write_csv(diff_frame(table, header), out)
        return
    rows = table.select(list(DIFF_KEYS)).to_pylist()
    payload = (json.dumps(rows, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    if isinstance(out, Path):
        with atomic_writer(out) as stream:
            stream.write(payload)
    else:
        out.write(payload)
        out.flush()


def _require_unit(store: Store, code: str, periods: tuple[str, str],
                  cur: duckdb.DuckDBPyConnection | None) -> None:
    """A StoreError unless `code` is in the data at one of `periods`."""
    for period in periods:
        try:
            store.row(code, period, cur)
        except StoreError:
            continue
        return
    where = f" within scope {store.scope}" if store.scope else ""
    raise StoreError(f"unit {code} is not in the data{where} at {periods[0]} or {periods[1]}")
