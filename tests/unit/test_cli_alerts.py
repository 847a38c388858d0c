"""The alerts command: every alert of a subtree as a table, CSV or JSON."""

from __future__ import annotations

import json
from pathlib import Path

from tests.unit.test_export import read_back, run_cli


def test_csv_with_chinese_headers(fixture_folder: Path) -> None:
    done = run_cli("alerts", "--data", str(fixture_folder), "--format", "csv")
    assert done.returncode == 0, done.stderr
    header, *rows = read_back(done.stdout)
    assert header == ["规则", "问题", "级别", "单位代码", "单位名称", "层级", "省", "地市", "县",
                      "详情"]
    plan = [dict(zip(header, r, strict=True)) for r in rows if r[0] == "plan_missing"]
    assert [r["单位代码"] for r in plan] == ["110101", "420500", "420502"]
    assert plan[1]["问题"] == "改革方案未出台" and plan[1]["级别"] == "严重"
    assert plan[1]["地市"] == "宜昌市" and plan[1]["县"] == ""
    assert plan[1]["详情"] == "改革方案出台 否；距截止日天数 31"
    assert len(rows) == 14


def test_json_with_rule_filter_and_subtree(fixture_folder: Path) -> None:
    done = run_cli("alerts", "--data", str(fixture_folder), "--at", "420000", "--rule",
                   "president_vacant", "--rule", "not_listed", "--format", "json")
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert {(a["rule"], a["unit_code"], a["severity"]) for a in found} == {
        ("president_vacant", "420102", "warning"), ("not_listed", "420100", "warning")}


def test_table_and_no_alerts(fixture_folder: Path) -> None:
    done = run_cli("alerts", "--data", str(fixture_folder), "--at", "429004001001",
                   "--header", "en")
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().split() == ["Rule", "Weak", "link", "Severity", "Unit", "code",
                                            "Unit", "Level", "Province", "Prefecture", "County",
                                            "Detail"]


def test_deadline_option_changes_severity(fixture_folder: Path) -> None:
    done = run_cli("alerts", "--data", str(fixture_folder), "--rule", "plan_missing",
                   "--deadline", "2022-06-30", "--format", "json")
    assert {a["severity"] for a in json.loads(done.stdout)} == {"warning"}


def test_extra_rules_folder(fixture_folder: Path, tmp_path: Path) -> None:
    (tmp_path / "tiny.sql").write_text(
        "-- id: tiny_staff\n-- zh: 人员过少\n-- en: Tiny staff\n-- severity: info\n"
        "-- levels: county\n-- meaning: fewer than 6 people\n"
        "SELECT unit_code, NULL AS severity, 'staff_actual=' || staff_actual AS detail\n"
        "FROM units WHERE staff_actual < 6\n", encoding="utf-8")
    done = run_cli("alerts", "--data", str(fixture_folder), "--rules", str(tmp_path),
                   "--rule", "tiny_staff", "--format", "json", "--at", "110000")
    assert done.returncode == 0, done.stderr
    assert [a["unit_code"] for a in json.loads(done.stdout)] == ["110101", "110102"]


def test_bad_input_is_one_line(fixture_folder: Path) -> None:
    cases = [
        (["--rule", "no_such_rule"], "no rule 'no_such_rule'"),
        (["--deadline", "end of year"], "deadline 'end of year' is not a date"),
        (["--at", "999999"], "unit 999999 is not in the data"),
        (["--period", "2030-01"], "period 2030-01 is not in"),
    ]
    for extra, message in cases:
        done = run_cli("alerts", "--data", str(fixture_folder), *extra)
        assert done.returncode == 1
        lines = done.stderr.decode().strip().splitlines()
        assert len(lines) == 1 and message in lines[0], lines
