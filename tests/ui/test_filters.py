"""Filter what the console shows, flatten a level, and export exactly that."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from console.display import header
from console.schema import BREAKING
from console.ui.app import FpaConsole
from console.ui.screens.choice import ChoiceScreen
from console.ui.screens.export_dialog import ExportDialog
from console.ui.widgets.alert_panel import AlertPanel
from console.ui.widgets.drill_table import DrillTable
from console.ui.widgets.filter_bar import FilterChips
from console.ui.widgets.status_line import Breadcrumb
from tests.ui.conftest import Recording, settle


def codes(app: FpaConsole) -> list[str]:
    assert app.drill is not None and app.drill.rows is not None
    return app.drill.rows.column("unit_code").to_pylist()


def chips(app: FpaConsole) -> list[str]:
    return [str(b.label) for b in app.screen.query_one(FilterChips).children]


async def flatten_counties_without_plan(pilot: Any) -> None:
    await settle(pilot)
    await pilot.press("l")
    assert isinstance(pilot.app.screen, ChoiceScreen)
    await pilot.press("down", "down", "down", "enter")  # children, province, prefecture, county
    await settle(pilot)
    await pilot.press("slash", *"reform_plan_issued=false", "enter")
    await settle(pilot)


async def test_level_switch_and_condition(fixture_folder: Path, tmp_path: Path) -> None:
    app = Recording(fixture_folder, exports=str(tmp_path / "exports"))
    async with app.run_test(size=(120, 40)) as pilot:
        await flatten_counties_without_plan(pilot)
        assert codes(app) == ["110101", "420103", "420502"]
        assert chips(app) == ["县级 ✕", "改革方案出台 = 否 ✕"]
        assert "显示 3/6 行" in str(app.screen.query_one(Breadcrumb).render())
        # the filters survive a period switch
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert app.drill is not None and app.drill.period == "2021-10"
        assert codes(app) == []  # in 2021-10 every county had its plan
        assert chips(app) == ["县级 ✕", "改革方案出台 = 否 ✕"]
        assert "没有单位符合 县级、改革方案出台 = 否（x 清除筛选）" in str(
            app.screen.query_one(Breadcrumb).render())  # why the table is empty
        await pilot.press("right_square_bracket")
        await settle(pilot)
        # removing a chip removes that filter
        await pilot.click("#chip-1")
        await settle(pilot)
        assert len(codes(app)) == 6
        await pilot.press("x")
        await settle(pilot)
        assert codes(app) == ["110000", "420000"] and chips(app) == []


async def test_name_match_by_pinyin_initials(fixture_folder: Path) -> None:
    app = FpaConsole(fixture_folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"hb", "enter")
        await settle(pilot)
        assert codes(app) == ["420000"]
        assert chips(app) == ["“hb” ✕"]
        # the name was typed for the provinces: 湖北省's own units all show, no chip
        await pilot.press("enter")
        await settle(pilot)
        assert app.drill is not None and app.drill.path.crumbs() == "全国 › 湖北省"
        assert codes(app) == ["420100", "420500", "429004"] and chips(app) == []
        await pilot.press("escape")  # back where it was typed: it applies again
        await settle(pilot)
        assert codes(app) == ["420000"] and chips(app) == ["“hb” ✕"]


async def test_bad_condition_is_reported(fixture_folder: Path) -> None:
    app = Recording(fixture_folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"units<lots", "enter")
        await settle(pilot)
        assert any("'lots' is not a value for units" in m for m in app.told)
        assert codes(app) == ["110000", "420000"]


async def test_alert_filter_from_the_panel(fixture_folder: Path) -> None:
    app = FpaConsole(fixture_folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("l", "down", "down", "down", "enter")
        await settle(pilot)
        panel = [line.rule for line in app.screen.query_one(AlertPanel).lines]
        await pilot.press("a", *["down"] * panel.index("plan_missing"), "f")
        await settle(pilot)
        assert codes(app) == ["110101", "420502"]
        assert chips(app) == ["县级 ✕", "改革方案未出台 ✕"]


def read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    return list(csv.reader(io.StringIO(raw[3:].decode("utf-8"), newline="")))


async def test_export_writes_the_view_as_shown(fixture_folder: Path, tmp_path: Path) -> None:
    exports = tmp_path / "exports"
    app = Recording(fixture_folder, exports=str(exports))
    async with app.run_test(size=(120, 40)) as pilot:
        await flatten_counties_without_plan(pilot)
        assert app.drill is not None
        column = app.drill.shown_keys.index("alerts_warning")  # sort by it, descending
        app.screen.query_one(DrillTable).table.move_cursor(column=column)
        await pilot.press("s", "s")
        await settle(pilot)
        shown = codes(app)
        await pilot.press("e")
        await settle(pilot)
        written = exports / "2021-11_全国_县级_改革方案出台为否.csv"
        assert written.exists(), app.told
        rows = read_csv(written)
        assert [r[0] for r in rows[1:]] == shown
        # the columns shown (the set 概览), the unit's code first
        assert rows[0] == ["单位代码", "单位名称"] + [
            header(k, "zh").replace("%", "(%)") for k in app.drill.shown_keys[1:]]
        assert (exports / "2021-11_全国_县级_改革方案出台为否.csv.json").exists()
        # a second export does not overwrite the first
        await pilot.press("e")
        await settle(pilot)
        assert (exports / "2021-11_全国_县级_改革方案出台为否 (2).csv").exists()
    # the command builds the same view through the same code path: the same bytes
    out = tmp_path / "command.csv"
    done = subprocess.run(
        [sys.executable, "-m", "console.cli", "export", "--data", str(fixture_folder),
         "--level", "county", "--where", "reform_plan_issued=false",
         "--sort", "alerts_warning:desc", "--columns", "overview", "--out", str(out)],
        capture_output=True, check=False)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == written.read_bytes()


@pytest.mark.parametrize("fmt", ["xlsx", "parquet"])
async def test_export_as_chooses_path_and_format(fixture_folder: Path, tmp_path: Path,
                                                 fmt: str) -> None:
    app = Recording(fixture_folder, exports=str(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("E")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        target = tmp_path / f"view.{fmt}"
        path_input = dialog.query_one("#export-path")
        path_input.value = str(target)  # type: ignore[attr-defined]
        await pilot.press("enter")
        await settle(pilot)
        assert target.exists(), app.told
        if fmt == "parquet":
            import pyarrow.parquet as pq

            assert pq.read_table(target).column("unit_code").to_pylist() == ["110000", "420000"]
        # the same path again asks: cancel keeps it, save as writes beside, replace replaces
        before, inode = target.read_bytes(), target.stat().st_ino
        for answer in ("cancel", "rename", "replace"):
            await pilot.press("E")
            await settle(pilot)
            app.screen.query_one("#export-path").value = str(target)  # type: ignore[attr-defined]
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, ChoiceScreen)
            assert "已存在" in str(app.screen.query_one(Static).render())
            keys = [key for key, _ in app.screen.choices]
            await pilot.press(*["down"] * keys.index(answer), "enter")
            await settle(pilot)
            if answer == "cancel":
                assert target.read_bytes() == before and not (tmp_path / f"view (2).{fmt}"
                                                                ).exists()
            elif answer == "rename":
                assert (tmp_path / f"view (2).{fmt}").exists()
                assert (tmp_path / f"view (2).{fmt}.json").exists()
        assert target.stat().st_ino != inode  # replaced: a new file moved in over it
        assert (tmp_path / f"view.{fmt}.json").exists()
        staged = [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]
        assert staged == []  # replaced whole, nothing left beside it
        record = json.loads((tmp_path / f"view.{fmt}.json").read_text(encoding="utf-8"))
        assert record["format"] == fmt and record["columns"] == "overview"


async def test_export_into_an_impossible_folder(fixture_folder: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    app = Recording(fixture_folder, exports=str(blocker / "exports"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert any(m.startswith("cannot write") and "Not a directory" in m for m in app.told)
        assert blocker.read_text() == "not a folder"


async def test_filtering_by_a_rule_keeps_the_children_where_it_fires_below(
        fixture_folder: Path) -> None:
    app = FpaConsole(fixture_folder)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        panel = [line.rule for line in app.screen.query_one(AlertPanel).lines]
        # 墙上协会 fires on one township of 湖北省 only, no province breaks it itself
        await pilot.press("a", *["down"] * panel.index("wall_only"), "f")
        await settle(pilot)
        assert codes(app) == ["420000"] and chips(app) == ["墙上协会 ✕"]
        assert app.drill is not None and app.drill.rows is not None
        assert app.drill.rows.column(BREAKING).to_pylist() == [1]
        assert app.drill.shown_keys[:2] == ["unit_name", BREAKING]  # beside the name
        await pilot.press("f")  # off again, and on 改革方案未出台: below both provinces
        await pilot.press("home", *["down"] * panel.index("plan_missing"), "f")
        await settle(pilot)
        assert codes(app) == ["110000", "420000"]
        assert app.drill.rows.column(BREAKING).to_pylist() == [1, 2]
