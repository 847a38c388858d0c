"""What a failure becomes: its traceback in the user's log, one line on the screen.

The console's one error policy (console.ui.failsafe hands every failure here): the full
traceback goes to $XDG_STATE_HOME/fpa-console/console.log (else
~/.local/state/fpa-console/console.log), the user reads one line in the console's
language. Nothing here imports Textual: the launcher logs here when Textual cannot start.
"""

from __future__ import annotations

import logging
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path

from rich.cells import cell_len

from console.settings import state_folder
from console.ui.i18n import tr

LOG_BYTES = 1024 * 1024  # the log is renamed console.log.1 at 1 MB: two files at most
REASON_CELLS = 80  # a reason longer than this is cut (Chinese counts two cells a character)


def log_path() -> Path:
    """The console's log, in the user's state folder as the environment names it now."""
    return state_folder() / "console.log"


class _Log(RotatingFileHandler):
    """The log file, rotated; a failure to write it is raised, not printed on stderr."""

    def handleError(self, record: logging.LogRecord) -> None:
        raise  # logging calls this inside its `except`: what failed is raised again


def write_log(summary: str, details: str) -> bool:
    """Add `summary` and `details` (a traceback) to the log; False if it cannot be written.

    The folder is made on the first write (0700, as the XDG spec asks); the file's mode
    follows the umask.
    """
    path = log_path()
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        log = _Log(path, maxBytes=LOG_BYTES, backupCount=1, encoding="utf-8", delay=True)
        log.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
        try:
            log.handle(logging.makeLogRecord({
                "msg": f"{summary}\n{details.rstrip()}\n", "levelno": logging.ERROR,
                "levelname": "ERROR"}))
        finally:
            log.close()
    except OSError:
        return False
    return True


def reason(error: BaseException) -> str:
    """`error` in one line: its message's first line, cut to fit. Python's own errors are
    named by their type (a KeyError's message is only the key); the console's own and its
    libraries' messages say what went wrong already."""
    lines = str(error).strip().splitlines()
    first = lines[0].strip() if lines else ""
    name = type(error).__name__
    if not first:
        text = name
    elif type(error).__module__ == "builtins":
        text = f"{name}: {first}"
    else:
        text = first
    return cut(text, REASON_CELLS)


def cut(text: str, cells: int) -> str:
    """`text` in at most `cells` terminal cells, ending in … when it was cut."""
    if cell_len(text) <= cells:
        return text
    while cell_len(text) > cells - 1:
        text = text[:-1]
    return text + "…"


def shown_path(path: Path) -> str:
    """A path as the user reads it: the home folder as ~."""
    home = Path.home()
    return f"~/{path.relative_to(home)}" if path.is_relative_to(home) else str(path)


def record(error: BaseException, lang: str) -> str:
    """Log `error` with its traceback; the line that tells it, in `lang` ('zh' or 'en')."""
    said = reason(error)
    details = "".join(traceback.format_exception(error))
    if write_log(said, details):  # the line as told, then the traceback
        return tr("failed", lang, reason=said, log=shown_path(log_path()))
    return tr("failed_unlogged", lang, reason=said)
