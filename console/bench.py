"""`fpa-console bench`: time what a user waits for, through the console's own code paths.

Each figure is the median of repeated runs beside its target for the depth, and the time
of a full scan of one period (the floor) lets each be read as a ratio to what DuckDB needs
just to read the data; start-up has a floor of its own, the import of the stack it runs
on. The console itself is driven headless for drill and period switch and in a
pseudo-terminal for start-up; its UI package is imported only when it is driven.
"""

from __future__ import annotations

import asyncio
import compileall
import contextlib
import fcntl
import functools
import http.server
import json
import os
import platform
import pty
import select
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import duckdb
import polars as pl
import pyarrow as pa

from console import sql
from console.display import Palette
from console.export import provenance, write_view
from console.history import unit_detail
from console.rule_list import RuleList
from console.schema import LEVELS
from console.snapshots import MANIFEST, format_period, parse_period, snapshot_files
from console.store import Store
from console.ui.prepared import Look, prepare
from console.view import View, ViewSpec, build_view

DEPTHS = ("county", "village")
EXPORT_ROWS = 100_000
TIMEOUT = 60.0  # seconds any one wait may take before the benchmark gives up
FLOOR = "floor: full scan of one period"  # the figure each other is read against
IMPORT_FLOOR = "start-up floor: the stack's import"
STACK = ("textual.app", "duckdb", "pyarrow", "polars")  # what the console imports to start
MEMORY_WALK = ("start", "drill to a unit of the lowest level (its detail)",
               "the nation's detail", "the largest rule's list",
               "the flattened view of the lowest level", "period switch 1", "period switch 2",
               "period switch 3")
"""The steps after which console.ui.drive.memory_walk measures the console's memory."""
# Targets per depth (county, village); None where the issue sets none.
TARGETS: dict[str, tuple[float | None, float | None]] = {
    "start-up to national table": (0.6, 0.8),
    "drill one level": (0.050, 0.080),
    "drill one level, pressed at once": (0.050, 0.080),
    "drill into the lowest level, nothing prepared": (0.050, 0.080),
    "switch period": (0.050, 0.080),
    "alert panel, nation": (0.050, 0.250),
    "first alert evaluation": (None, None),
    "flattened view, every unit of the lowest level": (None, 1.5),
    f"export {EXPORT_ROWS:,} rows (CSV)": (None, 0.5),
    "export every unit of the lowest level (CSV)": (None, 1.2),
    "refresh one new period (loopback HTTP)": (0.3, 1.5),
    "… then its alerts": (None, None),
    "peak memory": (250.0, 450.0),
    "detail, nation (every period's sums kept)": (0.3, 0.3),
    "detail, a province (every period's sums kept)": (0.3, 0.3),
    "detail, a village": (0.3, 0.3),
    "detail, nation (no sums but the latest)": (3.0, 3.0),
    "detail, a province (no sums but the latest)": (3.0, 3.0),
    "the largest rule's unit list, nation": (0.3, 0.3),
    **{f"memory: {step}": (450.0, 450.0) for step in MEMORY_WALK},
}


class BenchError(Exception):
    """A benchmark that cannot run: the message says why."""


@dataclass(frozen=True)
class Figure:
    """One measured figure: its median value (seconds, or MB for memory) and its target."""

    name: str
    value: float | None  # None: not measured at this depth
    target: float | None
    note: str = ""
    unit: str = "s"


def default_folder(depth: str) -> Path:
    """Where the benchmark keeps its demo data when no --data is given."""
    return Path(tempfile.gettempdir()) / f"fpa-bench-{depth}"


