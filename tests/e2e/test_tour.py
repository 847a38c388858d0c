"""The tour (issue #15): the installed console in a real terminal (tmux, 80×24) on the
village-depth demo. It presses every key of the help and runs every command of the
palette on the nation, a province, a county, a township and a village: the detail, the
alert panel and each rule's list, filters, the level switch to every level, compare, the
deadline, export, period switches and a sort on every column.

After each step the console must be alive, no traceback, 'Error' or '出错' may be on the
screen, and the screen must have changed. A key that can do nothing where it is pressed
(Esc at the top, ] at the latest period) is a *probe*: the console has no "nothing to do
here" message, so a probe that changes nothing is recorded as a silent no-op and
printed, not failed.

A failing step does not end the tour: it is recorded with the screen, the console is
started again and brought back to the node, and the tour goes on, so that one run reports
every broken step; the test fails at the end with all of them. The nodes are toured
PARALLEL at a time, each in a console, tmux server and home of its own, whose cache
starts as a copy of one warmed once (the files found good, the sums and alerts of the
first and latest periods), as an official's would be after a first start. The keys come from the
bindings (the help shows the same lists), the palette's commands from the same code the
palette uses, so a key or command added later is toured too (an action the tour has no
script for is toured generically: press, expect a change, Esc back).

FPA_TOUR=1 runs it (~4 minutes, the demo's generation included); it is not yet part of
the default run: see the skip reason. FPA_TOUR_DATA=DIR tours an existing village-depth
demo folder instead of generating one (to save ~20 s while developing);
FPA_TOUR_NODES=nation,village tours only those nodes.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import duckdb
import pytest
from textual.app import App
from textual.binding import Binding

from console.finder import initials
from console.schema import DRILL_KEYS, LEVELS, level_label
from console.ui.app import FpaConsole
from console.ui.i18n import binding_text, tr
from console.ui.screens.alert_units import AlertUnitsScreen
from console.ui.screens.deadline import DeadlineScreen
from console.ui.screens.detail import UnitDetailScreen
from console.ui.screens.drill import DrillScreen
from console.ui.screens.help import TABLE_KEYS, HelpScreen
from console.ui.widgets.alert_panel import AlertPanel
from tests.e2e.conftest import Terminal, executable

ROOT = Path(__file__).resolve().parents[2]
WIDTH, HEIGHT = 80, 24
LANG = "zh"
TOUR_BUDGET = 240.0  # seconds for one node's tour: the test must stay under 5 minutes
PARALLEL = 2  # nodes toured at once, each in a console of its own (one a core here)
FIRST_START = 120.0  # the first start validates 35 village-depth files (several seconds)
START = 60.0  # later starts (files remembered as good, rollups kept)
STEP_TIMEOUT = 6.0  # a step that has not shown what it should by then has failed
PROBE_TIMEOUT = 0.6  # how long a probe waits for the screen to change
POLL = 0.02  # seconds between two reads of the screen
SETTLE = 0.06  # the screen unchanged this long after a step: the step is done
QUIET = 0.25  # before a probe: the screen unchanged this long
MAX_RSS_MB = int(os.environ.get("FPA_TOUR_MAX_RSS_MB", "3000"))  # a runaway is a failure
BAD_WORDS = ("Traceback", "Error", tr("error", "zh"))  # 出错
LOADING = tr("loading", LANG)  # 加载中…
# the detail's second line (its path and period), once it has loaded: its history
# section is further down than an 80x24 screen shows
DETAIL_SHOWN = f" · {tr('period', LANG)} "
ALERTS_PENDING = tr("alerts_pending", LANG).rstrip(" …")

# The units the tour drills through (江西省 › 赣州市 › 瑞金市 › 沙洲坝镇) and its village.
DRILL_PATH = ("360000", "360700", "360781", "360781103")
VILLAGE = "360781103001"
TOURED = {"nation": 0, "province": 1, "county": 3, "township": 4}  # node → depth in the path

# -- the keys and commands, from the code ----------------------------------------------

TMUX_KEYS = {
    "escape": "Escape", "backspace": "BSpace", "enter": "Enter", "tab": "Tab",
    "home": "Home", "end": "End", "up": "Up", "down": "Down", "left": "Left",
    "right": "Right", "pageup": "PPage", "pagedown": "NPage",
    "left_square_bracket": "[", "right_square_bracket": "]", "question_mark": "?",
    "slash": "/", "space": "Space",
}
TABLE_KEY_NAMES = {"↑": "up", "↓": "down", "←": "left", "→": "right", "PgUp": "pageup",
                   "PgDn": "pagedown", "Enter": "enter", "ctrl+p": "ctrl+p"}
README_KEY_NAMES = {**TABLE_KEY_NAMES, "Esc": "escape", "Backspace": "backspace",
                    "Home": "home", "[": "left_square_bracket", "]": "right_square_bracket",
                    "/": "slash", "?": "question_mark", "F1": "f1"}


def tmux_key(key: str) -> str:
    """A Textual key name as tmux's send-keys spells it (single characters go literally)."""
    if key in TMUX_KEYS:
        return TMUX_KEYS[key]
    if key.startswith("ctrl+"):
        return "C-" + tmux_key(key.removeprefix("ctrl+"))
    if re.fullmatch(r"f\d{1,2}", key):
        return key.upper()
    assert len(key) == 1, f"no tmux name for the key {key!r}: add it to TMUX_KEYS"
    return key


@dataclass(frozen=True)
class Key:
    """One key of a binding: its Textual name, the binding's action and description."""

    key: str
    action: str
    description: str

    @property
    def tmux(self) -> str:
        return tmux_key(self.key)


def keys_of(bindings: list[Any]) -> list[Key]:
    """Every key of every binding (a binding can carry several: "escape,backspace")."""
    return [Key(key.strip(), b.action, b.description) for b in bindings
            if isinstance(b, Binding) for key in b.key.split(",")]


def help_keys() -> list[Key]:
    """The keys the help lists (FpaConsole.action_help): the table's, the drill screen's,
    the console's."""
    table = [Key(TABLE_KEY_NAMES[token], "table", text)
             for keys, text, _ in TABLE_KEYS for token in keys.split()]
    return table + keys_of(DrillScreen.BINDINGS) + keys_of(FpaConsole.BINDINGS)


def console_commands() -> list[tuple[str, str]]:
    """The console's own palette commands (FpaConsole.get_system_commands): title, action."""
    found = [(binding_text(b.description, LANG), b.action)
             for b in DrillScreen.BINDINGS if isinstance(b, Binding)]
    return [*found, (binding_text("Help", LANG), "help")]


def textual_commands() -> list[str]:
    """Textual's own palette commands, as App.get_system_commands yields them on a screen
    with a maximizable widget focused, then on a maximized screen."""
    app = SimpleNamespace(action_change_theme=None, action_quit=None, set_timer=None,
                          action_show_help_panel=None, action_hide_help_panel=None,
                          deliver_screenshot=None)
    titles: list[str] = []
    for maximized in (None, object()):
        screen = SimpleNamespace(query=lambda _: [], maximized=maximized,
                                 focused=SimpleNamespace(allow_maximize=True),
                                 action_maximize=None, action_minimize=None)
        for command in App.get_system_commands(app, screen):  # type: ignore[arg-type]
            if command.title not in titles:
                titles.append(command.title)
    return titles


