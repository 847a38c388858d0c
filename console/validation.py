"""Validate snapshot files against the schema before the store reads them.

Lenient where it is safe (any integer width for INTEGER, extra columns ignored), strict
where it is not: a missing column, a wrong type, a period that disagrees with the file
name, a duplicate unit_code, a parent that does not exist, a cycle. A bad file is reported
by name, column and problem; it is never modified.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from console import sql
from console.remembered import Facts
from console.schema import LEVELS, SNAPSHOT_COLUMNS, STATUSES, ColumnType
from console.snapshots import (
    file_identity,
    format_period,
    parse_period,
    period_of_file,
)

BATCH_BYTES = 8 << 20  # Parquet bytes checked in one pass (a village-depth period: ~5 MB)
CACHE_VERSION = 2  # raise when the checks change, so that old verdicts are not trusted


@dataclass(frozen=True)
class FileProblem:
    """Why one snapshot file was refused: the file, the column or field, the problem."""

    file: str
    field: str
    problem: str

    def __str__(self) -> str:
        return f"{self.file}: {self.field}: {self.problem}"


def _type_fits(expected: ColumnType, actual: pa.DataType) -> bool:
    if expected is ColumnType.INTEGER:
        return bool(pa.types.is_integer(actual))
    if expected is ColumnType.DOUBLE:
        return bool(pa.types.is_floating(actual) or pa.types.is_integer(actual))
    if expected is ColumnType.BOOLEAN:
        return bool(pa.types.is_boolean(actual))
    if expected is ColumnType.DATE:
        return bool(pa.types.is_date(actual))
    return bool(pa.types.is_string(actual) or pa.types.is_large_string(actual)
                or pa.types.is_string_view(actual))


def check_columns(path: Path) -> FileProblem | None:
    """The first problem a file's footer shows: unreadable, empty, a column missing or wrong."""
    try:
        footer = pq.ParquetFile(path)
    except (OSError, pa.ArrowException) as error:
        return FileProblem(path.name, "file", f"not a readable Parquet file ({error})")
    if footer.metadata.num_rows == 0:
        return FileProblem(path.name, "file", "has no rows")
    schema = footer.schema_arrow
    for column in SNAPSHOT_COLUMNS:
        index = schema.get_field_index(column.key)
        if index < 0:
            return FileProblem(path.name, column.key, "missing column")
        actual = schema.field(index).type
        if not _type_fits(column.type, actual):
            return FileProblem(path.name, column.key,
                               f"type {actual}, expected {column.type.value}")
    return None


VERDICTS = Facts("validated.json")  # identities of the files found good: "good"
Progress = Callable[[int, int], None]  # files read so far, of those to read


def _identity(path: Path) -> str:
    return f"{file_identity(path)}|{CACHE_VERSION}"


def validate_files(con: duckdb.DuckDBPyConnection, paths: Iterable[Path], *,
                   remember: bool = True, progress: Progress | None = None
                   ) -> list[FileProblem]:
    """Every problem of the given snapshot files, at most one per file; [] when all are good.

    Column checks read only the footers; the content checks run over the files whose
    columns are right, a few megabytes of them at a time, grouped by file. A file found
    good before, unchanged since (console.snapshots.file_identity), is not read again;
    `remember=False` checks files that are about to move (a refresh's staging folder)
    without remembering them. `progress` hears how many of the files to read have been
    read, as each pass ends (a first start on every village-depth period reads for
    seconds).
    """
    paths = list(paths)
    remembered = VERDICTS.read()
    identities = {p: _identity(p) for p in paths}
    problems = _problems(con, [p for p in paths if identities[p] not in remembered],
                         progress or (lambda done, total: None))
    bad = {p.file for p in problems}
    if remember:
        VERDICTS.add({identities[p]: "good" for p in paths if p.name not in bad})
    return problems


def remember_good(paths: Iterable[Path]) -> None:
    """Remember files as good that validate_files passed under another name: a refresh
    checks its files in a staging folder, then renames them into place unchanged (a
    rename changes a file's identity, not its content). The next start reads them as
    found good instead of checking them again."""
    VERDICTS.add_files(dict.fromkeys(paths, "good"), identity=_identity)


def _problems(con: duckdb.DuckDBPyConnection, paths: list[Path], progress: Progress
              ) -> list[FileProblem]:
    problems: dict[str, FileProblem] = {}
    content: list[Path] = []
    for path in paths:
        if period_of_file(path) is None:
            problems[path.name] = FileProblem(path.name, "file", "name is not YYYY-MM.parquet")
        elif found := check_columns(path):
            problems[path.name] = found
        else:
            content.append(path)
    for found in _content_problems_isolated(con, content, progress):
        problems.setdefault(found.file, found)
    return sorted(problems.values(), key=lambda p: p.file)


