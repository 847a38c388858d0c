"""Press the keys a user presses and check what the console then holds."""

from __future__ import annotations

import importlib
import pkgutil
import threading
import time
from pathlib import Path

import pytest
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import Static

import console.ui
from console.store import Store
from console.ui.app import CHECKING_EVERY, FpaConsole
from console.ui.head_start import HeadStart, store_opener
from console.ui.i18n import HELP_GROUPS, KEY_HELP, in_english
from console.ui.screens.choice import ChoiceScreen
from console.ui.screens.detail import UnitDetailScreen
from console.ui.screens.drill import DrillScreen
from console.ui.screens.help import HelpScreen
from console.ui.screens.no_data import NoDataScreen
from console.ui.widgets.drill_table import DrillTable
from console.ui.widgets.status_line import Breadcrumb, HeaderLine
from console.validation import Progress
from tests.ui.conftest import Recording, plain_text, settle


def drill_of(app: FpaConsole) -> DrillScreen:
    assert app.drill is not None
    return app.drill


def codes(app: FpaConsole) -> list[str]:
    rows = drill_of(app).rows
    assert rows is not None
    return rows.column("unit_code").to_pylist()


def text_of(widget: Static) -> str:
    return str(widget.render())


async def test_while_the_store_opens_the_files_checked_are_counted(
        fixture_folder: Path) -> None:
    halfway, go_on = threading.Event(), threading.Event()

    def opening(progress: Progress | None) -> Store:
        assert progress is not None
        progress(1, 3)  # as validation tells it after its first pass
        halfway.set()
        go_on.wait(10)  # held here: a first start on a large folder checks for seconds
        return store_opener(fixture_folder)(progress)

    app = FpaConsole(fixture_folder, early=HeadStart(opening))
    async with app.run_test(size=(120, 40)) as pilot:
        assert halfway.wait(10)
        await pilot.pause(3 * CHECKING_EVERY)
        assert "正在检查快照文件 1/3" in text_of(app.screen.query_one("#starting", Static))
        go_on.set()
        await settle(pilot)
        assert isinstance(app.screen, DrillScreen) and codes(app) == ["110000", "420000"]


async def test_opens_on_the_national_view(fixture_folder: Path) -> None:
    app = FpaConsole(fixture_folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DrillScreen)
        assert codes(app) == ["110000", "420000"]
        header = text_of(app.screen.query_one(HeaderLine))
        assert "2021-11" in header and "2 期" in header and "数据 …/data" in header
        assert "全国" in text_of(app.screen.query_one(Breadcrumb))
        assert "单位数 12" in text_of(app.screen.query_one("#summary", Static))


async def test_drill_down_to_a_village_and_back(fixture_folder: Path) -> None:
    app = FpaConsole(fixture_folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert drill_of(app).path.crumbs() == "全国 › 湖北省"
        assert codes(app) == ["420100", "420500", "429004"]
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        assert drill_of(app).path.crumbs() == "全国 › 湖北省 › 仙桃市"
        await pilot.press("enter")
        await settle(pilot)
        assert codes(app) == ["429004001001"]
        # a village has no children: Enter opens its detail instead
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, UnitDetailScreen)
        assert app.screen.code == "429004001001"
        await pilot.press("escape")
        await settle(pilot)
        assert drill_of(app).path.crumbs() == "全国 › 湖北省 › 仙桃市 › 沙嘴街道"
        # up one level: the cursor comes back to the row we came from
        await pilot.press("escape")
        await settle(pilot)
        assert drill_of(app).path.crumbs() == "全国 › 湖北省 › 仙桃市"
        await pilot.press("backspace")
        await settle(pilot)
        table = app.screen.query_one(DrillTable)
        assert codes(app)[table.cursor_row] == "429004"
        # straight back to the nation, the cursor on the province we were in
        await pilot.press("t")
        await settle(pilot)
        assert drill_of(app).path.at_top
        assert codes(app)[app.screen.query_one(DrillTable).cursor_row] == "420000"


