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
    focus: str | None = None


@dataclass
class ViewFailed(Message):
    """A drill view could not be loaded; `reason` says why in one line."""

    reason: str
