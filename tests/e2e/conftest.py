"""A real terminal: the installed fpa-console inside tmux, read with capture-pane."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

WAIT_SECONDS = 60.0  # first start may generate the demo data


def executable() -> str:
    """The installed console script next to this interpreter (else on PATH)."""
    beside = Path(sys.executable).with_name("fpa-console")
    found = str(beside) if beside.exists() else shutil.which("fpa-console")
    assert found, "fpa-console is not installed"
    return found


class Terminal:
    """One tmux session running a command; keys in, screen text out."""

    def __init__(self, command: str, width: int = 120, height: int = 32) -> None:
        self.name = f"fpa-{uuid.uuid4().hex[:8]}"
        # a server of its own: a new session on the shared server can race that server's
        # exit after the previous test's session ended ("server exited unexpectedly")
        self.tmux = ["tmux", "-L", self.name, "-f", "/dev/null"]
        # the program starts once the window has its size, not while tmux is still sizing it
        subprocess.run([*self.tmux, "new-session", "-d", "-s", self.name,
                        "-x", str(width), "-y", str(height), f"sleep 0.3; {command}"],
                       check=True)
        subprocess.run([*self.tmux, "set-option", "-t", self.name, "escape-time", "0"],
                       check=True)

    def screen(self) -> str:
        """The visible screen as text."""
        done = subprocess.run([*self.tmux, "capture-pane", "-p", "-t", self.name],
                              capture_output=True, text=True, check=False)
        return done.stdout

    def keys(self, *keys: str, literal: bool = False) -> None:
        """Send keys (tmux key names, or literal UTF-8 text)."""
        flag = ["-l"] if literal else []
        subprocess.run([*self.tmux, "send-keys", "-t", self.name, *flag, *keys], check=True)

    def wait_for(self, *texts: str, timeout: float = WAIT_SECONDS) -> str:
        """Poll the screen until every text is on it; fail with the screen otherwise."""
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if all(t in screen for t in texts):
                return screen
            if time.monotonic() > deadline:
                size = subprocess.run([*self.tmux, "display", "-p", "-t", self.name,
                                       "#{window_width}x#{window_height}"],
                                      capture_output=True, text=True, check=False).stdout
                pytest.fail(f"{texts} not on screen ({size.strip()}) after {timeout} s:\n"
                            f"{screen}")
            time.sleep(0.1)

    def wait_gone(self, text: str, timeout: float = WAIT_SECONDS) -> None:
        """Poll the screen until `text` is no longer on it."""
        deadline = time.monotonic() + timeout
        while text in (screen := self.screen()):
            if time.monotonic() > deadline:
                pytest.fail(f"{text!r} still on screen after {timeout} s:\n{screen}")
            time.sleep(0.1)

    def close(self) -> None:
        """End the session."""
        subprocess.run([*self.tmux, "kill-server"], check=False, capture_output=True)


@pytest.fixture
def terminal() -> Iterator[type[Terminal]]:
    """Open terminals with `terminal(command)`; all are closed afterwards."""
    if shutil.which("tmux") is None:
        if os.environ.get("CI"):
            pytest.fail("tmux is missing: .ci/run must install it")
        pytest.skip("tmux is not installed (apt-get install tmux)")
    opened: list[Terminal] = []

    class Tracked(Terminal):
        def __init__(self, command: str, width: int = 120, height: int = 32) -> None:
            super().__init__(command, width, height)
            opened.append(self)

    yield Tracked
    for term in opened:
        term.close()
