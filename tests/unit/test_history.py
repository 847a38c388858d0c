"""A unit's history told as changes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa
import pytest

from console.history import SUBTREE_SERIES, Change, changes, subtree_history, unit_detail
from console.store import Store, StoreError


def test_changes_keep_the_first_value_and_each_change() -> None:
    history = pa.table({
        "period": [dt.date(2021, m, 1) for m in (1, 2, 3, 4)],
        "president_in_place": [True, False, False, True],
    })
    assert changes(history, "president_in_place") == [
        Change("2021-01", True), Change("2021-02", False), Change("2021-04", True)]


def test_subtree_history_follows_the_unit_over_periods(fixture_folder: Path) -> None:
    history = subtree_history(Store(fixture_folder), "000000").to_pylist()
    assert [row["period"] for row in history] == ["2021-10", "2021-11"]
    # the same figures as the drill view's summary of the nation, period by period
    latest = history[1]
    assert latest["counties_plan_rate"] == 0.6 and latest["prefectures_plan_rate"] == 0.5
    assert (latest["presidents_vacant"], latest["elections_overdue"], latest["hollow"]) == (
        3, 2, 2)
    assert history[0]["prefectures_plan_rate"] == 0.5  # 武汉市 had none, 宜昌市 had one


def _summaries(store: Store, code: str) -> list[dict[str, object]]:
    """The code's SUBTREE_SERIES in every period where it exists, from the drill view."""
    found = []
    for period in store.periods:
        try:
            row = store.view(code, period, alerts=False)[1].to_pylist()[0]
        except StoreError:
            continue
        found.append({"period": period, **{key: row[key] for key in SUBTREE_SERIES}})
    return found


@pytest.mark.parametrize("scope", [None, "420000"])
def test_subtree_history_is_the_drill_views_summary_from_files_and_rollups(
        fixture_folder: Path, scope: str | None) -> None:
    """Summed from the files (no rollups held) or read from the rollups, the history of
    every unit, a village's too, is its summary line in each period's drill view."""
    from_files = Store(fixture_folder, scope, keep_derived=False)
    assert from_files.rollups_held() == []
    units = from_files.directory(from_files.latest).select(["unit_code", "level"]).to_pylist()
    codes = [unit["unit_code"] for unit in units]
    assert "village" in {unit["level"] for unit in units}
    # a village's from its own rows when its level is known, else as any other unit's
    histories = {unit["unit_code"]: subtree_history(from_files, unit["unit_code"],
                                                    level=unit["level"]).to_pylist()
                 for unit in units}
    from_files.memo.clear()
    assert {code: subtree_history(from_files, code).to_pylist() for code in codes} == histories
    from_files.memo.clear()  # a village's from the rows the detail read (Store.history)
    assert {unit["unit_code"]: subtree_history(
        from_files, unit["unit_code"], level=unit["level"],
        own=from_files.history(unit["unit_code"])).to_pylist() for unit in units} == histories
    assert from_files.rollups_held() == []  # nothing was built to answer
    from_rollups = Store(fixture_folder, scope, keep_derived=False)
    for period in from_rollups.periods:
        from_rollups.ensure_rollups(period)
    for code in codes:
        expected = _summaries(from_rollups, code)
        assert histories[code] == expected, code
        assert subtree_history(from_rollups, code).to_pylist() == expected, code


def test_unit_detail_reads_what_the_detail_shows(fixture_folder: Path) -> None:
    store = Store(fixture_folder, keep_derived=False)
    for code in ("000000", "429004", "429004001001"):
        found = unit_detail(store, code, "2021-11")
        assert found.row == store.row(code, "2021-11")
        assert found.history.equals(store.history(code))
        assert found.path == store.ancestry(code, "2021-11")
        assert found.alerts.equals(store.unit_alerts(code, "2021-11"))
        assert found.series.equals(subtree_history(store, code))
