"""The Textual application: wiring only. Screens and widgets live in their own modules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from textual import work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from console.column_sets import remembered_set
from console.finder import UnitFinder
from console.refresh import RefreshResult
from console.store import PLAN_DEADLINE, Store, StoreError
from console.trends import TREND_KEYS
from console.ui import terminal
from console.ui.commands import UnitJumpProvider
from console.ui.head_start import HeadStart, store_opener
from console.ui.i18n import binding_text, key_sentence, tr
from console.ui.localize import localized
from console.ui.prepared import Look, Prepared
from console.ui.refreshing import Refreshing
from console.ui.screens.drill import DrillScreen
from console.ui.screens.help import HelpScreen, key_rows, legend_rows
from console.ui.screens.no_data import NoDataScreen
from console.ui.theme import palette_of
from console.ui.widgets.drill_table import DrillTable
from console.validation import Progress
from console.view import ViewSpec

CHECKING_EVERY = 0.25  # seconds between updates of the files checked, as the store opens


class FpaConsole(Refreshing):
    """计生协改革监测台: drill from the nation down, with the weak links beside."""

    CSS_PATH = Path(__file__).with_name("console.tcss")
    BINDINGS = [
        Binding("r", "refresh_data", "Refresh"),
        Binding("q", "quit", "Quit"),
        Binding("question_mark,f1", "help", "Help", key_display="?"),
        # Textual's own (else added) with a description that is translated
        Binding("ctrl+p", "command_palette", "Commands", show=False, priority=True),
    ]
    COMMANDS = Refreshing.COMMANDS | {UnitJumpProvider}

    def __init__(self, folder: Path, lang: str = "zh", scope: str | None = None,
                 rule_folders: tuple[Path, ...] = (), deadline: dt.date = PLAN_DEADLINE,
                 exports: str | None = None, source: str | None = None,
                 stale_after: dt.timedelta = dt.timedelta(days=45),
                 trend_key: str = TREND_KEYS[-1], early: HeadStart | None = None) -> None:
        super().__init__()
        self.trend_key = trend_key
        self.exports = exports
        self.source_option = source
        self.stale_after = stale_after
        self.folder = folder
        self.lang = lang
        self.scope = scope
        self.rule_folders = rule_folders
        self.deadline = deadline
        self.store: Store | None = None
        self._head_start = early  # the store opened, the first view queried, before Textual
        self.columns = remembered_set()  # the column set shown (console.column_sets)
        if early is not None:
            early.use(Look(lang, palette_of(self), self.columns, trend_key))
        self._finders: dict[str, UnitFinder] = {}
        self._opening: HeadStart | None = None  # the store being opened, for its progress

    def compose(self) -> ComposeResult:
        yield Static(tr("loading", self.lang), id="starting")

    def on_mount(self) -> None:
        self.title = tr("title", self.lang)
        self.start_early()
        self._opening = self._head_start
        self._checking = self.set_interval(CHECKING_EVERY, self._show_checking)
        self._open_store()
        fd = terminal.watched()
        if fd is not None and not self.is_headless:
            self.set_interval(terminal.CHECK_EVERY, lambda: self._quit_if_gone(fd))

    def _quit_if_gone(self, fd: int) -> None:
        if terminal.gone(fd):
            self.exit()  # nobody is there to see it: see console.ui.terminal

    def _show_checking(self) -> None:
        """While the store opens: how many of its files have been checked, if it checks."""
        checked = self._opening.checked if self._opening is not None else None
        if checked is not None and checked[1] and self.query("#starting"):
            done, total = checked
            self.query_one("#starting", Static).update(
                tr("checking_files", self.lang, done=done, total=total))

    def on_unmount(self) -> None:
        """Close the store: its derived file is free for the next console at once."""
        if self.store is not None:
            self.store.close()

    def new_store(self, progress: Progress | None = None) -> Store:
        """A store on the console's folder, scope, rules and deadline."""
        return store_opener(self.folder, self.scope, self.rule_folders, self.deadline)(
            progress)

    def start_early(self) -> None:
        """Open the store and prepare the first view while Textual starts (before run)."""
        if self._head_start is not None:
            return  # started already (the launcher gave one)
        self._head_start = HeadStart(self.new_store)
        self._head_start.use(Look(self.lang, palette_of(self), self.columns, self.trend_key))

    @work(thread=True, exclusive=True, group="store", exit_on_error=False)
    def _open_store(self) -> None:
        early, self._head_start = self._head_start, None
        try:
            store = early.result() if early is not None else self.new_store()
        except StoreError as error:  # no usable data: the screen that says what to do
            self.call_from_thread(self._show_no_data, [str(error)])
            return
        finally:
            self.call_from_thread(self._done_checking)  # opened or not: nothing to count
        self.call_from_thread(self._store_opened, store, early.first if early else None)

    def _done_checking(self) -> None:
        self._checking.stop()
        self._opening = None

    def _store_opened(self, store: Store,
                      first: tuple[ViewSpec, Prepared] | None = None) -> None:
        self.store = store
        problems = [str(p) for p in store.problems]
        for problem in problems:
            self.notify(problem, title=tr("skipped", self.lang), severity="warning", timeout=10)
        for problem in store.rule_problems:
            self.notify(problem, title=tr("rules_skipped", self.lang), severity="warning",
                        timeout=10)
        if not store.periods:
            self._show_no_data(problems)
            return
        try:
            screen = localized(DrillScreen, self.lang)(
                store, self.lang, str(self.folder), self.stale_after, self.trend_key,
                columns=self.columns, top=first[1].node() if first is not None else None,
                first=first[1] if first is not None else None)  # prepared as Textual started
        except StoreError as error:
            self._show_no_data([str(error)])
            return
        self.push_screen(screen)

    def refresh_done(self, result: RefreshResult) -> None:
        """Reopen on the new data: the drill screen follows, an empty console starts."""
        drill = self.drill
        if drill is not None:
            drill.data_refreshed()
        elif not result.unchanged:
            while isinstance(self.screen, NoDataScreen):
                self.pop_screen()
            self._open_store()

    def show_refresh_status(self, text: str) -> None:
        """A refresh's progress in the drill screen's header line."""
        if self.drill is not None:
            self.drill.show_status(text)

    def _show_no_data(self, reasons: list[str]) -> None:
        self.push_screen(localized(NoDataScreen, self.lang)(str(self.folder), reasons, self.lang))

    @property
    def drill(self) -> DrillScreen | None:
        """The drill screen, once the data is open."""
        found = [s for s in self.screen_stack if isinstance(s, DrillScreen)]
        return found[0] if found else None

    def unit_finder(self) -> UnitFinder | None:
        """The unit index of the period shown (built once per period; call off the UI)."""
        drill = self.drill
        if self.store is None or drill is None:
            return None
        period = drill.period
        if period not in self._finders:
            self._finders[period] = UnitFinder(self.store.directory(period))
        return self._finders[period]

    def jump_to(self, code: str) -> None:
        """Show the unit `code`: its children, or its row among its siblings and its detail."""
        drill = self.drill
        if drill is not None:
            while self.screen is not drill:
                self.pop_screen()
            drill.go_to(code)

    def deliver_screenshot(self, filename: str | None = None, path: str | None = None,
                           time_format: str | None = None) -> str | None:
        """Save an SVG of the screen (the palette's Screenshot) to the exports folder, where
        e writes, made if missing: Textual's default, ~/Downloads, is missing on servers."""
        from console.export import exports_folder

        folder = Path(path) if path else exports_folder(self.exports)
        folder.mkdir(parents=True, exist_ok=True)
        return super().deliver_screenshot(filename, str(folder), time_format)

    def action_help(self) -> None:
        """Show every key."""
        if isinstance(self.screen, HelpScreen):
            return
        screen = self.screen
        bindings = [(active.binding, self.get_key_display(active.binding))
                    for active in screen.active_bindings.values()]
        groups = key_rows(bindings, self.lang, table=bool(screen.query(DrillTable)))
        legend = (legend_rows(self.lang, self.store.periods)
                  if isinstance(screen, DrillScreen) and self.store is not None else None)
        self.push_screen(HelpScreen(groups, self.lang, legend))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The palette's commands: the console's own actions, then Textual's."""
        drill = self.drill
        if drill is not None and screen is drill:
            said: set[str] = set()  # (Esc at the top says so: the same key, not a command)
            for binding in DrillScreen.BINDINGS:
                if isinstance(binding, Binding) and binding.description not in said:
                    said.add(binding.description)
                    action = getattr(drill, f"action_{binding.action}")
                    yield SystemCommand(binding_text(binding.description, self.lang),
                                        key_sentence(binding.description, self.lang), action)
        yield SystemCommand(binding_text("Help", self.lang), key_sentence("Help", self.lang),
                            self.action_help)
        yield from super().get_system_commands(screen)


def make_app(folder: Path, lang: str = "zh", **options: Any) -> FpaConsole:
    """The console on `folder`, its keys described in `lang` (options as FpaConsole takes)."""
    return localized(FpaConsole, lang)(folder, lang=lang, **options)
