"""What the console shows: marks, percentages, problem colours, right-aligned numbers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pyarrow as pa
import pytest
from rich.cells import cell_len
from rich.text import Text

import console.display as display_module
from console.compare import compared
from console.display import (
    CELL_WIDTH,
    NO,
    YES,
    Palette,
    display_table,
    display_widths,
    election_cutoff,
    header,
    heading,
    widest,
)
from console.export import present
from console.schema import DRILL_VIEW, RANK_VIEW
from console.store import Store
from console.view import column_key

PALETTE = Palette(error="red", warning="yellow", success="green", muted="dim")


def shown(fixture_folder: Path, node: str = "000000") -> list[dict[str, str]]:
    table = Store(fixture_folder).drill(node, "2021-11")
    return display_table(table, "zh", PALETTE, dt.date(2021, 11, 1)).to_pylist()


def test_marks_and_problem_colours(fixture_folder: Path) -> None:
    beijing, hubei = shown(fixture_folder)
    assert beijing["会长"] == f"[red]{NO}[/]"
    assert beijing["方案"] == f"[green]{YES}[/]"
    assert Text.from_markup(beijing["会长空缺"]).plain.strip() == "1"
    assert "[red]1[/]" in beijing["会长空缺"]
    assert "[dim]0[/]" in beijing["撤并"]
    assert "[yellow]-2[/]" in hubei["编制增减"]
    assert beijing["层级"] == "省级"


def test_numbers_are_right_aligned_to_one_width(fixture_folder: Path) -> None:
    rows = shown(fixture_folder)
    for key in ("单位数", "县级方案%", "会长空缺"):
        widths = {cell_len(Text.from_markup(r[key]).plain) for r in rows}
        assert widths == {cell_len(key)}, key
    assert Text.from_markup(rows[1]["县级方案%"]).plain.endswith("66.7%")


def test_overdue_election_is_marked(fixture_folder: Path) -> None:
    rows = {r["代码"]: r for r in shown(fixture_folder, "110000")}
    assert rows["110101"]["换届"] == "[yellow]2015-06[/]"
    assert rows["110102"]["换届"] == "2019-06"


def test_election_cutoff_is_five_years_before_the_period_end() -> None:
    assert election_cutoff(dt.date(2021, 11, 1)) == dt.date(2016, 11, 30)
    assert election_cutoff(dt.date(2024, 2, 1)) == dt.date(2019, 2, 28)


def test_rate_header_says_percent() -> None:
    assert header("counties_plan_rate", "en") == "County plan rate%"
    assert header("units", "zh") == "单位数"
    assert heading("counties_plan_rate", "zh") == "县级方案%"  # a table's header: short
    assert heading("units", "zh") == "单位数"  # (a short label only where it is long)


def test_every_table_header_of_a_view_is_its_own() -> None:
    for lang in ("zh", "en"):
        headings = [heading(c.key, lang) for c in DRILL_VIEW + RANK_VIEW]
        assert len(set(headings)) == len(headings), lang
        for column in DRILL_VIEW + RANK_VIEW:  # a filter or sort can name what it reads
            assert column_key(heading(column.key, lang)) == column.key


def rendered_widths(table: pa.Table) -> list[int]:
    """Each column's widest cell as Rich renders the markup: what the table would measure."""
    return [max((cell_len(Text.from_markup(v).plain) for v in table.column(i).to_pylist()),
                default=0) for i in range(table.num_columns)]


def test_each_column_carries_its_widest_cell(fixture_folder: Path) -> None:
    store = Store(fixture_folder)
    rows = store.drill("420000", "2021-11")
    names = rows.column("unit_name").to_pylist()
    rows = rows.set_column(1, "unit_name", pa.array([names[0] + "[一]", *names[1:]]))
    table = display_table(rows, "zh", PALETTE, dt.date(2021, 11, 1))
    assert Text.from_markup(table.column(1)[0].as_py()).plain.endswith("[一]")  # escaped
    assert [int(f.metadata[CELL_WIDTH]) for f in table.schema] == rendered_widths(table)


def test_widest_measures_few_texts_of_many() -> None:
    texts = pl.Series(["ab", "中文字", "abcde", None] + [f"x{n}" for n in range(2000)])
    assert widest(texts) == 6  # 中文字: two cells a character, wider than five letters
    assert widest(texts.head(4)) == 6
    assert widest(pl.Series([], dtype=pl.Utf8)) == 0


def test_widths_measured_by_distinct_values_are_those_of_every_cell(
        fixture_folder: Path) -> None:
    store = Store(fixture_folder)
    rows = store.view("000000", "2021-11", level="county")[0]
    before = store.view("000000", "2021-10", level="county")[0]
    day = dt.date(2021, 11, 1)
    for table in (rows, compared(rows, before)):  # a compared cell shows two columns
        every = display_table(table, "zh", PALETTE, day)
        assert display_widths(table, "zh", day) == [
            int(f.metadata[CELL_WIDTH]) for f in every.schema]


def test_widths_of_a_long_table_measured_in_parts(fixture_folder: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    rows = Store(fixture_folder).view("000000", "2021-11", level="village")[0]
    day = dt.date(2021, 11, 1)
    whole = [int(f.metadata[CELL_WIDTH]) for f in display_table(rows, "zh", PALETTE, day).schema]
    monkeypatch.setattr(display_module, "WIDTH_ROWS", 1)
    assert display_widths(rows, "zh", day) == whole
    part = display_table(rows.slice(1, 1), "zh", PALETTE, day, widths=whole)
    assert [int(f.metadata[CELL_WIDTH]) for f in part.schema] == whole
    assert part.to_pylist() == display_table(rows, "zh", PALETTE, day).slice(1, 1).to_pylist()


def test_thousands_are_grouped_on_screen_and_plain_in_exports(fixture_folder: Path) -> None:
    rows = Store(fixture_folder).drill("000000", "2021-11")
    big = rows.set_column(rows.schema.get_field_index("units"), "units",
                          pa.array([504_552, 1_234_567], pa.int64()))
    big = big.set_column(big.schema.get_field_index("staff_quota_change"),
                         "staff_quota_change", pa.array([-1_234, 12_000], pa.int32()))
    day = dt.date(2021, 11, 1)
    first, second = display_table(big, "zh", PALETTE, day).to_pylist()
    assert first["单位数"].strip() == "504,552" and second["单位数"].strip() == "1,234,567"
    assert Text.from_markup(first["编制增减"]).plain.strip() == "-1,234"
    assert second["编制增减"].strip() == "+12,000"
    before = big.set_column(big.schema.get_field_index("units"), "units",
                            pa.array([503_318, 1_234_567], pa.int64()))
    moved = display_table(compared(big, before), "zh", PALETTE, day).to_pylist()[0]
    assert "504,552" in moved["单位数"] and "1,234" in moved["单位数"]
    exported = present(big, "zh")
    assert exported["单位数"].to_list() == [504_552, 1_234_567]  # numbers, as a sheet wants
