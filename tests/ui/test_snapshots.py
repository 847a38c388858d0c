"""Snapshots of the main screens at 80×24 and 140×40 (Textual is pinned exactly for these).

Update them after a deliberate change of the look: pytest tests/ui --snapshot-update.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from console.ui.app import make_app
from tests.fixtures import write_fixture
from tests.ui.conftest import settle

Compare = Callable[..., bool]


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fixture as ./data, so the header shows the same path on every machine."""
    write_fixture(tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    return Path("data")


def keys(*pressed: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        for key in pressed:
            await pilot.press(key)
            await settle(pilot)

    return run_before


SIZES = [(80, 24), (140, 40)]
VIEWS = {"national": (), "province": ("down", "enter"),
         "county": ("down", "enter", "down", "down", "enter")}  # 湖北省 › 仙桃市's townships


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", SIZES, ids=str)
@pytest.mark.parametrize("view", VIEWS)
def test_drill_view(snap_compare: Compare, data: Path, view: str, size: tuple[int, int],
                    lang: str) -> None:
    assert snap_compare(make_app(data, lang=lang), terminal_size=size,
                        run_before=keys(*VIEWS[view]))


def test_alert_panel_opened_at_80_columns(snap_compare: Compare, data: Path) -> None:
    assert snap_compare(make_app(data), terminal_size=(80, 24), run_before=keys("a"))


@pytest.mark.parametrize("size", SIZES, ids=str)
def test_compare_mode(snap_compare: Compare, data: Path, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(data), terminal_size=size,
                        run_before=keys("down", "enter", "c", "enter"))


@pytest.mark.parametrize("size", SIZES, ids=str)
def test_unit_detail(snap_compare: Compare, data: Path, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(data), terminal_size=size, run_before=keys("down", "d"))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_help(snap_compare: Compare, data: Path, lang: str) -> None:
    assert snap_compare(make_app(data, lang=lang), terminal_size=(80, 24),
                        run_before=keys("question_mark"))


def test_no_data(snap_compare: Compare, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert snap_compare(make_app(Path("empty")), terminal_size=(80, 24), run_before=keys())
