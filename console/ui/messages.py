"""Messages that carry results from workers back to the screens."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
from textual.message import Message

from console.drill import DrillPath
from console.view import View


@dataclass
class ViewLoaded(Message):
    """A view arrived: its rows (filtered, sorted), its summary, and the rules that fire."""

    path: DrillPath
    view: View
    rule_counts: pa.Table
    focus: str | None = None


@dataclass
class ExportWritten(Message):
    """An export was written (path set) or failed (reason set)."""

    path: Path | None
    reason: str = ""


@dataclass
class ViewFailed(Message):
    """A drill view could not be loaded; `reason` says why in one line."""

    reason: str


@dataclass
class AlertsListed(Message):
    """The units behind a rule arrived: their rows and the same rows as display strings."""

    rows: pa.Table
    display: pa.Table
