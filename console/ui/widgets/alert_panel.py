"""The alert panel: one line per rule that fires in the current subtree, critical first.

Choosing a line (Enter or a click) asks for the list of the units behind it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa
from rich.markup import escape
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from console.alerts import SEVERITIES, SEVERITY_MARKS, Rule
from console.compare import AlertChange
from console.display import Palette
from console.ui.failsafe import Guarded
from console.ui.i18n import tr


@dataclass(frozen=True)
class RuleLine:
    """One rule's line: its worst severity and how many units break it."""

    rule: str
    severity: str
    units: int


def rule_lines(counts: pa.Table) -> list[RuleLine]:
    """Per rule, the worst severity and the total, critical first, then by count."""
    worst: dict[str, str] = {}
    total: dict[str, int] = {}
    for row in counts.to_pylist():
        rule, severity = row["rule"], row["severity"]
        total[rule] = total.get(rule, 0) + int(row["units"])
        if rule not in worst or SEVERITIES.index(severity) < SEVERITIES.index(worst[rule]):
            worst[rule] = severity
    lines = [RuleLine(rule, worst[rule], total[rule]) for rule in total]
    return sorted(lines, key=lambda line: (SEVERITIES.index(line.severity), -line.units,
                                           line.rule))


def _rule_row(title: Text, count: Text) -> Table:
    """A rule's line: its title, cut with … where the panel is narrow, and its count at
    the right, never wrapped onto a line of its own."""
    row = Table.grid(expand=True, padding=(0, 1), pad_edge=False)
    row.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
    row.add_column(justify="right", no_wrap=True)
    row.add_row(title, count)
    return row


class AlertPanel(Guarded, Vertical):
    """The weak links of the subtree shown; Enter on a rule lists its units."""

    BINDINGS = [
        Binding("escape", "leave", "Back to the table", show=False),
        Binding("f", "filter", "Filter by rule"),
    ]
    DEFAULT_CSS = """
    AlertPanel { width: 34; height: 1fr; border-left: solid $primary; }
    AlertPanel > Static { padding: 0 1; height: 1; text-wrap: nowrap;
                          text-overflow: ellipsis; }
    AlertPanel > OptionList, AlertPanel > OptionList:focus { height: 1fr; border: none;
                                                             padding: 0; }
    AlertPanel.below { width: 100%; height: 9; border-left: none;
                       border-top: solid $primary; }
    AlertPanel.folded { height: 1; border-top: none; background: $boost; }
    AlertPanel.folded > OptionList { display: none; }
    """

    class Left(Message):
        """The user left the panel (Escape): the table should take the focus back."""

    class FilterToggled(Message):
        """The user asked to show only (or no longer only) the units where `rule` fires."""

        def __init__(self, rule: str) -> None:
            self.rule = rule
            super().__init__()

    class RuleChosen(Message):
        """The user chose a rule to see its units."""

        def __init__(self, rule: str) -> None:
            self.rule = rule
            super().__init__()

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang
        self.lines: list[RuleLine] = []
        self._pending = False
        self._palette = Palette()

    def compose(self) -> ComposeResult:
        yield Static(f"[b]{tr('alerts', self.lang)}[/b]", id="alert-title")
        yield OptionList(id="alert-rules")

    def place(self, *, below: bool, folded: bool) -> None:
        """Beside the table, or below it (at 80 columns): there open, or folded to one
        line of counts."""
        self.set_class(below, "below")
        self.set_class(below and folded, "folded")
        self._show_title()

    @property
    def folded(self) -> bool:
        """Whether the panel shows one line of counts instead of its rules."""
        return self.has_class("folded")

    def _show_title(self) -> None:
        title = f"[b]{tr('alerts', self.lang)}[/b]"
        if self.folded:
            title += f"  {self.counts_line()}"
        self.query_one("#alert-title", Static).update(title)

    def counts_line(self) -> str:
        """The panel in one line (Rich markup): per severity, how many rules fire and on
        how many units, and the key that opens it."""
        if self._pending:
            return escape(tr("alerts_pending", self.lang))
        if not self.lines:
            return escape(tr("no_alerts", self.lang))
        colours = self._colours()
        parts = []
        for severity in SEVERITIES:
            mine = [line for line in self.lines if line.severity == severity]
            if mine:
                mark = SEVERITY_MARKS[severity]
                mark = f"[{colours[severity]}]{mark}[/]" if colours[severity] else mark
                units = sum(line.units for line in mine)
                count = tr("rule_count" if len(mine) > 1 else "one_rule", self.lang,
                           rules=len(mine))
                parts.append(f"{mark} {count} "
                             f"[b]{units:,}[/b]")
        return "  ".join(parts) + f"  [$text-muted]{escape(tr('alerts_open', self.lang))}[/]"

    def _colours(self) -> dict[str, str]:
        palette = self._palette
        return {"critical": palette.error, "warning": palette.warning, "info": palette.muted}

    def show(self, counts: pa.Table, rules: dict[str, Rule], palette: Palette,
             changes: list[AlertChange] | None = None, *, pending: bool = False) -> None:
        """Render one line per rule of `counts` (rule, severity, units).

        With `changes` (compare mode) each line also says how many units newly break the
        rule since the baseline (▲) and how many were resolved (▼); rules resolved
        everywhere are listed with 0. `pending`: the rules are still running.
        """
        self.lines = rule_lines(counts)
        self._pending, self._palette = pending, palette
        since = {c.rule: c for c in changes or []}
        self.lines += [RuleLine(c.rule, "info", 0) for c in since.values()
                       if c.resolved and c.rule not in {line.rule for line in self.lines}]
        options = self.query_one(OptionList)
        highlighted = options.highlighted
        options.set_options(self._options(rules, palette, since, pending))  # lines measured once
        if highlighted is not None and self.lines and not pending:
            options.highlighted = min(highlighted, len(self.lines) - 1)
        self._show_title()

    def _options(self, rules: dict[str, Rule], palette: Palette,
                 since: dict[str, AlertChange], pending: bool) -> list[Option]:
        if pending:
            return [Option(Text(tr("alerts_pending", self.lang), style=palette.muted),
                           disabled=True)]
        if not self.lines:
            return [Option(Text(tr("no_alerts", self.lang), style=palette.success),
                           disabled=True)]
        colours = self._colours()
        shown = []
        for line in self.lines:
            rule = rules.get(line.rule)
            title = rule.title(self.lang) if rule else line.rule
            text = Text(f"{SEVERITY_MARKS[line.severity]} ", style=colours[line.severity])
            text.append(title)
            scope = rule.scope(self.lang) if rule else ""
            if scope:  # its count is of these levels' units only (the summary's of all)
                text.append(f" {scope}", style=palette.muted or "dim")
            count = Text(f"{line.units:,}", style="bold")
            change = since.get(line.rule)
            if change is not None and change.new:
                count.append(f" ▲{change.new:,}", style=palette.error)
            if change is not None and change.resolved:
                count.append(f" ▼{change.resolved:,}", style=palette.success)
            shown.append(Option(_rule_row(text, count), id=line.rule))
        return shown

    def focus_rules(self) -> None:
        """Take the focus, with the first rule highlighted if none is."""
        options = self.query_one(OptionList)
        if options.highlighted is None and options.option_count:
            options.highlighted = 0
        options.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.RuleChosen(event.option.id))

    def action_filter(self) -> None:
        """Toggle a filter on the highlighted rule."""
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            rule = options.get_option_at_index(options.highlighted).id
            if rule:
                self.post_message(self.FilterToggled(rule))

    def action_leave(self) -> None:
        """Give the focus back to the drill table."""
        self.post_message(self.Left())
