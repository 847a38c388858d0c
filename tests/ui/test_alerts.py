"""The alert panel, the units behind a rule, and alerts in the unit detail."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import duckdb
import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from console.store import Store
from console.ui.app import FpaConsole
from console.ui.head_start import HeadStart, store_opener
from console.ui.screens.alert_units import AlertUnitsScreen
from console.ui.screens.detail import UnitDetailScreen
from console.ui.screens.drill import DrillScreen
from console.ui.widgets.alert_panel import AlertPanel
from tests.ui.conftest import Recording, settle


def panel_rules(app: FpaConsole) -> dict[str, int]:
    panel = app.screen.query_one(AlertPanel)
    return {line.rule: line.units for line in panel.lines}


async def test_panel_counts_equal_the_command_rows(fixture_folder: Path) -> None:
    app = FpaConsole(fixture_folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        listed: dict[str, int] = {}
        for row in Store(fixture_folder).alerts("000000", "2021-11").to_pylist():
            listed[row["rule"]] = listed.get(row["rule"], 0) + 1
        assert panel_rules(app) == listed
        lines = app.screen.query_one(AlertPanel).lines
        assert [line.severity for line in lines] == sorted(
            (line.severity for line in lines), key=["critical", "warning", "info"].index)
        # drilling into 湖北省 narrows the panel to its subtree
        await pilot.press("down", "enter")
        await settle(pilot)
        assert "president_vacant" in panel_rules(app)
        assert "signboard_only" not in panel_rules(app)  # 西城区 is in Beijing


async def test_a_view_shows_before_its_rules_have_run(fixture_folder: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    gate = threading.Event()  # the rules of a village-depth period take ~2 s: here, a gate
    run_rules = Store.ensure_alerts

    def held(store: Store, period: str, cur: Any = None) -> None:
        assert gate.wait(30)
        run_rules(store, period, cur)

    monkeypatch.setattr(Store, "ensure_alerts", held)
    app = FpaConsole(fixture_folder)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(400):  # the table shows while the rules wait
            if app.drill is not None and app.drill.ready is not None:
                break
            await pilot.pause(0.01)
        drill = app.drill
        assert drill is not None and drill.ready is not None and drill.ready.alerts_pending
        assert drill.ready.view.rows.column("alerts_critical").null_count == len(drill.rows)
        options = app.screen.query_one(AlertPanel).query_one(OptionList)
        assert "预警计算中" in str(options.get_option_at_index(0).prompt)
        gate.set()
        await settle(pilot)
        assert not drill.ready.alerts_pending
        listed: dict[str, int] = {}
        for row in Store(fixture_folder).alerts("000000", "2021-11").to_pylist():
            listed[row["rule"]] = listed.get(row["rule"], 0) + 1
        assert panel_rules(app) == listed
        assert drill.ready.view.rows.column("alerts_critical").null_count == 0


async def test_a_first_start_shows_its_first_view_before_its_rules(
        fixture_folder: Path) -> None:
    early = HeadStart(store_opener(fixture_folder))  # as launch.run starts the console
    app = FpaConsole(fixture_folder, early=early)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert early.first is not None and early.first[1].alerts_pending  # nothing cached
        drill = app.drill
        assert drill is not None and drill.ready is not None and not drill.ready.alerts_pending
        listed: dict[str, int] = {}
        for row in Store(fixture_folder).alerts("000000", "2021-11").to_pylist():
            listed[row["rule"]] = listed.get(row["rule"], 0) + 1
        assert panel_rules(app) == listed


@pytest.mark.failures
async def test_rules_that_fail_are_told_once_and_the_table_stays(
        fixture_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def failing(store: Store, period: str, cur: Any = None) -> None:
        raise duckdb.IOException("the cache's disk is gone")  # no real part fails so

    monkeypatch.setattr(Store, "ensure_alerts", failing)
    app = Recording(fixture_folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)  # ends: the rules are not tried over and over
        assert app.drill is not None and app.drill.ready is not None
        assert app.drill.ready.alerts_pending and len(app.drill.rows or []) > 0
        assert sum("the cache's disk is gone" in line for line in app.told) == 1


async def open_rule_list(pilot: Pilot[None], rule: str) -> AlertUnitsScreen:
    """a, down to `rule`'s line of the alert panel, Enter: its list of units, loaded."""
    lines = pilot.app.screen.query_one(AlertPanel).lines
    row = [line.rule for line in lines].index(rule)
    await pilot.press("a", *["down"] * row, "enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, AlertUnitsScreen)
    return screen


def listed(screen: AlertUnitsScreen) -> list[str]:
    """The codes of the units the rule's list shows, in order (as the table fetches them)."""
    assert screen.units is not None
    return [str(row["unit_code"]) for row in screen.units.rows(0, screen.units.shown).to_pylist()]


async def test_rule_units_search_detail_and_go(fixture_folder: Path) -> None:
    app = FpaConsole(fixture_folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        lines = app.screen.query_one(AlertPanel).lines
        row = [line.rule for line in lines].index("plan_missing")
        await pilot.press("a")
        assert app.screen.query_one(AlertPanel).query_one(OptionList).has_focus
        await pilot.press(*["down"] * row, "enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AlertUnitsScreen)
        assert screen.units is not None
        assert listed(screen) == ["110101", "420500", "420502"]
        title = str(screen.query_one("#alert-units-title", Static).render())
        assert "改革方案未出台" in title and "3/3" in title
        await pilot.press("s")  # by name: the title says so, whether the order moved or not
        await settle(pilot)
        title = str(screen.query_one("#alert-units-title", Static).render())
        assert title.startswith("改革方案未出台 · 3/3 行 · 排序: 单位名称 升序 · 2021-11 · 全国")
        await pilot.press("s", "s")  # descending, then as it was
        await settle(pilot)
        assert listed(screen) == ["110101", "420500", "420502"]
        await pilot.press("slash", *"yc")  # 宜昌市 by its pinyin initials
        await settle(pilot)
        assert listed(screen) == ["420500"]
        assert screen.query_one(Input).has_focus
        await pilot.press("enter")  # back to the list
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, UnitDetailScreen)
        detail = str(app.screen.query_one("#detail", Static).render())
        assert "改革方案未出台" in detail and "距截止日天数 31" in detail
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        assert isinstance(app.screen, DrillScreen)
        assert app.screen.path.crumbs() == "全国 › 湖北省 › 宜昌市"  # drilled to it


async def test_escape_leaves_the_panel(fixture_folder: Path) -> None:
    app = FpaConsole(fixture_folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DrillScreen)
        assert not app.screen.query_one(AlertPanel).has_focus_within
        assert app.screen.path.at_top


async def test_broken_rule_is_reported(fixture_folder: Path, tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "broken.sql").write_text("SELECT 1", encoding="utf-8")
    app = Recording(fixture_folder, rule_folders=(rules,))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert any("broken.sql: header lacks" in m for m in app.told), app.told
        assert panel_rules(app)  # the other rules still run


async def test_an_empty_list_says_so_on_d_and_g(fixture_folder: Path) -> None:
    app = Recording(fixture_folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await open_rule_list(pilot, "plan_missing")
        await pilot.press("slash", *"不存在的单位", "enter")
        await settle(pilot)
        assert listed(screen) == []
        await pilot.press("d", "g")
        await settle(pilot)
        assert app.screen is screen  # no detail opened, not dismissed: told why
        assert app.told.count("列表中没有单位") == 2


async def test_a_rule_list_in_english_shows_its_levels_and_details_whole(
        fixture_folder: Path) -> None:
    from console.alerts import detail_text
    from console.ui.screens.alert_units import SHOWN
    from console.ui.widgets.drill_table import DrillTable

    app = FpaConsole(fixture_folder, lang="en")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        screen = await open_rule_list(pilot, "plan_missing")
        assert screen.units is not None
        widths = screen.query_one(DrillTable).table.backend.column_content_widths
        details = [detail_text(d, "en") for d in screen.units.details()]
        assert widths[SHOWN.index("level")] >= len("prefecture")  # not "prefe"
        assert widths[SHOWN.index("detail")] >= max(len(d) for d in details) > 0


@pytest.mark.parametrize(("lang", "words"), [("zh", "按规则筛选"), ("en", "Filter by rule")])
async def test_the_panel_tells_its_keys_in_the_console_language(
        fixture_folder: Path, lang: str, words: str) -> None:
    app = FpaConsole(fixture_folder, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        panel = app.screen.query_one(AlertPanel)
        assert panel.has_focus_within
        shown = {b.binding.description for b in app.active_bindings.values()
                 if b.binding.action == "filter" and b.node is panel}
        assert shown == {words}
