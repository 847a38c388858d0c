"""Shift+E: choose where to export the view and in which format."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, RadioButton, RadioSet, Static

from console.export import FORMATS
from console.ui.failsafe import Guarded
from console.ui.i18n import tr


class ExportDialog(Guarded, ModalScreen[tuple[Path, str] | None]):
    """A path and a format; Enter in the path exports, Escape cancels."""

    BINDINGS = [Binding("escape", "close", "Close")]
    DEFAULT_CSS = """
    ExportDialog { align: center middle; }
    ExportDialog > Vertical { width: 80%; max-width: 100; height: auto; padding: 0 1;
                              border: round $primary; background: $surface; }
    ExportDialog RadioSet { layout: horizontal; height: auto; }
    """

    def __init__(self, suggested: Path, lang: str) -> None:
        super().__init__()
        self.suggested = suggested
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(f"[b]{tr('export_as', self.lang)}[/b]")
            yield Input(str(self.suggested), id="export-path")
            with RadioSet(id="export-format"):
                for fmt in FORMATS:
                    yield RadioButton(fmt.upper(), value=self.suggested.suffix == f".{fmt}",
                                      id=f"format-{fmt}")
            yield Static(f"[$text-muted]{tr('export_hint', self.lang)}[/]")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(RadioSet.Changed)
    def _format_changed(self, event: RadioSet.Changed) -> None:
        fmt = str(event.pressed.id).removeprefix("format-")
        path = self.query_one(Input)
        path.value = str(Path(path.value).with_suffix(f".{fmt}"))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        path = Path(event.value.strip()).expanduser()
        fmt = path.suffix.removeprefix(".").lower()
        if fmt not in FORMATS:
            self.notify(tr("export_bad_format", self.lang), severity="error")
            return
        self.dismiss((path, fmt))

    def action_close(self) -> None:
        """Export nothing."""
        self.dismiss(None)
