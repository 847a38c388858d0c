"""The console driven headless for `fpa-console bench`: keys in, time to the next paint.

Keys go in as the terminal driver sends them, and a paint is a compositor refresh of the
screen: Pilot's own press also waits until the whole process is idle, and so would count
the workers that prepare what the user may do next.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow.compute as pc
from textual import events

from console.schema import LEVELS
from console.store import Store


class DriveTimeout(Exception):
    """The console did not show what was asked in time."""


REST = 0.5  # seconds the benchmark's user rests between keys, as a reader does


async def drive(folder: Path, lowest: str, repeats: int, timeout: float
                ) -> tuple[float, float, float, float]:
    """Median seconds, key to rendered, of a drill after the cursor rested on the row, of
    a drill pressed with the cursor move, of a period switch ([ or ]), and of a drill
    into a view of units of level `lowest` (the data's lowest: the villages of a township
    at village depth, read from the period's file), with nothing prepared ahead."""
    from console.ui.app import make_app

    app = make_app(folder)
    rested: list[float] = []
    at_once: list[float] = []
    switches: list[float] = []
    deepest: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await _until(pilot, lambda: app.drill is not None and app.drill.view is not None,
                     timeout)
        drill = app.drill
        assert drill is not None
        _count_paints(drill)
        await asyncio.sleep(REST)
        for turn in range(repeats):  # a different row each time: nothing seen before
            await pilot.press(*["down"] * (2 * turn + 1))
            at_once.append(await _key_time(pilot, timeout, "enter", lambda: drill.path))
            await _key_time(pilot, timeout, "backspace", lambda: drill.path)
            await pilot.press("down")
            await asyncio.sleep(REST)
            rested.append(await _key_time(pilot, timeout, "enter", lambda: drill.path))
            for key in ("left_square_bracket", "right_square_bracket"):
                await asyncio.sleep(REST)
                switches.append(await _key_time(pilot, timeout, key, lambda: drill.period))
            await _key_time(pilot, timeout, "backspace", lambda: drill.path)
            await pilot.press("home")
            await asyncio.sleep(REST)
        store = app.store
        assert store is not None
        for code in parents_of_lowest(store, lowest, repeats):
            drill.go_to(code)
            await _until(pilot, lambda: drill.path.node.code == code, timeout)  # noqa: B023
            await _key_time(pilot, timeout, "backspace", lambda: drill.path)  # onto its row
            drill.prepared.clear()  # not prepared ahead: as when pressed at once
            deepest.append(await _key_time(pilot, timeout, "enter", lambda: drill.path))
    return (statistics.median(rested), statistics.median(at_once),
            statistics.median(switches), statistics.median(deepest))


KEY_CHARACTERS = {"enter": "\r", "backspace": "\x08", "left_square_bracket": "[",
                  "right_square_bracket": "]"}


def parents_of_lowest(store: Store, lowest: str, most: int) -> list[str]:
    """Up to `most` units whose children are of level `lowest`, found as a user finds
    them, down the drill views (the first branch that has one): reading every unit of the
    period (Store.directory) would add ~130 MB at village depth to what the bench
    measures."""
    above = LEVELS[LEVELS.index(lowest) - 1]
    branches = [store.root]
    while branches:
        rows = store.drill(branches.pop(), store.latest)
        rows = rows.filter(pc.greater(rows.column("units"), 1))  # with active units below
        codes = rows.column("unit_code").to_pylist()
        levels = rows.column("level").to_pylist()
        found = [code for code, level in zip(codes, levels, strict=True) if level == above]
        if found:
            return found[:most]
        branches += [code for code, level in zip(codes, levels, strict=True)
                     if LEVELS.index(level) < LEVELS.index(above)][::-1]  # first on top
    raise LookupError(f"no unit of level {above} has units of level {lowest} below it")


def _count_paints(screen: Any) -> None:
    """Note the time of every paint of `screen` (each compositor refresh) in screen.paints."""
    original = screen._compositor_refresh
    screen.paints = []

    def painted() -> None:
        original()
        screen.paints.append(time.perf_counter())

    screen._compositor_refresh = painted


async def _key_time(pilot: Any, timeout: float, key: str, shown: Callable[[], object]
                    ) -> float:
    """Seconds from pressing `key` until what `shown` returns has changed and the screen
    has been painted since."""
    screen = pilot.app.screen
    before = shown()
    started = time.perf_counter()
    event = events.Key(key, KEY_CHARACTERS.get(key))
    event.set_sender(pilot.app)
    pilot.app._driver.send_message(event)
    while shown() == before:
        if time.perf_counter() - started > timeout:
            raise DriveTimeout(f"the console did not show the view within {timeout:.0f} s")
        await asyncio.sleep(0.0005)
    changed = time.perf_counter()
    while not any(when >= changed for when in screen.paints):
        await asyncio.sleep(0.0005)
    return float(min(when for when in screen.paints if when >= changed)) - started


async def _until(pilot: Any, done: Callable[[], bool], timeout: float) -> None:
    """Let messages be handled until `done`, then once more to paint (the workers that
    follow a view, for what the user may do next, are not waited for)."""
    started = time.perf_counter()
    while not done():
        if time.perf_counter() - started > timeout:
            raise DriveTimeout(f"the console did not show the view within {timeout:.0f} s")
        await asyncio.sleep(0.001)
    await pilot.pause()


def peak_megabytes() -> float:
    """This process's peak resident memory so far, in MB (VmHWM of /proc/self/status)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise OSError("no VmHWM in /proc/self/status")


async def memory_walk(folder: Path, lowest: str, timeout: float,
                      measure: Callable[[], float]) -> list[tuple[str, float]]:
    """`measure()` (the process's peak memory, MB) after each step of bench.MEMORY_WALK: the
    console at its first view, then the detail of a unit of level `lowest` (the data's
    lowest) reached by drilling, the nation's detail, the list of the rule that most units
    break, the flattened view of every unit of level `lowest` and three period switches
    in it."""
    from dataclasses import replace

    from console.bench import MEMORY_WALK
    from console.ui.app import make_app
    from console.ui.screens.alert_units import AlertUnitsScreen
    from console.ui.screens.detail import UnitDetailScreen

    app = make_app(folder)
    found: list[tuple[str, float]] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await _until(pilot, lambda: app.drill is not None and app.drill.view is not None,
                     timeout)
        drill, store = app.drill, app.store
        assert drill is not None and store is not None
        found.append((MEMORY_WALK[0], measure()))
        (township,) = parents_of_lowest(store, lowest, 1)
        drill.go_to(township)
        await _until(pilot, lambda: drill.path.node.code == township
                     and drill.view is not None and drill.view.spec.node == township, timeout)
        await pilot.press("enter")  # a unit of the lowest level: its detail
        await _until(pilot, lambda: isinstance(app.screen, UnitDetailScreen)
                     and app.screen.shown, timeout)
        found.append((MEMORY_WALK[1], measure()))
        await pilot.press("escape")
        app.push_screen(drill._detail_screen(store.root))
        await _until(pilot, lambda: isinstance(app.screen, UnitDetailScreen)
                     and app.screen.shown and app.screen.code == store.root, timeout)
        found.append((MEMORY_WALK[2], measure()))
        await pilot.press("escape")
        await pilot.press("t")  # to the national view (home moves the table's cursor)
        await _until(pilot, lambda: drill.path.at_top and drill.view is not None
                     and drill.view.spec.node == store.root, timeout)
        counts = store.rule_counts(store.root, store.latest).to_pylist()
        largest = max(counts, key=lambda row: row["units"])["rule"]
        drill._rule_chosen(type("Chosen", (), {"rule": largest})())  # as Enter on the panel
        await _until(pilot, lambda: isinstance(app.screen, AlertUnitsScreen)
                     and app.screen.units is not None, timeout)
        await pilot.press("end")
        await pilot.pause()
        found.append((MEMORY_WALK[3], measure()))
        await pilot.press("escape")
        drill._reload(replace(drill.spec, level=lowest))
        await _until(pilot, lambda: drill.view is not None
                     and drill.view.spec.level == lowest, timeout)
        await pilot.press("end")
        await pilot.pause()
        found.append((MEMORY_WALK[4], measure()))
        for step in MEMORY_WALK[5:]:
            before = drill.period
            drill.switch_period(-1)

            def switched(before: str = before) -> bool:
                return (drill.period != before and drill.view is not None
                        and drill.view.spec.period != before)

            await _until(pilot, switched, timeout)
            await pilot.press("end")
            await pilot.pause()
            found.append((step, measure()))
    return found
