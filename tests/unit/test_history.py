"""A unit's history told as changes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa

from console.history import Change, changes, subtree_history
from console.store import Store


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
