"""The store's rollups: built once per period, kept for the next start, never stale."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import console.store as store_module
from console.derived import DERIVED_VERSION, derived_path
from console.snapshots import write_snapshot
from console.store import Store
from tests.fixtures import frame, rows_for

VILLAGE = "429004001001"  # the fixture's one unit of the lowest level


def views(store: Store, period: str) -> list[object]:
    """Everything the console reads of a period: drill views, a flattened view, rules."""
    return [store.view(node, period)[i].to_pylist()
            for node in ("000000", "420000", "429004", "429004001", VILLAGE) for i in (0, 1)
            ] + [store.view("000000", period, level=level)[0].to_pylist()
                 for level in ("county", "village")] + [
        store.rule_counts(node, period).to_pylist() for node in ("420000", VILLAGE)]


def test_a_period_is_built_once(fixture_folder: Path) -> None:
    store = Store(fixture_folder)
    store.view("000000", "2021-11")
    built = dict(store._rolled)
    store.view("420000", "2021-11")
    # every unit but those of the lowest level, which drill/view reads from the file
    kept = [row for row in rows_for("2021-11") if row["level"] != "village"]
    assert store._rolled == built == {"2021-11": len(kept)}


def test_a_view_without_alerts_does_not_wait_for_rules_under_way(
        fixture_folder: Path) -> None:
    store = Store(fixture_folder)
    store.ensure_rollups("2021-11")
    assert not store.alerts_ready("2021-11")
    shown: list[object] = []
    with store._alert_lock, store._rollup_lock:  # as the rules and their counts hold them
        viewer = threading.Thread(target=lambda: shown.append(
            store.view("420000", "2021-11", alerts=False)))
        viewer.start()
        viewer.join(10)
        assert shown  # it did not wait for the locks
    rows, _ = store.view("420000", "2021-11", alerts=False)
    assert rows.column("alerts_critical").null_count == rows.num_rows
    store.ensure_alerts("2021-11")
    assert store.alerts_ready("2021-11")


def test_units_of_the_lowest_level_show_their_own_row(fixture_folder: Path) -> None:
    weak = {"president_in_place": False, "budget_guaranteed": False, "signboard": False}
    rows = [dict(row, **weak) if row["unit_code"] == VILLAGE else row
            for row in rows_for("2021-11")]
    write_snapshot(frame(rows), fixture_folder / "2021-11.parquet")
    store = Store(fixture_folder)
    children, township = store.view("429004001", "2021-11")
    (village,) = children.to_pylist()
    (flattened,) = store.view("000000", "2021-11", level="village")[0].to_pylist()
    alone, summary = store.view(VILLAGE, "2021-11")
    assert village == flattened == summary.to_pylist()[0] and alone.num_rows == 0
    own = store.unit_alerts(VILLAGE, "2021-11").to_pylist()
    assert own and village["unit_code"] == VILLAGE and village["presidents_vacant"] == 1
    assert village["alerts_critical"] == sum(a["severity"] == "critical" for a in own)
    assert village["alerts_warning"] == sum(a["severity"] == "warning" for a in own)
    counts = store.rule_counts(VILLAGE, "2021-11").to_pylist()
    assert sorted((c["rule"], c["units"]) for c in counts) == sorted(
        (a["rule"], 1) for a in own)
    # and they count in every subtree above them, as the units kept do
    assert township.to_pylist()[0]["units"] == 1 + village["units"]
    above = {(c["rule"], c["severity"]): c["units"]
             for c in store.rule_counts("429004001", "2021-11").to_pylist()}
    assert all(above.get((a["rule"], a["severity"]), 0) >= 1 for a in own)


def test_dropped_periods_come_back_the_same(fixture_folder: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    later = [dict(row, period=dt.date(2021, 12, 1)) for row in rows_for("2021-11")]
    write_snapshot(frame(later), fixture_folder / "2021-12.parquet")
    periods = ("2021-10", "2021-11", "2021-12")
    expected = {p: views(Store(fixture_folder, keep_derived=False), p) for p in periods}
    monkeypatch.setattr(store_module, "ROLLUP_ROWS", 0)
    monkeypatch.setattr(store_module, "ROLLUP_PERIODS", 1)
    store = Store(fixture_folder)
    steps = [("2021-11", {"2021-11"}),
             ("2021-12", {"2021-12"}),  # the middle period dropped for the latest
             ("2021-10", {"2021-10", "2021-12"}),  # the first and the latest always stay
             ("2021-11", {"2021-10", "2021-11", "2021-12"}),  # as does the one in use
             ("2021-12", {"2021-10", "2021-11", "2021-12"})]
    for period, rolled in steps:
        assert views(store, period) == expected[period]
        assert set(store._rolled) == rolled
    store.close()
    again = Store(fixture_folder)  # and the derived file says the same
    assert set(again._rolled) <= {"2021-10", "2021-11", "2021-12"}
    for period in periods:
        assert views(again, period) == expected[period]


def test_rollups_built_without_alerts_never_pass_for_counted(
        fixture_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    later = [dict(row, period=dt.date(2021, 12, 1)) for row in rows_for("2021-11")]
    write_snapshot(frame(later), fixture_folder / "2021-12.parquet")
    expected = views(Store(fixture_folder, keep_derived=False), "2021-11")
    monkeypatch.setattr(store_module, "ROLLUP_ROWS", 0)
    monkeypatch.setattr(store_module, "ROLLUP_PERIODS", 1)
    first = Store(fixture_folder)
    views(first, "2021-11")
    views(first, "2021-12")  # 2021-11's rollups dropped; its alerts are kept
    first.close()
    second = Store(fixture_folder)
    second.view("000000", "2021-11", alerts=False)  # built again, without alert counts
    second.close()
    monkeypatch.setattr(store_module, "ROLLUP_ROWS", 10**9)  # the next start keeps
    monkeypatch.setattr(store_module, "ROLLUP_PERIODS", 10)  # every period it finds
    assert views(Store(fixture_folder), "2021-11") == expected


def test_a_scope_is_worked_out_once_per_file(fixture_folder: Path) -> None:
    first = Store(fixture_folder, scope="420000")
    assert [r["unit_code"] for r in first.drill("420000", "2021-11").to_pylist()] == [
        "420100", "420500", "429004"]
    first.close()
    again = Store(fixture_folder, scope="420000")
    kept = again.query("rollup/keys", {}).to_pylist()
    assert {r["period"] for r in kept if r["part"] == "scope"} == {"2021-10", "2021-11"}
    again.close()
    rows = rows_for("2021-11")
    for row in rows:
        if row["unit_code"] == "420500":  # 宜昌市 leaves 湖北省 (and takes 西陵区 along)
            row["parent_code"] = "110000"
    write_snapshot(frame(rows), fixture_folder / "2021-11.parquet")
    later = Store(fixture_folder, scope="420000")
    assert [r["unit_code"] for r in later.drill("420000", "2021-11").to_pylist()] == [
        "420100", "429004"]
    assert [r["unit_code"] for r in later.drill("420000", "2021-10").to_pylist()] == [
        "420100", "420500", "429004"]  # the period before still has it


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


def test_the_next_start_reads_what_was_worked_out(fixture_folder: Path) -> None:
    first = Store(fixture_folder)
    expected = views(first, "2021-11")
    first.close()
    again = Store(fixture_folder)
    assert again.derived == derived_path(fixture_folder, None) and again.derived.is_file()
    assert list(again._rolled) == ["2021-11"] and again._alerted == {"2021-11"}
    assert views(again, "2021-11") == expected


def test_a_file_changed_between_starts_is_worked_out_again(fixture_folder: Path) -> None:
    Store(fixture_folder).view("000000", "2021-11")
    rows = rows_for("2021-11")
    for row in rows:
        row["president_in_place"] = True
    write_snapshot(frame(rows), fixture_folder / "2021-11.parquet")
    again = Store(fixture_folder)
    assert "2021-11" not in again._rolled and again._alerted == set()
    assert again.summary("000000", "2021-11").column("presidents_vacant")[0].as_py() == 0
    assert views(again, "2021-11") == views(Store(fixture_folder, keep_derived=False),
                                            "2021-11")


def test_other_rules_mean_other_alerts(fixture_folder: Path) -> None:
    Store(fixture_folder).view("000000", "2021-11")
    later = Store(fixture_folder, deadline=dt.date(2030, 1, 1))
    assert "2021-11" in later._rolled and later._alerted == set()  # rollups still hold
    assert views(later, "2021-11") == views(
        Store(fixture_folder, deadline=dt.date(2030, 1, 1), keep_derived=False), "2021-11")


def test_a_period_whose_file_is_gone_is_dropped(fixture_folder: Path) -> None:
    first = Store(fixture_folder)
    for period in first.periods:
        first.view("000000", period)
    first.close()
    (fixture_folder / "2021-10.parquet").unlink()
    again = Store(fixture_folder)
    kept = again.query("rollup/keys", {}).column("period").to_pylist()
    assert set(kept) == {"2021-11"}


def test_a_damaged_derived_file_is_made_anew(fixture_folder: Path) -> None:
    path = derived_path(fixture_folder, None)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"not a database" * 100)
    store = Store(fixture_folder)
    assert store.derived == path
    assert views(store, "2021-11") == views(Store(fixture_folder, keep_derived=False),
                                            "2021-11")


def test_a_derived_file_in_use_elsewhere_leaves_this_store_in_memory(
        fixture_folder: Path) -> None:
    path = derived_path(fixture_folder, None)
    path.parent.mkdir(parents=True, exist_ok=True)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
         "print('open', flush=True); time.sleep(60)", str(path)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "open\n"
        store = Store(fixture_folder)
        assert store.derived is None
        assert views(store, "2021-11") == views(Store(fixture_folder, keep_derived=False),
                                                "2021-11")
    finally:
        holder.kill()
        holder.wait()


def test_files_of_an_earlier_layout_are_deleted(fixture_folder: Path) -> None:
    path = derived_path(fixture_folder, None)
    path.parent.mkdir(parents=True, exist_ok=True)
    older = path.with_name(path.name.replace(f"-v{DERIVED_VERSION}", "-v0"))
    older.write_bytes(b"an earlier layout")
    Store(fixture_folder)
    assert path.is_file() and not older.exists()
