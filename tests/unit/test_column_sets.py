"""Column sets: what a table and an export show of a view, level by level."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from console.column_sets import (
    BY_KEY,
    COLUMN_SETS,
    DEFAULT,
    TREND,
    UnknownSet,
    column_set,
    next_set,
    remember_set,
    remembered_set,
    written,
)
from console.schema import DRILL_KEYS, RANK_VIEW, VIEW_COLUMNS
from console.settings import settings_path

EVERY = [*DRILL_KEYS, *(c.key for c in RANK_VIEW)]


def test_every_set_names_columns_of_the_view() -> None:
    for found in COLUMN_SETS:
        assert all(k == TREND or k in VIEW_COLUMNS for k in found.columns), found.key
        assert len(set(found.columns)) == len(found.columns), found.key
    assert len({s.key for s in COLUMN_SETS}) == len({s.zh for s in COLUMN_SETS}) == len(
        COLUMN_SETS)
    assert set(BY_KEY["all"].columns) - {TREND} == set(EVERY)  # 全部: every column


def test_a_set_is_found_by_key_or_either_name() -> None:
    assert column_set("staffing") is column_set("人员") is column_set("STAFFING")
    with pytest.raises(UnknownSet, match=r"'foo'.*overview, progress"):
        column_set("foo")


def test_the_key_cycles_round_the_sets() -> None:
    keys = [s.key for s in COLUMN_SETS]
    assert next_set(DEFAULT) == keys[1] and next_set(keys[-1]) == keys[0]
    assert next_set(keys[0], -1) == keys[-1] and next_set("gone") == keys[1]


def test_the_columns_of_a_set_follow_the_levels_of_the_rows() -> None:
    overview = BY_KEY["overview"]
    provinces = overview.keys(EVERY, ["province"])
    assert provinces[:5] == ["unit_name", "counties_plan_rate", "prefectures_plan_rate",
                             "presidents_vacant", "elections_overdue"]
    # a township's subtree holds no prefecture or county: those rates are no numbers
    townships = overview.keys(EVERY, ["township"])
    assert "counties_plan_rate" not in townships and "prefectures_plan_rate" not in townships
    assert townships[:3] == ["unit_name", "presidents_vacant", "elections_overdue"]
    counties = overview.keys(EVERY, ["county", "township"])  # a skipped level: both
    assert "counties_plan_rate" in counties and "prefectures_plan_rate" not in counties
    # a column the rows lack is left out (a flattened view has no rank); the trend stays
    flat = BY_KEY["progress"].keys(DRILL_KEYS, ["county"])
    assert "rank" not in flat and TREND in flat


def test_an_export_writes_the_code_the_name_and_the_set() -> None:
    shown = BY_KEY["overview"].keys(EVERY, ["province"])
    assert written(shown) == ["unit_code", *[k for k in shown if k != TREND]]
    assert written(BY_KEY["all"].keys(EVERY, ["province"]))[:3] == [
        "unit_code", "unit_name", "level"]


def test_the_set_chosen_is_remembered() -> None:
    assert remembered_set() == DEFAULT
    remember_set("vitality")
    assert remembered_set() == "vitality"
    assert json.loads(settings_path().read_text(encoding="utf-8")) == {"columns": "vitality"}
    settings_path().write_text('{"columns": "gone"}', encoding="utf-8")
    assert remembered_set() == DEFAULT  # a set that is no more: the default
    settings_path().write_text("not json", encoding="utf-8")
    assert remembered_set() == DEFAULT


def test_settings_that_cannot_be_written_cost_nothing_else(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_STATE_HOME", str(blocked))  # a file where a folder should be
    remember_set("staffing")
    assert remembered_set() == DEFAULT
