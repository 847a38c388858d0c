"""Shared fixtures: the hand-built snapshot folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures import write_fixture


@pytest.fixture
def fixture_folder(tmp_path: Path) -> Path:
    """A fresh copy of the hand-built fixture snapshots."""
    return write_fixture(tmp_path / "data")
