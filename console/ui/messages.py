"""Messages that carry results from workers back to the screens."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.message import Message

from console.drill import DrillPath
from console.refresh import Progress, RefreshResult
from console.ui.prepared import Prepared


@dataclass
class ViewLoaded(Message):
    """A view is ready: its rows (filtered, sorted) formatted, its summary, its alerts."""

    path: DrillPath
    prepared: Prepared
    focus: str | None = None
    trends: dict[str, list[float | None]] | None = None  # per child: its key share by period


@dataclass
class AlertsWorkedOut(Message):
    """The rules of `period` ran, or failed (`ran` false: the failure is told by the app)."""

    period: str
    ran: bool = True


@dataclass
class TrendsLoaded(Message):
    """The trends of a view's children arrived (after the view, when they took longer)."""

    node: str
    trends: dict[str, list[float | None]]


@dataclass
class ExportWritten(Message):
    """An export was written (path set) or failed (reason set)."""

    path: Path | None
    reason: str = ""


@dataclass
class RefreshProgressed(Message):
    """A refresh moved on; a burst of these collapses into the newest."""

    progress: Progress

    def can_replace(self, message: Message) -> bool:
        """An older progress message is worth nothing once a newer one is queued."""
        return isinstance(message, RefreshProgressed)


@dataclass
class RefreshWorkingOut(Message):
    """A refresh brought its files in; the console works out `period` before it shows it."""

    period: str


@dataclass
class RefreshFinished(Message):
    """A refresh ended: `result` on success, else the one-line `reason`."""

    result: RefreshResult | None
    reason: str = ""