def _content_problems_isolated(
    con: duckdb.DuckDBPyConnection, paths: list[Path], progress: Progress
) -> list[FileProblem]:
    """Check the files a batch at a time (one pass each); if DuckDB cannot read one, find it
    by checking each file of that batch."""
    found: list[FileProblem] = []
    done = 0
    progress(done, len(paths))
    for batch in _batches(paths):
        try:
            found += _content_problems(con, batch)
        except duckdb.Error:
            found += _each_alone(con, batch)
        done += len(batch)
        progress(done, len(paths))
    return found


def _batches(paths: list[Path]) -> Iterator[list[Path]]:
    """The files in batches of at most BATCH_BYTES (a file larger than that alone): one pass
    over every village-depth period at once took 4 GB of memory."""
    batch: list[Path] = []
    size = 0
    for path in paths:
        length = path.stat().st_size
        if batch and size + length > BATCH_BYTES:
            yield batch
            batch, size = [], 0
        batch.append(path)
        size += length
    if batch:
        yield batch


def _each_alone(con: duckdb.DuckDBPyConnection, paths: list[Path]) -> list[FileProblem]:
    found: list[FileProblem] = []
    for path in paths:
        try:
            found.extend(_content_problems(con, [path]))
        except duckdb.Error as error:
            reason = str(error).splitlines()[0]
            found.append(FileProblem(path.name, "file", f"unreadable ({reason})"))
    return found


def _content_problems(con: duckdb.DuckDBPyConnection, paths: list[Path]) -> list[FileProblem]:
    """The problems of the files' rows (validate/files), in the order they are told: a
    file's first is the one reported."""
    found: list[FileProblem] = []
    checked = con.execute(sql.load("validate/files"), {
        "files": [str(p) for p in paths], "levels": list(LEVELS), "statuses": list(STATUSES)})
    for row in checked.fetchall():
        facts = dict(zip((d[0] for d in checked.description), row, strict=True))
        found += _row_problems(paths[facts["file"]].name, facts)
    return found


def _row_problems(name: str, facts: dict[str, Any]) -> list[FileProblem]:
    """What validate/files found wrong with the rows of the file called `name`."""
    found: list[FileProblem] = []
    expected = parse_period(period_of_file(Path(name)) or "")
    low, high = facts["min_period"], facts["max_period"]
    if low != expected or high != expected:
        shown = _period_text(low if low != expected else high)
        found.append(FileProblem(name, "period",
                                 f"holds {shown}, but the file name says {name[:7]}"))
    elif facts["missing_required"]:
        found.append(FileProblem(name, "unit_code/unit_name/level/status",
                                 f"{facts['missing_required']} rows lack a required value"))
    elif facts["bad_level"] is not None:
        found.append(FileProblem(name, "level", f"unknown level {facts['bad_level']!r}"))
    elif facts["bad_status"] is not None:
        found.append(FileProblem(name, "status", f"unknown status {facts['bad_status']!r}"))
    elif facts["roots"] != 1 or facts["first_root"] != "000000":
        found.append(FileProblem(name, "parent_code",
                                 f"{facts['roots']} units without a parent (only the national "
                                 f"unit 000000 may have none; first {facts['first_root']!r})"))
    if facts["duplicate_code"] is not None:
        found.append(FileProblem(name, "unit_code",
                                 f"duplicate unit_code {facts['duplicate_code']} "
                                 f"({facts['copies']} rows; {facts['duplicated_codes']} codes "
                                 f"duplicated)"))
    if facts["orphans"]:
        found.append(FileProblem(name, "parent_code",
                                 f"unit {facts['orphan_code']} names parent "
                                 f"{facts['orphan_parent']}, which does not exist "
                                 f"({facts['orphans']} such units)"))
    if facts["misplaced"]:
        found.append(FileProblem(name, "parent_code",
                                 f"unit {facts['misplaced_code']} ({facts['misplaced_level']}) "
                                 f"sits under {facts['misplaced_parent']} "
                                 f"({facts['misplaced_parent_level']}): a cycle or a level out "
                                 f"of order ({facts['misplaced']} such units)"))
    return found


def _period_text(value: dt.date | None) -> str:
    return "no period" if value is None else f"period {format_period(value)}"
