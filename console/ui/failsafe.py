"""Where Textual hands over a failure, so that it goes to the console's one policy.

Left to itself, Textual ends the app on an exception in any handler or worker, and a
screen or widget whose handler raised stops handling messages for good. Instead:

- every screen and widget of the console, and the app, derive from Guarded: a handler's
  exception is caught where Textual dispatches the message, and so is the ERROR state
  of a worker declared `@work(..., exit_on_error=False)`;
- actions (keys, the palette, clicks) fail into FailSafe.run_action;
- what Textual still ends the app on (a timer, a compose, a worker left to exit on
  error, its input thread) reaches FailSafe._handle_exception or FailSafe.panic.

All of it goes to FailSafe.failed: the traceback logged, one line told (console.ui.
failures), the last good view kept. With no view to keep yet (the first screen failed)
the console ends with return code 1, and the command line says where the log is.
`_dispatch_message` and `_handle_exception` are Textual's private hooks: the project pins
Textual exactly, and tests/ui/test_failures.py goes through each of them.
"""

from __future__ import annotations

import io
import time
from collections.abc import Mapping

from rich.console import Console, RenderableType
from textual import on
from textual.actions import ActionParseResult
from textual.app import App
from textual.dom import DOMNode
from textual.message import Message
from textual.message_pump import MessagePump
from textual.worker import Worker, WorkerFailed, WorkerState

from console.ui import failures

TOLD_FOR = 10.0  # seconds a failure's line stays on the screen
SAME_AGAIN = 2.0  # seconds in which the same line is not told again (a paint that fails
# fails again at each refresh: logged each time, told once)


class Guarded(MessagePump):
    """A screen, widget or app whose handlers and workers fail into FailSafe.failed."""

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        # a worker left to exit on error reaches _handle_exception instead: told once
        if event.state is WorkerState.ERROR and not worker.exit_on_error \
                and worker.error is not None and isinstance(self.app, FailSafe):
            self.app.failed(worker.error)

    async def _dispatch_message(self, message: Message) -> None:
        try:
            await super()._dispatch_message(message)
        except Exception as error:  # the one place where a handler's failure is caught
            if not isinstance(self.app, FailSafe):
                raise  # a widget in another app (under test): Textual's own way
            self.app.failed(error)


class FailSafe(Guarded, App[None]):
    """The console's app: any failure is logged and told, and the console goes on."""

    lang: str
    _told: tuple[str, float] = ("", 0.0)  # the last line told, and when

    def failed(self, error: BaseException) -> None:
        """The one policy: `error` logged with its traceback and told in one line; the
        console keeps its view, or ends (return code 1) when it has none yet."""
        line = failures.record(error, self.lang)
        if self.return_code is not None:
            return  # ending already (quitting, or on an earlier failure): logged only
        if not self._has_view():
            self.exit(return_code=1)
            return
        now, (last, at) = time.monotonic(), self._told
        if line != last or now - at > SAME_AGAIN:
            self._told = line, now
            self.notify(line, severity="error", markup=False, timeout=TOLD_FOR)

    def _has_view(self) -> bool:
        """Whether a screen of the console's own is up (a view to keep), not only the
        default screen it starts on."""
        return any(screen.is_mounted for screen in self.screen_stack[1:])

    async def run_action(self, action: str | ActionParseResult,
                         default_namespace: DOMNode | None = None,
                         namespaces: Mapping[str, DOMNode] | None = None) -> bool:
        """Run an action (of a key, the palette, a click); one that fails is `failed`."""
        try:
            return await super().run_action(action, default_namespace, namespaces)
        except Exception as error:
            self.failed(error)
            return True  # it ran: the key goes no further

    def _handle_exception(self, error: Exception) -> None:
        self.failed(error.error if isinstance(error, WorkerFailed) else error)

    def panic(self, *renderables: RenderableType) -> None:
        """What Textual cannot go on from (its input thread failed): what it would print
        goes to the log, and the console ends with return code 1."""
        text = io.StringIO()
        Console(file=text, width=100, color_system=None).print(*renderables)
        failures.write_log("Textual ended the console", text.getvalue())
        self.exit(return_code=1)
