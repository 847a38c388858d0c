"""Where the store keeps what it derives from the snapshots, and how it knows it is current.

Rollups and alerts are worked out once per period and kept in a DuckDB file in the
user's cache ($XDG_CACHE_HOME/fpa-console/derived/), one file per data folder and scope:
the next start reads them instead of working them out again. Each period's rows are kept
with the key of what they were made from: the identity of the period's snapshot file and
of the baseline file (device, inode, size, modification and change time: a write or a
replacement of the file changes its change time, which no tool can set back), the
scope, and for alerts the rules and the plan deadline. A period whose key no longer
matches is worked out again before anything reads it. The Parquet files stay the source
of truth: the derived file can be deleted at any time.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import secrets
from collections.abc import Iterable
from pathlib import Path

import duckdb

from console import sql
from console.alerts import Rule
from console.remembered import cache_folder
from console.snapshots import file_identity

__all__ = ["connect", "derived_path", "file_identity", "rules_key"]

DERIVED_VERSION = 5  # part of the file name: a new layout starts a new file (5: counts
# that a NULL never blanks, rates over the units that reported)
MEMORY_LIMIT = "200MB"  # DuckDB's share of memory; beyond it, it spills to SPILL_FOLDER
# (measured at village depth: a period's rollup staging runs out below ~100 MB alone, and
# a view, a period's rules and the rollups of the periods ahead run at once: at 128 MB
# period switches on a cold cache ran out; DuckDB keeps what it took up to the limit)


def spill_folder() -> Path:
    """Where DuckDB writes what does not fit in MEMORY_LIMIT (in the user's cache)."""
    return cache_folder() / "spill"


def scratch_folder() -> Path:
    """Where each console keeps the rows of its long views (console.paged_view)."""
    return cache_folder() / "scratch"


def attach_scratch(con: duckdb.DuckDBPyConnection) -> Path | None:
    """Attach a scratch database of this process as `scratch`: a file of its own in the
    user's cache (what it holds is on disk, not in memory), or in memory where the cache
    cannot be written; the file's path, or None in memory. Files left by processes that
    ended are deleted first."""
    folder = scratch_folder()
    with contextlib.suppress(OSError):
        for left in folder.glob("*.duckdb*"):
            if not _running(int(left.name.split("-", 1)[0] or 0)):
                left.unlink(missing_ok=True)
    path = folder / f"{os.getpid()}-{secrets.token_hex(4)}.duckdb"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        con.execute(sql.load("scratch/attach"), {"path": str(path)})
        return path
    except (OSError, duckdb.Error):
        con.execute(sql.load("scratch/attach"), {"path": ":memory:"})
        return None


def detach_scratch(con: duckdb.DuckDBPyConnection, path: Path | None) -> None:
    """Detach the scratch database and delete its file."""
    with contextlib.suppress(duckdb.Error):
        con.execute(sql.load("scratch/detach"))
    if path is not None:
        for part in (path, Path(f"{path}.wal")):
            part.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    """Whether a process `pid` is running (it may be another user's)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # running, as another user
    return True


def _config() -> dict[str, str | bool | int | float | list[str]]:
    return {"memory_limit": MEMORY_LIMIT, "temp_directory": str(spill_folder()),
            "preserve_insertion_order": False,  # every query that needs an order says so
            "allocator_flush_threshold": "8MB", "allocator_background_threads": True}


def derived_path(folder: Path, scope: str | None) -> Path:
    """The derived file of a data folder (and scope) in the user's cache."""
    name = hashlib.sha256(f"{folder.resolve()}|{scope or ''}".encode()).hexdigest()[:20]
    return cache_folder() / "derived" / f"{name}-v{DERIVED_VERSION}.duckdb"


def rules_key(rules: Iterable[Rule], deadline: dt.date) -> str:
    """What the alerts of a period depend on besides its data: every rule and the deadline."""
    digest = hashlib.sha256(deadline.isoformat().encode())
    for rule in rules:
        digest.update(repr((rule.id, rule.severity, rule.levels, rule.statuses,
                            rule.body)).encode())
    return digest.hexdigest()


def connect(path: Path | None) -> tuple[duckdb.DuckDBPyConnection, Path | None]:
    """A connection on the derived file at `path`, or in memory where that cannot be.

    In memory when `path` is None, when another process has the file open (DuckDB allows
    one writer; that console keeps its own), or when the cache cannot be written. A file
    DuckDB cannot open is derived data only: it is deleted and made anew. Files of earlier
    layouts (DERIVED_VERSION) of the same folder are deleted.
    """
    if path is None:
        return duckdb.connect(":memory:", config=_config()), None
    stem = path.name.rsplit("-v", 1)[0]
    for old in path.parent.glob(f"{stem}-v*.duckdb*"):
        if not old.name.startswith(path.name):
            with contextlib.suppress(OSError):
                old.unlink()
    for attempt in (1, 2):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            return duckdb.connect(str(path), config=_config()), path
        except OSError:
            break
        except duckdb.Error as error:
            if "lock" in str(error).lower() or attempt == 2:
                break
            for damaged in (path, Path(f"{path}.wal")):  # unreadable: made anew
                with contextlib.suppress(OSError):
                    damaged.unlink()
    return duckdb.connect(":memory:", config=_config()), None