def readme_keys() -> tuple[set[str], set[str]]:
    """The keys of the README's key table, and of its list of a rule's units."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    table = text.split("| key | what it does |", 1)[1].split("\n\n", 1)[0]
    keys: set[str] = set()
    for row in table.splitlines()[2:]:
        cell = row.split("|")[1].replace("`", "").strip()
        cell = re.sub(r"\(.*?\)", "", cell).replace(",", " ")
        tokens = [cell] if cell == "/" else [t for t in cell.split() if t not in ("or", "/")]
        keys |= {README_KEY_NAMES.get(t, t) for t in tokens}
    listing = text.split("In the list of a rule's units:", 1)[1].split("\n\n", 1)[0]
    list_keys = {README_KEY_NAMES.get(t, t) for t in re.findall(r"`([^`]+)`", listing)}
    list_keys |= {README_KEY_NAMES[w] for w in ("Enter", "Esc") if w in listing}
    return keys, list_keys


# -- the data ------------------------------------------------------------------------


@dataclass(frozen=True)
class Node:
    """Where the tour stands: a drill view, reached from the nation by Down×n, Enter."""

    name: str
    crumbs: str  # the breadcrumb: 全国 › 江西省
    hops: tuple[int, ...]  # the rows to drill into, from the top of the view
    level: str
    children: tuple[str, ...]  # the names of the rows, in the table's order
    scope: str | None = None  # a console confined to this unit (a village has no view)
    jump: str | None = None  # a row whose name no other unit has: the palette finds it


@dataclass(frozen=True)
class TourData:
    folder: Path
    periods: tuple[str, ...]
    nodes: tuple[Node, ...]


def generate_demo(out: Path, home: Path) -> None:
    started = time.monotonic()
    subprocess.run([executable(), "demo", "--depth", "village", "--out", str(out)],
                   check=True, capture_output=True, env={**clean_env(home)}, timeout=240)
    print(f"\ntour: the village-depth demo generated in {time.monotonic() - started:.1f} s")


def describe_nodes(folder: Path, periods: tuple[str, ...]) -> tuple[Node, ...]:
    """The nodes of the tour, with the rows the table shows there (every child, whatever
    its status, by code: queries/drill/view.sql)."""
    latest = folder / f"{periods[-1]}.parquet"
    con = duckdb.connect()
    units = con.execute("SELECT unit_code, unit_name, level, parent_code FROM read_parquet(?)",
                        [str(latest)]).fetchall()
    con.close()
    by_code = {code: (name, level, parent) for code, name, level, parent in units}
    named: dict[str, int] = {}
    for _, name, _, _ in units:
        named[name] = named.get(name, 0) + 1
    children: dict[str | None, list[str]] = {}
    for code, _, _, parent in sorted(units):
        children.setdefault(parent, []).append(code)
    root = next(code for code, (_, level, _) in by_code.items() if level == LEVELS[0])
    nodes = []
    for name, depth in TOURED.items():
        path = [root, *DRILL_PATH[:depth]]
        hops = tuple(children[parent].index(code) for parent, code in pairwise(path))
        rows = tuple(by_code[c][0] for c in children.get(path[-1], []))
        nodes.append(Node(name, " › ".join(by_code[c][0] for c in path), hops,
                          by_code[path[-1]][1], rows,
                          jump=next((r for r in rows if named[r] == 1), None)))
    village_name, village_level, _ = by_code[VILLAGE]
    nodes.append(Node("village", village_name, (), village_level, (), scope=VILLAGE))
    wanted = os.environ.get("FPA_TOUR_NODES")
    if wanted:
        nodes = [n for n in nodes if n.name in wanted.split(",")]
    return tuple(nodes)


def clean_env(home: Path) -> dict[str, str]:
    """An environment of its own: nothing of the user's FPA_* settings, caches or HOME."""
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8",
            "HOME": str(home), "XDG_CACHE_HOME": str(home / "cache"),
            "XDG_STATE_HOME": str(home / "state"), "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_DATA_HOME": str(home / "share"), "TMPDIR": str(home / "tmp")}


@pytest.fixture(scope="session")
def tour_data(tmp_path_factory: pytest.TempPathFactory) -> TourData:
    """The village-depth demo, generated once per run (or FPA_TOUR_DATA's folder)."""
    given = os.environ.get("FPA_TOUR_DATA")
    if given:
        folder = Path(given)
    else:
        base = tmp_path_factory.mktemp("tour-demo")
        home = base / "home"
        (home / "tmp").mkdir(parents=True)
        folder = base / "data"
        generate_demo(folder, home)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    periods = tuple(sorted(s["period"] for s in manifest["snapshots"]))
    return TourData(folder, periods, describe_nodes(folder, periods))


# -- the terminal ----------------------------------------------------------------------

ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-B]")


class StepFailed(Exception):
    """A step of the tour went wrong: why, and the screen then."""

    def __init__(self, reason: str, screen: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.screen = screen


class OutOfTime(Exception):
    """The tour's time is up."""


@dataclass
class Failure:
    node: str
    step: str
    keys: str
    reason: str
    screen: str
    at: float


@dataclass
class Tour:
    """Drives one console at a time through the nodes; records what goes wrong."""

    open_terminal: Callable[[str, int, int], Terminal]
    data: TourData
    home: Path
    exports: Path
    cwd: Path
    started: float = field(default_factory=time.monotonic)
    term: Terminal | None = None
    pid: int | None = None
    node: Node | None = None
    last: str = ""  # the screen (with its colours) after the last step
    steps: int = 0
    failures: list[Failure] = field(default_factory=list)
    silent: list[str] = field(default_factory=list)
    pressed: dict[str, set[str]] = field(default_factory=dict)  # node → Textual key names
    commands: dict[str, set[str]] = field(default_factory=dict)  # node → palette titles
    palette_broken: set[str] = field(default_factory=set)  # nodes where the palette failed
    generic: set[str] = field(default_factory=set)  # actions toured without a script
    restarts: int = 0
    not_finished: bool = False  # out of time before the end of its node
    first_start: bool = True
    peak_rss_mb: int = 0
    rotation: dict[str, int] = field(default_factory=dict)
    latency: list[float] = field(default_factory=list)  # key → first change on screen
    durations: list[float] = field(default_factory=list)  # key → the step done

    # -- the console -------------------------------------------------------------------

    def command(self, node: Node) -> str:
        env = {**clean_env(self.home), "TERM": "xterm-256color", "ESCDELAY": "10",
               "FPA_EXPORTS": str(self.exports)}
        args = [executable(), "--data", str(self.data.folder), "--no-mouse"]
        if node.scope:
            args += ["--scope", node.scope]
        assignments = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        return f"cd {shlex.quote(str(self.cwd))} && exec env -i {assignments} {shlex.join(args)}"

    def start(self, node: Node) -> None:
        """A new console (the previous one gone), at the top of `node`'s view."""
        self.stop()
        self.term = self.open_terminal(self.command(node), WIDTH, HEIGHT)
        self.tmux("set-option", "-w", "-t", self.term.name, "remain-on-exit", "on")
        # the pane's shell execs the console: the pane's process is the console's
        self.pid = int(self.tmux("display", "-p", "-t", self.term.name, "#{pane_pid}"))
        timeout = FIRST_START if self.first_start else START
        self.first_start = False
        top = node.crumbs if node.scope else node.crumbs.split(" › ")[0]
        started = time.monotonic()
        self.wait(f"start ({'scoped to ' + node.name if node.scope else 'the nation'})",
                  until=(f"{top}  显示",), change=False, timeout=timeout)
        print(f"tour: console started in {time.monotonic() - started:.1f} s")

    def stop(self) -> None:
        """End the console and its tmux server; wait until its process is gone."""
        if self.term is None:
            return
        pid, self.pid = self.pid, None
        self.term.close()
        self.term = None
        if pid is not None:
            deadline = time.monotonic() + 5
            while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
                time.sleep(0.05)
            if Path(f"/proc/{pid}").exists():
                os.kill(pid, signal.SIGKILL)  # the console this tour started, by its id

    def tmux(self, *args: str) -> str:
        assert self.term is not None
        done = subprocess.run([*self.term.tmux, *args], capture_output=True, text=True,
                              check=False)
        return done.stdout.strip()

    def reach(self, node: Node) -> None:
        """From the top of the view down to `node`, as a user would: Down×n, Enter."""
        crumbs = node.crumbs.split(" › ")
        for depth, rows in enumerate(node.hops, start=2):
            # at the top Esc leaves the alert panel if it has the keys (else it does
            # nothing) and Home is the table's first row (back there with t, the cursor
            # stays on the unit it came from); a child's view starts at its first row
            if depth == 2:  # once the cursor has come back to where it was
                self.quiet()
                self.step("out of the alert panel, if in it", "Escape", change=False)
                self.quiet()  # the table has the keys once the panel has let them go
                self.step("to the first row", "Home", change=False)
                self.quiet()
            self.step(f"drill into {crumbs[depth - 1]}", *["Down"] * rows, "Enter",
                      until=(" › ".join(crumbs[:depth]) + "  显示",))

    def restart_at(self, node: Node) -> None:
        self.restarts += 1
        self.start(node)
        self.reach(node)

    # -- reading the screen ------------------------------------------------------------

    def read(self) -> tuple[str, str, bool, str]:
        """The screen with its colours, as plain text, whether the console has ended and
        its exit status."""
        assert self.term is not None
        name = self.term.name
        out = subprocess.run([*self.term.tmux, "capture-pane", "-p", "-e", "-t", name, ";",
                              "display", "-p", "-t", name, "#{pane_dead} #{pane_dead_status}"],
                             capture_output=True, text=True, check=False).stdout
        lines = out.rstrip("\n").split("\n")
        status = lines[-1].split(" ") if lines else ["0"]
        screen = "\n".join(lines[:-1])
        return screen, ANSI.sub("", screen), status[0] == "1", " ".join(status[1:])

    def ended_screen(self) -> str:
        """What an ended console left: the console's own frames of its traceback and the
        exception, then the bottom of the screen."""
        history = self.tmux("capture-pane", "-p", "-S", "-5000", "-t",
                            self.term.name if self.term else "").splitlines()
        frames = [re.sub(r"[│\s]+$", "", line).strip("│ ") for line in history
                  if re.search(r"/console/\S+\.py:\d+ in ", line)]
        start = next((i for i, line in enumerate(history)
                      if re.match(r"^\w*(Error|Exception)\b.*:", line)), len(history))
        cause = [line for line in history[start:start + 3] if line.strip()]
        return "\n".join(["frames in console/: " + " ← ".join(reversed(frames[-4:])),
                          *cause, "--- screen (bottom) ---", *history[-8:]])

    def memory_mb(self) -> int:
        if self.pid is None:
            return 0
        try:
            status = Path(f"/proc/{self.pid}/status").read_text()
        except OSError:
            return 0
        found = re.search(r"VmRSS:\s+(\d+) kB", status)
        return int(found.group(1)) // 1024 if found else 0

    # -- steps ---------------------------------------------------------------------------

    def check_time(self) -> None:
        if time.monotonic() - self.started > TOUR_BUDGET:
            raise OutOfTime

    def send(self, keys: tuple[str, ...], literal: bool) -> None:
        assert self.term is not None
        if literal:
            self.term.keys(*keys, literal=True)
            return
        for key in keys:  # single characters literally: tmux reads some (; [ ]) as its own
            self.term.keys(key, literal=len(key) == 1)

    def wait(self, name: str, *, keys: tuple[str, ...] = (), literal: bool = False,
             until: tuple[str, ...] = (), gone: tuple[str, ...] = (), change: bool = True,
             check: Callable[[str], bool] | None = None, timeout: float = STEP_TIMEOUT,
             probe: bool = False, quiet: bool = True, ends: bool = False,
             fails: tuple[str, ...] = ()) -> str:
        """Send `keys`, then poll the screen until the step is done: it changed (unless
        not `change`), shows every text of `until` and none of `gone`, `check` holds, and
        nothing is loading; then until it is still. Fails when the console ends (unless
        `ends`: then it must end, with status 0), shows an error or a new text of
        `fails` (a refusal: no need to wait for the timeout), outgrows its memory or
        does not get there in `timeout` seconds. A `probe` that changes nothing within
        PROBE_TIMEOUT is recorded as a silent no-op (after the screen is `quiet`: what
        the console paints in the background is not the key's doing)."""
        self.check_time()
        pressed = " ".join(keys) if len(set(keys)) > 1 or len(keys) < 2 else \
            f"{keys[0]}×{len(keys)}"
        where = f"{name} [{pressed}]" if keys else name

        def failed(reason: str, screen: str) -> StepFailed:
            return StepFailed(f"{where}: {reason}", screen)

        before = self.quiet() if probe and quiet else self.last
        if keys:
            self.send(keys, literal)
        self.steps += 1
        started = time.monotonic()
        deadline = started + (PROBE_TIMEOUT if probe else timeout)
        changed, previous, still_since = False, None, started
        while True:
            screen, plain, ended, status = self.read()
            now = time.monotonic()
            if ended:
                if ends and status in ("0", ""):
                    self.pid = None
                    return plain
                raise failed(f"the console ended (exit status {status or '?'})",
                             self.ended_screen())
            if ends:
                if now > deadline:
                    raise failed("the console did not end", plain)
                time.sleep(POLL)
                continue
            bad = [word for word in BAD_WORDS if word in plain]
            if bad:  # a traceback is printed as the console ends: wait for the end
                gone_by = time.monotonic() + 3.0
                while not ended and time.monotonic() < gone_by:
                    time.sleep(0.1)
                    plain, ended, status = self.read()[1:]
                if ended:
                    raise failed(f"the console ended (exit status {status or '?'}) with a "
                                 f"traceback", self.ended_screen())
                raise failed(f"{' and '.join(map(repr, bad))} on screen", plain)
            refused = [t for t in fails if t in plain and t not in ANSI.sub("", before)]
            if refused:
                time.sleep(0.2)
                raise failed(f"refused: {refused}", self.read()[1])
            rss = self.memory_mb()
            self.peak_rss_mb = max(self.peak_rss_mb, rss)
            if rss > MAX_RSS_MB:
                raise failed(f"the console's memory ran away: {rss} MB (limit "
                             f"{MAX_RSS_MB} MB, FPA_TOUR_MAX_RSS_MB)", plain)
            if not changed and screen != before:
                changed = True
                self.latency.append(now - started)
            if screen != previous:
                previous, still_since = screen, now
            done = ((changed or not change) and all(t in plain for t in until)
                    and not any(t in plain for t in gone) and LOADING not in plain
                    and (check is None or check(plain)))
            if done and now - still_since >= SETTLE:
                self.last = screen
                self.durations.append(now - started)
                return plain
            if now > deadline:
                if probe and not changed:
                    self.last = screen
                    self.silent.append(f"[{self.node.name if self.node else '?'}] {where}: "
                                       f"nothing changed, nothing said")
                    return plain
                if not changed:
                    reason = f"the screen did not change in {timeout:.0f} s"
                else:
                    missing = [t for t in until if t not in plain]
                    still = [t for t in (*gone, LOADING) if t in plain]
                    reason = (f"after {timeout:.0f} s: " +
                              (f"not on screen: {missing} " if missing else "") +
                              (f"still on screen: {still} " if still else "") +
                              ("its check failed" if check and not check(plain) else ""))
                raise failed(reason.strip(), plain)
            time.sleep(POLL)

    def step(self, name: str, *keys: str, **expect: Any) -> str:
        return self.wait(name, keys=keys, **expect)

    def quiet(self) -> str:
        """Wait until the screen is still (background work painted): the probe's base."""
        previous, since = None, time.monotonic()
        deadline = since + 3.0
        while True:
            screen = self.read()[0]
            now = time.monotonic()
            if screen != previous:
                previous, since = screen, now
            elif now - since >= QUIET or now > deadline:
                return screen
            time.sleep(POLL)

    def screen_now(self) -> str:
        return self.read()[1]

    def next_of(self, what: str, choices: list[Any]) -> Any:
        """Each use of `what` takes the next of `choices` (so every close key is used)."""
        index = self.rotation.get(what, 0)
        self.rotation[what] = index + 1
        return choices[index % len(choices)]

    # -- keys and palette commands --------------------------------------------------------

    def key(self, key: Key, name: str, **expect: Any) -> str:
        """Press one key of a binding (recorded as toured at this node)."""
        assert self.node is not None
        self.pressed.setdefault(self.node.name, set()).add(key.key)
        return self.step(f"{name} [{key.key}]", key.tmux, **expect)

    def palette(self, title: str, name: str, query: str | None = None, **expect: Any) -> str:
        """Run the palette's command `title` (typing `query`, else the title): ctrl+p,
        type, pick the hit, Enter."""
        assert self.node is not None
        assert self.palette_works(), "callers check palette_works() first"
        self.commands.setdefault(self.node.name, set()).add(title)
        self.pressed.setdefault(self.node.name, set()).add("ctrl+p")
        self.step(f"palette for {title}", "C-p", until=("🔎",))
        titles = set(PALETTE_TITLES) | {title}
        hits: list[str] = []

        typed = query or title

        def listed(plain: str) -> bool:
            hits[:] = [line.strip() for line in plain.splitlines()
                       if line.strip() in titles or line.strip().startswith(JUMP)]
            # the palette shows the last search's hits until the new one's come: a list
            # with a command that does not match what was typed is an old one
            return title in hits and all(fuzzy(typed, hit) for hit in hits
                                         if not hit.startswith(JUMP))

        try:
            self.step(f"palette: type {query or title}", query or title, literal=True,
                      check=listed, timeout=15)  # its first search indexes every unit
        except StepFailed:
            self.palette_broken.add(self.node.name)
            raise
        rows = hits.index(title)
        if rows:
            self.step(f"palette: down to {title}", *["Down"] * rows)
        return self.step(f"palette: {title} [Enter]", "Enter", **expect)

    def screenshots(self) -> list[Path]:
        return [*self.cwd.rglob("*.svg"), *self.home.rglob("*.svg"),
                *self.exports.rglob("*.svg")]

    def palette_works(self) -> bool:
        """Whether the palette listed its commands at this node (once it failed here, the
        rest of the node is toured by keys: the failure is recorded once)."""
        return self.node is not None and self.node.name not in self.palette_broken

    def run(self, node: Node, name: str, body: Callable[[], None]) -> None:
        """One segment of the tour: on a failure, record it, start again at `node`."""
        started, steps = time.monotonic(), self.steps
        try:
            body()
            print(f"tour: [{node.name}] {name}: {self.steps - steps} steps in "
                  f"{time.monotonic() - started:.1f} s")
        except StepFailed as failure:
            self.failures.append(Failure(node.name, name, "", failure.reason, failure.screen,
                                         time.monotonic() - self.started))
            print(f"tour: FAILED [{node.name}] {name}: {failure.reason}\n" +
                  "\n".join("    " + line for line in failure.screen.rstrip().splitlines()))
            self.restart_at(node)

    def record_failure(self, node: str, step: str, reason: str, screen: str = "") -> None:
        self.failures.append(Failure(node, step, "", reason, screen,
                                     time.monotonic() - self.started))

    # -- the report ------------------------------------------------------------------------

    def report(self) -> str:
        wall = time.monotonic() - self.started
        lines = [f"tour: {self.steps} steps, {len(self.failures)} failures, "
                 f"{self.restarts} restarts, peak memory {self.peak_rss_mb} MB, "
                 f"wall time {wall:.1f} s"]
        if self.latency and self.durations:
            lat, dur = sorted(self.latency), sorted(self.durations)
            lines.append(f"key to first change: median {lat[len(lat) // 2] * 1000:.0f} ms; "
                         f"step: median {dur[len(dur) // 2] * 1000:.0f} ms, "
                         f"total {sum(dur):.1f} s over {len(dur)} steps")
        for f in self.failures:
            lines.append(f"\n[{f.node}] {f.step} (at {f.at:.0f} s): {f.reason}")
            if f.screen:
                lines += ["    " + line for line in f.screen.rstrip().splitlines()]
        if self.silent:
            lines.append(f"\nsilent no-ops (the console has no 'can do nothing' message): "
                         f"{len(self.silent)}")
            lines += ["  " + s for s in self.silent]
        if self.generic:
            lines.append(f"\ntoured generically (no script yet): {sorted(self.generic)}")
        return "\n".join(lines)


JUMP = tr("jump_to", LANG) + " "
REFUSALS = ("not overwritten", tr("export_failed", LANG))  # console/export.py's refusal
PALETTE_TITLES = [title for title, _ in console_commands()] + textual_commands()


# -- the tour of a drill view -----------------------------------------------------------


PANEL_KEYS = binding_text("Filter by rule", LANG)  # in the footer while the panel has the keys


def fuzzy(query: str, title: str) -> bool:
    """Whether the palette's matcher can match `query` to `title`: its letters in order."""
    rest = iter(title.lower())
    return all(letter in rest for letter in query.lower() if not letter.isspace())


def crumb_line(plain: str) -> str:
    lines = plain.splitlines()
    return lines[1] if len(lines) > 1 else ""


def exported_count(folder: Path) -> int:
    return len(list(folder.glob("*"))) if folder.exists() else 0


class NodeTour:
    """Every key and command at one node."""

    def __init__(self, tour: Tour, node: Node) -> None:
        self.tour = tour
        self.node = node
        self.at_top = not node.hops
        self.rows = len(node.children)
        self.keys = {k.key: k for k in help_keys()}
        self.by_action: dict[str, list[Key]] = {}
        for k in help_keys():
            self.by_action.setdefault(k.action, []).append(k)
        self.periods = tour.data.periods
        self.panel_at: tuple[int, int] | None = None  # (restarts, rule) the panel is on

    # helpers

    def home_view(self) -> tuple[str, ...]:
        """What the node's own view shows in its breadcrumb."""
        return (f"{self.node.crumbs}  显示",)

    def back_home(self, name: str) -> None:
        """Back at the node's view, whatever view the main screen went to: t, then down."""
        tour = self.tour
        if self.home_view()[0] in tour.screen_now():
            return
        top = self.node.crumbs if self.node.scope else self.node.crumbs.split(" › ")[0]
        tour.key(self.keys["t"], f"{name}: back to the top", until=(f"{top}  显示",))
        tour.reach(self.node)

    def trigger(self, action: str, name: str, via: str, **expect: Any) -> str:
        """Run `action` by one of its keys (`via` = the key) or by the palette (`via` =
        'palette')."""
        if via == "palette":
            title = next(t for t, a in console_commands() if a == action)
            return self.tour.palette(title, name, **expect)
        return self.tour.key(self.keys[via], name, **expect)

    def ways(self, action: str) -> list[str]:
        """Every key of `action`, then the palette if it has the action (while the palette
        works at this node)."""
        commanded = action in {a for _, a in console_commands()}
        palette = ["palette"] if commanded and self.tour.palette_works() else []
        return [k.key for k in self.by_action.get(action, [])] + palette

    def by_palette(self, title: str, name: str, **expect: Any) -> bool:
        """Run a palette command if the palette works at this node."""
        if not self.tour.palette_works():
            return False
        self.tour.palette(title, name, **expect)
        return True

    def all_segments(self) -> list[tuple[str, Callable[[], None]]]:
        segments: list[tuple[str, Callable[[], None]]] = [
            ("probes", self.probes),
            ("cursor keys", self.cursor_keys),
            ("help", self.help),
            ("periods", self.periods_),
            ("sort every column", self.sort_columns),
            ("detail", self.detail),
            ("drill down and up", self.drill_down_up),
            ("jump by the palette", self.jump),
        ]
        segments += self.alert_segments()
        segments += [
            ("filters", self.filters),
            ("level switch", self.level_switch),
            ("compare", self.compare),
            ("deadline", self.deadline),
            ("export", self.export),
            ("refresh", self.refresh),
            ("textual's commands", self.textual_commands),
        ]
        scripted = {"table", "drill_up", "national", "previous_period", "next_period",
                    "pick_period", "sort", "detail", "alerts", "compare", "deadline",
                    "filter", "level", "clear_filters", "export", "export_as",
                    "refresh_data", "quit", "help"}
        for action, keys in self.by_action.items():
            if action not in scripted:
                self.tour.generic.add(action)
                segments.append((f"generic {action}", lambda a=action, ks=keys:
                                 self.generic(a, ks)))
        segments.append(("quit", self.quit))
        return segments

    # segments

    def probes(self) -> None:
        """Keys that can do nothing here: the top has no 'up', the latest period no 'next'."""
        tour = self.tour
        if self.at_top:  # by each key, and by the palette
            for action in ("drill_up", "national"):
                for via in self.ways(action):
                    self.trigger(action, "at the top", via, probe=True)
        for k in self.by_action["next_period"]:
            tour.key(k, "at the latest period", probe=True)
        for name in ("up", "left", "pageup"):
            tour.key(self.keys[name], "at the first row and column", probe=True)

    def cursor_keys(self) -> None:
        tour = self.tour
        probe = self.rows < 2
        for k in ("down", "up", "pagedown", "pageup", "right", "left"):
            tour.key(self.keys[k], "move the cursor", probe=probe)

    def help(self) -> None:
        tour = self.tour
        title = tr("help_title", LANG)
        closes = [k for k in keys_of(HelpScreen.BINDINGS) if k.action == "close"]
        for via in self.ways("help"):
            if via == "palette":
                self.by_palette(binding_text("Help", LANG), "help", until=(title,))
            else:
                tour.key(self.keys[via], "help", until=(title,))
            close = tour.next_of("help close", closes)
            tour.step(f"close the help [{close.key}]", close.tmux, gone=(title,))

    def periods_(self) -> None:
        tour = self.tour
        latest, previous = self.periods[-1], self.periods[-2]
        header = "报告期 {}"
        for via_back, via_on in zip(self.ways("previous_period"), self.ways("next_period"),
                                    strict=True):
            self.trigger("previous_period", "previous period", via_back,
                         until=(header.format(previous),))
            self.trigger("next_period", "next period", via_on, until=(header.format(latest),))
        pick = tr("pick_period", LANG)
        for via in self.ways("pick_period"):
            self.trigger("pick_period", "pick a period", via, until=(pick,))
            tour.step("pick: the one before", "Down")
            tour.step("pick it", "Enter", gone=(pick,), until=(header.format(previous),))
            self.trigger("next_period", "back to the latest", "right_square_bracket",
                         until=(header.format(latest),))
        self.trigger("pick_period", "pick a period", "p", until=(pick,))
        tour.step("pick nothing [escape]", "Escape", gone=(pick,))

    def sort_columns(self) -> None:
        """s on every column (the cursor walks right until it stops), a full cycle on the
        name, and the palette's sort; the natural order again at the end."""
        tour = self.tour
        sort = self.keys["s"]
        if not self.node.children:  # a view with no rows has nothing to sort
            for via in self.ways("sort"):
                self.trigger("sort", "sort a view without rows", via, probe=True)
            return
        tour.step("to the first column", *["Left"] * 40, change=False)
        columns = 0
        while True:
            columns += 1
            # the trend column has no order of its own: a silent no-op
            tour.key(sort, f"sort column {columns}", probe=True, quiet=False)
            plain = tour.key(self.keys["right"], f"right of column {columns}", probe=True,
                             quiet=False)
            if tour.silent and tour.silent[-1].startswith(f"[{self.node.name}] right of "):
                tour.silent.pop()  # the last column: it stays
                break
            if columns > 60:
                raise StepFailed("the cursor never stopped moving right", plain)
        for _ in range(2):  # the last column: descending, then as it was
            tour.key(sort, "sort the last column again")
        if columns < len(DRILL_KEYS):
            raise StepFailed(f"only {columns} columns, fewer than the {len(DRILL_KEYS)} "
                             f"of the drill view", tour.screen_now())
        sorts = [s for s in tour.silent if f"[{self.node.name}] sort column" in s]
        if len(sorts) > 1:  # only the trend column has no order
            raise StepFailed(f"sorting changed nothing on {len(sorts)} columns: {sorts}",
                             tour.screen_now())
        tour.step("to the first column", *["Left"] * 40, change=False)
        tour.step("to the name", "Right")
        for order in ("ascending", "descending", "natural"):
            tour.key(sort, f"sort by name, {order}")
        if self.by_palette(binding_text("Sort", LANG), "sort by the palette"):
            for order in ("descending", "natural"):
                tour.key(sort, f"sort by name, {order}")
        tour.step("to the first column", "Left")

    def close_detail(self, name: str, title: str = DETAIL_SHOWN) -> None:
        closes = [k for k in keys_of(UnitDetailScreen.BINDINGS) if k.action == "close"]
        close = self.tour.next_of("detail close", closes)
        self.tour.step(f"{name}: close the detail [{close.key}]", close.tmux, gone=(title,))

    def detail(self) -> None:
        for via in self.ways("detail"):
            self.trigger("detail", "the unit's detail", via, until=(DETAIL_SHOWN,),
                         timeout=30)
            self.close_detail("detail")

    def drill_down_up(self) -> None:
        """Enter on a row, then each way up (and back down); at a township, Enter opens a
        village's detail."""
        tour = self.tour
        enter = self.keys["enter"]
        if not self.rows:
            tour.key(enter, "Enter on no row", probe=True)
            return
        child = self.node.children[0]
        if self.node.level == LEVELS[-2]:  # its rows are villages: Enter opens the detail
            tour.key(enter, f"Enter on the village {child}", until=(DETAIL_SHOWN,),
                     timeout=30)
            self.close_detail("village")
            above = self.node.crumbs.rsplit(" › ", 1)[0]  # then up from the node itself
            for via in self.ways("drill_up"):
                self.trigger("drill_up", "up one level", via, until=(f"{above}  显示",))
                self.back_home("up one level")
            for via in self.ways("national"):
                self.trigger("national", "to the nation", via, until=("全国  显示",))
                tour.reach(self.node)
            return
        below = f"{self.node.crumbs} › {child}  显示"
        for via in self.ways("drill_up"):
            tour.key(enter, f"drill into {child}", until=(below,), timeout=20)
            self.trigger("drill_up", "up one level", via, until=self.home_view())
        for via in self.ways("national"):
            tour.key(enter, f"drill into {child}", until=(below,), timeout=20)
            self.trigger("national", "to the nation", via, until=("全国  显示",))
            tour.reach(self.node)

    def jump(self) -> None:
        """The palette's jump to a unit: a row whose name is the only one of its kind, found
        by its pinyin initials at the top (provinces come first), else by its name."""
        tour = self.tour
        child = self.node.jump
        if child is None or not tour.palette_works():
            return
        leaf = self.node.level == LEVELS[-2]
        tour.palette(f"{JUMP}{child}", f"jump to {child}",
                     query=initials(child) if self.at_top else child,
                     until=(DETAIL_SHOWN,) if leaf else
                     (f"{self.node.crumbs} › {child}  显示",), timeout=30)
        if leaf:
            self.close_detail("jump")
        self.back_home("jump")

    def alert_segments(self) -> list[tuple[str, Callable[[], None]]]:
        """The panel, then each rule's list (one segment each: a broken list does not stop
        the others), the filter by rule, the list's own keys."""
        rules = self.alert_rules()
        segments: list[tuple[str, Callable[[], None]]] = [
            ("alert panel", lambda: self.panel(rules))]
        for index, rule in enumerate(rules):
            segments.append((f"alert list {rule}", lambda i=index, r=rule:
                             self.rule_list(i, r, rules)))
        if rules:
            segments.append(("alert list: go to a unit", lambda: self.go_from_list(rules)))
        return segments

    def alert_rules(self) -> list[str]:
        """The lines of the alert panel once the rules have run: ● 牌子协会  28,410."""
        tour = self.tour
        plain = tour.wait("the alerts worked out", gone=(ALERTS_PENDING,), change=False,
                          timeout=60)
        lines = []
        for line in plain.splitlines()[3:HEIGHT - 4]:
            panel = line.rsplit("│", 1)[-1] if "│" in line else ""
            found = re.match(r"\s*([●▲·])\s+(.+?)\s+([\d,]+)", panel)
            if found:
                lines.append(f"{found.group(1)} {found.group(2)}  {found.group(3)}")
        if not lines and tr("no_alerts", LANG) not in plain:
            raise StepFailed("no rule lines in the alert panel", plain)
        return lines

    @staticmethod
    def list_rule(rules: list[str]) -> int:
        """The rule whose list the list's own keys are toured on: the smallest with two
        units or more (a list of one cannot show a sort)."""
        counts = [int(r.rsplit(" ", 1)[-1].replace(",", "")) for r in rules]
        fit = [i for i, c in enumerate(counts) if c >= 2]
        return min(fit, key=lambda i: counts[i]) if fit else 0

    def panel(self, rules: list[str]) -> None:
        tour = self.tour
        alerts = self.by_action["alerts"]
        if not rules:
            tour.key(alerts[0], "into the empty alert panel", probe=True)
            return
        if PANEL_KEYS in tour.screen_now().splitlines()[-1]:  # a goes both ways
            tour.key(alerts[0], "out of the alert panel", gone=(PANEL_KEYS,))
        tour.key(alerts[0], "into the alert panel", until=(PANEL_KEYS,))
        panel_keys = {k.action: k for k in keys_of(AlertPanel.BINDINGS)}
        tour.key(panel_keys["filter"], f"filter by {rules[0]}", until=("✕",), timeout=20)
        tour.key(panel_keys["filter"], "filter by it no more", gone=("✕",), timeout=20)
        tour.key(panel_keys["leave"], "leave the panel")
        if self.by_palette(binding_text("Alerts", LANG), "into the panel by the palette"):
            tour.key(alerts[0], "back to the table")

    def open_list(self, index: int, rule: str) -> str:
        """The rule's line in the panel (a, Home, Down×index unless the panel is on it
        already), Enter: the list of its units."""
        tour = self.tour
        title = rule.split(" ", 1)[1].rsplit("  ", 1)[0]
        if self.panel_at != (tour.restarts, index):
            # a moves the keys into the panel, or out of it if it has them (the footer
            # shows the panel's keys while it has them): only when it has them not
            if PANEL_KEYS not in tour.screen_now().splitlines()[-1]:
                tour.key(self.by_action["alerts"][0], f"into the panel for {title}",
                         until=(PANEL_KEYS,))
            tour.step("to the first rule", "Home", change=False)
            if index:
                tour.step(f"down to {title}", *["Down"] * index)
        self.panel_at = None
        tour.key(self.keys["enter"], f"list {rule}", until=(f"{title} · ", "行"),
                 timeout=30)
        return title

    def rule_list(self, index: int, rule: str, rules: list[str]) -> None:
        """A rule's list (its keys on one list), closed; the panel keeps the focus and goes
        down to the next rule (after the last, back to the table)."""
        tour = self.tour
        keys = {k.action: k for k in keys_of(AlertUnitsScreen.BINDINGS)}
        title = self.open_list(index, rule)
        if index == self.list_rule(rules):
            self.list_keys(keys)
        tour.key(keys["close"], f"close the list of {title}", gone=(f"{title} · ",))
        if index + 1 < len(rules):
            tour.step("down to the next rule", "Down")
            self.panel_at = (tour.restarts, index + 1)
        else:
            tour.key(self.by_action["alerts"][0], "back to the table")

    def go_from_list(self, rules: list[str]) -> None:
        """g in a rule's list: the main view goes to the unit (it leaves the list)."""
        tour = self.tour
        index = self.list_rule(rules)
        title = self.open_list(index, rules[index])
        go = next(k for k in keys_of(AlertUnitsScreen.BINDINGS) if k.action == "go")
        tour.key(go, "go to the unit", gone=(f"{title} · ",), timeout=20)
        # a unit with nothing below opens its detail as well: wait for the one or the other
        # (the node's own view shows until the unit's comes: not that one)
        deadline = time.monotonic() + STEP_TIMEOUT
        while time.monotonic() < deadline:
            tour.quiet()
            screen = tour.screen_now()
            if DETAIL_SHOWN in screen or ("  显示" in screen and LOADING not in screen
                                          and self.home_view()[0] not in screen):
                break
        if DETAIL_SHOWN in tour.screen_now():
            self.close_detail("go")
        self.back_home("go")

    def list_keys(self, keys: dict[str, Key]) -> None:
        """The keys of a rule's list but g: sort, search, detail, Enter."""
        tour = self.tour
        tour.key(keys["sort"], "sort the list")
        tour.key(keys["sort"], "sort the list, descending")
        tour.key(keys["search"], "search the list", until=(tr("search_units", LANG),))
        row = tour.screen_now().splitlines()[2].split()
        query = initials(row[0])[:2] if row else "a"
        tour.step(f"search for {query}", query, literal=True)
        tour.step("searched", "Enter")
        tour.key(keys["close"], "clear the search", gone=(tr("search_units", LANG),))
        tour.key(keys["detail"], "a unit's detail", until=(DETAIL_SHOWN,), timeout=30)
        self.close_detail("list")
        tour.key(self.keys["enter"], "Enter: a unit's detail", until=(DETAIL_SHOWN,),
                 timeout=30)
        self.close_detail("list")
        for action, k in keys.items():
            if action not in ("close", "sort", "search", "detail", "go"):
                tour.generic.add(f"alert list: {action}")
                tour.key(k, f"list: {action}")
                tour.step(f"list: {action}: back", "Escape")

    def filters(self) -> None:
        tour = self.tour
        hint = tr("filter_hint", LANG)[:8]
        texts = [initials(self.node.children[0]) if self.rows else "zz",
                 "县级方案出台率<40%", "会长配备到位=否"]
        ways = self.ways("filter")
        for number, text in enumerate(texts):
            via = ways[number % len(ways)]
            self.trigger("filter", "the filter bar", via, until=(hint,))
            tour.step(f"type {text}", text, literal=True)
            tour.step(f"apply {text}", "Enter", until=("✕",), timeout=20)
        clear = self.ways("clear_filters")
        for number, via in enumerate(clear):
            if number:
                self.trigger("filter", "the filter bar", "slash", until=(hint,))
                tour.step("type 县级方案出台率<50%", "县级方案出台率<50%", literal=True)
                tour.step("apply it", "Enter", until=("✕",), timeout=20)
            self.trigger("clear_filters", "clear the filters", via, gone=("✕",), timeout=20)
        self.trigger("filter", "the filter bar", "slash", until=(hint,))
        tour.step("close it [escape]", "Escape", gone=(hint,))

    def level_switch(self) -> None:
        """l to every level below the node, then the children again (by l and by x)."""
        tour = self.tour
        title = tr("pick_level", LANG)
        below = LEVELS[LEVELS.index(self.node.level) + 1:]
        ways = self.ways("level")
        chip = "{} ✕"  # a level switch's chip: each step waits for its view, so that the
        # dialog opens on the level shown (else Down counts from the one before)
        for number, level in enumerate(below, start=1):
            self.trigger("level", "the level switch", ways[number % len(ways)],
                         until=(title,))
            tour.step(f"down to {level}", "Down")
            tour.step(f"every {level}", "Enter", gone=(title,), timeout=30,
                      until=(chip.format(level_label(level, LANG)),))
        self.trigger("level", "the level switch", "l", until=(title,))
        if below:
            tour.step("up to the children", *["Up"] * len(below))
            tour.step("the children again", "Enter", until=self.home_view(), timeout=20,
                      gone=(title, chip.format(level_label(below[-1], LANG))))
        else:
            tour.step("the children (the only choice)", "Enter", gone=(title,), probe=True)
            if self.by_palette(binding_text("Level", LANG), "the level switch by the palette",
                               until=(title,)):
                tour.step("the children again", "Enter", gone=(title,), probe=True)
        if below:
            self.trigger("level", "the level switch", "l", until=(title,))
            tour.step(f"down to {below[-1]}", *["Down"] * len(below))
            tour.step(f"every {below[-1]}", "Enter", gone=(title,), timeout=30,
                      until=(chip.format(level_label(below[-1], LANG)),))
            self.trigger("clear_filters", "clear the level switch", "x",
                         until=self.home_view(), timeout=20)
        self.trigger("level", "the level switch", "l", until=(title,))
        tour.step("keep it [escape]", "Escape", gone=(title,))

    def compare(self) -> None:
        tour = self.tour
        title = tr("compare_with", LANG)
        for via, moves, baseline in ((self.ways("compare")[0], 0, self.periods[-2]),
                                     ("palette", 1, self.periods[0]),
                                     ("c", 2, self.periods[-2])):
            self.trigger("compare", "compare", via, until=(title,))
            if moves:
                tour.step(f"down {moves}", *["Down"] * moves)
            tour.step(f"compare with {baseline}", "Enter", gone=(title,), timeout=30,
                      check=lambda p: "对比" in crumb_line(p) or "…" in crumb_line(p))
            self.trigger("compare", "compare no more", "c",
                         check=lambda p: "对比" not in crumb_line(p), timeout=20)
        self.trigger("compare", "compare", "c", until=(title,))
        tour.step("compare with nothing [escape]", "Escape", gone=(title,))

    def deadline(self) -> None:
        title = tr("deadline_title", LANG)
        closes = [k for k in keys_of(DeadlineScreen.BINDINGS) if k.action == "close"]
        for via in self.ways("deadline"):
            self.trigger("deadline", "the deadline panel", via, until=(title,), timeout=30)
            close = self.tour.next_of("deadline close", closes)
            self.tour.step(f"close the deadline panel [{close.key}]", close.tmux,
                           gone=(title,))

    def export(self) -> None:
        tour = self.tour
        folder = tour.exports

        def written(count: int) -> Callable[[str], bool]:
            return lambda _: exported_count(folder) >= count + 2  # the file and its .json

        for via in self.ways("export"):
            count = exported_count(folder)
            self.trigger("export", "export", via, check=written(count), timeout=15,
                         fails=REFUSALS)
        title = tr("export_as", LANG)
        for via, fmt in zip(self.ways("export_as"), ("xlsx", "parquet"), strict=False):
            count = exported_count(folder)
            self.trigger("export_as", "export as", via, until=(title,))
            tour.step("to the end of the path", "End", change=False)
            tour.step("no csv", *["BSpace"] * 3)
            tour.step(f"as {fmt}", fmt, literal=True)
            tour.step(f"export as {fmt}", "Enter", gone=(title,), check=written(count),
                      timeout=15, fails=REFUSALS)
        self.trigger("export_as", "export as", "E", until=(title,))
        tour.step("export nothing [escape]", "Escape", gone=(title,))

    def refresh(self) -> None:
        """No source is set: the console says so (and does nothing else)."""
        said = tr("refresh_failed", LANG)[:2]  # a toast's title is cut short at 80 columns
        for via in self.ways("refresh_data"):
            before = self.tour.screen_now().count(said)
            self.trigger("refresh_data", "refresh", via,
                         check=lambda p, n=before: p.count(said) > n)

    def textual_commands(self) -> None:
        """Textual's own commands: Keys (and back), Maximize (Minimize), Theme (kept),
        Screenshot; Quit comes last, with q."""
        tour = self.tour
        for title in textual_commands():
            if not tour.palette_works():
                return
            if title == "Quit":
                continue
            if title == "Keys":
                tour.palette(title, "show the keys panel")
                tour.palette(title, "hide the keys panel")
            elif title == "Maximize":
                tour.palette(title, "maximize the table")
                if "Minimize" in textual_commands():
                    tour.palette("Minimize", "minimize it")
            elif title == "Minimize":
                continue
            elif title == "Theme":
                tour.palette(title, "the themes")
                tour.step("keep the theme [escape]", "Escape")
            elif title == "Screenshot":  # to the working folder or ~/Downloads
                count = len(tour.screenshots())
                tour.palette(title, "a screenshot", timeout=4,
                             check=lambda _, c=count: len(tour.screenshots()) > c)
            else:
                tour.generic.add(f"palette: {title}")
                tour.palette(title, f"palette: {title}")
                tour.step(f"{title}: back", "Escape")

    def generic(self, action: str, keys: list[Key]) -> None:
        """A key the tour has no script for: it must change the screen; Esc goes back."""
        tour = self.tour
        for k in keys:
            tour.key(k, f"{action}")
            if self.home_view()[0] not in tour.screen_now():
                tour.step(f"{action}: back [escape]", "Escape")

    def quit(self) -> None:
        """The palette's Quit, then (started again) q: each must end the console, 0."""
        tour = self.tour
        if self.by_palette("Quit", "quit by the palette", ends=True):
            tour.restart_at(self.node)
        for k in self.by_action["quit"]:
            tour.key(k, "quit", ends=True)


# -- the test ------------------------------------------------------------------------


def test_the_keys_come_from_the_code_and_cover_the_readme() -> None:
    keys = {k.key for k in help_keys()}
    actions = {k.action for k in help_keys()}
    assert len(keys) > 20 and {"help", "quit", "detail", "alerts", "sort"} <= actions
    table, listing = readme_keys()
    assert table and table <= keys, f"README keys not in the bindings: {table - keys}"
    list_keys = {k.key for k in keys_of(AlertUnitsScreen.BINDINGS)} | {"enter"}
    assert listing and listing <= list_keys, f"not bound in a rule's list: {listing - list_keys}"
    assert {"Theme", "Quit", "Keys", "Screenshot"} <= set(textual_commands())
    assert len(console_commands()) == len(DrillScreen.BINDINGS) + 1


@pytest.fixture
def tmux_terminals(terminal: type[Terminal]) -> Iterator[Callable[[str, int, int], Terminal]]:
    """Terminals as the e2e conftest opens them (each on a tmux server of its own, every
    one killed at teardown)."""
    yield lambda command, width, height: terminal(command, width, height)


def warm_cache(home: Path, folder: Path) -> None:
    """What every console of the tour would work out at its first start (the files found
    good, the first and latest periods' sums and alerts), worked out once into `home`'s
    cache, which each node's console then starts from (a copy of its own)."""
    script = ("import sys; from pathlib import Path; from console.store import Store; "
              "s = Store(Path(sys.argv[1])); [s.ensure_alerts(p) for p in "
              "(s.latest, s.baseline)]; s.close()")
    subprocess.run([sys.executable, "-c", script, str(folder)], check=True, timeout=240,
                   env={**clean_env(home)}, capture_output=True)


def tour_node(open_terminal: Callable[[str, int, int], Terminal], data: TourData,
              node: Node, warm: Path, base: Path) -> Tour:
    """One node's tour, in a console (and a home, exports and working folder) of its own."""
    home = base / "home"
    shutil.copytree(warm, home)
    cwd = base / "cwd"  # Textual's screenshots land in the working folder
    cwd.mkdir()
    tour = Tour(open_terminal, data, home, base / "exports", cwd)
    node_started = time.monotonic()
    tour.node = node
    try:
        tour.restart_at(node)
    except StepFailed as failure:
        tour.record_failure(node.name, "start and reach", failure.reason, failure.screen)
        tour.stop()
        return tour
    try:
        for name, body in NodeTour(tour, node).all_segments():
            tour.run(node, name, body)
    except OutOfTime:
        tour.record_failure(node.name, "the tour", f"out of time after {TOUR_BUDGET:.0f} s: "
                            "not toured to the end")
        tour.not_finished = True
    finally:
        tour.stop()
    print(f"tour: {node.name} ({node.crumbs}) in {time.monotonic() - node_started:.1f} s, "
          f"{len(tour.failures)} failures")
    return tour


@pytest.mark.skipif(os.environ.get("FPA_TOUR") != "1",
                    reason="the tour is opt-in (FPA_TOUR=1) until it passes reliably: in six "
                           "CI runs it passed three; the others each missed a wait or two "
                           "around the alert panel's lists")
def test_tour_every_key_and_command_at_every_level(
        tmux_terminals: Callable[[str, int, int], Terminal], tour_data: TourData,
        tmp_path: Path) -> None:
    started = time.monotonic()
    warm = tmp_path / "warm"
    for folder in ("cache", "state", "config", "share", "tmp"):
        (warm / folder).mkdir(parents=True)
    warm_cache(warm, tour_data.folder)
    print(f"\ntour: {len(help_keys())} keys of the help, {len(PALETTE_TITLES)} palette "
          f"commands, nodes {[n.name for n in tour_data.nodes]}, {PARALLEL} at a time; "
          f"the cache warmed in {time.monotonic() - started:.1f} s")
    with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        tours = list(pool.map(
            lambda n: tour_node(tmux_terminals, tour_data, n, warm, tmp_path / n.name),
            tour_data.nodes))
    expected_keys = {k.key for k in help_keys()}
    for node, tour in zip(tour_data.nodes, tours, strict=True):
        if tour.not_finished or any(f.step == "start and reach" for f in tour.failures):
            continue
        missed = expected_keys - tour.pressed.get(node.name, set())
        if missed:
            tour.record_failure(node.name, "coverage", f"keys not pressed: {sorted(missed)}")
        commands = set(PALETTE_TITLES) - tour.commands.get(node.name, set())
        if commands and node.name not in tour.palette_broken:
            tour.record_failure(node.name, "coverage", f"commands not run: {sorted(commands)}")
    report = "\n\n".join(f"== {node.name}\n{tour.report()}"
                         for node, tour in zip(tour_data.nodes, tours, strict=True))
    print(report)
    print(f"tour: wall time {time.monotonic() - started:.1f} s")
    leftovers = [p for p in Path(ROOT).glob("*.svg")]
    assert not leftovers, f"the tour left screenshots in the checkout: {leftovers}"
    if any(tour.failures for tour in tours):
        pytest.fail(report, pytrace=False)
