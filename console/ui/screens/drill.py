"""The drill screen: the children of the current node, its summary and its weak links."""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import replace

import duckdb
import pyarrow as pa
from rich.cells import cell_len
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static
from textual.worker import Worker, WorkerState, get_current_worker
from textual_fastdatatable import DataTable

from console.column_sets import BY_KEY, DEFAULT, TREND, next_set, remember_set
from console.compare import compared
from console.display import CELL_WIDTH, header, heading
from console.drill import DrillPath, Sort, sort_indices
from console.paged_view import ComparedRows, Rows, rearranged
from console.schema import LEVELS, VIEW_COLUMNS
from console.store import Store, UnitRef
from console.trends import (
    TREND_KEYS,
    ascii_terminal,
    child_series,
    known_child_series,
    sparkline,
)
from console.ui import start_up
from console.ui.i18n import tr
from console.ui.localize import localized
from console.ui.messages import AlertsWorkedOut, TrendsLoaded, ViewLoaded
from console.ui.prepared import (
    CACHED_ROWS,
    Look,
    Prepared,
    PreparedViews,
    alerts_ready,
    format_view,
    prepare,
)
from console.ui.refreshing import freshness
from console.ui.screens.drill_tools import DrillTools
from console.ui.theme import palette_of
from console.ui.widgets.alert_panel import AlertPanel
from console.ui.widgets.drill_table import DrillTable
from console.ui.widgets.filter_bar import FilterBar, FilterChips
from console.ui.widgets.footer import KeptFooter
from console.ui.widgets.status_line import Breadcrumb, HeaderLine
from console.view import ViewSpec, describe

WIDE_PANEL = 120  # columns from which the alert panel stands beside the table
HINT_SECONDS = 4.0  # how long the breadcrumb says why a key did nothing
LOADING_DELAY = 0.15  # seconds before a slow query shows its loading state
PREFETCH_DELAY = 0.12  # seconds the cursor rests on a row before its view is prepared
AHEAD = 8  # rows around the cursor whose views are prepared after a view (~40 ms each)
FOLLOW_UP_DELAY = 0.1  # seconds after a view before its trends and the next periods are
# worked out: a worker started at once slowed the view's own paint (it shares the GIL)


