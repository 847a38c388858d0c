"""The filter bar (`/`) and the chips of the filters in force, each removable."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Button, Input

from console.ui.failsafe import Guarded
from console.ui.i18n import tr


class FilterBar(Guarded, Input):
    """Type a name (or pinyin initials) and conditions such as 县级方案出台率<40%."""

    BINDINGS = [Binding("escape", "cancel", "Close", show=False)]
    DEFAULT_CSS = """
    FilterBar { display: none; height: 3; }
    FilterBar.open { display: block; }
    """

    class Applied(Message):
        """The user entered filter text."""

        def __init__(self, text: str) -> None:
            self.text = text
            super().__init__()

    class Closed(Message):
        """The user closed the bar without applying anything."""

    def __init__(self, lang: str) -> None:
        super().__init__(placeholder=tr("filter_hint", lang))

    def open(self) -> None:
        """Show the bar and take the keys."""
        self.add_class("open")
        self.focus()

    def close(self) -> None:
        """Hide the bar and forget what was typed."""
        self.value = ""
        self.remove_class("open")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = self.value.strip()
        self.close()
        self.post_message(self.Applied(text) if text else self.Closed())

    def action_cancel(self) -> None:
        """Close the bar; the filters in force stay."""
        self.close()
        self.post_message(self.Closed())


class FilterChips(Guarded, Horizontal):
    """One button per filter in force; pressing one removes that filter."""

    DEFAULT_CSS = """
    FilterChips { height: auto; display: none; }
    FilterChips.active { display: block; }
    FilterChips Button { min-width: 4; height: 1; border: none; margin: 0 1 0 0;
                         background: $accent 30%; }
    """

    class Removed(Message):
        """The user removed the chip at `index`."""

        def __init__(self, index: int) -> None:
            self.index = index
            super().__init__()

    def compose(self) -> ComposeResult:
        yield from ()

    async def show(self, labels: list[str]) -> None:
        """Replace the chips with `labels`."""
        await self.remove_children()
        await self.mount_all(Button(f"{label} ✕", id=f"chip-{i}", compact=True)
                             for i, label in enumerate(labels))
        self.set_class(bool(labels), "active")

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.Removed(int(str(event.button.id).removeprefix("chip-"))))
