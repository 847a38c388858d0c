"""The drill table: one widget whose data is replaced, drawn as the widget draws; views
prepared ahead."""

from __future__ import annotations

import datetime as dt
import functools
import subprocess
import sys
import threading
import types
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest
from rich.cells import cell_len
from rich.style import Style
from textual.dom import DOMNode
from textual_fastdatatable import DataTable

import console.ui.prepared as prepared_module
import console.ui.widgets.drill_table as drill_table_module
from console.display import CELL_WIDTH, display_table
from console.store import Store
from console.ui.app import FpaConsole, make_app
from console.ui.prepared import shown_part
from console.ui.screens.drill import FOLLOW_UP_DELAY, PREFETCH_DELAY, DrillScreen
from console.ui.screens.no_data import NoDataScreen
from console.ui.widgets.drill_table import BlockDisplay, DrillTable, ViewTable
from tests.ui.conftest import settle


async def test_the_table_is_replaced_in_place_and_keeps_the_focus(fixture_folder: Path) -> None:
    app = FpaConsole(fixture_folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(DrillTable).table
        assert table.has_focus and table.row_count == 2
        await pilot.press("down", "right", "enter")  # 湖北省, from the second column
        await settle(pilot)
        assert app.screen.query_one(DrillTable).table is table
        assert table.has_focus and table.row_count > 2
        assert table.cursor_coordinate == (0, 1)  # first row, the same column
        assert table.scroll_offset == (0, 0)
        await pilot.press("escape")
        await settle(pilot)
        assert table.row_count == 2 and table.cursor_row == 1  # back on 湖北省


async def test_cells_are_drawn_as_the_widget_draws_them(fixture_folder: Path) -> None:
    app = FpaConsole(fixture_folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "enter")
        await settle(pilot)
        table = app.screen.query_one(DrillTable).table
        assert isinstance(table, ViewTable)
        base = Style(bgcolor="black")
        drawn = 0
        for row in range(table.row_count):
            for column, spec in enumerate(table.ordered_columns):
                width = spec.render_width
                for cursor, hover in ((False, False), (True, False), (False, True)):
                    ours = table._cell_line(row, column, base, width, cursor, hover, False)
                    if ours is None:
                        continue
                    table._cell_render_cache.clear()
                    theirs = DataTable._render_cell(table, row, column, base, width,
                                                    cursor, hover, False)
                    assert theirs == [ours]
                    drawn += 1
        assert drawn > table.row_count * 10  # the fast way drew nearly every cell


async def test_rows_are_drawn_as_the_widget_draws_them(fixture_folder: Path) -> None:
    app = FpaConsole(fixture_folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "enter")
        await settle(pilot)
        await pilot.press("down", "down", "right", "right")
        await settle(pilot)
        table = app.screen.query_one(DrillTable).table
        width = table.size.width
        widgets_own = types.SimpleNamespace(  # the widget's own methods, bound to this table
            line=functools.partial(DataTable._render_line_in_row, table),
            row_style=functools.partial(DataTable._get_row_style, table))
        compared = 0
        for paint in (None, {}):  # outside a paint, then with the styles of one paint
            table._paint_styles = paint
            base = table.rich_style
            assert base == DOMNode.rich_style.fget(table)  # type: ignore[attr-defined]
            for row in range(-1, table.row_count):  # the header row, then every row
                for x1 in (0, 12):  # and scrolled sideways
                    where = (row, 0, x1, x1 + width, base, table.cursor_coordinate,
                             table.hover_coordinate, None)
                    table._clear_caches()
                    ours = table._render_line_in_row(*where)
                    table._clear_caches()
                    table._get_row_style = widgets_own.row_style  # type: ignore[method-assign]
                    try:
                        assert ours == widgets_own.line(*where)
                    finally:
                        del table._get_row_style
                    compared += 1
        table._paint_styles = None
        assert compared == 2 * 2 * (table.row_count + 1) and table.row_count >= 2


async def test_trends_follow_the_view_and_the_next_periods_are_ready(
        fixture_folder: Path) -> None:
    app = FpaConsole(fixture_folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        drill = app.drill
        assert drill is not None and drill.trends is not None
        assert set(drill.trends) == {"110000", "420000"}
        assert drill.store._alerted == {"2021-10", "2021-11"}  # the period before, too


async def test_the_row_under_the_cursor_is_ready_before_enter(
        fixture_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = FpaConsole(fixture_folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        drill = app.drill
        assert drill is not None
        await pilot.press("down")  # 湖北省: rest on it
        await pilot.pause(PREFETCH_DELAY * 2)
        await settle(pilot)
        hubei = drill.spec.fitting("420000", "province")
        assert drill.prepared.get(hubei, None, drill.look) is not None
        fetched: list[object] = []
        monkeypatch.setattr(drill, "_fetch", lambda *args: fetched.append(args))
        await pilot.press("enter")
        await settle(pilot)
        assert drill.path.node.code == "420000" and drill.rows is not None
        assert fetched == []  # shown as prepared: no query
        assert "420100" in drill.rows.column("unit_code").to_pylist()


async def test_a_long_view_is_formatted_a_block_at_a_time(
        fixture_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(prepared_module, "LONG_VIEW", 1)  # the national view's 2 rows: long
    monkeypatch.setattr(drill_table_module, "BLOCK_ROWS", 1)
    app = FpaConsole(fixture_folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        drill = app.drill
        assert drill is not None and drill.ready is not None and drill.ready.display is None
        table = app.screen.query_one(DrillTable).table
        backend = table.backend
        assert isinstance(backend, BlockDisplay) and backend.row_count == 2
        eager = display_table(shown_part(drill.ready.rows, drill.ready.keys), "zh",
                              drill.look.palette, dt.date(2021, 11, 1))
        assert [backend.get_row_at(i) for i in range(2)] == [
            list(row.values()) for row in eager.to_pylist()]
        assert [c.content_width for c in table.ordered_columns] == [
            max(int(f.metadata[CELL_WIDTH]), cell_len(f.name)) for f in eager.schema]
        await pilot.press("down", "enter")  # and it drills like any other
        await settle(pilot)
        assert drill.path.node.code == "420000"


def opens_elsewhere(path: Path) -> bool:
    """Whether another process can open the DuckDB file at `path` (one writer at a time)."""
    return subprocess.run([sys.executable, "-c", "import duckdb, sys; "
                           "duckdb.connect(sys.argv[1]).close()", str(path)],
                          capture_output=True).returncode == 0


async def test_the_derived_file_is_free_once_the_console_quits(fixture_folder: Path) -> None:
    app = FpaConsole(fixture_folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.store is not None and app.store.derived is not None
        path = app.store.derived
        assert not opens_elsewhere(path)  # held while the console runs
    assert opens_elsewhere(path)


async def test_the_first_view_is_ready_before_textual_is(fixture_folder: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    worked_out = Store(fixture_folder)  # an earlier run's: its rules ran (a first start's
    worked_out.ensure_alerts("2021-11")  # view shows before them, then is fetched again)
    worked_out.close()
    fetched: list[object] = []
    monkeypatch.setattr(DrillScreen, "_fetch", lambda self, *args: fetched.append(args))
    app = make_app(fixture_folder)
    app.start_early()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        drill = app.drill
        assert drill is not None and drill.rows is not None
        assert drill.rows.column("unit_code").to_pylist() == ["110000", "420000"]
        assert fetched == []  # shown as it was prepared while Textual started


async def test_an_early_start_on_a_missing_folder_says_so(tmp_path: Path) -> None:
    app = make_app(tmp_path / "missing")
    app.start_early()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, NoDataScreen)


async def test_the_rows_near_the_cursor_are_ready_after_a_view(fixture_folder: Path) -> None:
    app = FpaConsole(fixture_folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.pause(FOLLOW_UP_DELAY * 3)
        await settle(pilot)
        drill = app.drill
        assert drill is not None
        for code in ("110000", "420000"):  # both provinces, the cursor never moved
            spec = drill.spec.fitting(code, "province")
            assert drill.prepared.get(spec, None, drill.look) is not None, code


async def test_quitting_stops_the_queries_under_way(fixture_folder: Path) -> None:
    app = FpaConsole(fixture_folder)
    ended: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        drill = app.drill
        assert drill is not None and app.store is not None
        cursor = app.store.cursor()
        drill._background = cursor  # as a follow-up worker holds it

        def endless() -> None:
            try:
                cursor.sql("SELECT count(*) FROM range(10_000_000_000_000)").fetchall()
                ended.append("finished")
            except duckdb.InterruptException:
                ended.append("interrupted")

        worker = threading.Thread(target=endless)
        worker.start()
        await pilot.pause(0.2)
    worker.join(timeout=10)
    assert ended == ["interrupted"]


def test_a_block_display_whose_source_shrank_shows_blank_rows() -> None:
    """A rule's list searched anew has fewer rows before the table is told its new count:
    the rows beyond show blank, they do not raise in a paint."""
    rows = pa.table({"name": ["a", "b", "c"]})
    shown = {"rows": rows}
    backend = BlockDisplay(3, lambda first, count: shown["rows"].slice(first, count),
                           lambda part: part, [4])
    shown["rows"] = rows.slice(0, 1)  # the search kept one
    assert backend.get_cell_at(0, 0) == "a"
    assert backend.get_cell_at(2, 0) == "" and backend.get_row_at(2) == [""]
