"""The unit detail: every indicator of one unit, grouped, and how it changed over time."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pyarrow as pa
from rich.markup import escape
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from console.history import KEY_INDICATORS, changes
from console.schema import (
    COLUMNS,
    GROUP_LABELS,
    INDICATORS,
    Column,
    ColumnType,
    level_label,
    status_label,
)
from console.store import Store, StoreError
from console.ui.i18n import tr


class UnitDetailScreen(Screen[None]):
    """Every indicator of a unit at a period, grouped as the glossary groups them."""

    BINDINGS = [Binding("escape,backspace,q", "close", "Close")]

    def __init__(self, store: Store, code: str, period: str, lang: str) -> None:
        super().__init__()
        self.store = store
        self.code = code
        self.period = period
        self.lang = lang

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(tr("loading", self.lang), id="detail")
        yield Footer()

    def on_mount(self) -> None:
        self._load()

    @work(thread=True, exclusive=True)
    def _load(self) -> None:
        try:
            row = self.store.row(self.code, self.period)
            history = self.store.history(self.code)
            path = self.store.ancestry(self.code, self.period)
        except StoreError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error")
            return
        text = render_detail(row, history, " › ".join(u.name for u in path), self.lang)
        self.app.call_from_thread(self.query_one("#detail", Static).update, text)

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
    return f"{value:,}" if isinstance(value, int) else escape(str(value))


def render_detail(row: dict[str, Any], history: pa.Table, path: str, lang: str) -> str:
    """The whole detail as Textual markup: identity, indicator groups, history."""
    level = str(row["level"])
    lines = [
        f"[b]{escape(str(row['unit_name']))}[/b]  {row['unit_code']}  "
        f"{level_label(level, lang)}  {status_label(str(row['status']), lang)}",
        f"[$text-muted]{escape(path)} · {tr('period', lang)} {str(row['period'])[:7]}[/]",
    ]
    for group, labels in GROUP_LABELS.items():
        columns = [c for c in INDICATORS if c.group is group and level in c.levels]
        if not columns:
            continue
        lines += ["", f"[b $accent]{labels[0 if lang == 'zh' else 1]}[/]"]
        width = max(len(c.label(lang)) for c in columns)
        for column in columns:
            label = column.label(lang).ljust(width, "　" if lang == "zh" else " ")
            lines.append(f"  {escape(label)}  {value_text(column, row[column.key], lang)}")
    lines += ["", f"[b $accent]{tr('history', lang)}[/]"]
    for key in KEY_INDICATORS:
        column = COLUMNS[key]
        if level not in column.levels:
            continue
        steps = changes(history, key)
        told = " → ".join(f"{value_text(column, c.value, lang)} ({c.period})" for c in steps)
        lines.append(f"  {escape(column.label(lang))}: {told}")
    return "\n".join(lines)
