"""Shared fixtures: the hand-built snapshot folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures import write_fixture


@pytest.fixture
def fixture_folder(tmp_path: Path) -> Path:
    """A fresh copy of the hand-built fixture snapshots."""
    return write_fixture(tmp_path / "data")


@pytest.fixture(autouse=True)
def own_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test remembers validated files in a cache folder of its own."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder
