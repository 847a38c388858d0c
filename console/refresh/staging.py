"""The staging folder: downloads land, are checked and wait here until all are good.

It is a hidden folder inside the data folder (same file system, so the final renames are
atomic), named .fpa-refresh-*.part; the store never looks inside it. Files keep their
YYYY-MM.parquet names there because validation reads the period from the name.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from console.refresh.model import STAGING_PREFIX, STAGING_SUFFIX, ProgressMeter, RefreshError
from console.refresh.sources import Sink
from console.remembered import remember_sha256
from console.snapshots import (
    MANIFEST,
    ManifestEntry,
    atomic_writer,
    sha256_of,
    write_manifest,
)
from console.validation import check_columns, remember_good, validate_files


class Staging:
    """One refresh's staged files, and the renames that put them in place."""

    def __init__(self, data: Path) -> None:
        self.data = data
        try:
            name = tempfile.mkdtemp(dir=data, prefix=STAGING_PREFIX, suffix=STAGING_SUFFIX)
        except OSError as error:
            raise RefreshError(f"{data}: cannot write ({error.strerror or error})") from None
        self.folder = Path(name)
        self.validated: set[str] = set()  # names of the staged files validate() passed
        self.digests: dict[str, str] = {}  # name → SHA-256 of the staged files verify() passed

    def sink(self, entry: ManifestEntry, origin: str, meter: ProgressMeter) -> Sink:
        """A new staged file for one listed snapshot; `origin` names its source."""
        return Sink(self.folder / entry.file, self.data / entry.file, origin, entry.bytes,
                    meter)

    def verify(self, entry: ManifestEntry, origin: str) -> None:
        """Size, checksum, columns and row count of a staged file against its entry."""
        path = self.folder / entry.file
        size = path.stat().st_size
        if size != entry.bytes:
            raise RefreshError(f"{origin}: size mismatch (expected {entry.bytes} bytes, "
                               f"got {size})")
        digest = sha256_of(path)
        if digest != entry.sha256.lower():
            raise RefreshError(f"{origin}: sha256 mismatch (expected {entry.sha256[:12]}…, "
                               f"got {digest[:12]}…)")
        if problem := check_columns(path):
            raise RefreshError(f"{origin}: {problem.field}: {problem.problem}")
        try:
            rows = pq.ParquetFile(path).metadata.num_rows
        except (OSError, pa.ArrowException) as error:
            raise RefreshError(f"{origin}: not a readable Parquet file ({error})") from None
        if rows != entry.rows:
            raise RefreshError(f"{origin}: {rows} rows, but the manifest says {entry.rows}")
        self.digests[entry.file] = digest

    def validate(self, origins: dict[str, str]) -> None:
        """The content checks over every staged file at once; origins maps name → source."""
        if not origins:
            return
        con = duckdb.connect(":memory:")
        try:
            problems = validate_files(con, [self.folder / name for name in origins],
                                      remember=False)
        finally:
            con.close()
        if not problems:
            self.validated |= set(origins)
        if problems:
            first = problems[0]
            others = len(problems) - 1
            more = f" (and {others} more file{'s' * (others > 1)} refused)" if others else ""
            raise RefreshError(f"{origins[first.file]}: {first.field}: {first.problem}{more}")

    def stage_manifest(self, entries: list[ManifestEntry]) -> str:
        """Write the new local manifest into the staging folder; its name."""
        return self._writing(MANIFEST, lambda: write_manifest(self.folder, entries)).name

    def stage_text(self, name: str, text: str) -> str:
        """Write a small text file into the staging folder; its name."""
        def write() -> Path:
            with atomic_writer(self.folder / name, "w") as stream:
                stream.write(text)
            return self.folder / name
        return self._writing(name, write).name

    def commit(self, names: list[str]) -> None:
        """Rename the staged files into the data folder in order; undo all if one fails."""
        done: list[tuple[Path, Path | None]] = []
        for name in names:
            target = self.data / name
            try:
                backup = self._keep(target)
                os.replace(self.folder / name, target)
            except OSError as error:
                _undo(done)
                raise RefreshError(f"{target}: cannot put in place "
                                   f"({error.strerror or error})") from None
            done.append((target, backup))
        # in place, unchanged: the console's reload need not check them again, nor the
        # next refresh read them to compare with its manifest
        remember_good(self.data / name for name in names if name in self.validated)
        remember_sha256({self.data / name: self.digests[name]
                         for name in names if name in self.digests})

    def remove(self) -> None:
        """Delete the staging folder and whatever is still in it."""
        shutil.rmtree(self.folder, ignore_errors=True)

    def _keep(self, target: Path) -> Path | None:
        """A hard link to the file about to be replaced, so a failure can put it back."""
        if not target.is_file():
            return None
        backup = self.folder / f"{target.name}.old"
        os.link(target, backup)
        return backup

    def _writing(self, name: str, write: Callable[[], Path]) -> Path:
        try:
            return write()
        except OSError as error:
            raise RefreshError(f"{self.data / name}: cannot write "
                               f"({error.strerror or error})") from None


def _undo(done: list[tuple[Path, Path | None]]) -> None:
    for target, backup in reversed(done):
        with contextlib.suppress(OSError):
            if backup is None:
                target.unlink()
            else:
                os.replace(backup, target)


def remove_stale(data: Path) -> None:
    """Delete staging folders that a killed refresh left behind (call under the lock)."""
    for folder in data.glob(f"{STAGING_PREFIX}*{STAGING_SUFFIX}"):
        if folder.is_dir():
            shutil.rmtree(folder, ignore_errors=True)
