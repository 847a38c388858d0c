"""What changed between two periods, counted by hand from tests/fixtures.py."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path

import pytest

from console.diff import COMPARED, DIFF_KEYS, Change, as_changes, diff, write_diff
from console.schema import COLUMNS, INDICATORS
from console.snapshots import write_snapshot
from console.store import Store, StoreError
from tests.fixtures import frame, rows_for, unit_row

# 2021-10 → 2021-11, from EARLIER and LATEST (unit_row ties reform_plan_date to the plan):
PER_UNIT = {
    "110000": 2,  # president_in_place true→false, staff_quota 30→33
    "110101": 4,  # reform_plan_issued, reform_plan_date, civil_servant_managed, last_election
    "110102": 1,  # activities_12m 10→0
    "420000": 1,  # staff_quota 40→38
    "420100": 3,  # reform_plan_issued false→true, reform_plan_date NULL→date, mass_org_listed
    "420102": 1,  # president_in_place
    "420103": 3,  # status active→abolished, reform_plan_issued, reform_plan_date
    "420500": 2,  # reform_plan_issued, reform_plan_date
    "420502": 3,  # reform_plan_issued, reform_plan_date, civil_servant_managed
    "429004": 1,  # civil_servant_managed
    "429004001": 2,  # president_in_place, activities_12m
    "429004001001": 1,  # last_election
}  # 24 in all; 000000 itself did not change


@pytest.fixture
def store(fixture_folder: Path) -> Store:
    return Store(fixture_folder)


def triples(store: Store, first: str, second: str, node: str | None = None
            ) -> list[tuple[str, str, object, object]]:
    changes = as_changes(diff(store, first, second, node))
    return [(c.unit_code, c.indicator, c.old, c.new) for c in changes]


def test_compares_status_and_every_indicator_in_schema_order() -> None:
    assert ("status", *(c.key for c in INDICATORS)) == COMPARED


def test_hand_counted_changes(store: Store) -> None:
    table = diff(store, "2021-10", "2021-11")
    assert tuple(table.column_names) == DIFF_KEYS
    assert table.num_rows == 24
    assert Counter(table.column("unit_code").to_pylist()) == PER_UNIT
    found = triples(store, "2021-10", "2021-11")
    assert found[:2] == [("110000", "president_in_place", "true", "false"),
                         ("110000", "staff_quota", "30", "33")]
    assert ("420000", "staff_quota", "40", "38") in found
    assert [t for t in found if t[0] == "420100"] == [
        ("420100", "reform_plan_issued", "false", "true"),
        ("420100", "reform_plan_date", None, "2020-01-01"),
        ("420100", "mass_org_listed", "true", "false"),
    ]
    assert [t for t in found if t[0] == "420103"] == [
        ("420103", "status", "active", "abolished"),
        ("420103", "reform_plan_issued", "true", "false"),
        ("420103", "reform_plan_date", "2020-01-01", None),
    ]
    assert ("110101", "last_election", "2019-06-01", "2015-06-01") in found


def test_rows_are_ordered_by_unit_then_schema_order(store: Store) -> None:
    rows = as_changes(diff(store, "2021-10", "2021-11"))
    order = [(r.unit_code, COMPARED.index(r.indicator)) for r in rows]
    assert order == sorted(order)
    assert rows[0] == Change("110000", "北京市", "province", "president_in_place", "true",
                             "false")


def test_the_other_way_round_swaps_old_and_new(store: Store) -> None:
    forward = triples(store, "2021-10", "2021-11")
    backward = triples(store, "2021-11", "2021-10")
    assert backward == [(code, key, new, old) for code, key, old, new in forward]


def test_a_period_against_itself_has_no_changes(store: Store) -> None:
    assert diff(store, "2021-11", "2021-11").num_rows == 0


def test_node_restriction(store: Store) -> None:
    table = diff(store, "2021-10", "2021-11", node="420100")
    assert Counter(table.column("unit_code").to_pylist()) == {
        "420100": 3, "420102": 1, "420103": 3}
    assert diff(store, "2021-10", "2021-11", node="420502").num_rows == 3


def test_unknown_node_or_period_is_an_error(store: Store) -> None:
    with pytest.raises(StoreError, match="unit 999999 is not in the data"):
        diff(store, "2021-10", "2021-11", node="999999")
    with pytest.raises(StoreError, match="period 2021-12 is not in"):
        diff(store, "2021-10", "2021-12")


def test_a_scoped_store_stays_in_its_scope(fixture_folder: Path) -> None:
    scoped = Store(fixture_folder, scope="110000")
    assert set(diff(scoped, "2021-10", "2021-11").column("unit_code").to_pylist()) == {
        "110000", "110101", "110102"}
    with pytest.raises(StoreError, match="within scope 110000"):
        diff(scoped, "2021-10", "2021-11", node="420000")


@pytest.fixture
def third(fixture_folder: Path) -> Store:
    """A third period, 2021-12: 420104 appears under 武汉市, 沙嘴村 disappears, and 宜昌市's
    annual funds go from 10.0 to 12.5 (10k yuan)."""
    rows = [r for r in rows_for("2021-11") if r["unit_code"] != "429004001001"]
    for row in rows:
        row["period"] = row["period"].replace(month=12)
        if row["unit_code"] == "420500":
            row["budget_10k_yuan"] = 12.5
    rows.append(unit_row("2021-12", "420104", "硚口区", "county", "420100", {}))
    write_snapshot(frame(rows), fixture_folder / "2021-12.parquet")
    return Store(fixture_folder)


def test_a_unit_that_appears_and_one_that_disappears(third: Store) -> None:
    table = diff(third, "2021-11", "2021-12")
    assert table.to_pylist() == [
        {"unit_code": "420104", "unit_name": "硚口区", "level": "county",
         "indicator": "status", "old": None, "new": "active"},
        {"unit_code": "420500", "unit_name": "宜昌市", "level": "prefecture",
         "indicator": "budget_10k_yuan", "old": "10.0", "new": "12.5"},
        {"unit_code": "429004001001", "unit_name": "沙嘴村", "level": "village",
         "indicator": "status", "old": "active", "new": None},
    ]


def test_the_subtree_is_taken_at_either_period(third: Store) -> None:
    # 沙嘴村 is under 沙嘴街道 at 2021-11 only; 420104 under 武汉市 at 2021-12 only.
    assert triples(third, "2021-11", "2021-12", "429004001") == [
        ("429004001001", "status", "active", None)]
    assert triples(third, "2021-11", "2021-12", "420100") == [
        ("420104", "status", None, "active")]
    # A unit present at one period only is itself a node one can ask about.
    assert triples(third, "2021-11", "2021-12", "420104") == [
        ("420104", "status", None, "active")]


def read_back(raw: bytes) -> list[list[str]]:
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw[3:].decode("utf-8")
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    return list(csv.reader(io.StringIO(text, newline="")))


def test_csv_output(store: Store, tmp_path: Path) -> None:
    table = diff(store, "2021-10", "2021-11", node="420100")
    out = tmp_path / "diff.csv"
    write_diff(table, out)
    header, *rows = read_back(out.read_bytes())
    assert header == ["单位代码", "单位名称", "层级", "指标", "原值", "新值"]
    assert len(rows) == 7
    assert rows[0] == ["420100", "武汉市", "地市级", COLUMNS["reform_plan_issued"].zh, "false",
                       "true"]
    assert rows[1] == ["420100", "武汉市", "地市级", "方案出台日期", "", "2020-01-01"]
    assert rows[4] == ["420103", "江汉区", "县级", "机构状态", "active", "abolished"]
    buffer = io.BytesIO()
    write_diff(table, buffer, header="en")
    header, first, *_ = read_back(buffer.getvalue())
    assert header == ["Unit code", "Unit", "Level", "Indicator", "Old value", "New value"]
    assert first[2:4] == ["prefecture", "Reform plan issued"]
    buffer = io.BytesIO()
    write_diff(table, buffer, header="key")
    header, first, *_ = read_back(buffer.getvalue())
    assert header == list(DIFF_KEYS)
    assert first[3] == "reform_plan_issued"


def test_json_output(store: Store, tmp_path: Path) -> None:
    table = diff(store, "2021-10", "2021-11", node="420100")
    out = tmp_path / "diff.json"
    write_diff(table, out, fmt="json", header="zh")  # JSON keeps the machine keys
    rows = json.loads(out.read_text(encoding="utf-8"))
    assert rows == table.to_pylist()
    assert rows[1] == {"unit_code": "420100", "unit_name": "武汉市", "level": "prefecture",
                       "indicator": "reform_plan_date", "old": None, "new": "2020-01-01"}


def test_bad_format_or_header(store: Store) -> None:
    table = diff(store, "2021-10", "2021-11", node="420100")
    with pytest.raises(ValueError, match="format"):
        write_diff(table, io.BytesIO(), fmt="xlsx")
    with pytest.raises(ValueError, match="header"):
        write_diff(table, io.BytesIO(), header="fr")
