"""Every rule on units that sit just inside and just outside it, counted by hand."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path
from typing import Any

import pytest

from console.alerts import RuleError, detail_text, load_rules, parse_rule
from console.schema import levels_label
from console.snapshots import write_snapshot
from console.store import Store
from tests.fixtures import frame, unit_row

D = dt.date
AS_OF = D(2021, 11, 30)

# (code, level, parent, overrides at 2021-11, quota at the baseline) → expected alerts
CASES: list[tuple[str, str, str, dict[str, Any], set[tuple[str, str]]]] = [
    ("110000", "province", "000000", {}, set()),
    ("120000", "province", "000000", {"president_in_place": False},
     {("president_vacant", "critical")}),
    ("110101", "county", "110000", {"reform_plan_issued": False},
     {("plan_missing", "critical")}),
    ("110102", "county", "110000", {"status": "abolished", "reform_plan_issued": False},
     {("abolished", "critical")}),
    ("110103", "county", "110000", {"activities_12m": 0}, {("signboard_only", "critical")}),
    ("110104", "county", "110000", {"activities_12m": 0, "signboard": False},
     {("drawer_only", "critical")}),
    ("110105", "county", "110000", {"president_in_place": False, "leader_functional": False},
     {("leader_absent", "critical"), ("president_vacant", "warning")}),
    ("110106", "county", "110000", {"president_in_place": False},
     {("president_vacant", "warning")}),
    ("110107", "county", "110000", {"last_election": D(2016, 12, 1)}, set()),  # 5 y − a day
    ("110108", "county", "110000", {"last_election": D(2016, 11, 29)},
     {("election_overdue", "warning")}),  # 5 years and a day
    ("110109", "county", "110000", {"last_election": D(2015, 11, 30)},
     {("election_overdue", "warning")}),  # a year past due, not more
    ("110110", "county", "110000", {"last_election": D(2015, 11, 29)},
     {("election_overdue", "critical")}),
    ("110111", "county", "110000", {"pilot_batch": 2, "reform_plan_issued": False},
     {("pilot_lagging", "warning"), ("plan_missing", "critical")}),
    ("110112", "county", "110000", {"pilot_batch": 2}, set()),
    ("110113", "county", "110000", {"mass_org_listed": False}, {("not_listed", "warning")}),
    ("110114", "county", "110000", {"staff_quota": 4}, {("staff_cut", "warning")}),
    ("110115", "county", "110000", {"staff_quota": 6}, set()),
    ("110116", "county", "110000", {"budget_guaranteed": False}, {("no_budget", "warning")}),
    ("110117", "county", "110000", {"civil_servant_managed": False, "party_group": False,
                                     "three_fixed_done": False},
     {("not_civil_servant_managed", "info"), ("no_party_group", "info"),
      ("three_fixed_pending", "info")}),
    # a NULL never fires a rule: it is its own finding
    ("110118", "county", "110000", {"president_in_place": None, "reform_plan_issued": None,
                                     "activities_12m": None},
     {("data_missing", "info")}),
    ("110119001", "township", "110101", {"activities_12m": 0, "rules_on_wall": True},
     {("wall_only", "critical")}),
    ("110119002", "township", "110101", {"status": "merged"}, {("abolished", "critical")}),
    ("110119003", "township", "110101", {"last_election": D(2010, 1, 1)},
     {("election_overdue", "critical")}),
    ("110119001001", "village", "110119001", {"activities_12m": 0, "signboard": False,
                                              "rules_on_wall": False},
     {("drawer_only", "critical")}),
    ("110119001002", "village", "110119001", {"status": "abolished"}, set()),
    ("110119001003", "village", "110119001", {"last_election": D(2010, 1, 1)}, set()),
    ("110119001004", "village", "110119001", {"activities_12m": 0, "signboard": None,
                                              "rules_on_wall": False},
     {("data_missing", "info")}),
]


def write_cases(folder: Path) -> Path:
    """The cases at 2021-11 and a baseline at 2021-10 where every quota is 5."""
    folder.mkdir(parents=True, exist_ok=True)
    for period in ("2021-10", "2021-11"):
        rows = [unit_row(period, "000000", "全国", "national", None, {})]
        for code, level, parent, overrides, _ in CASES:
            rows.append(unit_row(period, code, f"单位{code}", level, parent,
                                 overrides if period == "2021-11" else {}))
        write_snapshot(frame(rows), folder / f"{period}.parquet")
    return folder


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(write_cases(tmp_path / "cases"))


def fired(store: Store, node: str = "000000") -> dict[str, set[tuple[str, str]]]:
    found: dict[str, set[tuple[str, str]]] = {}
    for row in store.alerts(node, "2021-11").to_pylist():
        found.setdefault(row["unit_code"], set()).add((row["rule"], row["severity"]))
    return found


def test_sixteen_rules_load_without_problems(store: Store) -> None:
    assert len(store.rules) == 16
    assert store.rule_problems == []


@pytest.mark.parametrize(("code", "expected"), [(c[0], c[4]) for c in CASES],
                         ids=[c[0] for c in CASES])
def test_rule_edges(store: Store, code: str, expected: set[tuple[str, str]]) -> None:
    assert fired(store).get(code, set()) == expected


def test_details_name_the_values(store: Store) -> None:
    details = {(r["unit_code"], r["rule"]): r["detail"]
               for r in store.alerts("000000", "2021-11").to_pylist()}
    assert details["110108", "election_overdue"] == "last_election=2016-11-29; overdue_days=1"
    assert details["110101", "plan_missing"] == "reform_plan_issued=false; days_to_deadline=31"
    assert details["110114", "staff_cut"] == "staff_quota=4; baseline_staff_quota=5"
    assert details["110118", "data_missing"] == (
        "missing=activities_12m,president_in_place,reform_plan_date,reform_plan_issued")
    assert detail_text(details["110114", "staff_cut"], "zh") == "机关编制 4；基期编制 5"
    assert detail_text("reform_plan_issued=false", "en") == "Reform plan issued false"


@pytest.mark.parametrize(("days", "severity"), [(61, "warning"), (60, "critical"),
                                                (59, "critical")])
def test_plan_deadline_edges(tmp_path: Path, days: int, severity: str) -> None:
    store = Store(write_cases(tmp_path / "cases"), deadline=AS_OF + dt.timedelta(days=days))
    assert fired(store)["110101"] == {("plan_missing", severity)}


def test_alerts_stay_in_the_subtree(store: Store) -> None:
    below = fired(store, "110101")
    assert set(below) == {"110119001", "110119002", "110119003", "110119001001",
                          "110119001004"} | {"110101"}
    rows = store.alerts("110119001", "2021-11").to_pylist()
    assert {r["county"] for r in rows} == {"单位110101"}
    assert {r["province"] for r in rows} == {"单位110000"}


def test_hollow_rules_partition_hollow_units(tmp_path: Path) -> None:
    rows = [unit_row("2021-11", "000000", "全国", "national", None, {}),
            unit_row("2021-11", "110000", "省", "province", "000000", {})]
    combos = itertools.product(["prefecture", "county", "township", "village"],
                               [True, False], [True, False], [0, 3])
    parents = {"prefecture": "110000", "county": "110000", "township": "110000",
               "village": "110000"}
    hollow: set[str] = set()
    for index, (level, signboard, wall, activities) in enumerate(combos):
        code = f"{110100 + index:06d}" if level in ("prefecture", "county") else (
            f"110000{index:03d}" if level == "township" else f"110000000{index:03d}")
        rows.append(unit_row("2021-11", code, f"u{index}", level, parents[level],
                             {"signboard": signboard, "rules_on_wall": wall,
                              "activities_12m": activities}))
        if activities == 0:
            hollow.add(code)
    # villages may hang under the province for this test: levels may be skipped
    write_snapshot(frame(rows), tmp_path / "2021-11.parquet")
    store = Store(tmp_path)
    assert store.problems == []
    kinds: dict[str, list[str]] = {}
    for row in store.alerts("000000", "2021-11",
                            ["signboard_only", "wall_only", "drawer_only"]).to_pylist():
        kinds.setdefault(row["unit_code"], []).append(row["rule"])
    assert set(kinds) == hollow
    assert all(len(rules) == 1 for rules in kinds.values())


def test_panel_counts_equal_the_alert_rows(store: Store) -> None:
    for node in ("000000", "110000", "110101"):
        counts: dict[str, int] = {}
        for row in store.rule_counts(node, "2021-11").to_pylist():
            counts[row["rule"]] = counts.get(row["rule"], 0) + row["units"]
        listed: dict[str, int] = {}
        for row in store.alerts(node, "2021-11").to_pylist():
            listed[row["rule"]] = listed.get(row["rule"], 0) + 1
        assert counts == listed


def test_drill_rows_count_critical_and_warning_alerts(store: Store) -> None:
    (province,) = [r for r in store.drill("000000", "2021-11").to_pylist()
                   if r["unit_code"] == "110000"]
    severities = [s for unit in fired(store, "110000").values() for _, s in unit]
    assert province["alerts_critical"] == severities.count("critical")
    assert province["alerts_warning"] == severities.count("warning")


def test_extra_rule_folder_adds_overrides_and_reports_broken(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "few_members.sql").write_text(
        "-- id: few_members\n-- zh: 会员过少\n-- en: Few members\n-- severity: info\n"
        "-- levels: county\n-- meaning: fewer than 10 members\n"
        "SELECT unit_code, NULL AS severity, 'members=' || members AS detail\n"
        "FROM units WHERE members < 10;\n", encoding="utf-8")
    (rules / "no_header.sql").write_text("SELECT 1", encoding="utf-8")
    (rules / "bad_sql.sql").write_text(
        "-- id: bad_sql\n-- zh: 坏\n-- en: Bad\n-- severity: warning\n-- levels: county\n"
        "-- meaning: refers to a column that does not exist\n"
        "SELECT unit_code, NULL AS severity, no_such_column AS detail FROM units\n",
        encoding="utf-8")
    (rules / "no_budget.sql").write_text(
        "-- id: no_budget\n-- zh: 无经费\n-- en: No budget\n-- severity: critical\n"
        "-- levels: county\n-- meaning: a province's sharper version\n"
        "SELECT unit_code, NULL AS severity, 'budget_guaranteed=false' AS detail\n"
        "FROM units WHERE NOT budget_guaranteed\n", encoding="utf-8")
    store = Store(write_cases(tmp_path / "cases"), rule_folders=[rules])
    found = fired(store)
    assert ("no_budget", "critical") in found["110116"]
    assert all(("few_members", "info") in found[c] for c in ("110101", "110113"))
    assert any(p.startswith(f"{rules / 'no_header.sql'}: header lacks id")
               for p in store.rule_problems)
    assert any(p.startswith(f"{rules / 'bad_sql.sql'}: does not run")
               for p in store.rule_problems)
    assert "bad_sql" not in {r.id for r in store.rules}
    assert {rule for rule, _ in found["110117"]} == {  # the other rules still run
        "few_members", "not_civil_servant_managed", "no_party_group", "three_fixed_pending"}


def test_missing_rule_folder_is_reported(tmp_path: Path) -> None:
    rules, problems = load_rules([tmp_path / "nowhere"])
    assert len(rules) == 16
    assert problems == [f"{tmp_path / 'nowhere'}: cannot read the rules folder "
                        f"(No such file or directory)"]


@pytest.mark.parametrize(("text", "problem"), [
    ("-- id: x\n-- zh: a\n-- en: b\n-- severity: fatal\n-- levels: county\n-- meaning: m\n"
     "SELECT 1", "severity 'fatal'"),
    ("-- id: x\n-- zh: a\n-- en: b\n-- severity: info\n-- levels: city\n-- meaning: m\n"
     "SELECT 1", "unknown level city"),
    ("-- id: X-1\n-- zh: a\n-- en: b\n-- severity: info\n-- levels: county\n-- meaning: m\n"
     "SELECT 1", "not a lower-case word"),
    ("-- id: x\n-- zh: a\n-- en: b\n-- severity: info\n-- levels: county\n-- meaning: m\n"
     "DELETE FROM alerts", "not a SELECT"),
])
def test_bad_headers(text: str, problem: str) -> None:
    with pytest.raises(RuleError, match=problem):
        parse_rule(text, "x.sql")


def test_a_rule_says_which_levels_its_count_covers() -> None:
    rules = {rule.id: rule for rule in load_rules()[0]}
    assert rules["president_vacant"].scope("zh") == "省–县"  # the summary's counts all levels
    assert rules["president_vacant"].scope("en") == "prov.–cnty"
    assert rules["pilot_lagging"].scope("zh") == "地、县"
    assert levels_label(("village", "county", "township"), "zh") == "县–村"
    assert rules["data_missing"].scope("zh") == ""  # every level: nothing to say
