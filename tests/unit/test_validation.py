"""Bad snapshot files are refused by name, column and problem, skipped, and never modified."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import duckdb
import polars as pl
import pytest

from console import validation
from console.snapshots import ARROW_SCHEMA, snapshot_files, write_snapshot
from console.store import Store
from console.validation import validate_files
from tests.fixtures import frame, rows_for

Spoiler = Callable[[pl.DataFrame], pl.DataFrame]


def spoil(folder: Path, change: Spoiler, period: str = "2021-11") -> Path:
    """Rewrite one fixture file through `change`, keeping every other column's type."""
    path = folder / f"{period}.parquet"
    table = frame(rows_for(period)).select(ARROW_SCHEMA.names)
    table = pl.from_arrow(table.to_arrow().cast(ARROW_SCHEMA))
    assert isinstance(table, pl.DataFrame)
    change(table).write_parquet(path)
    return path


CASES: list[tuple[str, Spoiler, str, str]] = [
    ("missing column", lambda f: f.drop("staff_quota"), "staff_quota", "missing column"),
    ("wrong type", lambda f: f.with_columns(pl.col("members").cast(pl.Utf8)),
     "members", "expected INTEGER"),
    ("boolean as integer", lambda f: f.with_columns(pl.col("signboard").cast(pl.Int8)),
     "signboard", "expected BOOLEAN"),
    ("period disagrees", lambda f: f.with_columns(pl.col("period").dt.offset_by("-1mo")),
     "period", "holds period 2021-10, but the file name says 2021-11"),
    ("duplicate unit", lambda f: pl.concat([f, f.tail(1)]), "unit_code",
     "duplicate unit_code 429004001001"),
    ("missing parent",
     lambda f: f.with_columns(pl.when(pl.col("unit_code") == "420502").then(pl.lit("420599"))
                              .otherwise(pl.col("parent_code")).alias("parent_code")),
     "parent_code", "unit 420502 names parent 420599, which does not exist"),
    ("cycle",
     lambda f: f.with_columns(pl.when(pl.col("unit_code") == "429004").then(pl.lit("429004001"))
                              .otherwise(pl.col("parent_code")).alias("parent_code")),
     "parent_code", "unit 429004 (county) sits under 429004001 (township): a cycle"),
    ("level out of order",
     lambda f: f.with_columns(pl.when(pl.col("unit_code") == "420502").then(pl.lit("420102"))
                              .otherwise(pl.col("parent_code")).alias("parent_code")),
     "parent_code", "unit 420502 (county) sits under 420102 (county)"),
    ("second root",
     lambda f: f.with_columns(pl.when(pl.col("unit_code") == "420000").then(None)
                              .otherwise(pl.col("parent_code")).alias("parent_code")),
     "parent_code", "2 units without a parent"),
    ("unknown level",
     lambda f: f.with_columns(pl.when(pl.col("unit_code") == "420000").then(pl.lit("state"))
                              .otherwise(pl.col("level")).alias("level")),
     "level", "unknown level 'state'"),
    ("missing name",
     lambda f: f.with_columns(pl.when(pl.col("unit_code") == "420000").then(None)
                              .otherwise(pl.col("unit_name")).alias("unit_name")),
     "unit_code/unit_name/level/status", "1 rows lack a required value"),
    ("no rows", lambda f: f.head(0), "file", "has no rows"),
]


@pytest.mark.parametrize(("case", "change", "field", "problem"), CASES, ids=[c[0] for c in CASES])
def test_bad_file_is_reported_and_skipped(fixture_folder: Path, case: str, change: Spoiler,
                                          field: str, problem: str) -> None:
    bad = spoil(fixture_folder, change)
    before = bad.read_bytes()
    store = Store(fixture_folder)
    (found,) = store.problems
    assert found.file == "2021-11.parquet"
    assert found.field == field
    assert problem in found.problem
    assert str(found).startswith(f"2021-11.parquet: {field}: ")
    # the good file still serves, the bad one is untouched
    assert store.periods == ["2021-10"]
    assert store.drill("000000", "2021-10").num_rows == 2
    assert bad.read_bytes() == before


def test_unreadable_file(fixture_folder: Path) -> None:
    (fixture_folder / "2021-11.parquet").write_bytes(b"PAR1 this is not parquet")
    store = Store(fixture_folder)
    (found,) = store.problems
    assert (found.file, found.field) == ("2021-11.parquet", "file")
    assert "not a readable Parquet file" in found.problem
    assert store.periods == ["2021-10"]


