"""The units behind one rule in the current subtree: sortable, searchable, openable."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from console.alerts import SEVERITY_LABELS, Rule, detail_text
from console.drill import DrillPath, Sort, sort_indices
from console.finder import initials
from console.schema import VIEW_COLUMNS, level_label
from console.store import Store, StoreError
from console.ui.i18n import tr
from console.ui.localize import localized
from console.ui.messages import AlertsListed
from console.ui.theme import palette_of
from console.ui.widgets.drill_table import DrillTable

SHOWN = ("unit_name", "unit_code", "level", "province", "prefecture", "county", "severity",
         "detail")


class AlertUnitsScreen(Screen[str | None]):
    """Every unit that breaks `rule` below the path's node; dismissed with a unit to go to."""

    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("s", "sort", "Sort"),
        # priority: otherwise the key that opens the search is typed into it as well
        Binding("slash", "search", "Search", key_display="/", priority=True),
        Binding("d", "detail", "Detail"),
        Binding("g", "go", "Go to unit"),
    ]
    AUTO_FOCUS = "DataTable"  # the hidden search box must not take the keys
    DEFAULT_CSS = """
    AlertUnitsScreen > Static { height: 1; padding: 0 1; background: $boost; }
    AlertUnitsScreen > Input { display: none; }
    AlertUnitsScreen > Input.searching { display: block; }
    """

    def __init__(self, store: Store, rule: Rule, path: DrillPath, period: str,
                 lang: str) -> None:
        super().__init__()
        self.store = store
        self.rule = rule
        self.path = path
        self.period = period
        self.lang = lang
        self.sort = Sort()
        self.all_rows: pa.Table | None = None
        self.all_display: pa.Table | None = None
        self.rows: pa.Table | None = None  # the rows shown, filtered and sorted

    def compose(self) -> ComposeResult:
        yield Static(tr("loading", self.lang), id="alert-units-title")
        yield Input(placeholder=tr("search_units", self.lang))
        yield DrillTable()
        yield Footer()

    def on_mount(self) -> None:
        self._load()

    @work(thread=True, exclusive=True)
    def _load(self) -> None:
        try:
            rows = self.store.alerts(self.path.node.code, self.period, [self.rule.id])
        except StoreError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error")
            return
        names = rows.column("unit_name").to_pylist()
        rows = rows.append_column("initials", pa.array([initials(n) for n in names]))
        self.post_message(AlertsListed(rows, self._display(rows)))

    @on(AlertsListed)
    async def _listed(self, message: AlertsListed) -> None:
        self.all_rows, self.all_display = message.rows, message.display
        await self._refresh_rows()

    async def _refresh_rows(self) -> None:
        if self.all_rows is None or self.all_display is None:
            return
        query = self.query_one(Input).value.strip()
        picked = pa.array(range(self.all_rows.num_rows), pa.int64())
        if query:
            named = pc.match_substring(self.all_rows.column("unit_name"), query)
            lettered = pc.starts_with(self.all_rows.column("initials"), query.lower())
            picked = picked.filter(pc.or_(named, lettered))
        rows = self.all_rows.take(picked)
        order = picked.take(sort_indices(rows, self.sort))
        self.rows = self.all_rows.take(order)
        self.query_one(DrillTable).show(self.all_display.take(order))
        title = (f"{self.rule.title(self.lang)} · {self.path.crumbs()} · {self.period} · "
                 f"{self.rows.num_rows:,}/{self.all_rows.num_rows:,} {tr('rows', self.lang)}")
        self.query_one("#alert-units-title", Static).update(title)

    def _display(self, rows: pa.Table) -> pa.Table:
        lang = self.lang
        columns = {}
        for key in SHOWN:
            values = rows.column(key).to_pylist()
            if key == "level":
                values = [level_label(v, lang) for v in values]
            elif key == "severity":
                values = [SEVERITY_LABELS[v][0 if lang == "zh" else 1] for v in values]
            elif key == "detail":
                values = [detail_text(v, lang) for v in values]
            columns[VIEW_COLUMNS[key].label(lang)] = pa.array(
                ["" if v is None else str(v) for v in values], pa.string())
        return pa.table(columns)

    @on(Input.Changed)
    async def _search(self) -> None:
        await self._refresh_rows()

    @on(Input.Submitted)
    def _searched(self) -> None:
        self.query_one(DrillTable).table.focus()

    @on(DrillTable.RowChosen)
    def _chosen(self) -> None:
        self.action_detail()

    def _code_at_cursor(self) -> str | None:
        row = self.query_one(DrillTable).cursor_row
        if self.rows is None or not 0 <= row < self.rows.num_rows:
            return None
        return str(self.rows.column("unit_code")[row].as_py())

    def action_close(self) -> None:
        """Back to the drill view (a search is cleared first)."""
        search = self.query_one(Input)
        if search.has_class("searching"):
            search.value = ""
            search.remove_class("searching")
            self.query_one(DrillTable).table.focus()
        else:
            self.dismiss(None)

    async def action_sort(self) -> None:
        """Sort by the column under the cursor: ascending, descending, as it was."""
        self.sort = self.sort.cycled(SHOWN[self.query_one(DrillTable).cursor_column])
        await self._refresh_rows()

    def action_search(self) -> None:
        """Narrow the list by name or pinyin initials."""
        search = self.query_one(Input)
        if search.has_focus:
            search.insert_text_at_cursor("/")
            return
        search.add_class("searching")
        search.focus()

    def action_detail(self) -> None:
        """Open the unit under the cursor."""
        from console.ui.screens.detail import UnitDetailScreen

        code = self._code_at_cursor()
        if code is not None:
            self.app.push_screen(localized(UnitDetailScreen, self.lang)(
                self.store, code, self.period, self.lang, palette_of(self.app)))

    def action_go(self) -> None:
        """Drill the main view to the unit under the cursor."""
        code = self._code_at_cursor()
        if code is not None:
            self.dismiss(code)
