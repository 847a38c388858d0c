"""A flattened view of every village, kept on disk (console.paged_view): shown a block at
a time, sorted, switched between periods, compared and exported like any other view."""

from __future__ import annotations

import csv
from pathlib import Path

from console.drill import Sort
from console.paged_view import ComparedRows, PagedRows
from console.store import Store
from console.ui.app import FpaConsole
from console.ui.screens.choice import ChoiceScreen
from console.ui.widgets.drill_table import DrillTable
from console.ui.widgets.status_line import Breadcrumb
from console.view import ViewSpec, build_view
from tests.fixtures import write_villages
from tests.ui.conftest import Recording, settle


def codes(app: FpaConsole) -> list[str]:
    assert app.drill is not None and app.drill.rows is not None
    return app.drill.rows.column("unit_code").to_pylist()


def expected(folder: Path, spec: ViewSpec) -> list[str]:
    return build_view(Store(folder), spec).rows.column("unit_code").to_pylist()


def cursor_code(app: FpaConsole) -> str:
    assert app.drill is not None
    table = app.screen.query_one(DrillTable).table
    return str(app.drill.rows.slice(table.cursor_row, 1).column("unit_code")[0])


async def test_every_village_from_disk(tmp_path: Path) -> None:
    folder = write_villages(tmp_path / "data")
    exports = tmp_path / "exports"
    app = Recording(folder, exports=str(exports))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("end", "enter")  # the lowest level: 村级
        await settle(pilot)
        assert app.drill is not None
        assert isinstance(app.drill.rows, PagedRows)
        assert codes(app) == expected(folder, ViewSpec("000000", "2021-11", "village"))
        assert "显示 30/30 行" in str(app.screen.query_one(Breadcrumb).render())
        table = app.screen.query_one(DrillTable).table
        await pilot.press("down", "down", "down", "down")
        chosen = cursor_code(app)
        # sorted by name, off the UI thread: the cursor stays on its unit
        table.move_cursor(column=app.drill.shown_keys.index("unit_name"))
        await pilot.press("s")
        await settle(pilot)
        by_name = ViewSpec("000000", "2021-11", "village", sort=Sort("unit_name"))
        assert codes(app) == expected(folder, by_name)
        assert cursor_code(app) == chosen
        assert "排序: 单位名称 升序" in str(app.screen.query_one(Breadcrumb).render())
        # the period before, in the same order, on the same unit
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert app.drill.period == "2021-10"
        assert codes(app) == expected(folder, ViewSpec("000000", "2021-10", "village",
                                                       sort=Sort("unit_name")))
        assert cursor_code(app) == chosen
        await pilot.press("right_square_bracket")
        await settle(pilot)
        # compared with the period before, a block at a time
        await pilot.press("c", "enter")
        await settle(pilot)
        assert app.drill.ready is not None
        assert isinstance(app.drill.ready.rows, ComparedRows)
        assert "对比 2021-10" in str(app.screen.query_one(Breadcrumb).render())
        assert any(app.drill.ready.rows.column("change_mark").to_pylist()) is False
        await pilot.press("c")
        await settle(pilot)
        # exported: every row, in the order shown
        shown = codes(app)
        await pilot.press("e")
        await settle(pilot)
        (written,) = exports.glob("*.csv")
        with written.open(encoding="utf-8-sig") as file:
            lines = list(csv.reader(file))
        assert [line[0] for line in lines[1:]] == shown
    assert not hasattr(app, "told") or all("失败" not in told for told in app.told)