def test_lenient_integer_widths_and_extra_columns(fixture_folder: Path) -> None:
    spoil(fixture_folder, lambda f: f.with_columns(
        pl.col("members").cast(pl.Int64), pl.col("staff_quota").cast(pl.Int16),
        pl.col("budget_10k_yuan").cast(pl.Float32), pl.lit("x").alias("remarks")))
    store = Store(fixture_folder)
    assert store.problems == []
    (hubei,) = [r for r in store.drill("000000", "2021-11").to_pylist()
                if r["unit_code"] == "420000"]
    assert hubei["staff_quota"] == 38


def test_every_bad_file_is_named(fixture_folder: Path) -> None:
    spoil(fixture_folder, lambda f: f.drop("members"), period="2021-10")
    spoil(fixture_folder, lambda f: pl.concat([f, f.head(1)]), period="2021-11")
    store = Store(fixture_folder)
    assert [p.file for p in store.problems] == ["2021-10.parquet", "2021-11.parquet"]
    assert store.periods == []


def test_each_file_of_a_batch_gets_its_own_parent_problem(fixture_folder: Path) -> None:
    cases = {name: (change, problem) for name, change, _, problem in CASES}
    orphan, orphaned = cases["missing parent"]
    cycle, cycled = cases["cycle"]
    spoil(fixture_folder, orphan, period="2021-10")  # the batch's first file
    spoil(fixture_folder, cycle, period="2021-11")  # and its second
    problems = Store(fixture_folder).problems
    assert [(p.file, p.field) for p in problems] == [("2021-10.parquet", "parent_code"),
                                                     ("2021-11.parquet", "parent_code")]
    assert orphaned in problems[0].problem and cycled in problems[1].problem


def test_progress_is_told_as_each_pass_ends(fixture_folder: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(validation, "BATCH_BYTES", 1)  # a pass a file
    heard: list[tuple[int, int]] = []
    paths = snapshot_files(fixture_folder)
    with duckdb.connect() as con:
        assert validate_files(con, paths, progress=lambda *told: heard.append(told)) == []
        assert heard == [(0, 2), (1, 2), (2, 2)]
        heard.clear()  # found good now: nothing to read
        assert validate_files(con, paths, progress=lambda *told: heard.append(told)) == []
        assert heard == [(0, 0)]


def test_write_snapshot_leaves_no_partial_file(tmp_path: Path) -> None:
    target = tmp_path / "2021-11.parquet"
    target.write_bytes(b"old")
    with pytest.raises(pl.exceptions.ColumnNotFoundError):
        write_snapshot(pl.DataFrame({"period": [1]}), target)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["2021-11.parquet"]


def test_a_file_found_good_is_not_read_again(fixture_folder: Path) -> None:
    Store(fixture_folder)
    closed = duckdb.connect()
    closed.close()  # any query on it would raise: the remembered verdicts must suffice
    assert validate_files(closed, snapshot_files(fixture_folder)) == []
    # touching a file makes it new again
    latest = fixture_folder / "2021-11.parquet"
    os.utime(latest, ns=(latest.stat().st_atime_ns, latest.stat().st_mtime_ns + 1))
    (found,) = validate_files(closed, snapshot_files(fixture_folder))
    assert found.file == "2021-11.parquet" and "unreadable" in found.problem


def test_files_deleted_since_are_forgotten(fixture_folder: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "2021-10.parquet").write_bytes((fixture_folder / "2021-10.parquet").read_bytes())
    assert Store(other).problems == []
    remembered = set(validation.VERDICTS.read())
    assert any(i.startswith(str((other / "2021-10.parquet").resolve())) for i in remembered)
    (other / "2021-10.parquet").unlink()
    assert Store(fixture_folder).problems == []  # finds new files good, and writes the list
    now = set(validation.VERDICTS.read())
    assert not any(i.startswith(str(other.resolve())) for i in now)
    assert len(now) == len(snapshot_files(fixture_folder))


def test_a_changed_file_is_checked_again(fixture_folder: Path) -> None:
    assert Store(fixture_folder).problems == []
    spoil(fixture_folder, lambda f: f.drop("members"))
    (found,) = Store(fixture_folder).problems
    assert (found.file, found.field) == ("2021-11.parquet", "members")
    # and a bad file is never remembered as good
    (again,) = Store(fixture_folder).problems
    assert again == found


def test_an_unwritable_cache_costs_nothing_but_time(fixture_folder: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = fixture_folder / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert Store(fixture_folder).problems == []
    assert Store(fixture_folder).periods == ["2021-10", "2021-11"]
