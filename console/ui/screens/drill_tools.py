"""The drill screen's tools: filters, the level switch, and exporting what is shown."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pyarrow as pa
from textual import on, work
from textual.binding import Binding
from textual.screen import Screen

from console.column_sets import written
from console.drill import DrillPath
from console.export import (
    ExportError,
    export_name,
    exports_folder,
    free_path,
    provenance,
    provenance_path,
    write_view,
)
from console.schema import LEVELS, level_label, unit_name
from console.store import Store
from console.ui.failsafe import Guarded
from console.ui.i18n import tr
from console.ui.localize import localized
from console.ui.messages import ExportWritten
from console.ui.prepared import Prepared
from console.ui.widgets.alert_panel import AlertPanel
from console.ui.widgets.filter_bar import FilterBar, FilterChips
from console.view import View, ViewError, ViewSpec, describe


class DrillTools(Guarded, Screen[None]):
    """Filters, the level switch and export, for the drill screen that derives from this."""

    TOOL_BINDINGS = [
        Binding("slash", "filter", "Filter", key_display="/"),
        Binding("l", "level", "Level", show=False),
        Binding("x", "clear_filters", "Clear filters", show=False),
        Binding("e", "export", "Export"),
        Binding("E", "export_as", "Export as", key_display="E", show=False),
    ]
    """Listed in the drill screen's own BINDINGS, so that they are translated with it."""

    store: Store
    lang: str
    columns: str
    path: DrillPath
    spec: ViewSpec
    ready: Prepared | None

    @property
    def view(self) -> View | None:
        """What the table shows, filtered and sorted; None before the first view arrives."""
        return None if self.ready is None else self.ready.view

    def load(self, path: DrillPath, focus: str | None = None, period: str | None = None,
             spec: ViewSpec | None = None) -> None:
        """Load a view (the drill screen implements it)."""
        raise NotImplementedError

    def _titles(self) -> dict[str, str]:
        return {rule.id: rule.title(self.lang) for rule in self.store.rules}

    async def show_chips(self) -> None:
        """One chip per filter in force."""
        await self.query_one(FilterChips).show(describe(self.spec, self.lang, self._titles()))

    def _reload(self, spec: ViewSpec) -> None:
        self.load(self.path, spec=spec)

    def action_filter(self) -> None:
        """Open the filter bar: a name or pinyin initials, and conditions."""
        self.query_one(FilterBar).open()

    @on(FilterBar.Applied)
    def _filter_applied(self, message: FilterBar.Applied) -> None:
        try:
            spec = self.spec.with_text(message.text)
        except ViewError as error:
            self.notify(str(error), title=tr("error", self.lang), severity="error")
            return
        self._focus_table()
        self._reload(spec)

    @on(FilterBar.Closed)
    def _filter_closed(self) -> None:
        self._focus_table()

    @on(FilterChips.Removed)
    def _chip_removed(self, message: FilterChips.Removed) -> None:
        self._reload(self.spec.without(message.index))

    @on(AlertPanel.FilterToggled)
    def _alert_filter(self, message: AlertPanel.FilterToggled) -> None:
        alerts = self.spec.alerts
        alerts = tuple(a for a in alerts if a != message.rule) if message.rule in alerts \
            else (*alerts, message.rule)
        self._reload(replace(self.spec, alerts=alerts))

    def action_clear_filters(self) -> None:
        """Clear every filter and the level switch."""
        self._reload(replace(self.spec.cleared(), level=None))

    def action_level(self) -> None:
        """Show every unit of a chosen lower level in the subtree, or the children again."""
        from console.ui.screens.choice import ChoiceScreen

        below = LEVELS[LEVELS.index(self.path.node.level) + 1:]
        choices = [("children", tr("children", self.lang))]
        choices += [(level, level_label(level, self.lang)) for level in below]

        def picked(level: str | None) -> None:
            if level:
                self._reload(replace(self.spec, level=None if level == "children" else level))

        self.app.push_screen(localized(ChoiceScreen, self.lang)(
            tr("pick_level", self.lang), choices, self.spec.level or "children"), picked)

    def action_export(self) -> None:
        """Export the view as shown to the exports folder, under a name that says what it is."""
        if self.view is not None:
            self._write(self.view, self._suggested("csv"), "csv", pick_free=True)

    def action_export_as(self) -> None:
        """Choose the path and the format of the export."""
        from console.ui.screens.export_dialog import ExportDialog

        view = self.view
        if view is None:
            return

        def chosen(choice: tuple[Path, str] | None) -> None:
            if not choice:
                return
            path, fmt = choice
            if path.exists() or provenance_path(path).exists():
                self._ask_before_replacing(view, path, fmt)
            else:
                self._write(view, path, fmt, pick_free=False)

        self.app.push_screen(localized(ExportDialog, self.lang)(self._suggested("csv"),
                                                                self.lang), chosen)

    def _ask_before_replacing(self, view: View, path: Path, fmt: str) -> None:
        """The file chosen exists: replace it, write beside it under a free name, or not."""
        from console.ui.screens.choice import ChoiceScreen

        free = free_path(path)
        choices = [("rename", tr("export_rename", self.lang, name=free.name)),
                   ("replace", tr("export_replace", self.lang)),
                   ("cancel", tr("export_cancel", self.lang))]

        def picked(answer: str | None) -> None:
            if answer == "replace":
                self._write(view, path, fmt, pick_free=False, over=True)
            elif answer == "rename":
                self._write(view, free, fmt, pick_free=False)

        self.app.push_screen(localized(ChoiceScreen, self.lang)(
            tr("export_exists", self.lang, name=path.name), choices, "rename"), picked)

    def _suggested(self, fmt: str) -> Path:
        assert self.view is not None
        folder = exports_folder(getattr(self.app, "exports", None))
        names = [unit_name(unit.code, unit.name, self.lang) for unit in self.path.units]
        return folder / export_name(self.view, names, self.lang, self._titles(), fmt)

    @work(thread=True, group="export", exit_on_error=False)
    def _write(self, view: View, path: Path, fmt: str, *, pick_free: bool,
               over: bool = False) -> None:
        """Write `view` with the columns shown (the set's, console.column_sets.written);
        `over` an existing file (atomically) when the user said so."""
        target = free_path(path) if pick_free else path
        units = [(unit.code, unit.name) for unit in self.path.units]
        assert self.ready is not None
        keys, columns = written(self.ready.keys), self.columns
        if not isinstance(view.rows, pa.Table):  # a long view, on disk: read whole to write
            view = replace(view, rows=view.rows.slice())
        view = replace(view, rows=view.rows.select(keys))
        try:
            write_view(view, target, fmt, self.lang, {
                **provenance(view, units, self.store.folder / "manifest.json"),
                "columns": columns}, replace=over)
        except ExportError as error:  # the answer to the user's export: under its own title
            self.post_message(ExportWritten(None, str(error)))
            return
        self.post_message(ExportWritten(target))

    @on(ExportWritten)
    def _written(self, message: ExportWritten) -> None:
        if message.path is None:
            self.notify(message.reason, title=tr("export_failed", self.lang), severity="error",
                        timeout=10)
        else:
            self.notify(str(message.path), title=tr("exported", self.lang), timeout=10)

    def _focus_table(self) -> None:
        from console.ui.widgets.drill_table import DrillTable

        self.query_one(DrillTable).table.focus()
