"""Compare mode in the console: marks in the table, new and resolved alerts in the panel."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from console.ui.app import FpaConsole
from console.ui.screens.choice import ChoiceScreen
from console.ui.widgets.alert_panel import AlertPanel
from console.ui.widgets.drill_table import DrillTable
from console.ui.widgets.status_line import Breadcrumb
from tests.ui.conftest import plain_text, settle


async def test_compare_with_the_previous_period(fixture_folder: Path) -> None:
    app = FpaConsole(fixture_folder)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        await pilot.press("c")
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("enter")  # the previous period
        await settle(pilot)
        assert app.drill is not None and app.drill.compare_period("2021-11") == "2021-10"
        assert "对比 2021-10" in str(app.screen.query_one(Breadcrumb).render())
        table = app.screen.query_one(DrillTable).table
        first_row = " ".join(str(v) for v in table.get_row_at(0))
        assert "▲" in first_row  # 武汉市 issued its plan
        panel = app.screen.query_one(AlertPanel)
        plan = panel.query_one(OptionList).get_option("plan_missing")
        assert "▼1" in plain_text(plan.prompt)
        await pilot.press("c")  # again: compare mode off
        await settle(pilot)
        assert app.drill.compare_period("2021-11") is None
        first_row = " ".join(str(v) for v in app.screen.query_one(DrillTable).table
                             .get_row_at(0))
        assert "▲" not in first_row
