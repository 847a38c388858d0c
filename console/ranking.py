"""The reform index: one score per unit from its subtree's rollup, and a ranking of children.

The index is the weighted mean, on a 0–100 scale, of seven components of a drill row: the
four reform rates as they are, and one minus the shares of active units in the subtree
whose president post is vacant, whose election is overdue, or that are hollow. A missing
component (no unit of that level, no active unit) is left out and the weights of the rest
renormalised. Weights come from a TOML file (a [weights] table); any component it omits
keeps weight 1.
"""

from __future__ import annotations

import contextlib
import math
import os
import threading
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import duckdb
import polars as pl
import pyarrow as pa

from console.export import write_csv
from console.schema import LEVEL_LABELS, VIEW_COLUMNS
from console.store import Store, StoreError

RATES: tuple[str, ...] = (
    "prefectures_plan_rate",
    "counties_plan_rate",
    "prefectures_listed_rate",
    "counties_cs_rate",
)
SHARES: dict[str, str] = {
    "vacancy_share": "presidents_vacant",
    "overdue_share": "elections_overdue",
    "hollow_share": "hollow",
}
"""Each share component and the drill column it divides by `units`; it counts as 1 - share."""
COMPONENTS: tuple[str, ...] = RATES + tuple(SHARES)
DEFAULT_WEIGHTS: dict[str, float] = {c: 1.0 for c in COMPONENTS}
WEIGHTS_ENV = "FPA_INDEX_WEIGHTS"
"""The environment variable that names a TOML file of index weights."""

RANKING_KEYS: tuple[str, ...] = ("unit_code", "unit_name", "level", "reform_index", "rank",
                                 "baseline_index", "baseline_rank", "rank_change")
RANKING_SCHEMA = pa.schema([
    ("unit_code", pa.string()), ("unit_name", pa.string()), ("level", pa.string()),
    ("reform_index", pa.float64()), ("rank", pa.int64()), ("baseline_index", pa.float64()),
    ("baseline_rank", pa.int64()), ("rank_change", pa.int64()),
])
LABELS: dict[str, tuple[str, str]] = {
    **{key: (VIEW_COLUMNS[key].zh, VIEW_COLUMNS[key].en)
       for key in ("unit_code", "unit_name", "level", "reform_index", "rank", "rank_change")},
    "baseline_index": ("基期指数", "Baseline index"),
    "baseline_rank": ("基期排名", "Baseline rank"),
}
HEADERS = ("zh", "en", "key")


@dataclass(frozen=True)
class Ranking:
    """The children of a node ranked by reform index, with their ranks at the baseline.

    `rows` has the columns RANKING_KEYS, ordered by rank (ties share the lowest rank; a NULL
    index ranks last with a NULL rank); rank_change is positive for a child that moved up.
    """

    rows: pa.Table


def default_weights_path() -> Path:
    """The user's weights file: $XDG_CONFIG_HOME (else ~/.config)/fpa-console/index.toml."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "fpa-console" / "index.toml"


def weights_path(path: Path | None = None) -> Path | None:
    """Which weights file applies: `path`, else $FPA_INDEX_WEIGHTS, else the user's if any."""
    if path is not None:
        return path
    if os.environ.get(WEIGHTS_ENV):
        return Path(os.environ[WEIGHTS_ENV])
    found = default_weights_path()
    return found if found.is_file() else None


def load_weights(path: Path | None = None) -> dict[str, float]:
    """The index weights from the file weights_path() names, else the defaults.

    A ValueError names the file and what is wrong: unreadable, not TOML, no [weights]
    table, an unknown component, a weight that is not a non-negative number, all zero.
    """
    source = weights_path(path)
    if source is None:
        return dict(DEFAULT_WEIGHTS)
    try:
        with source.open("rb") as stream:
            document = tomllib.load(stream)
    except OSError as error:
        raise ValueError(f"cannot read index weights {source}: "
                         f"{error.strerror or error}") from None
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"{source} is not valid TOML ({error})") from None
    table = document.get("weights")
    if not isinstance(table, dict):
        raise ValueError(f"{source} has no [weights] table")
    for key in document:
        if key != "weights":
            raise ValueError(f"unknown key {key!r} in {source} (only [weights] is read)")
    return checked_weights(table, str(source))


def checked_weights(weights: Mapping[str, object], source: str = "weights") -> dict[str, float]:
    """Every component's weight: those given, checked, and 1 for the rest."""
    merged = dict(DEFAULT_WEIGHTS)
    for key, value in weights.items():
        if key not in DEFAULT_WEIGHTS:
            raise ValueError(f"unknown index component {key!r} in {source} "
                             f"(components: {', '.join(COMPONENTS)})")
        if (isinstance(value, bool) or not isinstance(value, int | float)
                or not math.isfinite(value) or value < 0):
            raise ValueError(f"weight {key} in {source} must be a non-negative number, "
                             f"not {value!r}")
        merged[key] = float(value)
    if not any(merged.values()):
        raise ValueError(f"the weights in {source} are all zero")
    return merged


def component_exprs() -> dict[str, pl.Expr]:
    """Each component as an expression over drill-view columns (NULL when not available)."""
    units = pl.when(pl.col("units") > 0).then(pl.col("units").cast(pl.Float64))
    exprs = {rate: pl.col(rate).cast(pl.Float64) for rate in RATES}
    for share, count in SHARES.items():
        exprs[share] = 1.0 - pl.col(count).cast(pl.Float64) / units
    return exprs


