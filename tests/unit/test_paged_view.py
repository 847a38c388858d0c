"""A flattened view of the lowest level kept on disk (console.paged_view): the same rows,
filters, order and comparison as console.view's in memory, read a block at a time, in a
scratch file that goes with the view and the store."""

from __future__ import annotations

import gc
import os
from pathlib import Path

import pyarrow as pa
import pytest

from console import derived
from console.compare import compared
from console.display import display_widths
from console.drill import Sort
from console.paged_view import ComparedRows, PagedRows, lowest_rows, paged_view
from console.schema import DRILL_KEYS
from console.snapshots import parse_period
from console.store import Store
from console.ui import prepared
from console.ui.prepared import long_widths
from console.view import ViewSpec, build_view, parse_condition
from tests.fixtures import write_villages


@pytest.fixture
def villages(tmp_path: Path) -> Store:
    return Store(write_villages(tmp_path / "data"))


def in_blocks(rows: PagedRows | ComparedRows, size: int = 4) -> pa.Table:
    """Every row, read a block at a time as the table reads them."""
    return pa.concat_tables([rows.slice(first, size) for first in range(0, rows.num_rows, size)]
                            or [rows.slice(0, 0)])


SPECS = [
    ViewSpec("000000", "2021-11", "village"),
    ViewSpec("420102", "2021-11", "village"),
    ViewSpec("000000", "2021-11", "village", match="村"),
    ViewSpec("000000", "2021-11", "village", match="zjw"),  # pinyin initials: 赵家湾
    ViewSpec("000000", "2021-11", "village", sort=Sort("unit_name", True)),
    ViewSpec("000000", "2021-11", "village", sort=Sort("president_in_place")),  # NULLs last
    ViewSpec("000000", "2021-11", "village", sort=Sort("alerts_warning", True)),
    ViewSpec("000000", "2021-10", "village", conditions=(
        parse_condition("president_in_place=false"),), sort=Sort("last_election")),
    ViewSpec("000000", "2021-11", "village", conditions=(parse_condition("alerts_critical>=1"),)),
    ViewSpec("000000", "2021-11", "village", alerts=("wall_only",)),
    ViewSpec("000000", "2021-11", "village", match="没有这个村"),
]


@pytest.mark.parametrize("spec", SPECS, ids=str)
def test_the_rows_on_disk_are_the_view_in_memory(villages: Store, spec: ViewSpec) -> None:
    expected = build_view(villages, spec)
    paged = paged_view(villages, spec)
    assert isinstance(paged.rows, PagedRows)
    assert (paged.total, paged.summary) == (expected.total, expected.summary)
    assert paged.rows.num_rows == expected.rows.num_rows
    assert paged.rows.column_names == expected.rows.column_names
    assert in_blocks(paged.rows).equals(expected.rows)
    assert paged.rows.slice().equals(expected.rows)


def test_a_view_has_rows_to_compare(villages: Store) -> None:
    assert build_view(villages, SPECS[2]).rows.num_rows > 0  # the specs test something
    assert build_view(villages, SPECS[3]).rows.to_pylist()[0]["unit_name"].startswith("赵家湾")
    assert 0 < build_view(villages, SPECS[9]).rows.num_rows < 29


def test_compared_rows_are_compared_a_block_at_a_time(villages: Store) -> None:
    spec = ViewSpec("000000", "2021-11", "village", sort=Sort("party_group", True))
    current = paged_view(villages, spec).rows
    assert isinstance(current, PagedRows)
    baseline, _ = lowest_rows(villages, "000000", "2021-10", alerts=True)
    expected = compared(build_view(villages, spec).rows,
                        villages.view("000000", "2021-10", level="village")[0])
    assert in_blocks(ComparedRows(current, baseline), size=3).equals(expected)


def test_where_a_unit_is(villages: Store) -> None:
    spec = ViewSpec("000000", "2021-11", "village", match="村", sort=Sort("unit_name"))
    rows = paged_view(villages, spec).rows
    assert isinstance(rows, PagedRows)
    codes = build_view(villages, spec).rows.column("unit_code").to_pylist()
    assert [rows.position_of(code) for code in codes] == list(range(len(codes)))
    assert rows.position_of("420102001004") is None  # 王庄4: not a 村
    assert rows.position_of("999") is None
    assert sorted(rows.of_codes(codes[:2]).column("unit_code").to_pylist()) == sorted(codes[:2])


def test_slices_past_the_end_are_empty_with_the_columns(villages: Store) -> None:
    rows = paged_view(villages, SPECS[0]).rows
    for part in (rows.slice(0, 0), rows.slice(rows.num_rows, 5), rows.slice(10_000, 1)):
        assert part.num_rows == 0 and part.schema == rows.schema
    assert rows.slice(rows.num_rows - 2, 10).num_rows == 2


def test_without_alerts_the_counts_are_not_known(villages: Store) -> None:
    view = paged_view(villages, ViewSpec("000000", "2021-11", "village"), alerts=False)
    assert set(view.rows.column("alerts_critical").to_pylist()) == {None}
    assert view.summary.column("alerts_warning").to_pylist() == [None]


def scratch_tables(store: Store) -> list[str]:
    cursor = store.cursor()
    try:
        return [row[0] for row in cursor.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = 'scratch'").fetchall()]
    finally:
        cursor.close()


def test_the_scratch_file_goes_with_its_views_and_the_store(villages: Store) -> None:
    left = derived.scratch_folder() / "999999999-0000.duckdb"  # of a process that ended
    left.parent.mkdir(parents=True)
    left.write_bytes(b"")
    rows = paged_view(villages, SPECS[0]).rows
    assert not left.exists()
    assert len(list(derived.scratch_folder().glob(f"{os.getpid()}-*.duckdb"))) == 1
    sorted_rows = paged_view(villages, SPECS[4]).rows
    assert len(scratch_tables(villages)) == 2
    del rows
    gc.collect()
    assert len(scratch_tables(villages)) == 1  # the view that kept it is gone
    assert sorted_rows.num_rows == 30
    villages.close()
    assert list(derived.scratch_folder().glob("*.duckdb*")) == []


def test_a_cache_that_cannot_be_written_keeps_the_rows_in_memory(
        villages: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    rows = paged_view(villages, SPECS[0]).rows
    assert rows.num_rows == 30
    assert rows.slice(0, 3).num_rows == 3
    villages.close()


@pytest.mark.parametrize("spec", [SPECS[0], SPECS[2], SPECS[6]], ids=str)
def test_widths_on_disk_are_the_widths_in_memory(villages: Store, spec: ViewSpec,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(prepared, "WIDTH_BLOCK", 7)  # measured a few rows at a time
    day = parse_period(spec.period)
    paged = paged_view(villages, spec).rows
    assert isinstance(paged, PagedRows)
    rows = build_view(villages, spec).rows
    keys = list(DRILL_KEYS)  # every column, as the set 全部 shows them
    assert long_widths(paged, keys, "zh", day) == display_widths(rows, "zh", day)
    baseline, _ = lowest_rows(villages, "000000", "2021-10", alerts=True)
    before = villages.view("000000", "2021-10", level="village")[0]
    assert long_widths(ComparedRows(paged, baseline), keys, "en", day) == display_widths(
        compared(rows, before), "en", day)
    few = ["unit_name", "presidents_vacant", "hollow"]  # a set's: only those measured
    assert long_widths(paged, few, "zh", day) == display_widths(rows.select(few), "zh", day)
