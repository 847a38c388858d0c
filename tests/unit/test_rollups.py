"""The store's rollups: built once per period, dropped when memory is short, never stale."""

from __future__ import annotations

from pathlib import Path

import pytest

import console.store as store_module
from console.snapshots import write_snapshot
from console.store import Store
from tests.fixtures import frame, rows_for


def views(store: Store, period: str) -> list[object]:
    """Everything the console reads of a period: drill views, a flattened view, rules."""
    return [store.view(node, period)[i].to_pylist()
            for node in ("000000", "420000", "429004") for i in (0, 1)] + [
        store.view("000000", period, level="county")[0].to_pylist(),
        store.rule_counts("420000", period).to_pylist()]


def test_a_period_is_built_once(fixture_folder: Path) -> None:
    store = Store(fixture_folder)
    store.view("000000", "2021-11")
    built = dict(store._rolled)
    store.view("420000", "2021-11")
    assert store._rolled == built == {"2021-11": len(rows_for("2021-11"))}  # every unit


def test_dropped_periods_come_back_the_same(fixture_folder: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    expected = {p: views(Store(fixture_folder), p) for p in ("2021-10", "2021-11")}
    monkeypatch.setattr(store_module, "ROLLUP_ROWS", 0)
    monkeypatch.setattr(store_module, "ROLLUP_PERIODS", 1)
    store = Store(fixture_folder)
    for period in ("2021-10", "2021-11", "2021-10", "2021-11"):
        assert views(store, period) == expected[period]
        assert list(store._rolled) == [period]  # the other one was dropped


def test_a_changed_file_is_never_shown_stale(fixture_folder: Path) -> None:
    store = Store(fixture_folder)
    (before,) = store.summary("000000", "2021-11").to_pylist()
    rows = rows_for("2021-11")
    for row in rows:
        if row["unit_code"] == "420100":
            row["president_in_place"] = not row["president_in_place"]
    write_snapshot(frame(rows), fixture_folder / "2021-11.parquet")
    store.reload()
    (after,) = store.summary("000000", "2021-11").to_pylist()
    assert abs(after["presidents_vacant"] - before["presidents_vacant"]) == 1
    assert after == Store(fixture_folder).summary("000000", "2021-11").to_pylist()[0]
