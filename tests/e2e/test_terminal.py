"""End to end: the installed console in a real terminal, driven by keys."""

from __future__ import annotations

import csv
import itertools
import shlex
import subprocess
from pathlib import Path

from rich.cells import cell_len

from console.schema import VIEW_COLUMNS
from console.view import column_key
from tests.e2e.conftest import Terminal, executable


def console_command(*args: str) -> str:
    return "TERM=xterm-256color " + shlex.join([executable(), *args])


def test_quick_start_generates_demo_data_and_drills(terminal: type[Terminal],
                                                    tmp_path: Path) -> None:
    data = tmp_path / "data"
    term = terminal(console_command("--demo", "--data", str(data)))
    term.wait_for("全国", "北京市", "江西省", "薄弱环节")
    assert (data / "manifest.json").exists()
    term.keys(*["Down"] * 13)  # provinces are in code order: 江西省 is the 14th
    term.keys("Enter")
    screen = term.wait_for("全国 › 江西省", "赣州市")
    assert "南昌市" in screen
    term.keys("Escape")
    term.wait_for("31 行")
    term.keys("q")


def test_drill_to_a_village_in_a_terminal(terminal: type[Terminal],
                                          fixture_folder: Path) -> None:
    term = terminal(console_command("--data", str(fixture_folder), "--no-mouse"), 100, 30)
    term.wait_for("北京市", "湖北省")
    term.keys("Down", "Enter")
    term.wait_for("全国 › 湖北省", "仙桃市")
    term.keys("Down", "Down", "Enter")
    term.wait_for("全国 › 湖北省 › 仙桃市", "沙嘴街道")
    term.keys("?")
    term.wait_for("按键说明")
    term.keys("Escape")  # wait before the next key, or ESC + key reads as alt+key
    term.wait_gone("按键说明")
    term.keys("BSpace")
    term.wait_for("3 行")
    term.keys("q")


def test_english_and_no_data(terminal: type[Terminal], tmp_path: Path) -> None:
    term = terminal(console_command("--data", str(tmp_path), "--lang", "en"), 80, 24)
    term.wait_for("No data to show", "fpa-console demo")
    term.keys("q")


def test_sixteen_colours_and_no_color(terminal: type[Terminal], fixture_folder: Path) -> None:
    for env in ("TERM=xterm", "TERM=xterm-256color NO_COLOR=1"):
        command = f"{env} " + shlex.join([executable(), "--data", str(fixture_folder)])
        term = terminal(command, 80, 24)
        # the alert panel's severity marks, once the rules of a first start have run
        term.wait_for("北京市", "湖北省", "薄弱环节", "●")
        term.keys("q")


def cells(text: str) -> list[str]:
    """`text` one terminal cell at a time: a wide character and then "" for its second."""
    out: list[str] = []
    for char in text:
        out += [char] + [""] * (cell_len(char) - 1)
    return out


def test_80_columns_show_beijings_values_as_export_writes_them(
        terminal: type[Terminal], fixture_folder: Path, tmp_path: Path) -> None:
    term = terminal(console_command("--data", str(fixture_folder)), 80, 24)
    screen = term.wait_for("北京市", "湖北省", "薄弱环节  ●")  # its alerts counted too
    lines = [cells(line) for line in screen.splitlines()]
    head = next(line for line in lines if "".join(line).strip().startswith("单位名称"))
    row = next(line for line in lines if "".join(line).strip().startswith("北京市"))
    starts = [i for i, c in enumerate(head) if c != " " and (i == 0 or head[i - 1] == " ")]
    columns = {"".join(head[a:b]).strip(): "".join(row[a:b]).strip()
               for a, b in itertools.pairwise(starts)}  # the last may be cut
    out = tmp_path / "beijing.csv"
    subprocess.run([executable(), "export", "--data", str(fixture_folder), "--columns",
                    "overview", "--match", "北京", "--out", str(out)], check=True,
                   capture_output=True)
    with out.open(encoding="utf-8-sig", newline="") as stream:
        header, written = list(csv.reader(stream))[:2]
    exported = dict(zip(header, written, strict=True))
    compared = 0
    for heading, value in columns.items():
        if heading == "单位名称":
            assert value == exported["单位名称"] == "北京市"
            continue
        key = column_key(heading)
        label = VIEW_COLUMNS[key].zh + ("(%)" if heading.endswith("%") else "")
        assert value.removesuffix("%").replace(",", "") == exported[label], heading
        compared += 1
    assert compared >= 4, columns
    term.keys("q")


def test_a_toast_shows_its_chinese_title_whole(terminal: type[Terminal],
                                               fixture_folder: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")  # a file where the exports folder should be
    for width, height in ((80, 24), (130, 30)):  # the panel below, and beside the table
        term = terminal(console_command("--data", str(fixture_folder), "--exports",
                                        str(blocked)), width, height)
        term.wait_for("北京市", "薄弱环节")
        term.keys("e")
        screen = term.wait_for("导出失败")
        assert "cannot write" in screen
        term.keys("q")
