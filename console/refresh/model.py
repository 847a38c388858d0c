"""What a refresh reports: its error, its progress and its result; the names it reads."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

SOURCE_ENV = "FPA_SOURCE"
TOKEN_ENV = "FPA_TOKEN"
CA_ENV = "FPA_CA_BUNDLE"
STATE_FILE = ".fpa-refresh.json"
"""In the data folder: the last successful source, its time and the manifest's validators."""
LOCK_FILE = ".fpa-refresh.lock"
"""In the data folder while a refresh runs; removed when it ends."""
STAGING_PREFIX = ".fpa-refresh-"
STAGING_SUFFIX = ".part"
PROGRESS_INTERVAL = 0.05  # seconds: at most ~20 progress reports a second


class RefreshError(Exception):
    """One line that says what failed: which URL or file, and why."""


@dataclass(frozen=True)
class Progress:
    """How far a refresh is: files and bytes downloaded so far, and the file under way."""

    files_done: int
    files_total: int
    bytes_done: int
    bytes_total: int
    current: str


@dataclass(frozen=True)
class RefreshResult:
    """What a refresh brought: the periods that are new and those that changed."""

    source: str
    new_periods: list[str]
    updated_periods: list[str]
    unchanged: bool

    def summary(self) -> str:
        """One line, e.g. '2 new periods: 2021-11, 2021-12' or 'up to date'."""
        parts = [_count(self.new_periods, "new"), _count(self.updated_periods, "updated")]
        return "; ".join(p for p in parts if p) or "up to date"


def _count(periods: list[str], kind: str) -> str:
    if not periods:
        return ""
    noun = "period" if len(periods) == 1 else "periods"
    return f"{len(periods)} {kind} {noun}: {', '.join(periods)}"


class ProgressMeter:
    """Counts files and bytes and posts Progress, throttled except at milestones."""

    def __init__(self, report: Callable[[Progress], None] | None, files_total: int,
                 bytes_total: int) -> None:
        self._report = report
        self.files_total = files_total
        self.bytes_total = bytes_total
        self.files_done = 0
        self.bytes_done = 0
        self.current = ""
        self._last = 0.0

    def start(self, name: str) -> None:
        """A file's download begins."""
        self.current = name
        self.post(force=True)

    def add(self, count: int) -> None:
        """`count` more bytes arrived (negative when a download starts over)."""
        self.bytes_done += count
        self.post()

    def finish_file(self) -> None:
        """The file under way is complete."""
        self.files_done += 1
        self.current = ""
        self.post(force=True)

    def post(self, *, force: bool = False) -> None:
        """Report now if forced or if the last report is old enough."""
        now = time.monotonic()
        if self._report is None or (not force and now - self._last < PROGRESS_INTERVAL):
            return
        self._last = now
        self._report(Progress(self.files_done, self.files_total, self.bytes_done,
                              self.bytes_total, self.current))
