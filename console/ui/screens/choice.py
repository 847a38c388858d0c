"""A list of choices to pick one from: a period, a level, an export format."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from console.ui.failsafe import Guarded


class ChoiceScreen(Guarded, ModalScreen[str | None]):
    """Pick one of `choices` (id, label); Enter takes it, Escape keeps things as they were."""

    BINDINGS = [Binding("escape", "close", "Close")]
    DEFAULT_CSS = """
    ChoiceScreen { align: center middle; }
    ChoiceScreen > Vertical { width: 36; height: auto; max-height: 22; border: round $primary;
                              background: $surface; }
    ChoiceScreen OptionList { height: auto; max-height: 18; border: none; }
    """

    def __init__(self, title: str, choices: list[tuple[str, str]], current: str | None) -> None:
        super().__init__()
        self.title_text = title
        self.choices = choices
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(f"[b]{self.title_text}[/b]")
            yield OptionList(*(Option(label, id=key) for key, label in self.choices))

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        keys = [key for key, _ in self.choices]
        options.highlighted = keys.index(self.current) if self.current in keys else 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_close(self) -> None:
        """Keep things as they were."""
        self.dismiss(None)
