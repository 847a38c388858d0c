"""The help screen: every key of the console, from the bindings themselves."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from console.ui.failsafe import Guarded
from console.ui.i18n import binding_text, tr

TABLE_KEYS: tuple[tuple[str, str, str], ...] = (
    ("↑ ↓ ← → PgUp PgDn", "移动光标，左右滚动列", "move the cursor, scroll columns"),
    ("Enter", "下钻到该单位（无下级时打开详情）",
     "drill into the unit (its detail if it has none)"),
    ("ctrl+p", "命令面板：所有操作，按名称或拼音首字母跳转到单位",
     "command palette: every action, jump to a unit by name or pinyin initials"),
)


class HelpScreen(Guarded, ModalScreen[None]):
    """Lists every key: the table's own, then each binding of the console."""

    BINDINGS = [Binding("escape,question_mark,q", "close", "Close")]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 80%; max-width: 90; height: 80%;
                                  border: round $primary; background: $surface; padding: 0 1; }
    """

    def __init__(self, groups: list[list[BindingType]], lang: str) -> None:
        super().__init__()
        self.groups = groups
        self.lang = lang

    def compose(self) -> ComposeResult:
        rows = [(keys, zh if self.lang == "zh" else en) for keys, zh, en in TABLE_KEYS]
        for group in self.groups:
            rows += [(b.key_display or b.key.replace(",", " "),
                      binding_text(b.description, self.lang))
                     for b in group if isinstance(b, Binding)]
        text = Text.assemble((tr("help_title", self.lang), "bold"), "\n\n")
        for keys, meaning in rows:
            text.append(f"  {keys:<20} ", style="bold")
            text.append(f"{meaning}\n")
        text.append(f"\n{tr('help_close', self.lang)}", style="dim")
        with VerticalScroll():
            yield Static(text)

    def action_close(self) -> None:
        """Back to where the user was."""
        self.dismiss()