def run_bench(depth: str, data: Path | None, repeats: int,
              log: Callable[[str], None] | None = None) -> list[Figure]:
    """Generate the demo data if `data` holds none, then measure every figure `repeats` times."""
    if depth not in DEPTHS:
        raise BenchError(f"depth must be one of {', '.join(DEPTHS)}, not {depth!r}")
    if repeats < 1:
        raise BenchError("repeats must be at least 1")
    say = log or (lambda text: None)
    folder = data or default_folder(depth)
    if not (folder.is_dir() and snapshot_files(folder)):
        from console.demo import generate

        say(f"generating {depth}-depth demo data in {folder} …")
        generate(folder, depth=depth)
    column = DEPTHS.index(depth)

    def figure(name: str, value: float | None, note: str = "", unit: str = "s") -> Figure:
        return Figure(name, value, TARGETS[name][column], note, unit)

    store = Store(folder)
    try:
        say("floor, alerts, views, export …")
        figures = [Figure(FLOOR, _floor(store, repeats), None,
                          f"{store.latest}.parquet to Arrow")]
        figures += _headless(store, depth, repeats, figure)
        say("unit details and rule lists …")
        figures += _details(store, repeats, figure)
    finally:
        store.close()
    say("drill and period switch (headless console) …")
    rested, at_once, switch, deepest = _drive_console(folder, depth, repeats)
    figures += [figure("drill one level", rested, "cursor rested on the row first (the view "
                       "is prepared ahead); enter to rows rendered, headless"),
                figure("drill one level, pressed at once", at_once,
                       "down and enter with no pause, a row further each time (rows "
                       "near the cursor are prepared after each view)"),
                figure("drill into the lowest level, nothing prepared", deepest,
                       f"enter into a view of {depth} units, not prepared ahead" + (
                           " (read from the period's file: rollups keep no villages)"
                           if depth == LEVELS[-1] else "")),
                figure("switch period", switch, "[ and ] presses, headless")]
    say("refresh over loopback …")
    shown, alerted = _refresh(folder, repeats)
    figures += [figure("refresh one new period (loopback HTTP)", shown,
                       "ThreadingHTTPServer on 127.0.0.1; validated, reloaded, the new "
                       "period's rollups built: its table can show"),
                figure("… then its alerts", alerted, "the rules of the new period, run "
                       "after its table shows (its alert counts fill in)")]
    say("memory through a walk of the console (headless) …")
    figures += [figure(f"memory: {step}", mb, "peak RSS of a headless console (VmHWM) "
                       "after each step, 80x24", unit="MB")
                for step, mb in _memory_walk(folder, depth)]
    say("start-up in a pseudo-terminal …")
    starts, peak = _start_up(folder, repeats)
    figures += [figure("start-up to national table", starts,
                       "process start to last row's name on a 120x40 pty (the console's "
                       "bytecode compiled first, as pip compiles an installed package's)"),
                Figure(IMPORT_FLOOR, _median(repeats, _imports), None,
                       f"a new interpreter that imports {', '.join(STACK)}, then exits: "
                       "the part of start-up that the console's own code does not set"),
                figure("peak memory", peak, "max RSS of the start-up process (national view)",
                       unit="MB")]
    return figures


def _median(runs: int, measure: Callable[[], float]) -> float:
    return statistics.median(measure() for _ in range(runs))


def _timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def _floor(store: Store, repeats: int) -> float:
    (file,) = store.files_of(store.latest)
    con = duckdb.connect(":memory:")
    try:
        query = sql.load("bench/full_scan")
        return _median(repeats, lambda: _timed(
            lambda: con.sql(query, params={"period_files": [file]}).to_arrow_table()))
    finally:
        con.close()


def _headless(store: Store, depth: str, repeats: int,
              figure: Callable[..., Figure]) -> list[Figure]:
    """Alerts, the flattened view and exports, as the console's workers compute them."""
    period, root = store.latest, store.root
    fresh = Store(store.folder, keep_derived=False)  # nothing kept from an earlier run
    try:
        first = _timed(lambda: fresh.ensure_alerts(period))
    finally:
        fresh.close()
    store.ensure_alerts(period)
    panel = _median(repeats, lambda: _timed(lambda: store.rule_counts(root, period)))
    figures = [figure("alert panel, nation", panel, "rule counts once alerts exist"),
               figure("first alert evaluation", first,
                      f"rollups, every rule and their subtree counts at {period}, once")]
    spec = ViewSpec(root, period, level=depth)
    look = Look("zh", Palette())
    flat = _median(repeats, lambda: _timed(lambda: _shown_at_once(store, spec, look)))
    view = build_view(store, spec)
    if view.rows.num_rows == 0:
        raise BenchError(f"{store.folder} holds no {depth} units: give an empty folder "
                         f"or one generated with --depth {depth}")
    every = f"every {depth} ({view.rows.num_rows:,} rows)"
    figures.append(figure("flattened view, every unit of the lowest level", flat,
                          f"{every}: queried, measured, first screen formatted"))
    path = [(u.code, u.name) for u in store.ancestry(root, period)]
    with tempfile.TemporaryDirectory(prefix="fpa-bench-") as scratch:
        outs = iter(Path(scratch) / f"{n}.csv" for n in range(10**9))

        def export(rows: pa.Table) -> float:
            cut = View(spec, rows, view.total, view.summary)
            return _timed(lambda: write_view(cut, next(outs), "csv", "zh", provenance(
                cut, path, store.folder / MANIFEST)))

        if view.rows.num_rows >= EXPORT_ROWS:
            figures.append(figure(f"export {EXPORT_ROWS:,} rows (CSV)", _median(
                repeats, lambda: export(view.rows.slice(0, EXPORT_ROWS))), "flattened view cut"))
        else:
            figures.append(figure(f"export {EXPORT_ROWS:,} rows (CSV)", None,
                                  f"only {view.rows.num_rows:,} rows at {depth} depth"))
        figures.append(figure("export every unit of the lowest level (CSV)",
                              _median(repeats, lambda: export(view.rows)), every))
    return figures


def _details(store: Store, repeats: int, figure: Callable[..., Figure]) -> list[Figure]:
    """What the unit detail waits for (its row, history, path, alerts and the subtree's
    history) of the nation, a province and a unit of the lowest level, with every period's
    sums kept and with none but the latest's; and the list of the rule most units break."""
    period, root = store.latest, store.root
    store.ensure_alerts(period)
    units = store.directory(period)
    province = next(c for c, parent in zip(units.column("unit_code").to_pylist(),
                                           units.column("parent_code").to_pylist(),
                                           strict=True) if parent == root)
    lowest = units.column("unit_code")[units.num_rows - 1].as_py()

    def detail(on: Store, code: str) -> float:
        on.memo.clear()  # as a console that has not shown this detail yet
        return _timed(lambda: unit_detail(on, code, period))

    figures = []
    bare = Store(store.folder, keep_derived=False)  # the latest period's sums alone
    try:
        bare.ensure_alerts(period)
        for name, code in (("nation", root), ("a province", province)):
            figures.append(figure(f"detail, {name} (no sums but the latest)", _median(
                repeats, lambda: detail(bare, code)), "the subtree summed from the files "  # noqa: B023
                "of the periods without rollups"))
    finally:
        bare.close()
    for kept in store.periods:
        store.ensure_rollups(kept)
    for name, code in (("nation", root), ("a province", province)):
        figures.append(figure(f"detail, {name} (every period's sums kept)", _median(
            repeats, lambda: detail(store, code)), "the subtree's history from its "  # noqa: B023
            "rollup rows"))
    figures.append(figure("detail, a village", _median(repeats, lambda: detail(store, lowest)),
                          f"{lowest}: its own rows in every period"))
    counts = store.rule_counts(root, period).to_pylist()
    largest = max(counts, key=lambda row: row["units"])

    def listed() -> float:
        started = time.perf_counter()
        units = RuleList(store, root, period, largest["rule"])
        units.rows(0, 500)  # the table's first block
        elapsed = time.perf_counter() - started
        units.close()
        return elapsed

    figures.append(figure("the largest rule's unit list, nation", _median(repeats, listed),
                          f"{largest['rule']}: {largest['units']:,} units, the list made "
                          "and its first block read"))
    return figures


def _memory_walk(folder: Path, depth: str) -> list[tuple[str, float]]:
    """console.ui.drive.memory_walk in a process of its own, whose memory is the console's."""
    script = ("import asyncio, json, sys; from pathlib import Path; "
              "from console.ui.drive import memory_walk, peak_megabytes; "
              f"found = asyncio.run(memory_walk(Path(sys.argv[1]), sys.argv[2], {TIMEOUT}, "
              "peak_megabytes));"
              " print(json.dumps(found))")
    done = subprocess.run([sys.executable, "-c", script, str(folder), depth], capture_output=True,
                          text=True, timeout=TIMEOUT * 10, check=False)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise BenchError(f"the memory walk failed: {last}")
    return [(str(step), float(mb)) for step, mb in json.loads(done.stdout.splitlines()[-1])]


def _shown_at_once(store: Store, spec: ViewSpec, look: Look) -> None:
    """What the console does before a long view shows: prepare it, format its first rows."""
    ready = prepare(store, spec, None, look)
    if ready.display is None:
        ready.formatted(ready.rows.slice(0, 100), look)


# -- the console, headless -------------------------------------------------------------


def _drive_console(folder: Path, depth: str, repeats: int
                   ) -> tuple[float, float, float, float]:
    from console.ui.drive import DriveTimeout, drive

    try:
        return asyncio.run(drive(folder, depth, repeats, TIMEOUT))
    except DriveTimeout as error:
        raise BenchError(str(error)) from None


# -- refresh over loopback -------------------------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Say nothing: the benchmark's output is its table."""


@contextlib.contextmanager
def _serving(folder: Path) -> Iterator[str]:
    """Serve `folder` over HTTP on 127.0.0.1 (a free port) while inside; yield its URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _linked(files: list[Path], into: Path) -> None:
    """`files` in folder `into` as symbolic links. (A hard link would change each file's
    change time, and with it the identity by which the console knows its work on the file
    is current: the next start would work everything out again.)"""
    into.mkdir(parents=True, exist_ok=True)
    for file in files:
        (into / file.name).symlink_to(file.resolve())


def _refresh(folder: Path, repeats: int) -> tuple[float, float]:
    """Median seconds to refresh a copy of `folder` from a source that adds one period, as
    the console does it: files in and validated, the store reloaded, the new period's
    rollups built, ready to show; and then to run its rules (its alerts)."""
    from console.refresh import publish, refresh
    from console.snapshots import write_snapshot

    files = snapshot_files(folder)
    latest = files[-1]
    table = pl.read_parquet(latest)
    day = parse_period(latest.stem)
    following = format_period(day.replace(year=day.year + day.month // 12,
                                          month=day.month % 12 + 1))

    def brought_in(store: Store, copy: Path, url: str) -> None:
        refresh(copy, url, timeout=TIMEOUT)
        store.reload()
        store.ensure_rollups(store.latest)

    with tempfile.TemporaryDirectory(prefix="fpa-bench-") as scratch:
        source = Path(scratch) / "source"
        _linked(files, source)
        write_snapshot(table.with_columns(pl.lit(parse_period(following)).alias("period")),
                       source / f"{following}.parquet")
        publish(source)
        manifest = [folder / MANIFEST] if (folder / MANIFEST).is_file() else []
        runs: list[float] = []
        alerts: list[float] = []
        with _serving(source) as url:
            for run in range(repeats):
                copy = Path(scratch) / f"data-{run}"
                _linked([*files, *manifest], copy)
                store = Store(copy)  # the console's, open before the refresh
                try:
                    runs.append(_timed(lambda: brought_in(store, copy, url)))  # noqa: B023
                    alerts.append(_timed(lambda: store.ensure_alerts(store.latest)))  # noqa: B023
                finally:
                    store.close()
                    if store.derived is not None:  # the copy's work, of no use to anyone
                        for left in (store.derived, Path(f"{store.derived}.wal")):
                            left.unlink(missing_ok=True)
                shutil.rmtree(copy)
    return statistics.median(runs), statistics.median(alerts)


# -- start-up in a pseudo-terminal -----------------------------------------------------


def _imports() -> float:
    """Seconds for a new interpreter to import the stack (STACK) and exit."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", f"import {', '.join(STACK)}"], check=True)
    return time.perf_counter() - started


def _start_up(folder: Path, repeats: int) -> tuple[float, float]:
    """Median seconds from spawn to the national table on screen; the largest peak RSS in MB.

    The console's bytecode is compiled first. An installed package's is compiled by pip;
    a checkout's (pip install -e) is written at its first start, unless Python is told
    not to (PYTHONDONTWRITEBYTECODE, set on some machines), and then every start
    compiles the console's modules again (~60 ms measured).
    """
    compileall.compile_dir(Path(__file__).parent, quiet=2)  # where writable
    store = Store(folder)
    try:
        rows = build_view(store, ViewSpec(store.root, store.latest)).rows
    finally:
        store.close()
    names = rows.column("unit_name").to_pylist()
    # the last row that fits a 40-line screen beside header, breadcrumb, summary and footer
    marker = names[min(len(names), 20) - 1].encode()
    runs = [_one_start(folder, marker) for _ in range(repeats)]
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs)


def _one_start(folder: Path, marker: bytes) -> tuple[float, float]:
    command = [sys.executable, "-m", "console.cli", "--data", str(folder)]
    script = Path(sys.executable).with_name("fpa-console")
    if script.is_file():
        command = [str(script), "--data", str(folder)]
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "40"}
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    started = time.perf_counter()
    child = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave, env=env,
                             start_new_session=True)
    os.close(slave)
    peak = _Peak(child.pid)
    seen, elapsed = b"", None
    try:
        while time.perf_counter() - started < TIMEOUT:
            ready, _, _ = select.select([master], [], [], 0.02)
            peak.sample()
            if not ready:
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the child closed the terminal
                break
            seen += chunk
            if marker in seen:
                elapsed = time.perf_counter() - started
                break
        os.write(master, b"q")
        _drain(master, child, peak)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
    finally:
        if child.returncode is None:
            child.kill()
            child.wait()
        os.close(master)
    if elapsed is None:
        raise BenchError(f"the console did not show {marker.decode()} within {TIMEOUT:.0f} s")
    return elapsed, peak.megabytes or usage.ru_maxrss / 1024  # KB on Linux


class _Peak:
    """The peak resident memory of a child, read from /proc while it runs (VmHWM).

    The rusage of a finished child would also count the parent's pages that the child
    held between fork and exec: after a benchmark step that left this process large,
    every start would report this process's size instead of the console's.
    """

    def __init__(self, pid: int) -> None:
        self.status = Path(f"/proc/{pid}/status")
        self.megabytes = 0.0

    def sample(self) -> None:
        with contextlib.suppress(OSError, ValueError, IndexError):
            for line in self.status.read_text().splitlines():
                if line.startswith("VmHWM:"):
                    self.megabytes = max(self.megabytes, int(line.split()[1]) / 1024)


def _drain(master: int, child: subprocess.Popen[bytes], peak: _Peak) -> None:
    """Read what the child still writes (so it never blocks on a full terminal) until it ends."""
    deadline = time.perf_counter() + TIMEOUT
    while time.perf_counter() < deadline:
        peak.sample()
        ready, _, _ = select.select([master], [], [], 0.02)
        if ready:
            try:
                if not os.read(master, 65536):
                    return
            except OSError:
                return
        else:
            with contextlib.suppress(OSError):
                if os.waitid(os.P_PID, child.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT):
                    return
    child.kill()


# -- output ----------------------------------------------------------------------------


def machine() -> str:
    """The machine the figures were measured on."""
    return (f"{os.cpu_count()} CPUs, {platform.machine()}, {platform.system()} "
            f"{platform.release()}, Python {platform.python_version()}")


def format_table(figures: list[Figure], floor: float | None) -> str:
    """The figures as a text table: figure | measured | target | × floor, and the machine."""
    def shown(value: float | None, unit: str) -> str:
        if value is None:
            return "—"
        return f"{value:.0f} MB" if unit == "MB" else f"{value * 1000:.1f} ms"

    lines = [("figure", "measured", "target", "× floor", "note")]
    for f in figures:
        ratio = "—" if f.value is None or f.unit != "s" or not floor else f"{f.value / floor:.1f}"
        target = "—" if f.target is None else "≤ " + shown(f.target, f.unit)
        lines.append((f.name, shown(f.value, f.unit), target, ratio, f.note))
    widths = [max(len(line[i]) for line in lines) for i in range(4)]
    text = [" | ".join([*(c.ljust(w) for c, w in zip(line[:4], widths, strict=True)), line[4]])
            for line in lines]
    text.insert(1, "-+-".join("-" * w for w in [*widths, 4]))
    return "\n".join([*text, "", f"machine: {machine()}"])


def floor_of(figures: list[Figure]) -> float | None:
    """The floor figure's value: the full scan of one period."""
    return next((f.value for f in figures if f.name == FLOOR), None)


def write_json(figures: list[Figure], path: Path) -> None:
    """Write the figures and the machine as JSON."""
    payload = {"machine": machine(), "cpus": os.cpu_count(), "platform": platform.platform(),
               "floor_seconds": floor_of(figures), "figures": [asdict(f) for f in figures]}
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
