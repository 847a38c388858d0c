"""A rule's unit list kept in DuckDB (console.rule_list): the same units as the alerts of
the subtree, searched and sorted as the screen asks, read a stretch at a time."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from console.drill import Sort
from console.finder import initials
from console.rule_list import RuleList
from console.snapshots import manifest_entry, write_manifest, write_snapshot
from console.store import Store
from tests.fixtures import PERIODS, frame, rows_for

SHOWN = ("unit_code", "unit_name", "level", "province", "prefecture", "county", "severity",
         "detail")
GRAVE = {"critical": 0, "warning": 1, "info": 2}


def whole(units: RuleList) -> list[dict[str, object]]:
    """Every row of the list as ordered, read in stretches of 2 (as a table reads blocks)."""
    rows: list[dict[str, object]] = []
    for first in range(0, units.shown, 2):
        rows += units.rows(first, 2).to_pylist()
    assert [row["position"] for row in rows] == list(range(units.shown))
    return [{key: row[key] for key in SHOWN} for row in rows]


def subtree_alerts(store: Store, period: str, node: str, rule: str) -> list[dict[str, object]]:
    """The rule's alerts in the subtree of `node`, worked out here from the period's rows:
    each alerted unit's ancestors walked up by parent code, its province, prefecture and
    county named from them; critical first, then by unit code."""
    units = {row["unit_code"]: row for row in pq.read_table(store.files_of(period)[0]).to_pylist()}
    cursor = store.cursor()
    fired = cursor.execute("SELECT unit_code, severity, detail FROM alerts "
                           "WHERE period = $period AND rule = $rule",
                           {"period": store.check_period(period), "rule": rule}).fetchall()
    cursor.close()
    found = []
    for code, severity, detail in fired:
        line, at = [], code
        while at is not None and at in units:  # up to the scope's root: all it knows
            line.append(units[at])
            at = None if at == store.root else units[at]["parent_code"]
        if node not in [unit["unit_code"] for unit in line]:
            continue
        names = {unit["level"]: unit["unit_name"] for unit in line}
        found.append({"unit_code": code, "unit_name": units[code]["unit_name"],
                      "level": units[code]["level"], "province": names.get("province"),
                      "prefecture": names.get("prefecture"), "county": names.get("county"),
                      "severity": severity, "detail": detail})
    return sorted(found, key=lambda row: (GRAVE[str(row["severity"])], row["unit_code"]))


VILLAGE = "429004001001"


def with_a_village_gap(folder: Path) -> Path:
    """The fixture with its village's president not reported in every period (数据缺报): an
    alert below every level, and the only one of a console confined to the village."""
    for period in PERIODS:
        rows = [{**row, "president_in_place": None} if row["unit_code"] == VILLAGE else row
                for row in rows_for(period)]
        write_snapshot(frame(rows), folder / f"{period}.parquet")
    write_manifest(folder, [manifest_entry(folder / f"{p}.parquet") for p in PERIODS])
    return folder


@pytest.mark.parametrize("scope", [None, "420000", VILLAGE])
def test_every_rule_of_every_node_lists_the_subtrees_alerts(fixture_folder: Path,
                                                            scope: str | None) -> None:
    store = Store(with_a_village_gap(fixture_folder), scope, keep_derived=False)
    period = store.latest
    nodes = [row["unit_code"] for row in store.directory(period).to_pylist()]
    assert any(len(node) == 12 for node in nodes)  # a village's list: its own alerts
    if scope == VILLAGE:  # a console confined to one village: its own alerts
        assert nodes == [scope]
    store.ensure_alerts(period)
    listed = 0
    for node in nodes:
        for rule in store.rules:
            expected = subtree_alerts(store, period, node, rule.id)
            units = RuleList(store, node, period, rule.id)
            assert units.units == units.shown == len(expected)
            assert whole(units) == expected, (node, rule.id)
            units.close()
            # the CLI's and the view filter's list: the same units, in the same order
            alerts = store.alerts(node, period, [rule.id]).to_pylist()
            assert [{key: row[key] for key in SHOWN} for row in alerts] == expected
            listed += len(expected)
    assert listed > (0 if scope == VILLAGE else 10)


def test_search_by_name_or_initials_and_sort_on_every_column(fixture_folder: Path) -> None:
    store = Store(fixture_folder, keep_derived=False)
    period = store.latest
    rule = max(store.rules, key=lambda r: len(store.alerts("000000", period, [r.id])))
    units = RuleList(store, "000000", period, rule.id)
    every = whole(units)
    assert len(every) >= 3
    for key in SHOWN:
        for descending in (False, True):
            units.order("", Sort(key, descending))
            rows = whole(units)
            assert sorted(rows, key=lambda r: str(r["unit_code"])) == sorted(
                every, key=lambda r: str(r["unit_code"]))
            values = [row[key] for row in rows if row[key] is not None]
            assert values == sorted(values, reverse=descending) or key == "level", key
            assert all(row[key] is None for row in rows[len(values):]), key  # NULLs last
    name = str(every[0]["unit_name"])
    for search in (name[1:3], initials(name)[:2], initials(name)[:2].upper()):
        assert units.order(search, Sort()) == len(whole(units))
        found = whole(units)
        assert found == [row for row in every
                         if search in str(row["unit_name"])
                         or initials(str(row["unit_name"])).startswith(search.lower())], search
    assert units.order("不存在的名字", Sort()) == 0 and whole(units) == []
    assert units.order("", Sort()) == len(every) and whole(units) == every
    units.close()
