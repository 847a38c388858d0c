"""Compare with a baseline: changes in the domain's direction, arrivals and closures."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from console.compare import AlertChange, alert_changes, compared
from console.display import Palette, display_table
from console.schema import BETTER, DRILL_VIEW, RANK_VIEW, Kind
from console.snapshots import write_snapshot
from console.store import Store, StoreError
from tests.fixtures import TREE, frame, unit_row

PALETTE = Palette(error="red", warning="yellow", success="green", muted="dim")


def test_every_compared_column_has_a_direction() -> None:
    numeric = {c.key for c in DRILL_VIEW + RANK_VIEW if c.kind not in (Kind.TEXT,)}
    assert numeric == set(BETTER)
    worse_when_higher = {"presidents_vacant", "elections_overdue", "hollow", "abolished",
                         "alerts_critical", "alerts_warning", "rank"}
    assert {k for k, v in BETTER.items() if v < 0} == worse_when_higher
    assert BETTER["units"] == 0
    assert all(BETTER[k] > 0 for k in BETTER if k.endswith("_rate"))


def test_changes_are_coloured_by_what_is_better(fixture_folder: Path) -> None:
    store = Store(fixture_folder)
    now, then = store.drill("420000", "2021-11"), store.drill("420000", "2021-10")
    shown = {r["代码"]: r for r in display_table(compared(now, then), "zh", PALETTE,
                                                    dt.date(2021, 11, 1)).to_pylist()}
    # 武汉市 issued its plan (better), lost an active unit, gained an abolished one (worse)
    assert shown["420100"]["方案"] == "[green]✓[/][green] ▲[/]"
    assert shown["420100"]["撤并"].endswith("[red]1[/][red] ▲1[/]")
    assert shown["420100"]["单位数"].endswith("[dim] ▼1[/]")  # neither better nor worse
    # 宜昌市's county plan rate fell by 100 points (worse)
    assert shown["420500"]["县级方案%"].endswith("0.0%[red] ▼100.0[/]")
    # 仙桃市's own plan did not change: no mark there
    assert shown["429004"]["方案"] == "[green]✓[/]"


def test_appeared_and_closed_units_are_marked(tmp_path: Path) -> None:
    def period(name: str, skip: set[str], overrides: dict[str, dict[str, object]]) -> None:
        rows = [unit_row(name, c, n, level, parent, overrides.get(c, {}))
                for c, n, level, parent in TREE if c not in skip]
        write_snapshot(frame(rows), tmp_path / f"{name}.parquet")

    period("2021-10", {"420502"}, {})  # 西陵区 does not exist yet
    period("2021-11", set(), {"420102": {"status": "merged"}})
    store = Store(tmp_path)
    rows = compared(store.drill("420500", "2021-11"), store.drill("420500", "2021-10"))
    assert rows.column("change_mark").to_pylist() == ["appeared"]
    rows = compared(store.drill("420100", "2021-11"), store.drill("420100", "2021-10"))
    assert dict(zip(rows.column("unit_code").to_pylist(),
                    rows.column("change_mark").to_pylist(), strict=True)) == {
        "420102": "closed", "420103": None}
    names = display_table(rows, "zh", PALETTE, dt.date(2021, 11, 1)).column("单位名称")
    assert names.to_pylist()[0] == "江岸区[red] ×撤并[/]"


def test_alert_changes_per_rule(fixture_folder: Path) -> None:
    store = Store(fixture_folder)
    changes = {c.rule: c for c in alert_changes(store, "000000", "2021-11", "2021-10")}
    # plan_missing: 武汉市 issued its plan (resolved); 东城区, 宜昌市, 西陵区 newly lack one
    assert changes["plan_missing"] == AlertChange("plan_missing", 3, 1, 0)
    assert changes["abolished"] == AlertChange("abolished", 1, 0, 0)


def test_alert_changes_of_every_subtree_match_its_two_alert_lists(fixture_folder: Path) -> None:
    store = Store(fixture_folder)
    for node in store.directory("2021-11").column("unit_code").to_pylist():
        try:
            before = store.alerts(node, "2021-10")
        except StoreError:  # not there a period earlier
            continue
        now = {(r["rule"], r["unit_code"]) for r in store.alerts(node, "2021-11").to_pylist()}
        then = {(r["rule"], r["unit_code"]) for r in before.to_pylist()}
        expected = [AlertChange(rule, sum(r == rule for r, _ in now - then),
                                sum(r == rule for r, _ in then - now),
                                sum(r == rule for r, _ in now & then))
                    for rule in sorted({r for r, _ in now | then})]
        assert alert_changes(store, node, "2021-11", "2021-10") == expected, node