class DrillScreen(DrillTools, Screen[None]):
    """Drill from the top of the view down to the county and below."""

    AUTO_FOCUS = "DataTable"  # not the hidden filter bar
    # The footer shows the keys used most; every key is in the help (?) and the palette.
    # (Each footer key is a widget that Textual restyles on every focus change.)
    BINDINGS = [
        Binding("escape,backspace", "drill_up", "Up"),
        Binding("escape,backspace", "at_top", "Up", show=False),  # at the top: says so
        Binding("home,t", "national", "National", show=False),
        Binding("left_square_bracket", "previous_period", "Previous period", key_display="["),
        Binding("right_square_bracket", "next_period", "Next period", key_display="]"),
        Binding("p", "pick_period", "Pick period", show=False),
        Binding("s", "sort", "Sort", show=False),
        Binding("d", "detail", "Detail"),
        Binding("a", "alerts", "Alerts"),
        Binding("A", "toggle_panel", "Alert panel", key_display="A", show=False),
        Binding("v", "next_columns", "Columns", show=False),
        Binding("V", "previous_columns", "Previous columns", key_display="V", show=False),
        Binding("c", "compare", "Compare", show=False),
        Binding("D", "deadline", "Deadline", key_display="D", show=False),
        *DrillTools.TOOL_BINDINGS,
    ]

    def __init__(self, store: Store, lang: str, source: str,
                 stale_after: dt.timedelta = dt.timedelta(days=45),
                 trend_key: str = TREND_KEYS[-1], columns: str = DEFAULT,
                 top: UnitRef | None = None, first: Prepared | None = None) -> None:
        super().__init__()
        self.store = store
        self.lang = lang
        self.source = source
        self.stale_after = stale_after
        self.status = ""  # a refresh's progress, while one runs
        self.latest_seen = store.latest
        self.compare_to: str | None = None  # "previous", "first", a period, or None: off
        self.ready: Prepared | None = None  # the view shown, as it was prepared
        self.prepared = PreparedViews()
        self.trend_key = trend_key
        self.columns = columns  # the column set shown (console.column_sets)
        self.trends: dict[str, list[float | None]] | None = None
        self.shown_keys: list[str] = []  # the key of each column shown (TREND among them)
        # the store's root, from its prepared view when there is one: the query that
        # finds it otherwise reads the latest snapshot (~0.1 s at village depth)
        self.path = DrillPath((top or store.ancestry(store.root, store.latest)[-1],))
        self.spec = ViewSpec(self.path.node.code, store.latest)
        self._first = first  # the first view, prepared while Textual started (its alerts
        # perhaps pending: on a first start the rules run once it shows)
        self._cursor: duckdb.DuckDBPyConnection | None = None  # the view's query
        self._background: duckdb.DuckDBPyConnection | None = None  # what follows it
        self._prefetching: duckdb.DuckDBPyConnection | None = None  # the row under the cursor
        self._working_out: dict[str, duckdb.DuckDBPyConnection] = {}  # period → its rules'
        self._rules_failed: set[str] = set()  # periods whose rules failed: not tried again
        self._pending = False
        self._prefetch_timer: Timer | None = None
        self.panel_toggled = False  # A: the alert panel hidden (wide) or open (narrow)
        self._hint = ""  # why the last key did nothing, for a while (say)
        self._hint_timer: Timer | None = None
        self._panel_revealed = False  # a: opened while the user is in it

    @property
    def period(self) -> str:
        """The period shown."""
        return self.spec.period

    @property
    def sort(self) -> Sort:
        """The order of the table."""
        return self.spec.sort

    @property
    def rows(self) -> Rows | None:
        """The rows shown, or None before the first view arrives."""
        return None if self.view is None else self.view.rows

    def compose(self) -> ComposeResult:
        yield HeaderLine()
        yield Breadcrumb()
        yield FilterBar(self.lang)
        yield FilterChips()
        with Horizontal(id="body"):
            with Vertical(id="main"):
                # Home leaves the table for the national view, but at the top
                yield DrillTable(home_goes_up=lambda: not self.path.at_top)
                yield Static(id="summary")
            yield localized(AlertPanel, self.lang)(self.lang)
        yield KeptFooter()

    def on_mount(self) -> None:
        self._place_panel(self.app.size.width)
        first, self._first = self._first, None
        if first is None or first.view.spec != self.spec:
            self.load(self.path)
            return
        self.prepared.put(self.spec, None, self.look, first)
        self.post_message(ViewLoaded(self.path, first, None, known_child_series(
            self.store, self.spec.node, self.trend_key)))

    def on_unmount(self) -> None:
        self.stop_work()  # the console quits at once, not when a background query ends
        for cursor in list(self._working_out.values()):
            with contextlib.suppress(duckdb.Error):
                cursor.interrupt()

    # -- loading ---------------------------------------------------------------------

    def load(self, path: DrillPath, focus: str | None = None, period: str | None = None,
             spec: ViewSpec | None = None) -> None:
        """Load `path`'s node (at `period`, with `spec`'s filters) in a worker."""
        wanted = (spec or self.spec).fitting(path.node.code, path.node.level)
        if period is not None:
            wanted = replace(wanted, period=period)
        self.stop_work()
        base = self.compare_period(wanted.period)
        ready = self.prepared.get(wanted, base, self.look)
        if ready is not None:  # prepared ahead: no worker, no loading state
            self.workers.cancel_group(self, "view")
            self.post_message(ViewLoaded(path, ready, focus,
                                         known_child_series(self.store, wanted.node,
                                                            self.trend_key)))
            return
        self._pending = True
        self.set_timer(LOADING_DELAY, self._show_loading)
        self._fetch(path, wanted, base, focus)

    def stop_work(self) -> None:
        """Interrupt the queries under way: the view's and those that follow it."""
        for previous in (self._cursor, self._background, self._prefetching):
            if previous is not None:
                with contextlib.suppress(duckdb.Error):  # it may have finished meanwhile
                    previous.interrupt()  # a stale query stops now, not when it is done
        self._cursor = self._background = self._prefetching = None

    @property
    def look(self) -> Look:
        """What the formatting of views depends on: the language, the theme's colours and
        the column set."""
        return Look(self.lang, palette_of(self.app), self.columns, self.trend_key)

    @work(thread=True, exclusive=True, group="view", exit_on_error=False)
    def _fetch(self, path: DrillPath, spec: ViewSpec, base: str | None,
               focus: str | None) -> None:
        """Prepare a view; if that fails, the last one stays (_worker_ended)."""
        worker = get_current_worker()
        cursor = self.store.cursor()
        self._cursor = cursor
        look = self.look
        try:  # a period whose rules have not run shows first, its alerts follow
            ready = prepare(self.store, spec, base, look, cursor,
                            alerts=alerts_ready(self.store, spec, base))
        except duckdb.InterruptException:
            return  # a newer view stopped it
        finally:
            if self._cursor is cursor:
                self._cursor = None
            cursor.close()
        self.prepared.put(spec, base, look, ready)
        if not worker.is_cancelled:  # trends read every period: shown when known, else next
            self.post_message(ViewLoaded(path, ready, focus, known_child_series(
                self.store, spec.node, self.trend_key) if spec.level is None else None))

    @work(thread=True, exclusive=True, group="background", exit_on_error=False)
    def _follow_up(self, spec: ViewSpec, trends: bool, near: list[ViewSpec]) -> None:
        """Once a view is painted: the periods next to it, its children's trends, then the
        views of the rows `near` the cursor (nearest first).

        A new view interrupts this; what was finished stays (the store keeps it).
        """
        worker = get_current_worker()
        cursor = self.store.cursor()
        self._background = cursor
        look = self.look
        try:
            index = self.store.periods.index(spec.period)
            long = self.view is not None and self.view.total > CACHED_ROWS
            for step in (index - 1, index + 1):  # where [ and ] go next (quick, kept)
                if 0 <= step < len(self.store.periods) and not worker.is_cancelled:
                    ahead = replace(spec, period=self.store.periods[step])
                    if long:  # a view too long to keep: only what it is made from
                        self.store.ensure_alerts(ahead.period, cursor)
                    else:
                        self._prepare_ahead(ahead, look, cursor)
            if trends and not worker.is_cancelled:  # every period read: ~0.5 s at village
                found = child_series(self.store, spec.node, self.trend_key, cursor)
                if not worker.is_cancelled:
                    self.post_message(TrendsLoaded(spec.node, found))
            for child in near:
                if worker.is_cancelled:
                    break
                self._prepare_ahead(child, look, cursor)
        except duckdb.InterruptException:
            return  # a new view stopped it
        finally:
            if self._background is cursor:
                self._background = None
            cursor.close()

    def _prepare_ahead(self, spec: ViewSpec, look: Look,
                       cursor: duckdb.DuckDBPyConnection) -> None:
        base = self.compare_period(spec.period)
        if self.prepared.get(spec, base, look) is None:
            self.prepared.put(spec, base, look, prepare(self.store, spec, base, look, cursor))

    @on(DataTable.CellHighlighted)
    def _cursor_moved(self) -> None:
        """Prepare the view of the row under the cursor once the cursor rests on it."""
        if self._prefetch_timer is not None:
            self._prefetch_timer.stop()
        self._prefetch_timer = self.set_timer(PREFETCH_DELAY, self._prefetch_row)

    def _rows_near_cursor(self) -> list[ViewSpec]:
        """The views of the AHEAD rows nearest the cursor (a drill view's only), nearest
        first: where Enter most likely goes next."""
        if self.view is None or self.spec.level is not None:
            return []
        at = self.query_one(DrillTable).cursor_row
        order = sorted(range(self.view.rows.num_rows), key=lambda row: abs(row - at))
        units = [self._unit_at(row) for row in order[:AHEAD]]
        return [self.spec.fitting(u.code, u.level) for u in units
                if u is not None and u.level != LEVELS[-1]]

    def _prefetch_row(self) -> None:
        unit = self._unit_at(self.query_one(DrillTable).cursor_row)
        if unit is None or self.spec.level is not None or self._pending:
            return
        self._prefetch(self.spec.fitting(unit.code, unit.level))

    @work(thread=True, exclusive=True, group="prefetch", exit_on_error=False)
    def _prefetch(self, spec: ViewSpec) -> None:
        cursor = self.store.cursor()
        self._prefetching = cursor
        try:
            self._prepare_ahead(spec, self.look, cursor)
        except duckdb.InterruptException:
            return  # a new view stopped it
        finally:
            if self._prefetching is cursor:
                self._prefetching = None
            cursor.close()

    def _show_loading(self) -> None:
        if self._pending:
            self.query_one(Breadcrumb).show(self.path, tr("loading", self.lang), self.lang)

    @on(ViewLoaded)
    async def _view_loaded(self, message: ViewLoaded) -> None:
        self._pending = False
        ready = message.prepared
        view = ready.view
        if view.total == 0 and not message.path.at_top and view.spec.level is None:
            self.app.push_screen(self._detail_screen(message.path.node.code))
            self._refresh_lines()
            return
        if message.path.at_top != self.path.at_top:
            self.refresh_bindings()  # "up" and "national" show below the top only
        self.path, self.spec, self.ready = message.path, view.spec, ready
        self._hint = ""  # a new view: what the last key did not do is past
        self.trends = message.trends
        row = self._row_of(message.focus) if message.focus else 0
        self._render_rows(row, self.query_one(DrillTable).cursor_column)
        self.query_one(AlertPanel).show(ready.rule_counts,
                                        {rule.id: rule for rule in self.store.rules},
                                        palette_of(self.app), ready.alert_changes,
                                        pending=ready.alerts_pending)
        waiting = ready.alerts_pending and self._work_out_alerts(
            view.spec.period, self.compare_period(view.spec.period))
        self.query_one("#summary", Static).update(ready.summary)
        await self.show_chips()
        self._refresh_lines()
        self.call_after_refresh(start_up.done)
        if not waiting:  # else once it shows again, with its alerts
            self._follow_view(message.trends is None)

    def _follow_view(self, trends: bool) -> None:
        """Once the view shown is painted, what follows it (_follow_up): `trends` when they
        were not known."""
        spec = self.spec
        self.set_timer(FOLLOW_UP_DELAY, lambda: self._follow_up(
            spec, trends and spec.level is None, self._rows_near_cursor())
            if self.spec == spec and not self._pending else None)  # not if moving on

    def _work_out_alerts(self, *periods: str | None) -> bool:
        """Run the rules of `periods` in the background (once each), then show the view
        again with its alerts; at once if they ran meanwhile. Whether it waits for them."""
        waiting = False
        for period in periods:
            if not period or self.store.alerts_ready(period) or period in self._rules_failed:
                continue
            waiting = True
            if period not in self._working_out:
                self._working_out[period] = self.store.cursor()
                self._run_rules(period, self._working_out[period])
        if not waiting and all(p is None or p not in self._rules_failed for p in periods):
            self._show_alerts()
        return waiting

    @work(thread=True, group="alerts", exit_on_error=False)
    def _run_rules(self, period: str, cursor: duckdb.DuckDBPyConnection) -> None:
        """The rules of one period, on a cursor of its own: moving on does not stop them
        (quitting does). Whether they ran or failed, AlertsWorkedOut says."""
        ran = False
        try:
            self.store.ensure_alerts(period, cursor)
            ran = True
        except duckdb.InterruptException:
            return  # the console quits
        finally:
            cursor.close()
            self.post_message(AlertsWorkedOut(period, ran))

    @on(AlertsWorkedOut)
    def _alerts_worked_out(self, message: AlertsWorkedOut) -> None:
        self._working_out.pop(message.period, None)
        if not message.ran:  # the failure itself is told by the app (console.ui.failsafe)
            self._rules_failed.add(message.period)
            if self.ready is not None and self.ready.alerts_pending and not self._pending:
                self._follow_view(self.trends is None)  # it stays as it is: go on from it
        elif message.period in (self.period, self.compare_period(self.period)):
            self._show_alerts()

    def _show_alerts(self) -> None:
        """Load the view shown again, now with its alerts, if it was shown without them
        (a view under way checks for itself)."""
        ready = self.ready
        if ready is not None and ready.alerts_pending and not self._pending:
            focus = self._unit_at(self.query_one(DrillTable).cursor_row)
            self.load(self.path, focus=focus.code if focus else None)

    @on(TrendsLoaded)
    def _trends_loaded(self, message: TrendsLoaded) -> None:
        if self.view is None or self.spec.level is not None or self.spec.node != message.node:
            return  # the user has moved on
        self.trends = message.trends
        table = self.query_one(DrillTable)
        self._render_rows(table.cursor_row, table.cursor_column)

    @on(Worker.StateChanged)
    def _worker_ended(self, event: Worker.StateChanged) -> None:
        """A view that failed leaves the last one shown (the app tells the failure)."""
        if event.state is WorkerState.ERROR and event.worker.group == "view":
            self._pending = False
            start_up.done()
            self._refresh_lines()

    # -- rendering -------------------------------------------------------------------

    def _render_rows(self, row: int, column: int) -> None:
        ready, table = self.ready, self.query_one(DrillTable)
        assert ready is not None
        self.shown_keys = list(ready.keys)
        if ready.display is None:  # a long view: formatted as it comes into view
            look = self.look
            table.show_long(ready.rows, lambda part: ready.formatted(part, look), row, column,
                            fixed=ready.fixed)
            return
        shown = ready.display
        if TREND in self.shown_keys:  # blank until the trends arrive
            ascii_only = ascii_terminal()
            codes = ready.view.rows.column("unit_code").to_pylist()
            lines = ([""] * len(codes) if self.trends is None else
                     [sparkline(self.trends.get(code, []), ascii_only=ascii_only)
                      for code in codes])
            title = f"{tr('trend', self.lang)}·{heading(self.trend_key, self.lang)}"
            width = max((cell_len(line) for line in lines), default=0)
            shown = shown.add_column(self.shown_keys.index(TREND), pa.field(
                title, pa.string(), metadata={CELL_WIDTH: str(width).encode()}),
                pa.array(lines, pa.string()))
        table.show(shown, row, column, fixed=ready.fixed)

    def _refresh_lines(self) -> None:
        fresh, short, stale = freshness(self.store.folder, self.stale_after, self.lang)
        scope = self.path.units[0].name if self.store.scope else ""
        self.query_one(HeaderLine).show(self.lang, self.period, len(self.store.periods),
                                        self.source, (fresh, short), stale, self.status,
                                        scope)
        note = [self._hint] if self._hint else []
        if self.view is not None and self.view.rows.num_rows == 0 and self.view.total:
            chips = describe(self.spec, self.lang, {r.id: r.title(self.lang)
                                                    for r in self.store.rules})
            note.append(tr("nothing_matches", self.lang, chips="、".join(chips)
                           if self.lang == "zh" else ", ".join(chips)))
        note.append(tr("column_set", self.lang, name=BY_KEY[self.columns].label(self.lang)))
        if self.view is not None:
            note.append(tr("shown_of", self.lang, shown=f"{self.view.rows.num_rows:,}",
                           total=f"{self.view.total:,}"))
        base = self.compare_period(self.period)
        if base is not None:
            note.append(tr("comparing", self.lang, period=base))
        if self.sort.key:
            direction = tr("descending" if self.sort.descending else "ascending", self.lang)
            note.append(f"{tr('sorted_by', self.lang)}: {header(self.sort.key, self.lang)} "
                        f"{direction}")
        self.query_one(Breadcrumb).show(self.path, " · ".join(note), self.lang)

    def _row_of(self, code: str | None) -> int:
        if self.view is None or code is None:
            return 0
        rows = self.view.rows
        if not isinstance(rows, pa.Table):  # a long view, on disk
            return rows.position_of(code) or 0
        codes = rows.column("unit_code").to_pylist()
        return codes.index(code) if code in codes else 0

    def _unit_at(self, row: int) -> UnitRef | None:
        if self.view is None or not 0 <= row < self.view.rows.num_rows:
            return None
        found = self.view.rows.slice(row, 1).to_pylist()[0]
        return UnitRef(found["unit_code"], found["unit_name"], found["level"])

    def _detail_screen(self, code: str) -> Screen[None]:
        from console.ui.screens.detail import UnitDetailScreen

        return localized(UnitDetailScreen, self.lang)(self.store, code, self.period, self.lang,
                                                     palette_of(self.app))

    # -- what the user does ----------------------------------------------------------

    @on(DrillTable.RowChosen)
    def _row_chosen(self, message: DrillTable.RowChosen) -> None:
        unit = self._unit_at(message.row)
        if unit is None:
            return
        if self.spec.level is None:
            self.load(self.path.down(unit))
        else:
            self.go_to(unit.code)  # a flattened row: its own path, not below the node

    @on(DrillTable.ColumnSortRequested)
    async def _column_sort(self, message: DrillTable.ColumnSortRequested) -> None:
        await self.sort_by(self.shown_keys[message.column])

    def action_drill_up(self) -> None:
        """Go up one level; the cursor returns to the unit we came from."""
        if not self.path.at_top:
            self.load(self.path.up(), focus=self.path.node.code)

    def action_national(self) -> None:
        """Jump straight back to the top of the view."""
        if not self.path.at_top:
            self.load(self.path.top(), focus=self.path.units[1].code)

    def action_previous_period(self) -> None:
        """Show the period before this one, on the same drill path."""
        self.switch_period(-1)

    def action_next_period(self) -> None:
        """Show the period after this one, on the same drill path."""
        self.switch_period(+1)

    def action_pick_period(self) -> None:
        """Pick any period from a list."""
        from console.ui.screens.choice import ChoiceScreen

        def picked(period: str | None) -> None:
            if period:
                self.show_period(period)

        choices = [(p, p) for p in reversed(self.store.periods)]
        self.app.push_screen(localized(ChoiceScreen, self.lang)(
            tr("pick_period", self.lang), choices, self.period), picked)

    async def action_sort(self) -> None:
        """Sort by the column under the cursor: ascending, descending, then as it was."""
        await self.sort_by(self.shown_keys[self.query_one(DrillTable).cursor_column])

    def action_detail(self) -> None:
        """Open the unit under the cursor (or the node itself when it has no rows)."""
        unit = self._unit_at(self.query_one(DrillTable).cursor_row) or self.path.node
        self.app.push_screen(self._detail_screen(unit.code))

    def action_alerts(self) -> None:
        """Move the focus to the alert panel (opened if it is folded or hidden), or back
        to the table (the panel as it was)."""
        panel = self.query_one(AlertPanel)
        if panel.has_focus_within:
            self._leave_panel()
        else:
            self._panel_revealed = True
            self._place_panel()
            panel.focus_rules()

    def action_toggle_panel(self) -> None:
        """Show or hide the alert panel beside the table; below it (under WIDE_PANEL
        columns), open it or fold it to one line of counts."""
        self.panel_toggled = not self.panel_toggled
        self._panel_revealed = False
        if self.query_one(AlertPanel).has_focus_within:
            self.query_one(DrillTable).table.focus()
        self._place_panel()

    def action_next_columns(self) -> None:
        """Show the next set of columns (概览, 进度, 组织, 人员, 活力, 全部)."""
        self.show_columns(next_set(self.columns))

    def action_previous_columns(self) -> None:
        """Show the set of columns before this one."""
        self.show_columns(next_set(self.columns, -1))

    def show_columns(self, key: str) -> None:
        """Show the column set `key`, on the same unit, and remember it for the next start."""
        self.columns = key
        if self.ready is not None:
            table = self.query_one(DrillTable)
            self._restyle(self.ready, self.look, self._unit_at(table.cursor_row))

    @work(thread=True, exclusive=True, group="view", exit_on_error=False)
    def _restyle(self, ready: Prepared, look: Look, focus: UnitRef | None) -> None:
        """The view shown formatted again in `look` (another column set): no query, but
        a long view's widths are measured again, so off the UI thread."""
        remember_set(look.columns)  # a file written (and synced): not on the UI thread
        restyled = format_view(ready, look)
        self.prepared.put(ready.view.spec, self.compare_period(ready.view.spec.period), look,
                          restyled)
        self.post_message(ViewLoaded(self.path, restyled, focus.code if focus else None,
                                     self.trends))

    @on(AlertPanel.Left)
    def _leave_panel(self) -> None:
        self._panel_revealed = False
        self.query_one(DrillTable).table.focus()
        self._place_panel()

    def on_resize(self, event: events.Resize) -> None:
        self._place_panel(event.size.width)

    def _place_panel(self, width: int | None = None) -> None:
        """The alert panel beside the table where there is room, else below it; shown
        (or open) unless toggled (A), and whenever the user went into it (a)."""
        width = width if width is not None else self.size.width
        below = width < WIDE_PANEL
        if below != self.has_class("narrow"):
            self.panel_toggled = False  # A said it for the other layout
        out = self.panel_toggled if below else not self.panel_toggled
        out = out or self._panel_revealed
        self.set_class(below, "narrow")
        panel = self.query_one(AlertPanel)
        panel.place(below=below, folded=not out)
        panel.display = below or out

    @on(AlertPanel.RuleChosen)
    def _rule_chosen(self, message: AlertPanel.RuleChosen) -> None:
        from console.ui.screens.alert_units import AlertUnitsScreen

        def chosen(code: str | None) -> None:
            if code:
                self.go_to(code)

        screen = localized(AlertUnitsScreen, self.lang)(
            self.store, self.store.rule(message.rule), self.path, self.period, self.lang)
        self.app.push_screen(screen, chosen)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide "up" and "national" at the top, where they do nothing (Home is then the
        table's first row)."""
        if action in ("drill_up", "national"):
            return not self.path.at_top
        if action == "at_top":
            return self.path.at_top
        return True

    def action_at_top(self) -> None:
        """Esc at the top: nothing to go up to, and the status line says so."""
        self.say(tr("at_top", self.lang))

    def say(self, text: str) -> None:
        """Tell the user, in the breadcrumb line, why a key did nothing (for a while)."""
        self._hint = text
        if self._hint_timer is not None:
            self._hint_timer.stop()
        self._hint_timer = self.set_timer(HINT_SECONDS, self._clear_hint)
        self._refresh_lines()

    def _clear_hint(self) -> None:
        self._hint = ""
        self._refresh_lines()

    # -- public ----------------------------------------------------------------------

    def switch_period(self, step: int) -> None:
        """Move `step` periods back or forward, keeping the drill path."""
        index = self.store.periods.index(self.period) + step
        if 0 <= index < len(self.store.periods):
            self.show_period(self.store.periods[index])
        else:
            self.say(tr("latest_period" if step > 0 else "first_period_shown", self.lang))

    def show_period(self, period: str) -> None:
        """Show `period` on the same drill path, the cursor on the same unit."""
        focus = self._unit_at(self.query_one(DrillTable).cursor_row)
        self.load(self.path, focus=focus.code if focus else None, period=period)

    async def sort_by(self, key: str) -> None:
        """Sort the table by `key`, cycling ascending → descending → natural order."""
        if self.view is None or key not in VIEW_COLUMNS:
            return  # the trend column has no order of its own
        current = self._unit_at(self.query_one(DrillTable).cursor_row)
        column = self.query_one(DrillTable).cursor_column
        spec = replace(self.spec, sort=self.sort.cycled(key))
        ready = self.ready
        assert ready is not None
        if not isinstance(self.view.rows, pa.Table):  # a long view, on disk
            self._sort_paged(ready, spec, current.code if current else None)
            return
        natural = self.view.rows.take(sort_indices(self.view.rows, Sort("unit_code")))
        self.spec = spec
        view = replace(self.view, spec=spec, rows=natural.take(sort_indices(natural, spec.sort)))
        rows = view.rows if ready.baseline is None else compared(view.rows, ready.baseline)
        self.ready = replace(ready, view=view, rows=rows, display=None
                             if ready.display is None else ready.formatted(rows, self.look))
        self._render_rows(self._row_of(current.code if current else None), column)
        self._refresh_lines()

    @work(thread=True, exclusive=True, group="view", exit_on_error=False)
    def _sort_paged(self, ready: Prepared, spec: ViewSpec, focus: str | None) -> None:
        """A long view in the order of `spec`: its rows stay on disk, their order is
        worked out again (console.paged_view.rearranged), off the UI thread."""
        view = rearranged(ready.view, spec, self.store)
        rows = view.rows if ready.baseline is None else ComparedRows(
            view.rows, ready.baseline)
        self.post_message(ViewLoaded(self.path, replace(ready, view=view, rows=rows), focus,
                                     None))

    def compare_period(self, period: str) -> str | None:
        """The baseline that `period` is compared with, or None when compare mode is off."""
        periods = self.store.periods
        if self.compare_to is None or period not in periods:
            return None
        if self.compare_to == "previous":
            index = periods.index(period)
            return periods[index - 1] if index else None
        if self.compare_to == "first":
            return periods[0] if periods[0] != period else None
        return self.compare_to if self.compare_to in periods else None

    def action_compare(self) -> None:
        """Compare with a baseline: the previous period, the first, or any; again: stop."""
        from console.ui.screens.choice import ChoiceScreen

        if self.compare_to is not None:
            self.compare_to = None
            self.load(self.path)
            return
        choices = [("previous", tr("previous_period", self.lang)),
                   ("first", tr("first_period", self.lang, period=self.store.periods[0]))]
        choices += [(p, p) for p in reversed(self.store.periods) if p != self.period]

        def picked(choice: str | None) -> None:
            if choice:
                self.compare_to = choice
                self.load(self.path)

        self.app.push_screen(localized(ChoiceScreen, self.lang)(
            tr("compare_with", self.lang), choices, "previous"), picked)

    def action_deadline(self) -> None:
        """The plan deadline for this node: who lacks a plan, the pace, the projection."""
        from console.ui.screens.deadline import DeadlineScreen

        self.app.push_screen(localized(DeadlineScreen, self.lang)(
            self.store, self.path.node.code, self.period, self.lang, palette_of(self.app)))

    def show_status(self, text: str) -> None:
        """Show (or clear) a status such as a refresh's progress in the header line."""
        self.status = text
        self._refresh_lines()

    def data_refreshed(self) -> None:
        """The store was reloaded: stay on the path and unit; follow the latest period."""
        self.prepared.clear()
        self._rules_failed.clear()  # new files, perhaps new luck
        period = self.store.latest if self.period == self.latest_seen else self.period
        self.latest_seen = self.store.latest
        focus = self._unit_at(self.query_one(DrillTable).cursor_row)
        self.load(self.path, focus=focus.code if focus else None, period=period)

    @work(thread=True, exclusive=True, group="go-to", exit_on_error=False)
    def go_to(self, code: str) -> None:
        """Show unit `code`: its children, or its row among its siblings and its detail."""
        path = DrillPath(tuple(self.store.ancestry(code, self.period)))
        leaf = self.store.children_count(code, self.period) == 0
        if leaf and not path.at_top:
            self.app.call_from_thread(self.load, path.up(), code)
            self.app.call_from_thread(self.app.push_screen, self._detail_screen(code))
        else:
            self.app.call_from_thread(self.load, path)
