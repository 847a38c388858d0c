"""The deadline panel: counts, pace, projection and laggards, each counted by hand."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from console.deadline import (
    DeadlineReport,
    Laggard,
    LevelProgress,
    deadline_report,
    verdict,
)
from console.snapshots import manifest_entry, write_manifest, write_snapshot
from console.store import Store, StoreError
from tests.fixtures import frame, unit_row

END_2021 = dt.date(2021, 12, 31)
COUNTIES = [f"3301{i:02d}" for i in range(1, 11)]


def write_periods(folder: Path, periods: dict[str, list[dict[str, Any]]]) -> Path:
    """One snapshot per period and the manifest."""
    folder.mkdir(parents=True, exist_ok=True)
    for period, rows in periods.items():
        write_snapshot(frame(rows), folder / f"{period}.parquet")
    write_manifest(folder, [manifest_entry(folder / f"{p}.parquet") for p in periods])
    return folder


def ten_counties(period: str, issued: int) -> list[dict[str, Any]]:
    """浙江省 with ten counties straight under it, the first `issued` of them with a plan."""
    rows = [unit_row(period, "000000", "全国", "national", None, {}),
            unit_row(period, "330000", "浙江省", "province", "000000", {})]
    rows += [unit_row(period, code, f"县{i}", "county", "330000",
                      {"reform_plan_issued": i < issued})
             for i, code in enumerate(COUNTIES)]
    return rows


def county_store(folder: Path, issued: dict[str, int]) -> Store:
    """A store over ten_counties with `issued` plans at each period."""
    return Store(write_periods(folder, {p: ten_counties(p, n) for p, n in issued.items()}))


@pytest.fixture
def one_a_month(tmp_path: Path) -> Store:
    """Without a plan: 10, 6, 5, 4, 3, 2 from 2021-06 to 2021-11 (one county a month)."""
    return county_store(tmp_path / "data", {"2021-06": 0, "2021-07": 4, "2021-08": 5,
                                            "2021-09": 6, "2021-10": 7, "2021-11": 8})


def test_one_a_month_is_two_months_late(one_a_month: Store) -> None:
    report = deadline_report(one_a_month, "000000", "2021-11")
    # the pace looks back three steps only (2021-08 → 2021-11: 5 → 2), not to 2021-06;
    # 2 left at 1 a month: none left during 2022-01, so the projection is its last day
    assert report.levels == [LevelProgress("county", 2, 10, 1.0, dt.date(2022, 1, 31), False)]
    assert (report.deadline, report.days_left) == (END_2021, 31)
    assert report.laggards == [Laggard("330000", "浙江省", "province", 2, 10)]


def test_an_earlier_period_ignores_later_ones(one_a_month: Store) -> None:
    report = deadline_report(one_a_month, "330000", "2021-09")
    # 2021-06 → 2021-09: 10 → 4, two a month; 4 left: done in 2021-11, in time
    assert report.levels == [LevelProgress("county", 4, 10, 2.0, dt.date(2021, 11, 30), True)]
    assert report.days_left == 92
    assert [g.code for g in report.laggards] == COUNTIES[6:]  # the counties without a plan


def test_the_deadline_can_be_given(one_a_month: Store) -> None:
    later = deadline_report(one_a_month, "000000", "2021-11", dt.date(2022, 1, 31))
    assert later.levels[0].on_track
    past = deadline_report(one_a_month, "000000", "2021-11", dt.date(2021, 10, 31))
    assert past.days_left == -30
    assert not past.levels[0].on_track


def test_a_store_deadline_is_the_default(tmp_path: Path) -> None:
    folder = write_periods(tmp_path / "data", {"2021-11": ten_counties("2021-11", 8)})
    store = Store(folder, deadline=dt.date(2022, 6, 30))
    assert deadline_report(store, "000000", "2021-11").deadline == dt.date(2022, 6, 30)


def test_a_fractional_pace_rounds_the_months_up(tmp_path: Path) -> None:
    store = county_store(tmp_path / "data",
                         {"2021-08": 4, "2021-09": 4, "2021-10": 5, "2021-11": 6})
    (county,) = deadline_report(store, "000000", "2021-11").levels
    # 6 → 4 in three months: 2/3 a month; 4 left need 6 months (exactly, no rounding error)
    assert county.pace == pytest.approx(2 / 3)
    assert county.projected == dt.date(2022, 5, 31)


def test_a_gap_in_the_periods_counts_in_months(tmp_path: Path) -> None:
    store = county_store(tmp_path / "data", {"2021-07": 4, "2021-09": 6, "2021-11": 8})
    (county,) = deadline_report(store, "000000", "2021-11").levels
    assert (county.pace, county.projected) == (1.0, dt.date(2022, 1, 31))


def test_everyone_has_a_plan(tmp_path: Path) -> None:
    store = county_store(tmp_path / "data", {"2021-10": 9, "2021-11": 10})
    report = deadline_report(store, "000000", "2021-11")
    assert report.levels == [LevelProgress("county", 0, 10, 1.0, None, True)]
    assert report.laggards == []
    assert verdict(report, "zh") == "县级协会均已出台改革方案"
    assert verdict(report, "en") == "Every county-level association has issued its reform plan"


def test_a_stalled_pace_cannot_make_it(tmp_path: Path) -> None:
    store = county_store(tmp_path / "data",
                         {"2021-08": 7, "2021-09": 7, "2021-10": 7, "2021-11": 7})
    report = deadline_report(store, "000000", "2021-11")
    assert report.levels == [LevelProgress("county", 3, 10, 0.0, None, False)]
    assert verdict(report, "zh") == (
        "按近三期进度，县级方案出台没有进展，仍有 3 个未出台，赶不上 2021-12-31 的截止日期")
    assert verdict(report, "en") == (
        "At the pace of the last three periods county plans are not advancing, 3 still missing:"
        " too late for the 2021-12-31 deadline")


def test_a_single_period_has_no_pace(tmp_path: Path) -> None:
    store = county_store(tmp_path / "data", {"2021-11": 7})
    report = deadline_report(store, "000000", "2021-11")
    assert report.levels == [LevelProgress("county", 3, 10, None, None, False)]
    assert verdict(report, "zh") == (
        "仅有一期数据，无法测算进度：县级仍有 3 个协会未出台方案，"
        "不能确保赶上 2021-12-31 的截止日期")
    assert verdict(report, "en") == (
        "With a single period no pace can be measured: 3 county-level associations still have"
        " no plan, and the 2021-12-31 deadline is not assured")


def test_verdicts_late_and_in_time(one_a_month: Store) -> None:
    late = deadline_report(one_a_month, "000000", "2021-11")
    assert verdict(late, "zh") == (
        "按近三期进度，县级方案将于 2022-01 全部出台，赶不上 2021-12-31 的截止日期")
    assert verdict(late, "en") == (
        "At the pace of the last three periods county plans will all be issued by 2022-01:"
        " too late for the 2021-12-31 deadline")
    in_time = deadline_report(one_a_month, "000000", "2021-09")
    assert verdict(in_time, "zh") == (
        "按近三期进度，县级方案将于 2021-11 全部出台，能赶上 2021-12-31 的截止日期")
    assert verdict(in_time, "en") == (
        "At the pace of the last three periods county plans will all be issued by 2021-11:"
        " in time for the 2021-12-31 deadline")


def test_the_verdict_speaks_of_the_slowest_level() -> None:
    prefectures = LevelProgress("prefecture", 4, 10, 1.0, dt.date(2022, 3, 31), False)
    counties = LevelProgress("county", 30, 90, 3.0, dt.date(2022, 5, 31), False)
    report = DeadlineReport("330000", "2021-11", END_2021, 31, [prefectures, counties], [])
    assert verdict(report, "zh") == (
        "按近三期进度，县级方案将于 2022-05 全部出台，赶不上 2021-12-31 的截止日期")
    stalled = LevelProgress("prefecture", 1, 10, 0.0, None, False)
    report = DeadlineReport("330000", "2021-11", END_2021, 31, [stalled, counties], [])
    assert verdict(report, "en").startswith(
        "At the pace of the last three periods prefecture plans are not advancing")
    done = DeadlineReport("330000", "2021-11", END_2021, 31, [
        LevelProgress("prefecture", 0, 10, 1.0, None, True),
        LevelProgress("county", 0, 90, 3.0, None, True)], [])
    assert verdict(done, "zh") == "地市级和县级协会均已出台改革方案"
    assert verdict(done, "en") == (
        "Every prefecture- and county-level association has issued its reform plan")


def test_the_hand_built_fixture(fixture_folder: Path) -> None:
    store = Store(fixture_folder)
    report = deadline_report(store, "420000", "2021-11")
    # prefectures: 武汉市 (none at 2021-10, issued at 2021-11), 宜昌市 (lost it) → 1 left
    # both periods; counties: 江汉区 abolished does not count, 西陵区 lost its plan
    assert report.levels == [LevelProgress("prefecture", 1, 2, 0.0, None, False),
                             LevelProgress("county", 1, 3, -1.0, None, False)]
    assert report.laggards == [Laggard("420500", "宜昌市", "prefecture", 2, 2)]
    national = deadline_report(store, "000000", "2021-11")
    assert national.laggards == [Laggard("420000", "湖北省", "province", 2, 5),
                                 Laggard("110000", "北京市", "province", 1, 2)]


def test_laggards_are_the_top_five_ties_by_code(tmp_path: Path) -> None:
    missing = {"330100": 1, "330200": 3, "330300": 3, "330400": 0, "330500": 2,
               "330600": 1, "330700": 5}
    rows = [unit_row("2021-11", "000000", "全国", "national", None, {}),
            unit_row("2021-11", "330000", "浙江省", "province", "000000", {})]
    for prefecture, count in missing.items():
        rows.append(unit_row("2021-11", prefecture, f"市{prefecture}", "prefecture", "330000",
                             {}))
        rows += [unit_row("2021-11", f"{prefecture[:4]}{i:02d}", "县", "county", prefecture,
                          {"reform_plan_issued": i > count}) for i in range(1, 7)]
    store = Store(write_periods(tmp_path / "data", {"2021-11": rows}))
    laggards = deadline_report(store, "330000", "2021-11").laggards
    assert [(g.code, g.without_plan, g.total) for g in laggards] == [
        ("330700", 5, 7), ("330200", 3, 7), ("330300", 3, 7), ("330500", 2, 7),
        ("330100", 1, 7)]


def test_a_node_below_county_has_no_levels(fixture_folder: Path) -> None:
    report = deadline_report(Store(fixture_folder), "429004001", "2021-11")
    assert (report.levels, report.laggards) == ([], [])
    assert verdict(report, "zh") == "此处没有地市级或县级协会"


def test_unknown_nodes_and_periods_are_errors(fixture_folder: Path) -> None:
    store = Store(fixture_folder)
    with pytest.raises(StoreError, match="999999"):
        deadline_report(store, "999999", "2021-11")
    with pytest.raises(StoreError, match="2021-12"):
        deadline_report(store, "000000", "2021-12")


def test_a_scoped_store_counts_inside_its_scope(fixture_folder: Path) -> None:
    store = Store(fixture_folder, scope="420000")
    assert deadline_report(store, "420000", "2021-11").levels[1].total == 3
    with pytest.raises(StoreError):
        deadline_report(store, "110000", "2021-11")


def test_the_module_is_headless() -> None:
    code = ("import sys, console.deadline, console.trends\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"
