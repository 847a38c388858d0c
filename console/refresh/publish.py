"""Publishing: check a folder's snapshot files and write the manifest that lists them."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa

from console.refresh.model import RefreshError
from console.snapshots import (
    MANIFEST,
    ManifestEntry,
    SnapshotError,
    manifest_entry,
    snapshot_files,
    write_manifest,
)
from console.validation import validate_files


def publish(folder: Path) -> list[ManifestEntry]:
    """Validate every YYYY-MM.parquet of `folder`, then write its manifest atomically.

    One bad file refuses the lot: nothing is written, and the RefreshError names the
    file and its problem, so a consumer never sees a manifest that lists a bad file.
    """
    try:
        paths = snapshot_files(folder)
    except OSError as error:
        raise RefreshError(f"{folder}: not a readable folder ({error.strerror or error})"
                           ) from None
    if not paths:
        raise RefreshError(f"{folder}: no snapshot files (YYYY-MM.parquet) to publish")
    con = duckdb.connect(":memory:")
    try:
        problems = validate_files(con, paths)
    finally:
        con.close()
    if problems:
        first = problems[0]
        others = len(problems) - 1
        more = f" (and {others} more file{'s' * (others > 1)} refused)" if others else ""
        raise RefreshError(f"{folder / first.file}: {first.field}: {first.problem}{more}; "
                           "nothing published")
    try:
        entries = [manifest_entry(p) for p in paths]
        write_manifest(folder, entries)
    except (OSError, pa.ArrowException, SnapshotError) as error:
        raise RefreshError(f"{folder / MANIFEST}: cannot publish ({error})") from None
    return entries
