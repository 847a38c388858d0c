"""The alert panel: one line per rule that fires in the current subtree, critical first.

Choosing a line (Enter or a click) asks for the list of the units behind it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa
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


class AlertPanel(Guarded, Vertical):
    """The weak links of the subtree shown; Enter on a rule lists its units."""

    BINDINGS = [
        Binding("escape", "leave", "Back to the table", show=False),
        Binding("f", "filter", "Filter by rule"),
    ]
    DEFAULT_CSS = """
    AlertPanel { width: 32; height: 1fr; border-left: solid $primary; }
    AlertPanel > Static { padding: 0 1; height: auto; }
    AlertPanel > OptionList, AlertPanel > OptionList:focus { height: 1fr; border: none;
                                                             padding: 0; }
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

    def compose(self) -> ComposeResult:
        yield Static(f"[b]{tr('alerts', self.lang)}[/b]", id="alert-title")
        yield OptionList(id="alert-rules")

    def show(self, counts: pa.Table, rules: dict[str, Rule], palette: Palette,
             changes: list[AlertChange] | None = None, *, pending: bool = False) -> None:
        """Render one line per rule of `counts` (rule, severity, units).

        With `changes` (compare mode) each line also says how many units newly break the
        rule since the baseline (▲) and how many were resolved (▼); rules resolved
        everywhere are listed with 0. `pending`: the rules are still running.
        """
        self.lines = rule_lines(counts)
        since = {c.rule: c for c in changes or []}
        self.lines += [RuleLine(c.rule, "info", 0) for c in since.values()
                       if c.resolved and c.rule not in {line.rule for line in self.lines}]
        options = self.query_one(OptionList)
        highlighted = options.highlighted
        options.set_options(self._options(rules, palette, since, pending))  # lines measured once
        if highlighted is not None and self.lines and not pending:
            options.highlighted = min(highlighted, len(self.lines) - 1)

    def _options(self, rules: dict[str, Rule], palette: Palette,
                 since: dict[str, AlertChange], pending: bool) -> list[Option]:
        if pending:
            return [Option(Text(tr("alerts_pending", self.lang), style=palette.muted),
                           disabled=True)]
        if not self.lines:
            return [Option(Text(tr("no_alerts", self.lang), style=palette.success),
                           disabled=True)]
        colours = {"critical": palette.error, "warning": palette.warning, "info": palette.muted}
        shown = []
        for line in self.lines:
            rule = rules.get(line.rule)
            title = rule.title(self.lang) if rule else line.rule
            text = Text(f"{SEVERITY_MARKS[line.severity]} ", style=colours[line.severity])
            text.append(title)
            text.append(f"  {line.units:,}", style="bold")
            change = since.get(line.rule)
            if change is not None and change.new:
                text.append(f" ▲{change.new:,}", style=palette.error)
            if change is not None and change.resolved:
                text.append(f" ▼{change.resolved:,}", style=palette.success)
            shown.append(Option(text, id=line.rule))
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
