"""Trends: each child's plan shares across periods, counted by hand, and their sparklines."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from console.snapshots import manifest_entry, write_manifest, write_snapshot
from console.store import Store, StoreError
from console.trends import ASCII, BLOCKS, ascii_terminal, child_series, sparkline
from tests.fixtures import frame, unit_row

# Per period, the units under 浙江省: code, level, parent, whether it has issued its plan.
GROWING: dict[str, list[tuple[str, str, str, bool]]] = {
    "2021-09": [("330100", "prefecture", "330000", False),
                ("330102", "county", "330100", False), ("330103", "county", "330100", False),
                ("330300", "prefecture", "330000", True),
                ("330400", "prefecture", "330000", True)],
    "2021-10": [("330100", "prefecture", "330000", True),
                ("330102", "county", "330100", True), ("330103", "county", "330100", False),
                ("330300", "prefecture", "330000", True),
                ("330400", "prefecture", "330000", True)],
    "2021-11": [("330100", "prefecture", "330000", True),
                ("330102", "county", "330100", True), ("330103", "county", "330100", True),
                ("330200", "prefecture", "330000", False),
                ("330201", "county", "330200", False),
                ("330400", "prefecture", "330000", True)],
}


def write_periods(folder: Path, periods: dict[str, list[dict[str, Any]]]) -> Path:
    """One snapshot per period and the manifest."""
    folder.mkdir(parents=True, exist_ok=True)
    for period, rows in periods.items():
        write_snapshot(frame(rows), folder / f"{period}.parquet")
    write_manifest(folder, [manifest_entry(folder / f"{p}.parquet") for p in periods])
    return folder


def growing_rows(period: str) -> list[dict[str, Any]]:
    """浙江省 where 330200 appears at 2021-11, 330300 is gone by then, 330400 has no county."""
    rows = [unit_row(period, "000000", "全国", "national", None, {}),
            unit_row(period, "330000", "浙江省", "province", "000000", {})]
    rows += [unit_row(period, code, code, level, parent, {"reform_plan_issued": issued})
             for code, level, parent, issued in GROWING[period]]
    return rows


@pytest.fixture
def growing(tmp_path: Path) -> Store:
    return Store(write_periods(tmp_path / "data", {p: growing_rows(p) for p in GROWING}))


def test_series_follow_the_children_of_the_latest_period(growing: Store) -> None:
    assert child_series(growing, "330000", "counties_plan_rate") == {
        "330100": [0.0, 0.5, 1.0],
        "330200": [None, None, 0.0],  # did not exist before 2021-11
        "330400": [None, None, None],  # no county at all
    }
    assert child_series(growing, "330000", "prefectures_plan_rate") == {
        "330100": [0.0, 1.0, 1.0],
        "330200": [None, None, 0.0],
        "330400": [1.0, 1.0, 1.0],
    }


def test_series_on_the_hand_built_fixture(fixture_folder: Path) -> None:
    store = Store(fixture_folder)
    # 北京市: both districts with a plan, then 东城区 without; 湖北省: four counties with a
    # plan, then 江汉区 abolished (not counted) and 西陵区 without
    assert child_series(store, "000000", "counties_plan_rate") == {
        "110000": [1.0, 0.5], "420000": [1.0, pytest.approx(2 / 3)]}
    assert child_series(store, "000000", "prefectures_plan_rate") == {
        "110000": [None, None], "420000": [0.5, 0.5]}
    assert child_series(store, "420000", "counties_plan_rate") == {
        "420100": [1.0, 1.0], "420500": [1.0, 0.0], "429004": [1.0, 1.0]}
    assert child_series(store, "429004", "counties_plan_rate") == {"429004001": [None, None]}
    assert child_series(store, "429004001001", "counties_plan_rate") == {}


def test_series_reject_other_keys_and_unknown_nodes(fixture_folder: Path) -> None:
    store = Store(fixture_folder)
    with pytest.raises(ValueError, match="hollow"):
        child_series(store, "000000", "hollow")
    with pytest.raises(StoreError, match="999999"):
        child_series(store, "999999", "counties_plan_rate")


def test_series_share_a_cursor(fixture_folder: Path) -> None:
    store = Store(fixture_folder)
    cursor = store.cursor()
    assert list(child_series(store, "000000", "counties_plan_rate", cursor)) == [
        "110000", "420000"]
    cursor.close()


def test_sparkline_steps() -> None:
    assert sparkline([0, 0.5, 1]) == "▁▄█"
    assert sparkline([0, 0.5, 1], ascii_only=True) == "_=@"
    sevenths = [k / 7 for k in range(8)]
    assert sparkline(sevenths) == BLOCKS == "▁▂▃▄▅▆▇█"
    assert sparkline(sevenths, ascii_only=True) == ASCII == "_.-=+*#@"
    # only a full share reaches the top step; just under a seventh stays at the bottom
    assert sparkline([0.99, 0.14, 1 / 7]) == "▇▁▂"


def test_sparkline_gaps_clamps_and_width() -> None:
    assert sparkline([None, 0.0, float("nan"), 1.0]) == " ▁ █"
    assert sparkline([-0.5, 1.5]) == "▁█"
    fifteen = [0.0] * 3 + [1.0] * 12
    assert sparkline(fifteen) == "█" * 12
    assert sparkline(fifteen, width=4, ascii_only=True) == "@@@@"
    assert sparkline([0.0, 1.0], width=12) == "▁█"
    assert sparkline([]) == ""
    with pytest.raises(ValueError):
        sparkline([0.5], width=0)


@pytest.mark.parametrize(("environ", "expected"), [
    ({}, False),
    ({"TERM": "xterm-256color", "LANG": "zh_CN.UTF-8"}, False),
    ({"TERM": "screen", "LANG": "en_US.utf8"}, False),
    ({"LANG": "C.UTF-8"}, False),
    ({"TERM": "linux", "LANG": "zh_CN.UTF-8"}, True),
    ({"TERM": "vt100"}, True),
    ({"TERM": "dumb"}, True),
    ({"LANG": "C"}, True),
    ({"LANG": "POSIX"}, True),
    ({"LANG": "zh_CN.GB18030"}, True),
    ({"LC_ALL": "C", "LANG": "en_US.UTF-8"}, True),
    ({"LC_ALL": "en_US.UTF-8", "LANG": "C"}, False),
    ({"LC_CTYPE": "zh_CN.GBK", "LANG": "zh_CN.UTF-8"}, True),
    ({"LC_ALL": "", "LANG": "zh_CN.UTF-8"}, False),
    ({"FPA_ASCII": "1", "TERM": "xterm-256color", "LANG": "zh_CN.UTF-8"}, True),
    ({"FPA_ASCII": "0", "LANG": "zh_CN.UTF-8"}, False),
])
def test_ascii_terminal(environ: dict[str, str], expected: bool) -> None:
    assert ascii_terminal(environ) is expected
