"""Whether the console's terminal is still there.

When an SSH session drops, the kernel hangs up the terminal and the hang-up signal ends
the console. A terminal can also go away without one (a pty whose other side closes
while the console is not its session's controlling process); Textual's input thread then
reads end-of-file over and over, a core at 100 % until someone kills the process. The
app checks now and then and quits instead (console.ui.app).
"""

from __future__ import annotations

import sys
import termios

CHECK_EVERY = 1.0  # seconds between checks: one system call each


def watched() -> int | None:
    """The terminal to watch: standard input's descriptor when it is a terminal."""
    stream = sys.__stdin__
    if stream is None or not stream.isatty():
        return None
    return stream.fileno()


def gone(fd: int) -> bool:
    """Whether the terminal on `fd` has hung up (its attributes can no longer be read)."""
    try:
        termios.tcgetattr(fd)
    except termios.error:
        return True
    return False
