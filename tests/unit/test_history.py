"""A unit's history told as changes."""

from __future__ import annotations

import datetime as dt

import pyarrow as pa

from console.history import Change, changes


def test_changes_keep_the_first_value_and_each_change() -> None:
    history = pa.table({
        "period": [dt.date(2021, m, 1) for m in (1, 2, 3, 4)],
        "president_in_place": [True, False, False, True],
    })
    assert changes(history, "president_in_place") == [
        Change("2021-01", True), Change("2021-02", False), Change("2021-04", True)]
