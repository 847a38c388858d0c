"""Writing the periods: one snapshot a month of every unit, its status and its indicators.

A closed (merged or abolished) unit keeps the values it had when it closed. The gaps in
reporting (console.demo.gaps) are applied here: fields left blank become NULL, and a unit
whose return is missing has no row in that period's file.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
import pyarrow as pa
from numpy.typing import NDArray

from console.demo.context import Context
from console.demo.gaps import missing_returns, with_field_gaps
from console.demo.timeline import EPOCH, Model
from console.demo.units import Level
from console.schema import INDICATORS, LEVELS, STATUSES, Column, ColumnType
from console.snapshots import (
    ARROW_SCHEMA,
    ManifestEntry,
    manifest_entry,
    write_manifest,
    write_snapshot,
)


def write_periods(
    out: Path,
    levels: list[Level],
    models: list[Model],
    context: Context,
    months: Sequence[int],
    progress: Callable[[str], None] | None,
) -> list[ManifestEntry]:
    """Write the snapshots of the given month indexes (0 = 2019-02) and their manifest."""
    identity = _identity(levels)
    absent = missing_returns(levels, context)
    files: list[Path] = []
    for done, month in enumerate(months, start=1):
        period = str(EPOCH + month)
        path = out / f"{period}.parquet"
        snapshot = _snapshot(levels, models, identity, context, month)
        write_snapshot(_without(snapshot, absent[month]), path)
        files.append(path)
        if progress is not None:
            progress(f"{period} ({done}/{len(months)})")
    entries = [manifest_entry(path) for path in files]
    write_manifest(out, entries)
    return entries


def _identity(levels: list[Level]) -> dict[str, pa.Array]:
    """The columns that do not change from period to period."""
    codes = np.array([code for level in levels for code in level.codes], dtype=object)
    parents = np.concatenate([level.parents for level in levels])
    parent_codes = codes[parents]
    parent_codes[parents < 0] = None
    sizes = [level.size for level in levels]
    return {
        "unit_code": pa.array(codes, type=pa.string()),
        "unit_name": pa.array([name for level in levels for name in level.names],
                              type=pa.string()),
        "level": pa.array(np.repeat(np.array(LEVELS[: len(levels)]), sizes)),
        "parent_code": pa.array(parent_codes, type=pa.string()),
    }


def _snapshot(levels: list[Level], models: list[Model], identity: dict[str, pa.Array],
              context: Context, month: int) -> pl.DataFrame:
    """One period's table: every unit, its status and its indicators at that month."""
    rows = len(context.freeze)
    columns: dict[str, pa.Array | pa.ChunkedArray] = dict(identity)
    day = (EPOCH + month).astype("datetime64[D]")
    columns["period"] = pa.array(np.full(rows, day))
    closed = context.freeze <= month
    columns["status"] = pa.array(np.array(STATUSES)[np.where(closed, context.fate, 0)])
    at = np.minimum(month, context.freeze)  # a closed unit keeps its values as they were
    values = [with_field_gaps(level, context, month,
                              {key: evaluate(at[level.rows]) for key, evaluate in model.items()})
              for level, model in zip(levels, models, strict=True)]
    for column in INDICATORS:
        chunks = [_arrow(column, level_values.get(column.key), level.size)
                  for level, level_values in zip(levels, values, strict=True)]
        columns[column.key] = pa.chunked_array(chunks, type=ARROW_SCHEMA.field(column.key).type)
    return pl.DataFrame(pa.table(columns))


def _without(snapshot: pl.DataFrame, absent: NDArray[np.intp]) -> pl.DataFrame:
    """The period's table without the rows of the units whose return is missing."""
    if absent.size == 0:
        return snapshot
    keep = np.ones(snapshot.height, dtype=np.bool_)
    keep[absent] = False
    return snapshot.filter(pl.Series(keep))


def _arrow(column: Column, values: NDArray[Any] | None, size: int) -> pa.Array:
    """One level's values of a column as Arrow, NULL where it does not apply or is masked."""
    arrow_type = ARROW_SCHEMA.field(column.key).type
    if values is None:
        return pa.nulls(size, type=arrow_type)
    mask = np.ma.getmaskarray(values) if np.ma.isMaskedArray(values) else None
    data = np.ma.getdata(values)
    if column.type is ColumnType.INTEGER:
        data = data.astype(np.int32)
    elif column.type is ColumnType.DOUBLE:
        data = data.astype(np.float64)
    elif column.type is ColumnType.BOOLEAN:
        data = data.astype(np.bool_)
    return pa.array(data, type=arrow_type, mask=mask)
