"""The deadline panel: who still lacks a plan, the pace, and whether it can be made."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from console.deadline import DeadlineReport, deadline_report, verdict
from console.display import Palette
from console.schema import level_label, unit_name
from console.snapshots import format_period
from console.store import Store
from console.ui.failsafe import Guarded
from console.ui.i18n import tr


class DeadlineScreen(Guarded, ModalScreen[None]):
    """The reform-plan deadline for one node at one period."""

    BINDINGS = [Binding("escape,q", "close", "Close")]
    DEFAULT_CSS = """
    DeadlineScreen { align: center middle; }
    DeadlineScreen > VerticalScroll { width: 90%; max-width: 110; height: auto;
                                      max-height: 90%; border: round $primary;
                                      background: $surface; padding: 0 1; }
    """

    def __init__(self, store: Store, node: str, period: str, lang: str,
                 palette: Palette) -> None:
        super().__init__()
        self.store = store
        self.node = node
        self.period = period
        self.lang = lang
        self.palette = palette

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(tr("loading", self.lang), id="deadline")

    def on_mount(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _load(self) -> None:
        report = deadline_report(self.store, self.node, self.period)
        name = unit_name(self.node, self.store.row(self.node, self.period)["unit_name"],
                         self.lang)
        self.app.call_from_thread(self.query_one("#deadline", Static).update,
                                  render_report(report, str(name), self.lang, self.palette))

    def action_close(self) -> None:
        """Back to the drill view."""
        self.dismiss()


def render_report(report: DeadlineReport, name: str, lang: str, palette: Palette) -> Text:
    """The panel's text: days left, each level's count, pace and projection, the laggards."""
    zh = lang == "zh"
    text = Text()
    text.append(f"{name} · {tr('deadline_title', lang)}\n", style="bold")
    text.append(tr("deadline_days", lang, deadline=report.deadline.isoformat(),
                   period=report.period, days=report.days_left) + "\n\n")
    for level in report.levels:
        pace = "—" if level.pace is None else f"{level.pace:.1f}"
        projected = "—" if level.projected is None else format_period(level.projected)
        colour = palette.success if level.on_track else palette.error
        text.append(f"  {level_label(level.level, lang)}  ", style="bold")
        text.append(tr("deadline_level", lang, without=level.without_plan, total=level.total,
                       pace=pace, projected=projected), style=colour or None)
        text.append("\n")
    text.append("\n")
    on_track = all(level.on_track for level in report.levels)
    text.append(verdict(report, lang) + "\n",
                style=f"bold {palette.success if on_track else palette.error}".strip())
    if report.laggards:
        text.append(f"\n{tr('deadline_laggards', lang)}\n", style="bold underline")
        for lag in report.laggards:
            text.append(f"  {lag.name}  " + (f"{lag.without_plan}/{lag.total} 未出台"
                                            if zh else
                                            f"{lag.without_plan} of {lag.total} without a plan")
                        + "\n")
    return text
