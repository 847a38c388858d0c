"""The screen for a folder with nothing to show: what to do, not a traceback."""

from __future__ import annotations

from rich.markup import escape
from textual.app import ComposeResult
from textual.containers import Center, Middle
from textual.screen import Screen
from textual.widgets import Static

from console.ui import start_up
from console.ui.failsafe import Guarded
from console.ui.i18n import tr
from console.ui.widgets.footer import KeptFooter


class NoDataScreen(Guarded, Screen[None]):
    """Says that the data folder holds no usable snapshots, why, and what to do."""

    DEFAULT_CSS = """
    NoDataScreen Static { width: auto; max-width: 90; border: round $warning; padding: 1 2; }
    """

    def __init__(self, folder: str, reasons: list[str], lang: str) -> None:
        super().__init__()
        self.folder = folder
        self.reasons = reasons
        self.lang = lang

    def compose(self) -> ComposeResult:
        body = [f"[b]{tr('no_data_title', self.lang)}[/b]", "",
                escape(tr("no_data_body", self.lang, folder=self.folder))]
        if self.reasons:
            body += ["", *(f"[$error]{escape(r)}[/]" for r in self.reasons[:10])]
        with Middle(), Center():
            yield Static("\n".join(body))
        yield KeptFooter()

    def on_mount(self) -> None:
        self.call_after_refresh(start_up.done)
