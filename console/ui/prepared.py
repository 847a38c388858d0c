"""Views made ready to show: rows, alert counts and comparison, already formatted.

A worker prepares the view the user asked for, and the views the user is likely to ask
for next (the row under the cursor, the periods either side); the drill screen then only
swaps a prepared view in. Preparing touches no widget, so it runs off the UI thread.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from dataclasses import dataclass, fields

import duckdb
import pyarrow as pa

from console.column_sets import BY_KEY, DEFAULT, TREND
from console.compare import WAS, AlertChange, alert_changes, compared
from console.display import CELL_WIDTH, Palette, display_table, display_widths
from console.paged_view import WIDTH_BLOCK, ComparedRows, Rows, is_paged, lowest_rows, paged_view
from console.schema import DRILL_KEYS, LEVELS, VIEW_COLUMNS
from console.snapshots import parse_period
from console.store import Store, UnitRef
from console.trends import TREND_KEYS
from console.ui.i18n import tr
from console.view import View, ViewSpec, build_view

NO_COUNTS = pa.table({"rule": pa.array([], pa.string()), "severity": pa.array([], pa.string()),
                      "units": pa.array([], pa.int64())})  # rule counts of a view without alerts
CACHED_ROWS = 5_000  # larger views (flattened ones) are prepared when asked for, not kept
LONG_VIEW = 5_000  # rows beyond which a view is formatted a block at a time, as it shows


@dataclass(frozen=True)
class Look:
    """What the formatting of a view depends on besides its data: the language, the
    colours and the set of columns shown (console.column_sets)."""

    lang: str
    palette: Palette
    columns: str = DEFAULT
    trend: str = TREND_KEYS[-1]  # the rate the trend column draws


def shown_keys(rows: Rows, spec: ViewSpec, columns: str,
               trend: str = TREND_KEYS[-1]) -> list[str]:
    """The columns of `rows` that the set `columns` shows, in its order, for the levels of
    the rows; TREND where the set puts it, for a view of children whose levels have the
    rate `trend` (a township's villages have no county plan rate to draw)."""
    if isinstance(rows, pa.Table):
        levels = rows.column("level").unique().to_pylist() if rows.num_rows else []
    else:  # a long view: every unit of the lowest level
        levels = [LEVELS[-1]]
    keys = BY_KEY.get(columns, BY_KEY[DEFAULT]).keys(rows.column_names, levels)
    drawn = spec.level is None and bool(VIEW_COLUMNS[trend].levels & set(levels))
    return [k for k in keys if k != TREND or drawn]


def shown_part(part: pa.Table, keys: list[str]) -> pa.Table:
    """The columns of `part` that show for `keys`: each key's, then each one's baseline
    in compare mode (console.compare), and the mark of units new or closed since."""
    names = set(part.column_names)
    wanted = [k for k in keys if k in names]
    wanted += [f"{k}{WAS}" for k in wanted if f"{k}{WAS}" in names]
    wanted += ["change_mark"] if "change_mark" in names else []
    return part.select(wanted)


@dataclass(frozen=True)
class Queried:
    """What a view needs from the store, before it is formatted (prepare does both)."""

    view: View
    rule_counts: pa.Table
    baseline: Rows | None  # compare mode: the same rows at the baseline period
    alert_changes: list[AlertChange] | None
    rows: Rows  # the rows to show: the view's, with the baseline's beside in compare mode
    alerts_pending: bool  # queried before the period's rules ran: alert counts left out


@dataclass(frozen=True)
class Prepared(Queried):
    """A view and everything shown with it, formatted for the table and the summary."""

    keys: list[str]  # the columns shown (shown_keys), TREND among them where it shows
    display: pa.Table | None  # `rows` as display strings; None for a long view, which is
    widths: list[int]  # formatted a block at a time (display_table(widths=)) to these widths
    summary: str  # the summary line, in Rich markup

    def node(self) -> UnitRef:
        """The unit whose view this is (its summary line's code, name and level)."""
        (row,) = self.view.summary.select(["unit_code", "unit_name", "level"]).to_pylist()
        return UnitRef(row["unit_code"], row["unit_name"], row["level"])

    def formatted(self, part: pa.Table, look: Look) -> pa.Table:
        """Rows of this view (a block of `rows`) as display strings, in the view's widths."""
        return display_table(shown_part(part, self.keys), look.lang, look.palette,
                             parse_period(self.view.spec.period), widths=self.widths)

    @property
    def fixed(self) -> int:
        """How many columns stay in view while the rest scroll: the unit's code and name."""
        keys = [k for k in self.keys if k != TREND]
        return next((n for n, k in enumerate(keys) if k not in ("unit_code", "unit_name")),
                    len(keys))


def alerts_ready(store: Store, spec: ViewSpec, base: str | None) -> bool:
    """Whether `spec`'s view can show its alerts without running rules first: those of its
    period (and of `base`) ran. A view filtered by rules needs them in any case."""
    return bool(spec.alerts) or all(store.alerts_ready(p) for p in (spec.period, base) if p)


def query(store: Store, spec: ViewSpec, base: str | None,
          cur: duckdb.DuckDBPyConnection | None = None, *, alerts: bool = True) -> Queried:
    """Query `spec`'s view, compared with period `base` when given. Without `alerts` no rule
    runs: the alert counts are left out (NULL) and the rule counts empty."""
    paged = is_paged(spec)  # a long view's rows stay on disk
    view = (paged_view(store, spec, cur, alerts=alerts) if paged
            else build_view(store, spec, cur, alerts=alerts))
    counts = store.rule_counts(spec.node, spec.period, cur) if alerts else NO_COUNTS
    baseline: Rows | None = None
    changes = None
    rows: Rows = view.rows
    if base is not None:
        if paged:
            baseline = lowest_rows(store, spec.node, base, cur, alerts=alerts)[0]
            rows = ComparedRows(view.rows, baseline)
        else:
            baseline = store.view(spec.node, base, cur, level=spec.level, alerts=alerts)[0]
            rows = compared(view.rows, baseline)
        if alerts:
            changes = alert_changes(store, spec.node, spec.period, base, cur)
    return Queried(view, counts, baseline, changes, rows, alerts_pending=not alerts)


def format_view(queried: Queried, look: Look) -> Prepared:
    """A queried view formatted for the table and the summary line."""
    view, rows = queried.view, queried.rows
    day = parse_period(view.spec.period)
    keys = shown_keys(rows, view.spec, look.columns, look.trend)
    if rows.num_rows > LONG_VIEW:
        display, widths = None, long_widths(rows, keys, look.lang, day)
    else:
        shown = rows if isinstance(rows, pa.Table) else rows.slice()
        display = display_table(shown_part(shown, keys), look.lang, look.palette, day)
        widths = [int((f.metadata or {})[CELL_WIDTH]) for f in display.schema]
    made = {f.name: getattr(queried, f.name) for f in fields(Queried)}  # (a view formatted
    return Prepared(**made, keys=keys, display=display, widths=widths,  # before: again)
                    summary=summary_line(view.summary, view.spec.period, look))


def long_widths(rows: Rows, keys: list[str], lang: str, day: dt.date) -> list[int]:
    """Each shown column's (of `keys`) widest cell over all of `rows` (display_widths),
    measured WIDTH_BLOCK rows at a time: a long view is never formatted, nor read, whole."""
    widest: list[int] = []
    parts = ((rows.slice(start, WIDTH_BLOCK) for start in range(0, rows.num_rows, WIDTH_BLOCK))
             if isinstance(rows, pa.Table) else rows.blocks(WIDTH_BLOCK))
    for part in parts:
        found = display_widths(shown_part(part, keys), lang, day)
        widest = [max(pair) for pair in zip(widest, found, strict=True)] if widest else found
    return widest


def prepare(store: Store, spec: ViewSpec, base: str | None, look: Look,
            cur: duckdb.DuckDBPyConnection | None = None, *, alerts: bool = True) -> Prepared:
    """Query and format `spec`'s view, compared with period `base` when given (without
    `alerts`, as query says)."""
    return format_view(query(store, spec, base, cur, alerts=alerts), look)


def summary_line(summary: pa.Table, period: str, look: Look) -> str:
    """The node's own rollup in one line: its units, and the labelled counts and rates of
    the column set shown that it has."""
    parts = [f"[b]{tr('summary', look.lang)}[/b]"]
    rollup = DRILL_KEYS[DRILL_KEYS.index("units"):]  # the subtree's, not the unit's own
    chosen = BY_KEY.get(look.columns, BY_KEY[DEFAULT]).keys(rollup, ())
    keys = ["units", *(k for k in chosen if k in rollup and k != "units")]
    shown = display_table(summary.select(keys), look.lang, look.palette,
                          parse_period(period), measured=False).to_pylist()[0]
    parts += [f"{label} {value.strip()}" for label, value in shown.items() if value.strip()]
    return "  ".join(parts)


class PreparedViews:
    """The views prepared lately, by what they show; shared by workers and the screen."""

    def __init__(self, size: int = 64) -> None:
        self.size = size
        self._views: OrderedDict[tuple[ViewSpec, str | None, Look], Prepared] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, spec: ViewSpec, base: str | None, look: Look) -> Prepared | None:
        """The prepared view, if there is one."""
        with self._lock:
            found = self._views.get((spec, base, look))
            if found is not None:
                self._views.move_to_end((spec, base, look))
            return found

    def put(self, spec: ViewSpec, base: str | None, look: Look, prepared: Prepared) -> None:
        """Keep a prepared view (not a large one, nor one whose alerts are pending); the
        oldest go first."""
        if prepared.view.rows.num_rows > CACHED_ROWS or prepared.alerts_pending:
            return
        with self._lock:
            self._views[(spec, base, look)] = prepared
            while len(self._views) > self.size:
                self._views.popitem(last=False)

    def clear(self) -> None:
        """Forget every view (the data changed)."""
        with self._lock:
            self._views.clear()