async def test_home_goes_to_the_nation_though_the_table_has_the_keys(
        fixture_folder: Path) -> None:
    app = FpaConsole(fixture_folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        assert drill_of(app).path.crumbs() == "全国 › 湖北省 › 仙桃市"
        assert app.screen.query_one(DrillTable).table.has_focus
        await pilot.press("home")
        await settle(pilot)
        assert drill_of(app).path.at_top
        assert codes(app)[app.screen.query_one(DrillTable).cursor_row] == "420000"
        # at the top Home is the table's: its first row
        await pilot.press("home")
        await settle(pilot)
        assert app.screen.query_one(DrillTable).cursor_row == 0
        # in a filter box t and Home are typed, not taken; in the alert panel Home is its
        # first rule
        await pilot.press("down", "enter")
        await settle(pilot)
        await pilot.press("a", "down", "home")
        await settle(pilot)
        assert drill_of(app).path.crumbs() == "全国 › 湖北省"
        await pilot.press("a")
        await pilot.press("slash", *"tt", "home", "x")
        await settle(pilot)
        assert drill_of(app).path.crumbs() == "全国 › 湖北省"
        assert app.screen.focused is not None
        assert getattr(app.screen.focused, "value", None) == "xtt"


async def test_sort_by_a_column_and_back(fixture_folder: Path) -> None:
    app = FpaConsole(fixture_folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        # presidents vacant: 武汉市 1 (江岸区), 宜昌市 0, 仙桃市 1 (沙嘴街道)
        column = drill_of(app).shown_keys.index("presidents_vacant")
        drill_of(app).query_one(DrillTable).table.move_cursor(column=column)
        await pilot.press("s")
        await settle(pilot)
        assert codes(app) == ["420500", "420100", "429004"]
        await pilot.press("s")
        await settle(pilot)
        assert codes(app) == ["420100", "429004", "420500"]
        assert "降序" in text_of(app.screen.query_one(Breadcrumb))
        await pilot.press("s")
        await settle(pilot)
        assert codes(app) == ["420100", "420500", "429004"]


async def test_switch_periods_keeps_the_path(fixture_folder: Path) -> None:
    app = FpaConsole(fixture_folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        rows = drill_of(app).rows
        assert rows is not None and rows.column("reform_plan_issued")[0].as_py() is True
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert drill_of(app).period == "2021-10"
        assert drill_of(app).path.crumbs() == "全国 › 湖北省"
        rows = drill_of(app).rows
        assert rows is not None and rows.column("reform_plan_issued")[0].as_py() is False
        await pilot.press("left_square_bracket")  # no earlier period: stays
        await settle(pilot)
        assert drill_of(app).period == "2021-10"
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert drill_of(app).period == "2021-11"
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert drill_of(app).period == "2021-10"
        assert drill_of(app).path.crumbs() == "全国 › 湖北省"


async def test_detail_lists_indicators_and_history(fixture_folder: Path) -> None:
    app = FpaConsole(fixture_folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, UnitDetailScreen)
        text = text_of(app.screen.query_one("#detail", Static))
        for words in ("北京市", "组织建设", "领导班子", "会长配备到位", "机关编制", "历史变化",
                      "33 (2021-11)", "30 (2021-10)"):
            assert words in text, words


async def test_palette_jumps_by_pinyin_initials(fixture_folder: Path) -> None:
    app = FpaConsole(fixture_folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"xts")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert drill_of(app).path.crumbs() == "全国 › 湖北省 › 仙桃市"
        assert codes(app) == ["429004001"]


async def test_palette_finds_units_typed_while_its_index_is_built(
        fixture_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """At village depth the index takes ~1.5 s: keys typed meanwhile (each cancels the
    palette's search) must not leave it finding nothing."""
    slow = FpaConsole.unit_finder

    def slowly(self: FpaConsole) -> object:
        time.sleep(0.5)  # a slow build, injected: the fixture's index is instant
        return slow(self)

    monkeypatch.setattr(FpaConsole, "unit_finder", slowly)
    app = FpaConsole(fixture_folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        for key in "xts":  # one search started, then cancelled, per key
            await pilot.press(key)
            await pilot.pause(0.05)
        await pilot.pause(1.0)
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert drill_of(app).path.crumbs() == "全国 › 湖北省 › 仙桃市"


async def test_palette_jump_to_a_leaf_opens_its_detail(fixture_folder: Path) -> None:
    app = FpaConsole(fixture_folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"沙嘴村")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, UnitDetailScreen)
        assert drill_of(app).path.crumbs() == "全国 › 湖北省 › 仙桃市 › 沙嘴街道"


async def test_help_tells_the_keys_of_the_screen_in_front_and_its_marks(
        fixture_folder: Path) -> None:
    app = FpaConsole(fixture_folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter", "question_mark")  # below the top: up, national
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        text = plain_text(app.screen.query_one(Static).content, 100)
        for group in ("移动与下钻", "报告期", "视图与筛选", "薄弱环节", "详情、导出与数据", "通用",
                      "标记说明"):
            assert f"\n{group}\n" in f"\n{text}", group
        for line in ("Enter", "esc ⌫", "下一组列", "按光标所在列排序", "f 按规则筛选",
                     "q", "命令面板", "● ▲ ·", "趋势：最近 12 期的比率（2021-10–2021-11）"):
            assert line in text, line
        assert "Cursor" not in text and "scroll_home" not in text  # Textual's own: not here
        await pilot.press("escape")
        assert isinstance(app.screen, DrillScreen)
        await pilot.press("a", "enter", "question_mark")  # over a rule's list: its keys
        await settle(pilot)
        text = plain_text(app.screen.query_one(Static).content, 100)
        assert "按名称或拼音首字母查找" in text and "主视图转到该单位" in text
        assert "标记说明" not in text and "下一组列" not in text
        for key in ("escape", "escape", "question_mark"):  # back in the panel: its keys too
            await pilot.press(key)
            await settle(pilot)
        text = plain_text(app.screen.query_one(Static).content, 100)
        assert "只看有单位违反该规则的下级" in text and "回到表格" in text


def test_every_key_of_the_console_has_a_sentence_in_both_languages() -> None:
    for module in pkgutil.walk_packages(console.ui.__path__, "console.ui."):
        importlib.import_module(module.name)
    classes = [DrillScreen, *(c for c in _all_subclasses(Widget)
                              if c.__module__.startswith("console.ui"))]
    for cls in classes:
        for binding in cls.__dict__.get("BINDINGS", []):  # its own (not Textual's)
            if isinstance(binding, Binding):
                group, zh, en = KEY_HELP[in_english(binding.description)]
                assert group in HELP_GROUPS and zh and en, binding


def _all_subclasses(cls: type) -> list[type]:
    return [c for sub in cls.__subclasses__() for c in (sub, *_all_subclasses(sub))]


async def test_english_labels(fixture_folder: Path) -> None:
    app = FpaConsole(fixture_folder, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "Period 2021-11" in text_of(app.screen.query_one(HeaderLine))
        table = app.screen.query_one(DrillTable).table
        labels = [c.label.plain for c in table.ordered_columns]
        assert labels[:3] == ["Unit", "Cnty plan%", "Pref. plan%"]
        await pilot.press("V")  # the set before the first: every column
        await settle(pilot)
        labels = [c.label.plain for c in table.ordered_columns]
        assert labels[:3] == ["Code", "Unit", "Level"]
        assert "All columns" in text_of(app.screen.query_one(Breadcrumb))


async def test_empty_folder_says_what_to_do(tmp_path: Path) -> None:
    app = FpaConsole(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, NoDataScreen)
        text = text_of(app.screen.query_one(Static))
        assert "fpa-console demo" in text and "FPA_DATA" in text
        await pilot.press("q")


async def test_missing_folder_says_what_to_do(tmp_path: Path) -> None:
    app = FpaConsole(tmp_path / "missing", lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, NoDataScreen)
        assert "does not exist" in text_of(app.screen.query_one(Static))
        assert app._checking._task is None  # no count of files goes on behind it


async def test_bad_file_is_reported_and_the_rest_shown(fixture_folder: Path) -> None:
    (fixture_folder / "2021-11.parquet").write_bytes(b"garbage")
    app = Recording(fixture_folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DrillScreen)
        assert drill_of(app).period == "2021-10"
        assert any(m.startswith("2021-11.parquet: file: not a readable") for m in app.told)


async def test_a_screenshot_goes_to_the_exports_folder(fixture_folder: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    exports = tmp_path / "exports" / "new"  # missing: made
    monkeypatch.setenv("FPA_EXPORTS", str(exports))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # no ~/Downloads there
    app = FpaConsole(fixture_folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screenshot = next(c for c in app.get_system_commands(app.screen)
                          if c.title == "Screenshot")  # as the palette runs it
        screenshot.callback()
        for _ in range(100):
            if list(exports.glob("*.svg")):
                break
            await pilot.pause(0.05)
        assert len(list(exports.glob("*.svg"))) == 1


async def test_a_key_that_can_do_nothing_says_so(fixture_folder: Path) -> None:
    app = FpaConsole(fixture_folder, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)

        def said() -> str:
            return str(app.screen.query_one(Breadcrumb).render())

        await pilot.press("right_square_bracket")  # at the latest period
        assert said().startswith("Nation  This is the latest period")
        await pilot.press("escape")  # at the top
        assert "Already at the top" in said()
        for _ in range(3):
            await pilot.press("left_square_bracket")
            await settle(pilot)
        assert "This is the first period" in said()
        await pilot.press("down", "enter")  # a new view: the hint is past
        await settle(pilot)
        assert said().startswith("Nation › 湖北省  Overview columns")
        await pilot.press("escape")  # below the top, Esc goes up as before
        await settle(pilot)
        assert drill_of(app).path.at_top
