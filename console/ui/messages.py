"""Messages that carry results from workers back to the screens."""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa
from textual.message import Message

from console.drill import DrillPath


@dataclass
class ViewLoaded(Message):
    """A drill view arrived: the children of the path's node and its summary."""

    path: DrillPath
    period: str
    rows: pa.Table
    summary: pa.Table
    rule_counts: pa.Table
    focus: str | None = None


@dataclass
class ViewFailed(Message):
    """A drill view could not be loaded; `reason` says why in one line."""

    reason: str


@dataclass
class AlertsListed(Message):
    """The units behind a rule arrived: their rows and the same rows as display strings."""

    rows: pa.Table
    display: pa.Table
