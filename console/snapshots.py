"""Snapshot files and the manifest: names, periods, atomic writes, checksums.

A snapshot folder holds one Parquet file per monthly period (YYYY-MM.parquet) and a
manifest.json that lists them (format fpa-snapshots/1, documented in data/README.md).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from console.schema import FORMAT, SNAPSHOT_COLUMNS, ColumnType

MANIFEST = "manifest.json"
PERIOD_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
FILE_RE = re.compile(r"^(\d{4}-(?:0[1-9]|1[0-2]))\.parquet$")

_ARROW_TYPES: dict[ColumnType, pa.DataType] = {
    ColumnType.VARCHAR: pa.string(),
    ColumnType.DATE: pa.date32(),
    ColumnType.BOOLEAN: pa.bool_(),
    ColumnType.INTEGER: pa.int32(),
    ColumnType.DOUBLE: pa.float64(),
}
ARROW_SCHEMA = pa.schema([pa.field(c.key, _ARROW_TYPES[c.type]) for c in SNAPSHOT_COLUMNS])
"""The Arrow schema every snapshot file is written with."""


class SnapshotError(Exception):
    """A snapshot folder, file or manifest that cannot be used; the message names it."""


@dataclass(frozen=True)
class ManifestEntry:
    """One listed snapshot: its period, file name, checksum, size and row count."""

    period: str
    file: str
    sha256: str
    bytes: int
    rows: int



def file_identity(path: Path) -> str:
    """What tells one version of a file from another without reading it: its path, device,
    inode, size, modification and change time (a write or a replacement changes the
    change time, which no tool can set back)."""
    stat = path.stat()
    return (f"{path.resolve()}|{stat.st_dev}|{stat.st_ino}|{stat.st_size}|"
            f"{stat.st_mtime_ns}|{stat.st_ctime_ns}")

def parse_period(text: str) -> dt.date:
    """'2021-11' → date(2021, 11, 1); a clear error for anything else."""
    match = PERIOD_RE.match(text.strip())
    if not match:
        raise SnapshotError(f"period {text!r} is not of the form YYYY-MM")
    return dt.date(int(match[1]), int(match[2]), 1)


def format_period(day: dt.date) -> str:
    """date(2021, 11, 1) → '2021-11'."""
    return f"{day.year:04d}-{day.month:02d}"


def period_end(day: dt.date) -> dt.date:
    """The last day of the month that `day` falls in: a period's as-of date."""
    first_next = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return first_next - dt.timedelta(days=1)


def period_of_file(path: Path) -> str | None:
    """The period a snapshot file's name gives ('2021-11.parquet' → '2021-11'), else None."""
    match = FILE_RE.match(path.name)
    return match[1] if match else None


def snapshot_files(folder: Path) -> list[Path]:
    """The snapshot files of a folder, oldest period first (temporary files ignored)."""
    return sorted(p for p in folder.iterdir() if p.is_file() and period_of_file(p))


def sha256_of(path: Path) -> str:
    """Hex SHA-256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


@contextlib.contextmanager
def atomic_writer(path: Path, mode: str = "wb") -> Iterator[IO[Any]]:
    """Write to a temporary file beside `path`, fsync, then rename over it.

    Nothing is left behind if the body raises: the old file (if any) stays untouched.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, mode) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_snapshot(frame: pl.DataFrame, path: Path) -> None:
    """Write one period's rows as a snapshot file with the schema's exact types, atomically."""
    table = frame.select([c.key for c in SNAPSHOT_COLUMNS]).to_arrow().cast(ARROW_SCHEMA)
    with atomic_writer(path) as stream:
        pq.write_table(table, stream, compression="zstd", row_group_size=128 * 1024)


def read_manifest(folder: Path) -> list[ManifestEntry]:
    """The entries of folder/manifest.json; a SnapshotError names what is wrong with it."""
    path = folder / MANIFEST
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SnapshotError(f"{path}: no manifest") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SnapshotError(f"{path}: not readable JSON ({error})") from None
    return parse_manifest(payload, str(path))


def parse_manifest(payload: Any, origin: str) -> list[ManifestEntry]:
    """Check a decoded manifest against the format; `origin` names it in errors."""
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise SnapshotError(f"{origin}: not a manifest of format {FORMAT}")
    entries = payload.get("snapshots")
    if not isinstance(entries, list):
        raise SnapshotError(f"{origin}: 'snapshots' is not a list")
    result = []
    for index, item in enumerate(entries):
        try:
            entry = ManifestEntry(
                period=str(item["period"]),
                file=str(item["file"]),
                sha256=str(item["sha256"]),
                bytes=int(item["bytes"]),
                rows=int(item["rows"]),
            )
        except (KeyError, TypeError, ValueError) as error:
            raise SnapshotError(f"{origin}: snapshot #{index} is malformed ({error})") from None
        if period_of_file(Path(entry.file)) != entry.period or Path(entry.file).name != entry.file:
            raise SnapshotError(f"{origin}: snapshot #{index} file {entry.file!r} is not "
                                f"{entry.period}.parquet")
        result.append(entry)
    return result


def manifest_entry(path: Path) -> ManifestEntry:
    """The manifest entry that describes one snapshot file as it is on disk."""
    period = period_of_file(path)
    if period is None:
        raise SnapshotError(f"{path.name}: not a snapshot file name (YYYY-MM.parquet)")
    rows = pq.ParquetFile(path).metadata.num_rows
    return ManifestEntry(period, path.name, sha256_of(path), path.stat().st_size, rows)


def write_manifest(folder: Path, entries: list[ManifestEntry]) -> Path:
    """Write folder/manifest.json atomically, entries sorted by period."""
    payload = {
        "format": FORMAT,
        "snapshots": [asdict(e) for e in sorted(entries, key=lambda e: e.period)],
    }
    path = folder / MANIFEST
    with atomic_writer(path, "w") as stream:
        json.dump(payload, stream, ensure_ascii=False, indent=1)
        stream.write("\n")
    return path