def index_expr(weights: Mapping[str, float]) -> pl.Expr:
    """The reform index: the weighted mean of the available components, 0–100, 1 decimal."""
    checked = checked_weights(weights)
    parts = [(expr, checked[key]) for key, expr in component_exprs().items() if checked[key]]
    total = pl.sum_horizontal([expr * weight for expr, weight in parts])
    weight = pl.sum_horizontal([pl.when(expr.is_not_null()).then(pl.lit(weight))
                                for expr, weight in parts])
    mean = pl.when(weight > 0).then(total / weight * 100)
    return mean.round(1, mode="half_away_from_zero")


def reform_index(rows: pa.Table, weights: dict[str, float]) -> pa.Array:
    """The reform index of each row of a drill view (schema.DRILL_VIEW columns), or NULL."""
    frame = pl.from_arrow(rows.select(["units", *RATES, *SHARES.values()]))
    assert isinstance(frame, pl.DataFrame)
    index = frame.select(index_expr(weights).alias("reform_index")).to_series()
    return index.to_arrow().cast(pa.float64())


RANKED_SCHEMA = {"unit_code": pl.String, "unit_name": pl.String, "level": pl.String,
                 "reform_index": pl.Float64, "rank": pl.Int64}  # what ranked() returns


def ranked(rows: pa.Table, weights: Mapping[str, float]) -> pl.DataFrame:
    """A drill view's rows scored and ranked: unit_code, unit_name, level, reform_index, rank."""
    frame = pl.from_arrow(rows.select(["unit_code", "unit_name", "level"]))
    assert isinstance(frame, pl.DataFrame)
    frame = frame.with_columns(
        pl.Series("reform_index", reform_index(rows, dict(weights)), pl.Float64))
    rank = pl.col("reform_index").rank(method="min", descending=True).cast(pl.Int64)
    return frame.with_columns(rank.alias("rank"))


def rank_children(store: Store, node: str, period: str, weights: dict[str, float] | None = None,
                  cur: duckdb.DuckDBPyConnection | None = None,
                  rows: pa.Table | None = None) -> Ranking:
    """Rank the children of `node` at `period` and compare with their ranks at the baseline.

    Without `weights`, load_weights() decides them. A child absent at the baseline (or a
    node that did not exist then) has no baseline index, rank or change. `rows`, the
    node's drill view at `period` when the caller has it already, saves a query.
    """
    chosen = load_weights() if weights is None else weights
    now = ranked(store.view(node, period, cur)[0] if rows is None else rows, chosen)
    then = now if period == store.baseline else baseline_ranking(store, node, chosen, cur)
    earlier = then.select("unit_code", pl.col("reform_index").alias("baseline_index"),
                          pl.col("rank").alias("baseline_rank"))
    joined = now.join(earlier, on="unit_code", how="left").with_columns(
        (pl.col("baseline_rank") - pl.col("rank")).alias("rank_change"))
    ordered = joined.sort(["rank", "unit_code"], nulls_last=True).select(RANKING_KEYS)
    return Ranking(ordered.to_arrow().cast(RANKING_SCHEMA))


def baseline_ranking(store: Store, node: str, weights: Mapping[str, float],
                     cur: duckdb.DuckDBPyConnection | None = None) -> pl.DataFrame:
    """The children of `node` ranked at the baseline (empty when the node is newer). The
    baseline never moves while the folder stays the same: each node is ranked once."""
    memo = store.memo  # of the files read now: a reload meanwhile starts a new one
    key = _baseline_key(store, node, weights)
    if key not in memo:
        try:
            memo[key] = ranked(store.view(node, store.baseline, cur, alerts=False)[0], weights)
        except StoreError:  # the node is newer than the baseline
            memo[key] = pl.DataFrame(schema=RANKED_SCHEMA)
    found: pl.DataFrame = memo[key]
    return found


def _baseline_key(store: Store, node: str, weights: Mapping[str, float]) -> tuple[object, ...]:
    return ("baseline ranking", node, store.baseline, tuple(sorted(weights.items())))


@contextlib.contextmanager
def baseline_ranked_meanwhile(store: Store, node: str, period: str,
                              weights: dict[str, float] | None) -> Iterator[None]:
    """Rank `node`'s children at the baseline in a thread of its own while inside, for a
    view of them at `period` (the queries of the view itself run meanwhile: ~45 ms saved
    on a view of a township's villages, which come from the files). A failure is left to
    rank_children, which then ranks them itself."""
    chosen = load_weights() if weights is None else weights
    if period == store.baseline or _baseline_key(store, node, chosen) in store.memo:
        yield  # ranked at its own period, or already
        return

    def rank() -> None:
        with contextlib.suppress(StoreError, duckdb.Error):
            cursor = store.cursor()
            try:
                baseline_ranking(store, node, chosen, cursor)
            finally:
                cursor.close()

    worker = threading.Thread(target=rank, name="baseline ranking", daemon=True)
    worker.start()
    try:
        yield
    finally:
        worker.join()


def ranking_frame(ranking: Ranking, header: str = "zh") -> pl.DataFrame:
    """The ranking with headers in 'zh', 'en' or 'key'; levels as labels unless 'key'."""
    if header not in HEADERS:
        raise ValueError(f"header must be one of {', '.join(HEADERS)}, not {header!r}")
    frame = pl.from_arrow(ranking.rows)
    assert isinstance(frame, pl.DataFrame)
    if header == "key":
        return frame
    side = 0 if header == "zh" else 1
    levels = {key: labels[side] for key, labels in LEVEL_LABELS.items()}
    frame = frame.with_columns(pl.col("level").replace(levels))
    return frame.rename({key: LABELS[key][side] for key in frame.columns})


def write_ranking_csv(ranking: Ranking, out: Path | BinaryIO, header: str = "zh") -> None:
    """Write the ranking as CSV for Excel and WPS (BOM, CRLF); a path is written atomically."""
    write_csv(ranking_frame(ranking, header), out)
