"""An exclusive lock on a data folder, so that two refreshes never interleave."""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Iterator
from pathlib import Path

from console.refresh.model import LOCK_FILE, RefreshError

POLL = 0.05  # seconds between attempts while another refresh holds the lock


@contextlib.contextmanager
def data_lock(data: Path, wait: float) -> Iterator[None]:
    """Hold DATA/.fpa-refresh.lock, waiting up to `wait` seconds; remove it when done.

    The holder removes the file before it lets go, so a waiter that locked the old,
    removed file checks it still is the file at that name and tries again if not.
    """
    path = data / LOCK_FILE
    fd = _acquire(path, wait)
    try:
        yield
    finally:
        path.unlink(missing_ok=True)
        os.close(fd)


def _acquire(path: Path, wait: float) -> int:
    deadline = time.monotonic() + wait
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as error:
            raise RefreshError(f"{path}: cannot lock ({error.strerror})") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            if time.monotonic() >= deadline:
                raise RefreshError(f"{path}: another refresh of {path.parent} is running "
                                   f"(waited {wait:g} s)") from None
            time.sleep(POLL)
            continue
        if _still_named(path, fd):
            return fd
        os.close(fd)


def _still_named(path: Path, fd: int) -> bool:
    try:
        return os.stat(path).st_ino == os.fstat(fd).st_ino
    except FileNotFoundError:
        return False
