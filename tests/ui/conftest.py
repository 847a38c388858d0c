"""Pilot helpers: open the console on a folder and let its workers and messages settle."""

from __future__ import annotations

import contextlib
import io
from typing import Any

from rich.console import Console
from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from console.ui.app import FpaConsole


async def settle(pilot: Pilot[None]) -> None:
    """Wait until every worker has finished and every message it posted is handled."""
    app = pilot.app
    for _ in range(4):
        while any(not worker.is_finished for worker in app.workers):
            with contextlib.suppress(WorkerCancelled):  # a newer view replaced it: go on
                await app.workers.wait_for_complete()
        await pilot.pause()


def plain_text(renderable: Any, width: int = 60) -> str:
    """What a Rich renderable shows, without its styles (e.g. an option's prompt)."""
    out = Console(width=width, record=True, file=io.StringIO())
    out.print(renderable)
    return out.export_text()


def console(app: object) -> FpaConsole:
    """The app as the console it is (for typed access in tests)."""
    assert isinstance(app, FpaConsole)
    return app


class Recording(FpaConsole):
    """The console, remembering every notice it gave the user (in `told`)."""

    told: list[str]

    def notify(self, message: str, **options: Any) -> None:
        self.told = [*getattr(self, "told", []), message]
        super().notify(message, **options)
