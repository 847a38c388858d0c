"""A list of every period to pick one from."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static

from console.ui.i18n import tr


class PeriodPicker(ModalScreen[str | None]):
    """Pick a period; Enter takes it, Escape keeps the current one."""

    BINDINGS = [Binding("escape", "close", "Close")]
    DEFAULT_CSS = """
    PeriodPicker { align: center middle; }
    PeriodPicker > Vertical { width: 30; height: 20; border: round $primary;
                              background: $surface; }
    """

    def __init__(self, periods: list[str], current: str, lang: str) -> None:
        super().__init__()
        self.periods = periods
        self.current = current
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(f"[b]{tr('pick_period', self.lang)}[/b]")
            yield OptionList(*reversed(self.periods))

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = len(self.periods) - 1 - self.periods.index(self.current)
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(str(event.option.prompt))

    def action_close(self) -> None:
        """Keep the period as it was."""
        self.dismiss(None)
