"""A console whose terminal goes away without a hang-up signal quits instead of spinning.

A real pseudo-terminal, not tmux: the console runs in a session of its own without the
pty as its controlling terminal, so closing the pty's other side sends it no SIGHUP (as
when a terminal program dies under some supervisors).
"""

from __future__ import annotations

import os
import pty
import select
import subprocess
import time
from pathlib import Path

from tests.e2e.conftest import executable


def test_the_console_quits_when_its_terminal_is_gone(fixture_folder: Path) -> None:
    ours, its = pty.openpty()
    console = subprocess.Popen([executable(), "--data", str(fixture_folder)], stdin=its,
                               stdout=its, stderr=its, start_new_session=True,
                               env={**os.environ, "TERM": "xterm-256color"})
    os.close(its)
    try:
        seen, deadline = b"", time.monotonic() + 60
        while "湖北省".encode() not in seen:  # the national table is up
            assert time.monotonic() < deadline, seen[-2000:]
            if select.select([ours], [], [], 0.1)[0]:
                seen += os.read(ours, 1 << 16)
    except BaseException:
        os.close(ours)
        console.kill()
        console.wait()
        raise
    os.close(ours)  # the terminal goes away; no signal says so
    try:
        console.wait(timeout=10)  # it quits on its own (it used to spin at 100 % CPU)
    finally:
        if console.poll() is None:
            console.kill()
            console.wait()
