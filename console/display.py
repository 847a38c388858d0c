"""How a view is shown in the console: labels, marks, percentages and problem colours.

Headless: the UI hands in a palette (role → colour, resolved from its theme variables) and
gets back a table of display strings in Rich markup, built with polars expressions rather
than per-row Python. Numbers are padded so that they stand right-aligned in their column.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

import polars as pl
import pyarrow as pa
from rich.cells import cell_len

from console.compare import APPEARED, CLOSED, WAS
from console.schema import (
    BETTER,
    ELECTION_TERM_YEARS,
    LEVEL_LABELS,
    STATUS_LABELS,
    VIEW_COLUMNS,
    Kind,
)

YES, NO = "✓", "✗"

# Flags whose "no" is a problem of the reform, and how bad it is.
FLAG_PROBLEM: dict[str, str] = {
    "reform_plan_issued": "error",
    "president_in_place": "error",
    "mass_org_listed": "warning",
    "civil_servant_managed": "warning",
}
# Counts where anything above zero is a weak link.
PROBLEM_COUNTS: dict[str, str] = {
    "presidents_vacant": "error",
    "elections_overdue": "warning",
    "hollow": "error",
    "abolished": "error",
    "alerts_critical": "error",
    "alerts_warning": "warning",
}


@dataclass(frozen=True)
class Palette:
    """Colours for the roles a cell can take; empty strings mean no colour."""

    error: str = ""
    warning: str = ""
    success: str = ""
    muted: str = ""

    def get(self, role: str) -> str:
        """The colour of a role ('error', 'warning', 'success', 'muted')."""
        return str(getattr(self, role))


def _styled(text: pl.Expr, colour: str) -> pl.Expr:
    if not colour:
        return text
    return pl.concat_str(pl.lit(f"[{colour}]"), text, pl.lit("[/]"))


def _escaped(text: pl.Expr) -> pl.Expr:
    return text.str.replace_all("[", r"\[", literal=True)


def election_cutoff(period: dt.date) -> dt.date:
    """The date before which a last election is overdue at a period (5 years before its end)."""
    end = (pl.Series([period]).dt.month_end())[0]
    assert isinstance(end, dt.date)
    try:
        return end.replace(year=end.year - ELECTION_TERM_YEARS)
    except ValueError:  # 29 February
        return end.replace(year=end.year - ELECTION_TERM_YEARS, day=28)


def header(key: str, lang: str) -> str:
    """The column's name as a reader reads it in a sentence: its label, '%' for rates."""
    spec = VIEW_COLUMNS[key]
    return f"{spec.label(lang)}%" if spec.kind is Kind.RATE else spec.label(lang)


def heading(key: str, lang: str) -> str:
    """The column's header in a table: its short label, '%' for rates (县级方案%)."""
    spec = VIEW_COLUMNS[key]
    return f"{spec.heading(lang)}%" if spec.kind is Kind.RATE else spec.heading(lang)


def _cell(key: str, lang: str, palette: Palette, cutoff: dt.date) -> pl.Expr:
    spec = VIEW_COLUMNS[key]
    col = pl.col(key)
    if spec.kind is Kind.FLAG:
        bad = palette.get(FLAG_PROBLEM[key]) if key in FLAG_PROBLEM else palette.muted
        return (pl.when(col).then(_styled(pl.lit(YES), palette.success))
                .when(~col).then(_styled(pl.lit(NO), bad)))
    if spec.kind is Kind.DATE:
        text = col.dt.strftime("%Y-%m")
        return pl.when(col < cutoff).then(_styled(text, palette.warning)).otherwise(text)
    if spec.kind is Kind.RATE:
        return (col * 100).round(1).cast(pl.Utf8) + "%"
    if spec.kind is Kind.SCORE:
        return col.round(1).cast(pl.Utf8)
    if spec.kind is Kind.CHANGE:
        text = pl.when(col > 0).then(pl.lit("+") + grouped(col)).otherwise(grouped(col))
        return pl.when(col < 0).then(_styled(text, palette.warning)).otherwise(text)
    if spec.kind is Kind.COUNT:
        text = grouped(col)
        if key in PROBLEM_COUNTS:
            return pl.when(col > 0).then(_styled(text, palette.get(PROBLEM_COUNTS[key])))\
                .otherwise(_styled(text, palette.muted))
        return text
    if key in ("level", "status"):
        labels = LEVEL_LABELS if key == "level" else STATUS_LABELS
        text = col.replace_strict({k: v[0 if lang == "zh" else 1] for k, v in labels.items()},
                                  default=col)
        if key == "status":
            return pl.when(col != "active").then(_styled(text, palette.error)).otherwise(text)
        return text
    return _escaped(col)


