"""The units behind one rule in the current subtree: sortable, searchable, openable."""

from __future__ import annotations

import pyarrow as pa
from rich.cells import cell_len
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input, Static

from console.alerts import SEVERITY_LABELS, Rule, detail_text
from console.drill import DrillPath, Sort
from console.rule_list import RuleList
from console.schema import LEVELS, VIEW_COLUMNS, level_label
from console.store import Store
from console.ui.failsafe import Guarded
from console.ui.i18n import tr
from console.ui.localize import localized
from console.ui.theme import palette_of
from console.ui.widgets.drill_table import DrillTable
from console.ui.widgets.footer import KeptFooter

DETAIL_WIDTH = 60  # cells: a longer detail is cut (the unit's detail shows it whole)
SHOWN = ("unit_name", "unit_code", "level", "province", "prefecture", "county", "severity",
         "detail")


class AlertUnitsScreen(Guarded, Screen[str | None]):
    """Every unit that breaks `rule` below the path's node; dismissed with a unit to go to.

    The list stays in DuckDB (console.rule_list.RuleList): the table fetches the rows it
    shows a block at a time, and a search or a sort orders the list there, in a worker.
    """

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
        self.units: RuleList | None = None

    def compose(self) -> ComposeResult:
        yield Static(tr("loading", self.lang), id="alert-units-title")
        yield Input(placeholder=tr("search_units", self.lang))
        yield DrillTable()
        yield KeptFooter()

    def on_mount(self) -> None:
        self._load()

    def on_unmount(self) -> None:
        if self.units is not None:
            self.units.close()

    @work(thread=True, exclusive=True, group="list", exit_on_error=False)
    def _load(self) -> None:
        units = RuleList(self.store, self.path.node.code, self.period, self.rule.id)
        if not self.is_attached:  # left before the list was made
            units.close()
            return
        self.units = units
        self.app.call_from_thread(self._show, 0, 0)

    @work(thread=True, exclusive=True, group="list", exit_on_error=False)
    def _reorder(self, search: str, sort: Sort, row: int, column: int) -> None:
        if self.units is None:
            return
        self.units.order(search, sort)
        self.app.call_from_thread(self._show, row, column)

    def _show(self, row: int, column: int) -> None:
        units = self.units
        if units is None:
            return
        widths = [self._width(key) for key in SHOWN]
        self.query_one(DrillTable).show_paged(units.shown, units.rows, self._display, widths,
                                              row, column, fixed=2)  # name and code
        # what changes (the count, the sort) first: at 80 columns the path is cut
        parts = [self.rule.title(self.lang),
                 f"{units.shown:,}/{units.units:,} {tr('rows', self.lang)}"]
        if self.sort.key:
            direction = tr("descending" if self.sort.descending else "ascending", self.lang)
            parts.append(f"{tr('sorted_by', self.lang)}: "
                         f"{VIEW_COLUMNS[self.sort.key].label(self.lang)} {direction}")
        title = " · ".join([*parts, self.period, self.path.crumbs(lang=self.lang)])
        self.query_one("#alert-units-title", Static).update(title)

    def _width(self, key: str) -> int:
        """A column's width in terminal cells: the widest of what it can show."""
        units, lang = self.units, self.lang
        assert units is not None
        if key == "level":
            return max(cell_len(level_label(level, lang)) for level in LEVELS)
        if key == "severity":
            return max(cell_len(labels[0 if lang == "zh" else 1])
                       for labels in SEVERITY_LABELS.values())
        if key == "detail":
            return min(DETAIL_WIDTH, max((cell_len(detail_text(d, lang))
                                          for d in units.details()), default=0))
        return units.widths.get(key, 0)

    def _display(self, rows: pa.Table) -> pa.Table:
        """Rows of the list as the table shows them, in the console's language."""
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

    def _reordered(self) -> None:
        table = self.query_one(DrillTable)
        self._reorder(self.query_one(Input).value.strip(), self.sort, 0, table.cursor_column)

    @on(Input.Changed)
    def _search(self) -> None:
        self._reordered()

    @on(Input.Submitted)
    def _searched(self) -> None:
        self.query_one(DrillTable).table.focus()

    @on(DrillTable.RowChosen)
    def _chosen(self) -> None:
        self.action_detail()

    def _code_at_cursor(self) -> str | None:
        row = self.query_one(DrillTable).cursor_row
        if self.units is None or not 0 <= row < self.units.shown:
            return None
        found = self.units.rows(row, 1).column("unit_code").to_pylist()
        return str(found[0]) if found else None

    def action_close(self) -> None:
        """Back to the drill view (a search is cleared first)."""
        search = self.query_one(Input)
        if search.has_class("searching"):
            search.value = ""
            search.remove_class("searching")
            self.query_one(DrillTable).table.focus()
        else:
            self.dismiss(None)

    def action_sort(self) -> None:
        """Sort by the column under the cursor: ascending, descending, as it was."""
        self.sort = self.sort.cycled(SHOWN[self.query_one(DrillTable).cursor_column])
        self._reordered()

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
        if code is None:
            self.notify(tr("no_unit_listed", self.lang))
            return
        self.app.push_screen(localized(UnitDetailScreen, self.lang)(
            self.store, code, self.period, self.lang, palette_of(self.app)))

    def action_go(self) -> None:
        """Drill the main view to the unit under the cursor."""
        code = self._code_at_cursor()
        if code is None:
            self.notify(tr("no_unit_listed", self.lang))
            return
        self.dismiss(code)
