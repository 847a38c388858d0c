"""Shared fixtures: the hand-built snapshot folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fixtures import write_fixture


@pytest.fixture
def fixture_folder(tmp_path: Path) -> Path:
    """A fresh copy of the hand-built fixture snapshots."""
    return write_fixture(tmp_path / "data")


@pytest.fixture(autouse=True)
def own_state(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch,
              request: pytest.FixtureRequest) -> Iterator[Path]:
    """Each test logs failures in a state folder of its own; a test that did not expect a
    failure fails if the console logged one (it is told on the screen, not raised)."""
    folder = tmp_path_factory.mktemp("state")
    monkeypatch.setenv("XDG_STATE_HOME", str(folder))
    yield folder
    log = folder / "fpa-console" / "console.log"
    if log.exists() and request.node.get_closest_marker("failures") is None:
        pytest.fail(f"the console logged a failure:\n{log.read_text(encoding='utf-8')}")


@pytest.fixture(autouse=True)
def own_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test remembers validated files in a cache folder of its own."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder
