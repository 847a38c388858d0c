"""What a failure becomes: the log's place, its rotation, and the line the user reads."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from rich.cells import cell_len

from console.ui import failures

pytestmark = pytest.mark.failures  # these write the log on purpose


def raised(error: Exception) -> Exception:
    """`error` as it is caught: with a traceback."""
    try:
        raise error
    except Exception as caught:
        return caught


def test_the_log_is_in_the_state_folder(monkeypatch: pytest.MonkeyPatch,
                                        tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    assert failures.log_path() == tmp_path / "fpa-console" / "console.log"
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    for unusable in ("", "relative/state"):  # the XDG spec: a relative path is ignored
        monkeypatch.setenv("XDG_STATE_HOME", unusable)
        assert failures.log_path() == tmp_path / "home/.local/state/fpa-console/console.log"


def test_a_failure_is_logged_with_its_traceback_and_told_in_one_line(
        own_state: Path) -> None:
    log = own_state / "fpa-console" / "console.log"
    assert not log.parent.exists()  # made on the first write
    line = failures.record(raised(KeyError("unit_name")), "zh")
    assert line == f"出错：KeyError: 'unit_name'（详情见 {failures.shown_path(log)}）"
    text = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text and "in raised" in text
    assert stat.S_IMODE(log.parent.stat().st_mode) == 0o700
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(log.stat().st_mode) == 0o666 & ~umask
    english = failures.record(raised(RuntimeError("boom")), "en")
    assert english.startswith("Failed: RuntimeError: boom (details in ")
    assert log.read_text(encoding="utf-8").startswith(text)  # added to, not replaced


def test_the_line_is_the_first_line_of_the_message_cut_to_fit() -> None:
    class StoreLike(Exception):
        """An error of the console's own: its message is written for the user."""

    assert failures.reason(StoreLike("no snapshot for 2021-13\nmore")) == \
        "no snapshot for 2021-13"
    assert failures.reason(ValueError()) == "ValueError"
    long = failures.reason(StoreLike("单位" * 100))
    assert long.endswith("…") and cell_len(long) <= failures.REASON_CELLS


def test_the_log_is_bounded(own_state: Path) -> None:
    log = own_state / "fpa-console" / "console.log"
    log.parent.mkdir(parents=True)
    log.write_text("x" * failures.LOG_BYTES, encoding="utf-8")
    failures.record(raised(RuntimeError("boom")), "en")
    assert (log.parent / "console.log.1").stat().st_size == failures.LOG_BYTES
    assert "RuntimeError: boom" in log.read_text(encoding="utf-8")
    assert log.stat().st_size < failures.LOG_BYTES


def test_a_log_that_cannot_be_written_is_not_pointed_at(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "fpa-console").write_text("a file where the folder should be")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    line = failures.record(raised(RuntimeError("boom")), "zh")
    assert line == "出错：RuntimeError: boom（日志无法写入）"
