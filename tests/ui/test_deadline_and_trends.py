"""The deadline panel and the trend column in the console."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.widgets import Static

from console.column_sets import TREND
from console.ui.app import FpaConsole
from console.ui.screens.deadline import DeadlineScreen
from console.ui.widgets.drill_table import DrillTable
from tests.ui.conftest import settle


async def test_deadline_panel_for_the_nation(fixture_folder: Path) -> None:
    app = FpaConsole(fixture_folder)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("D")
        await settle(pilot)
        assert isinstance(app.screen, DeadlineScreen)
        text = str(app.screen.query_one("#deadline", Static).render())
        # 2021-11: one of two prefectures and two of five active counties lack a plan
        assert "截止日期 2021-12-31" in text and "还有 31 天" in text
        assert "未出台 1/2" in text and "未出台 2/5" in text
        assert "湖北省" in text  # the child furthest behind
        await pilot.press("escape")
        assert not isinstance(app.screen, DeadlineScreen)


async def test_trend_column_and_sorting_past_it(fixture_folder: Path) -> None:
    app = FpaConsole(fixture_folder)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(DrillTable).table
        labels = [c.label.plain for c in table.ordered_columns]
        assert app.drill is not None
        at = app.drill.shown_keys.index(TREND)
        assert labels[at] == "趋势·县级方案%"
        # the trends follow the view (a timer after it is painted): wait for them
        for _ in range(100):
            if table.get_row_at(0)[at].strip():
                break
            await asyncio.sleep(0.05)
            await settle(pilot)
            table = app.screen.query_one(DrillTable).table
        # 北京市's counties: 2 of 2 with a plan in 2021-10, 1 of 2 in 2021-11
        assert table.get_row_at(0)[at] == "█▄"
        table.move_cursor(column=at)
        await pilot.press("s")  # the trend column has no order: nothing happens
        await settle(pilot)
        assert app.drill.sort.key is None
        table = app.screen.query_one(DrillTable).table
        table.move_cursor(column=at + 1)  # the column after the trend
        await pilot.press("s")
        await settle(pilot)
        assert app.drill.sort.key == app.drill.shown_keys[at + 1] != TREND
