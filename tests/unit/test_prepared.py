"""Prepared views: the same rows and display as preparing them on the spot; a bounded cache."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

import console.ui.prepared as prepared_module
from console.display import Palette, display_table
from console.store import Store
from console.ui.prepared import Look, PreparedViews, prepare, shown_keys, shown_part
from console.view import ViewSpec, build_view

LOOK = Look("zh", Palette(error="red", warning="yellow", success="green", muted="dim"))


def test_a_prepared_view_is_the_view_formatted(fixture_folder: Path) -> None:
    store = Store(fixture_folder)
    spec = ViewSpec("420000", "2021-11")
    ready = prepare(store, spec, "2021-10", LOOK)
    assert ready.view == build_view(store, spec)
    assert ready.baseline is not None and ready.alert_changes is not None
    alone = prepare(store, spec, None, LOOK)
    assert alone.keys == shown_keys(alone.view.rows, spec, LOOK.columns)
    assert alone.display == display_table(shown_part(alone.view.rows, alone.keys), "zh",
                                          LOOK.palette, dt.date(2021, 11, 1))
    assert alone.summary.startswith("[b]本级合计（各级）[/b]") and "单位数 8 " in alone.summary
    cells = [str(v) for column in ready.display.columns for v in column.to_pylist()]
    assert any("▲" in c or "▼" in c for c in cells)  # the changes since 2021-10 shown


def test_a_prepared_view_knows_its_unit(fixture_folder: Path) -> None:
    store = Store(fixture_folder)
    for code in ("000000", "420000"):
        ready = prepare(store, ViewSpec(code, "2021-11"), None, LOOK)
        assert ready.node() == store.ancestry(code, "2021-11")[-1]


def test_the_cache_keeps_the_latest_and_no_large_view(fixture_folder: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(fixture_folder)
    views = PreparedViews(size=2)
    specs = [ViewSpec(node, "2021-11") for node in ("000000", "420000", "110000")]
    for spec in specs:
        views.put(spec, None, LOOK, prepare(store, spec, None, LOOK))
    assert views.get(specs[0], None, LOOK) is None  # the oldest went
    assert views.get(specs[2], None, LOOK) is not None
    assert views.get(specs[2], None, dataclasses.replace(LOOK, lang="en")) is None
    flat = ViewSpec("000000", "2021-11", level="county")
    monkeypatch.setattr(prepared_module, "CACHED_ROWS", 1)
    views.put(flat, None, LOOK, prepare(store, flat, None, LOOK))
    assert views.get(flat, None, LOOK) is None
    views.clear()
    assert views.get(specs[2], None, LOOK) is None
