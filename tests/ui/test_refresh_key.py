"""Pressing r pulls the new period in; a failure says why and changes nothing."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from console.refresh import RefreshResult, publish, refresh
from console.snapshots import write_snapshot
from console.ui.refreshing import SOURCE_CELLS
from console.ui.widgets.status_line import HeaderLine, compact_path
from tests.fixtures import TREE, frame, unit_row, write_fixture
from tests.ui.conftest import Recording, settle


class WorkedOutFirst(Recording):
    """Notes, when the refresh is reported, which periods' rollups are built already."""

    ready_when_told: set[str] | None = None

    def refresh_done(self, result: RefreshResult) -> None:
        assert self.store is not None
        self.ready_when_told = set(self.store._rolled)
        super().refresh_done(result)


def with_a_new_period(tmp_path: Path) -> tuple[Path, Path]:
    """A source and a data folder refreshed from it; then the source publishes 2021-12."""
    source = write_fixture(tmp_path / "source")
    data = tmp_path / "data"
    refresh(data, str(source))
    rows = [unit_row("2021-12", c, n, level, parent, {}) for c, n, level, parent in TREE]
    write_snapshot(frame(rows), source / "2021-12.parquet")
    publish(source)
    return source, data


async def test_r_brings_the_new_period(tmp_path: Path) -> None:
    source, data = with_a_new_period(tmp_path)
    app = WorkedOutFirst(data)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter")  # into 湖北省: the path must be kept
        await settle(pilot)
        assert app.drill is not None and app.drill.period == "2021-11"
        await pilot.press("r")
        await settle(pilot)
        await settle(pilot)
        assert app.drill.period == "2021-12"  # it was on the latest: it follows
        assert app.drill.path.crumbs() == "全国 › 湖北省"
        assert "新增 1 期：2021-12" in app.told
        # built before it was told: the new period then shows at once, its alerts follow
        assert app.ready_when_told is not None and "2021-12" in app.ready_when_told
        assert app.store is not None and app.store.alerts_ready("2021-12")
        assert app.drill.ready is not None and not app.drill.ready.alerts_pending
        header = str(app.screen.query_one(HeaderLine).render())
        assert "3 期" in header and "刷新于" in header
        assert compact_path(str(source), SOURCE_CELLS) in header  # its end, if it is long


@pytest.mark.failures
async def test_a_period_that_cannot_be_worked_out_still_ends_the_refresh(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _, data = with_a_new_period(tmp_path)
    app = Recording(data)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        assert app.store is not None

        def failing(period: str, cur: object = None) -> None:
            raise duckdb.IOException("the cache's disk is gone")  # no real part fails so

        monkeypatch.setattr(app.store, "ensure_rollups", failing)
        await pilot.press("r")
        await settle(pilot)
        await settle(pilot)
        assert "新增 1 期：2021-12" in app.told  # the files are in: the refresh is done
        assert any("the cache's disk is gone" in m for m in app.told), app.told
        header = str(app.screen.query_one(HeaderLine).render())
        assert "正在计算" not in header and "3 期" in header


async def test_a_failed_refresh_keeps_what_it_had(tmp_path: Path) -> None:
    data = write_fixture(tmp_path / "data")
    before = {p.name: p.read_bytes() for p in data.iterdir()}
    app = Recording(data, source=str(tmp_path / "no-such-source"))
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert app.drill is not None and app.drill.period == "2021-11"
        assert any("no-such-source" in m for m in app.told), app.told
    assert {p.name: p.read_bytes() for p in data.iterdir()} == before


async def test_an_empty_console_opens_after_a_refresh(tmp_path: Path) -> None:
    source = write_fixture(tmp_path / "source")
    app = Recording(tmp_path / "data", source=str(source))
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        assert app.drill is None
        await pilot.press("r")
        await settle(pilot)
        await settle(pilot)
        assert app.drill is not None and app.drill.period == "2021-11"
