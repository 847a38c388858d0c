"""The unit detail: every indicator of one unit, grouped, and how it changed over time."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pyarrow as pa
from rich.cells import cell_len
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from console.alerts import SEVERITY_MARKS, Rule, detail_text
from console.display import FLAG_PROBLEM, Palette
from console.history import KEY_INDICATORS, changes, unit_detail
from console.schema import (
    COLUMNS,
    GROUP_LABELS,
    INDICATORS,
    Column,
    ColumnType,
    level_label,
    status_label,
    unit_name,
)
from console.snapshots import format_period
from console.store import Store
from console.ui.failsafe import Guarded
from console.ui.i18n import tr
from console.ui.widgets.footer import KeptFooter
from console.ui.widgets.history_chart import HistoryChart


class UnitDetailScreen(Guarded, Screen[None]):
    """Every indicator of a unit at a period, grouped as the glossary groups them."""

    BINDINGS = [Binding("escape,backspace,q", "close", "Close")]

    def __init__(self, store: Store, code: str, period: str, lang: str,
                 palette: Palette) -> None:
        super().__init__()
        self.store = store
        self.code = code
        self.period = period
        self.lang = lang
        self.palette = palette
        self.shown = False  # the detail and its history chart are on screen

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(tr("loading", self.lang), id="detail")
            yield HistoryChart(self.lang)
        yield KeptFooter()

    def on_mount(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _load(self) -> None:
        found = unit_detail(self.store, self.code, self.period)
        path = " › ".join(unit_name(u.code, u.name, self.lang) for u in found.path)
        text = render_detail(found.row, found.history, path, self.lang, self.palette)
        text.append_text(render_alerts(found.alerts, {r.id: r for r in self.store.rules},
                                       self.lang, self.palette))
        self.app.call_from_thread(self.query_one("#detail", Static).update, text)
        self.app.call_from_thread(self.query_one(HistoryChart).show, found.series,
                                  format_period(self.store.deadline))
        self.shown = True

    def action_close(self) -> None:
        """Back to the drill table."""
        self.dismiss()


def value_text(column: Column, value: Any, lang: str) -> str:
    """One indicator value as the detail shows it."""
    if value is None:
        return "—"
    if column.type is ColumnType.BOOLEAN:
        return tr("yes" if value else "no", lang)
    if isinstance(value, dt.date):
        return value.isoformat()
    if column.key == "level":
        return level_label(str(value), lang)
    if column.key == "status":
        return status_label(str(value), lang)
    if isinstance(value, float):
        return f"{value:,.1f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def render_detail(row: dict[str, Any], history: pa.Table, path: str, lang: str,
                  palette: Palette) -> Text:
    """The whole detail: identity, the indicator groups, the history of key indicators."""
    level = str(row["level"])
    text = Text()
    text.append(unit_name(str(row["unit_code"]), str(row["unit_name"]), lang), style="bold")
    text.append(f"  {row['unit_code']}  {level_label(level, lang)}  "
                f"{status_label(str(row['status']), lang)}\n")
    text.append(f"{path} · {tr('period', lang)} {str(row['period'])[:7]}\n", style="dim")
    for group, labels in GROUP_LABELS.items():
        columns = [c for c in INDICATORS if c.group is group and level in c.levels]
        if columns:
            text.append(f"\n{labels[0 if lang == 'zh' else 1]}\n", style="bold underline")
            _append_values(text, [(c, row[c.key]) for c in columns], lang, palette)
    text.append(f"\n{tr('history', lang)}\n", style="bold underline")
    width = max(cell_len(COLUMNS[k].label(lang)) for k in KEY_INDICATORS)
    for key in KEY_INDICATORS:
        column = COLUMNS[key]
        if level in column.levels:
            steps = changes(history, key)
            told = " → ".join(f"{value_text(column, c.value, lang)} ({c.period})" for c in steps)
            text.append(f"  {_padded(column.label(lang), width)}  {told}\n")
    return text


def render_alerts(alerts: pa.Table, rules: dict[str, Rule], lang: str,
                  palette: Palette) -> Text:
    """The alerts that fire on the unit: mark, title and detail, critical first."""
    text = Text(f"\n{tr('unit_alerts', lang)}\n", style="bold underline")
    colours = {"critical": palette.error, "warning": palette.warning, "info": palette.muted}
    if alerts.num_rows == 0:
        text.append(f"  {tr('no_alerts', lang)}\n", style=palette.success or None)
    for alert in alerts.to_pylist():
        rule = rules.get(alert["rule"])
        text.append(f"  {SEVERITY_MARKS[alert['severity']]} ",
                    style=colours[alert["severity"]] or None)
        text.append(rule.title(lang) if rule else alert["rule"])
        text.append(f"  {detail_text(alert['detail'], lang)}\n", style="dim")
    return text


def _append_values(text: Text, values: list[tuple[Column, Any]], lang: str,
                   palette: Palette) -> None:
    width = max(cell_len(c.label(lang)) for c, _ in values)
    for column, value in values:
        text.append(f"  {_padded(column.label(lang), width)}  ")
        problem = value is False and column.key in FLAG_PROBLEM
        colour = palette.get(FLAG_PROBLEM[column.key]) if problem else ""
        text.append(f"{value_text(column, value, lang)}\n", style=colour or None)


def _padded(label: str, width: int) -> str:
    return label + " " * (width - cell_len(label))
