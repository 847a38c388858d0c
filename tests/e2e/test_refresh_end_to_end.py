"""End to end: publish a folder, serve it with python -m http.server, refresh over HTTP."""

from __future__ import annotations

import shlex
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from console.snapshots import write_snapshot
from tests.e2e.conftest import Terminal, executable
from tests.fixtures import TREE, frame, unit_row, write_fixture


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A published folder and the URL that python -m http.server serves it at."""
    folder = write_fixture(tmp_path / "published")
    (folder / "manifest.json").unlink()
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind",
                               "127.0.0.1", "--directory", str(folder)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 10
    while True:
        try:
            httpx.get(url, timeout=1)
            break
        except httpx.TransportError:
            if time.monotonic() > deadline:
                server.kill()
                pytest.fail("http.server did not start")
            time.sleep(0.05)
    yield folder, url
    server.kill()
    server.wait()


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([executable(), *args], capture_output=True, text=True, check=False)


def add_period(folder: Path, period: str) -> None:
    rows = [unit_row(period, code, name, level, parent, {}) for code, name, level, parent
            in TREE]
    write_snapshot(frame(rows), folder / f"{period}.parquet")


def test_publish_serve_refresh(served: tuple[Path, str], tmp_path: Path) -> None:
    folder, url = served
    done = cli("publish", str(folder))
    assert done.returncode == 0, done.stderr
    assert "2 snapshots listed" in done.stderr
    data = tmp_path / "data"
    done = cli("refresh", "--data", str(data), "--source", url)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"{url}: 2 new periods: 2021-10, 2021-11"
    done = cli("refresh", "--data", str(data))  # the source is remembered
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"{url}: up to date"
    shutil.copy(folder / "2021-11.parquet", folder / "2021-12.parquet")  # wrong period inside
    done = cli("publish", str(folder))
    assert done.returncode == 1
    assert "2021-12.parquet: period" in done.stderr and len(done.stderr.splitlines()) == 1


def test_refresh_errors_are_one_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    done = cli("refresh", "--data", str(data), "--source", f"http://127.0.0.1:{free_port()}",
               "--retries", "0", "--timeout", "2")
    assert done.returncode == 1
    assert len(done.stderr.strip().splitlines()) == 1
    assert "manifest.json" in done.stderr
    assert not data.exists() or not any(data.iterdir())
    done = cli("refresh", "--data", str(data))
    assert done.returncode == 1 and "no source" in done.stderr


def test_r_in_a_terminal_brings_the_new_period(served: tuple[Path, str], tmp_path: Path,
                                               terminal: type[Terminal]) -> None:
    folder, url = served
    assert cli("publish", str(folder)).returncode == 0
    data = tmp_path / "data"
    assert cli("refresh", "--data", str(data), "--source", url).returncode == 0
    command = "TERM=xterm-256color " + shlex.join([executable(), "--data", str(data)])
    term = terminal(command, 140, 30)
    term.wait_for("报告期 2021-11 (2 期)", "刷新于")
    add_period(folder, "2021-12")
    assert cli("publish", str(folder)).returncode == 0
    term.keys("r")
    term.wait_for("报告期 2021-12 (3 期)", "新增 1 期：2021-12")
    term.keys("q")
