"""Every SQL file of queries/ runs against the fixture and returns the columns it promises."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from console import sql
from console.diff import COMPARED
from console.schema import DRILL_KEYS, LEVELS, SNAPSHOT_COLUMNS, STATUSES
from console.store import Store

ALL_COLUMNS = tuple(c.key for c in SNAPSHOT_COLUMNS)
P = dt.date(2021, 11, 1)

# name → (parameters, the columns it returns); the files' own headers say the same.
LATEST = "2021-11.parquet"
LOWEST_COLUMNS = (
    "unit_code", "parent_code", "unit_name", "level", "status", "reform_plan_issued",
    "president_in_place", "mass_org_listed", "civil_servant_managed", "party_group",
    "last_election", "staff_quota", "staff_quota_change", "units", "prefectures",
    "prefectures_plan", "prefectures_plan_reported", "prefectures_listed",
    "prefectures_listed_reported", "counties", "counties_plan", "counties_plan_reported",
    "counties_cs", "counties_cs_reported", "presidents_vacant", "elections_overdue", "hollow",
    "abolished", "prefectures_plan_rate", "counties_plan_rate", "prefectures_listed_rate",
    "counties_cs_rate", "alerts_critical", "alerts_warning")
READS: dict[str, tuple[dict[str, Any], tuple[str, ...]]] = {
    "drill/view": ({"node": "000000", "level": None, "period": P},
                   (*DRILL_KEYS, "lowest_children")),
    "drill/lowest_children": ({"node": "429004001", "period": P, "lowest": "village",
                               "period_files": [LATEST], "baseline_files": ["2021-10.parquet"],
                               "baseline": False, "alerts": True}, LOWEST_COLUMNS),
    "drill/lowest_in_subtree": ({"node": "429004001", "period": P, "lowest": "village",
                                 "period_files": [LATEST],
                                 "baseline_files": ["2021-10.parquet"], "baseline": False,
                                 "alerts": True},
                                LOWEST_COLUMNS),
    "alerting/own_counts_at": ({"period": P}, ("unit_code", "critical", "warning")),
    "unit/history": ({"code": "420000"}, ALL_COLUMNS),
    "unit/row": ({"code": "420000", "period_files": [LATEST]}, ALL_COLUMNS),
    "unit/ancestry": ({"code": "429004001", "period_files": [LATEST]},
                      ("depth", "unit_code", "unit_name", "level")),
    "unit/directory": ({"period_files": [LATEST]},
                       ("unit_code", "unit_name", "level", "parent_code", "parent_name",
                        "has_children")),
    "unit/children_count": ({"code": "420000", "period_files": [LATEST]}, ("children",)),
    "progress/plans_by_period": ({"node": "000000", "period": P, "since": None},
                                 ("period", "prefectures", "prefectures_without_plan",
                                  "counties", "counties_without_plan")),
    "progress/laggards": ({"node": "000000", "period_files": [LATEST], "top": 5},
                          ("unit_code", "unit_name", "level", "without_plan", "total")),
    "progress/child_series": ({"node": "000000"},
                              ("unit_code", "period", "prefectures_plan_rate",
                               "counties_plan_rate")),
    "diff/changes": ({"node": "000000", "first_files": ["2021-10.parquet"],
                      "second_files": [LATEST], "keys": list(COMPARED)},
                     ("unit_code", "unit_name", "level", "indicator", "old", "new")),
    "bench/full_scan": ({"period_files": [LATEST]}, ALL_COLUMNS),
    "unit/series_from_rollups": ({"code": "420000", "periods": [P]}, (
        "period", "prefectures_plan_rate",
        "counties_plan_rate", "presidents_vacant", "elections_overdue", "hollow")),
    "alerting/in_subtree": ({"node": "000000", "period": P, "period_files": [LATEST],
                             "rules": [], "lowest": "village"},
                            ("rule", "severity", "unit_code", "unit_name", "level", "province",
                             "prefecture", "county", "detail")),
    "alerting/changes": ({"node": "000000", "everything": True, "period": P,
                          "period_files": [LATEST],
                          "base": dt.date(2021, 10, 1), "base_files": ["2021-10.parquet"],
                          "lowest": "village"}, ("rule", "new", "resolved", "still_open")),
    "alerting/rule_counts": ({"node": "420000", "period": P},
                             ("rule", "severity", "units")),
    "alerting/of_unit": ({"code": "110000", "period": P}, ("rule", "severity", "detail")),
    "alerting/units_breaking": ({"period": P, "rules": ["plan_missing"],
                                 "codes": ["110000", "420000", "420502"]},
                                ("unit_code", "units")),
}
VALIDATION: dict[str, tuple[str, ...]] = {
    "validate/files": ("file", "rows", "min_period", "max_period", "missing_required",
                       "bad_level", "bad_status", "roots", "first_root", "duplicate_code",
                       "copies", "duplicated_codes", "orphan_code", "orphan_parent", "orphans",
                       "misplaced_code", "misplaced_level", "misplaced_parent",
                       "misplaced_parent_level", "misplaced"),
}
# Statements the store runs when it opens (checked through what they create).
SETUP = {"store/read_snapshots", "store/snapshot_of_unscoped", "store/snapshot_of_scoped",
         "store/scope_units", "store/clear_scope", "store/snapshot", "store/set_files",
         "alerting/create_tables",
         "alerting/add_indicator_levels", "alerting/prepare_units", "alerting/evaluate",
         "alerting/clear_period", "rollup/create_tables", "rollup/build", "rollup/clear_period",
         "rollup/build_rule_rollups", "rollup/fold_alerts", "rollup/clear_alerts",
         "rollup/keys", "rollup/forget", "rollup/remember", "rollup/stage", "rollup/sum_level",
         "rollup/drop_stage", "rollup/path_level", "alerting/drop_units", "rollup/unit_rows",
         "alerting/subtree_alerts", "alerting/own_counts"}
# What console.history runs over a temporary table of its own (tests/unit/test_history.py).
HISTORY = {"unit/members_start", "unit/members_step", "unit/members_above_lowest",
           "unit/series_files", "unit/series_of_all", "unit/series_of_members",
           "unit/series_of_unit", "unit/series_end", "unit/subtree_series"}
# A rule's unit list, over temporary tables of its own (tests/unit/test_rule_list.py).
RULE_LIST = {name for name in sql.names() if name.startswith("alerting/rule_list")}
# A long view's scratch table and the scratch database (tests/unit/test_paged_view.py).
PAGED = {name for name in sql.names() if name.startswith(("paged/", "scratch/"))}
# The rule catalogue (tests/unit/test_alert_rules.py runs every rule).
RULES = {name for name in sql.names() if name.startswith("alerts/")}


def test_every_query_file_is_covered() -> None:
    assert set(sql.names()) == (set(READS) | set(VALIDATION) | SETUP | HISTORY | RULE_LIST
                                | PAGED | RULES)
    assert len(RULES) == 16


def test_every_query_file_has_a_header() -> None:
    for name in set(sql.names()) - RULES:
        text = sql.load(name)
        assert text.startswith(f"-- name: {name}\n"), name
        assert "$" not in text.split("\n", 1)[0]


@pytest.mark.parametrize("name", sorted(READS))
def test_read_query_columns(fixture_folder: Path, name: str) -> None:
    params, columns = READS[name]
    params = {k: [str(fixture_folder / f) for f in v] if k.endswith("_files") else v
              for k, v in params.items()}
    store = Store(fixture_folder)
    store.ensure_alerts("2021-11")
    cursor = store.cursor()
    relation = cursor.sql(sql.load(name), params=params)
    assert relation is not None
    table = relation.to_arrow_table()
    assert tuple(table.column_names) == columns
    assert table.num_rows > 0


@pytest.mark.parametrize("name", sorted(VALIDATION))
def test_validation_query_columns(fixture_folder: Path, name: str) -> None:
    cursor = Store(fixture_folder).cursor()
    params: dict[str, Any] = {"files": [str(p) for p in sorted(fixture_folder.glob("*.parquet"))]}
    params["levels"], params["statuses"] = list(LEVELS), list(STATUSES)
    result = cursor.execute(sql.load(name), params)
    assert tuple(d[0] for d in result.description) == VALIDATION[name]


def test_snapshot_view_matches_the_schema(fixture_folder: Path) -> None:
    cursor = Store(fixture_folder).cursor()
    described = cursor.execute("DESCRIBE snapshot").fetchall()
    assert [(row[0], row[1]) for row in described] == [
        (c.key, c.type.value) for c in SNAPSHOT_COLUMNS]


def test_scope_tables(fixture_folder: Path) -> None:
    cursor = Store(fixture_folder, scope="110000").cursor()
    codes = cursor.execute("SELECT DISTINCT unit_code FROM snapshot ORDER BY 1").fetchall()
    assert [c[0] for c in codes] == ["110000", "110101", "110102"]
