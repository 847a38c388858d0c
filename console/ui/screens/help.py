"""The help screen: the keys of the screen in front of the user, grouped, each with a
sentence (console.ui.i18n.KEY_HELP), and a legend of the marks it shows."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from console.ui.failsafe import Guarded
from console.ui.i18n import HELP_GROUPS, KEY_HELP, LEGEND, in_english, tr

TABLE_KEYS: tuple[tuple[str, str, str], ...] = (
    ("↑ ↓ ← → PgUp PgDn", "移动光标，左右滚动列", "move the cursor, scroll columns"),
    ("Enter", "下钻到该单位（无下级时打开详情）",
     "drill into the unit (its detail if it has none)"),
)
KEY_CELLS = 20  # the keys' column


def key_rows(bindings: Iterable[tuple[Binding, str]], lang: str, table: bool
             ) -> dict[str, list[tuple[str, str]]]:
    """Per help group, in order, its (keys, sentence) rows: from `bindings` (each with
    the key as the terminal shows it) that are the console's own, the keys of one action
    together; the table's moves first where the screen has a table."""
    keys: dict[str, list[str]] = {}
    for binding, shown in bindings:
        description = in_english(binding.description)  # (a localized screen's is not)
        if description not in KEY_HELP:  # a widget's of Textual's: the table's moves are
            continue  # told by TABLE_KEYS, the palette's and inputs' by themselves
        keys.setdefault(description, [])
        if shown not in keys[description]:
            keys[description].append(shown)
    groups: dict[str, list[tuple[str, str]]] = {group: [] for group in HELP_GROUPS}
    if table:
        groups["move"] += [(k, zh if lang == "zh" else en) for k, zh, en in TABLE_KEYS]
    for description, pressed in keys.items():
        group, zh, en = KEY_HELP[description]
        groups[group].append((" ".join(pressed), zh if lang == "zh" else en))
    return {group: rows for group, rows in groups.items() if rows}


def legend_rows(lang: str, periods: Sequence[str]) -> list[tuple[str, str]]:
    """The marks of the drill screen and what each means; the trend's over `periods`."""
    trend = periods[-12:] or ["", ""]
    return [(marks[0 if lang == "zh" else 1],
             (zh if lang == "zh" else en).format(first=trend[0], last=trend[-1]))
            for marks, zh, en in LEGEND]


class HelpScreen(Guarded, ModalScreen[None]):
    """The keys of the screen it covers, grouped, and (over the drill) the marks."""

    BINDINGS = [Binding("escape,question_mark,q", "close", "Close")]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 90%; max-width: 96; height: 90%;
                                  border: round $primary; background: $surface; padding: 0 1; }
    """

    def __init__(self, groups: dict[str, list[tuple[str, str]]], lang: str,
                 legend: list[tuple[str, str]] | None = None) -> None:
        super().__init__()
        self.groups = groups
        self.lang = lang
        self.legend = legend or []

    def compose(self) -> ComposeResult:
        parts: list[RenderableType] = [Text(tr("help_title", self.lang), style="bold")]
        sections = [(HELP_GROUPS[group][0 if self.lang == "zh" else 1], rows)
                    for group, rows in self.groups.items()]
        if self.legend:
            sections.append((tr("legend", self.lang), self.legend))
        for title, rows in sections:
            parts.append(Text(f"\n{title}", style="bold underline"))
            grid = Table.grid(padding=(0, 1))  # a long sentence wraps beside its keys
            grid.add_column(width=KEY_CELLS, no_wrap=True, style="bold")
            grid.add_column(ratio=1, overflow="fold")
            for keys, meaning in rows:
                grid.add_row(f"  {keys}", meaning)
            parts.append(grid)
        parts.append(Text(f"\n{tr('help_close', self.lang)}", style="dim"))
        with VerticalScroll():
            yield Static(Group(*parts))

    def action_close(self) -> None:
        """Back to where the user was."""
        self.dismiss()