def grouped(number: pl.Expr) -> pl.Expr:
    """A whole number as text with its thousands grouped by commas: 504,552, -1,234
    (on screen; exports write numbers plain)."""
    size = number.abs()

    def part(unit: int) -> pl.Expr:  # a group of three digits below the first
        return ((size // unit) % 1000).cast(pl.Utf8).str.zfill(3)

    text = (pl.when(size < 1000).then(size.cast(pl.Utf8))
            .when(size < 10**6).then((size // 1000).cast(pl.Utf8) + "," + part(1))
            .when(size < 10**9).then((size // 10**6).cast(pl.Utf8) + "," + part(1000) + ","
                                     + part(1))
            .otherwise((size // 10**9).cast(pl.Utf8) + "," + part(10**6) + "," + part(1000)
                       + "," + part(1)))
    return pl.when(number < 0).then("-" + text).otherwise(text)


def _delta(key: str, palette: Palette) -> pl.Expr:
    """' ▲1.2' / ' ▼3' against the baseline, coloured better or worse (empty if unchanged)."""
    spec = VIEW_COLUMNS[key]
    now, was = pl.col(key), pl.col(f"{key}{WAS}")
    if spec.kind in (Kind.FLAG, Kind.DATE):
        sign = (pl.when(now.cast(pl.Int64) > was.cast(pl.Int64)).then(1)
                .when(now.cast(pl.Int64) < was.cast(pl.Int64)).then(-1).otherwise(0))
        size = pl.lit("")
    else:
        diff = now - was
        sign = pl.when(diff > 0).then(1).when(diff < 0).then(-1).otherwise(0)
        if spec.kind is Kind.RATE:
            size = (diff.abs() * 100).round(1).cast(pl.Utf8)
        elif spec.kind is Kind.SCORE:
            size = diff.abs().round(1).cast(pl.Utf8)
        else:
            size = grouped(diff.abs())
    better = BETTER.get(key, 0)
    arrow = pl.when(sign > 0).then(pl.lit(" ▲")).otherwise(pl.lit(" ▼")) + size
    good, bad = _styled(arrow, palette.success), _styled(arrow, palette.error)
    coloured = (pl.when(sign * better > 0).then(good).when(sign * better < 0).then(bad)
                .otherwise(_styled(arrow, palette.muted)))
    return pl.when(sign.fill_null(0) != 0).then(coloured).otherwise(pl.lit(""))


def _marked_name(lang: str, palette: Palette) -> pl.Expr:
    appeared, closed = ((" ＋新", " ×撤并") if lang == "zh" else (" +new", " ×closed"))
    mark = pl.col("change_mark")
    return (_escaped(pl.col("unit_name"))
            + pl.when(mark == APPEARED).then(_styled(pl.lit(appeared), palette.success))
            .when(mark == CLOSED).then(_styled(pl.lit(closed), palette.error))
            .otherwise(pl.lit("")))


def _shown(key: str, columns: list[str], lang: str, palette: Palette,
           cutoff: dt.date) -> pl.Expr:
    if key == "unit_name" and "change_mark" in columns:
        return _marked_name(lang, palette)
    cell = _cell(key, lang, palette, cutoff)
    if f"{key}{WAS}" in columns:
        return cell.fill_null("") + _delta(key, palette)
    return cell


def _right_aligned(key: str) -> bool:
    return VIEW_COLUMNS[key].kind in (Kind.RATE, Kind.CHANGE, Kind.COUNT, Kind.SCORE)


CELL_WIDTH = b"cell_width"
"""Field metadata of a display column: its widest cell in terminal cells (markup aside)."""
WIDTH_ROWS = 50_000  # rows measured at a time by display_widths
PLAIN = "\0plain"  # the suffix of a column's uncoloured twin while it is measured


def display_table(table: pa.Table, lang: str, palette: Palette, period: dt.date,
                  measured: bool = True, widths: list[int] | None = None) -> pa.Table:
    """The view as display strings (Rich markup), same rows and columns, headers as labels.

    A compared view (console.compare.compared) shows each change against its baseline.
    Numbers are padded to stand right-aligned: to `widths` (display_widths, of a whole
    table of which `table` is a part) when given, else to the widest in `table`. Each
    field then carries its widest cell (CELL_WIDTH), so that a table need not measure it;
    with `measured=False` nothing is padded or measured (a line of text, not a column).
    """
    frame = pl.from_arrow(table)
    assert isinstance(frame, pl.DataFrame)
    exprs = _display_exprs(tuple(frame.columns), lang, palette, election_cutoff(period))
    if not measured:
        return frame.select(exprs[::2]).to_arrow()
    both = frame.select(exprs)
    shown, keys = both.columns[::2], _keys(frame.columns)
    widths = widths if widths is not None else _widths(both, keys)
    padded = both.select([_padded(name, width) if _right_aligned(key) else pl.col(name)
                          for name, key, width in zip(shown, keys, widths,
                                                      strict=True)]).to_arrow()
    return pa.table(padded.columns, schema=pa.schema([
        padded.schema.field(name).with_metadata({CELL_WIDTH: str(width).encode()})
        for name, width in zip(shown, widths, strict=True)]))


def display_widths(table: pa.Table, lang: str, period: dt.date) -> list[int]:
    """Each shown column's widest cell in terminal cells (what CELL_WIDTH says), measured
    over the whole of `table` without keeping its display strings: for a table too long
    to format at once, which is then formatted a part at a time (display_table(widths=)).

    Each column is formatted once per distinct value of the columns it shows (its
    expression's roots): a flattened view of every village has 464,528 rows, but a count
    column a few dozen values (finding the distinct names and codes costs less than
    formatting them all)."""
    exprs = _display_exprs(tuple(table.column_names), lang, Palette(),
                           election_cutoff(period))
    widths = []
    for plain, key in zip(exprs[1::2], _keys(table.column_names), strict=True):
        # only the columns it shows come into polars, one column's at a time: a copy of
        # the whole view there would outlast this (polars keeps what it allocated)
        distinct = pl.from_arrow(table.select(list(dict.fromkeys(plain.meta.root_names()))))
        assert isinstance(distinct, pl.DataFrame)
        distinct = distinct.unique()
        widths += [max(_widths(distinct.slice(start, WIDTH_ROWS).select(plain), [key])[0]
                       for start in range(0, max(distinct.height, 1), WIDTH_ROWS))]
    return widths


def _keys(columns: list[str]) -> list[str]:
    return [k for k in columns if k in VIEW_COLUMNS]


def _padded(name: str, width: int) -> pl.Expr:
    """A right-aligned column padded to `width` visible cells (its twin says how wide each
    value shows: markup takes no room)."""
    shown, plain = pl.col(name), pl.col(name + PLAIN)
    return shown.str.pad_start(shown.str.len_chars() + width - plain.str.len_chars())


def _widths(frame: pl.DataFrame, keys: list[str]) -> list[int]:
    """The widest cell of each column from the uncoloured twins in `frame`, one per key of
    `keys` (right-aligned columns at least as wide as their header, which they are padded
    to)."""
    plain = [c for c in frame.columns if c.endswith(PLAIN)]
    facts = frame.select([pl.col(c).str.len_chars().max().alias(f"{n}")
                          for n, c in enumerate(plain)] +
                         [(pl.col(c).str.len_bytes() == pl.col(c).str.len_chars()).all()
                          .alias(f"a{n}") for n, c in enumerate(plain)]).row(0)
    widths = []
    for n, (name, key) in enumerate(zip(plain, keys, strict=True)):
        simple, longest = facts[len(plain) + n], facts[n]
        width = int(longest or 0) if simple else widest(frame.get_column(name))
        if _right_aligned(key):
            width = max(width, cell_len(name.removesuffix(PLAIN)))
        widths.append(width)
    return widths


def widest(texts: pl.Series) -> int:
    """The widest of `texts` in terminal cells, as Rich measures it (0 for none).

    Only as many distinct texts as can still be the widest are measured in Python: none
    is wider than two cells a character, so the longest come first and the rest are cut
    off once their length can no longer win.
    """
    if len(texts) > 1000:  # the longest first: sorted by polars where there are many
        distinct = pl.DataFrame({"text": texts.unique().drop_nulls()})
        ordered = distinct.sort(pl.col("text").str.len_chars(), descending=True)["text"].to_list()
    else:
        ordered = sorted({t for t in texts.to_list() if t is not None}, key=len, reverse=True)
    best = 0
    for text in ordered:
        if 2 * len(text) <= best:
            break
        best = max(best, cell_len(text))
    return best


@functools.lru_cache(maxsize=64)
def _display_exprs(columns: tuple[str, ...], lang: str, palette: Palette,
                   cutoff: dt.date) -> tuple[pl.Expr, ...]:
    """Per shown column, its expression then its uncoloured twin, unpadded (built once per
    layout: building costs more than running them)."""
    exprs = []
    for key in _keys(list(columns)):
        shown = _shown(key, list(columns), lang, palette, cutoff).fill_null("")
        plain = _shown(key, list(columns), lang, Palette(), cutoff).fill_null("") \
            .str.replace_all(r"\[", "[", literal=True)  # what shows: no colours, no escapes
        exprs += [shown.alias(heading(key, lang)), plain.alias(heading(key, lang) + PLAIN)]
    return tuple(exprs)
