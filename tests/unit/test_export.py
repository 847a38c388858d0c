"""CSV for Excel and WPS: BOM, CRLF, labels, 是/否, percentages; and the export command."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import console.export as export_module
from console.export import ExportError, present, write_csv, write_view
from console.store import Store
from console.view import ViewSpec, build_view


def read_back(raw: bytes) -> list[list[str]]:
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw[3:].decode("utf-8")
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    return list(csv.reader(io.StringIO(text, newline="")))


def test_chinese_headers_marks_and_percentages(fixture_folder: Path, tmp_path: Path) -> None:
    table = Store(fixture_folder).drill("000000", "2021-11")
    out = tmp_path / "view.csv"
    write_csv(present(table, "zh"), out)
    header, beijing, hubei = read_back(out.read_bytes())
    assert header[:4] == ["单位代码", "单位名称", "层级", "机构状态"]
    assert "县级方案出台率(%)" in header
    row = dict(zip(header, beijing, strict=True))
    assert row["层级"] == "省级" and row["机构状态"] == "正常"
    assert row["会长配备到位"] == "否" and row["改革方案出台"] == "是"
    assert row["县级方案出台率(%)"] == "50.0"
    assert row["地市方案出台率(%)"] == ""
    assert row["上次换届"] == "2019-06-01"
    assert dict(zip(header, hubei, strict=True))["县级方案出台率(%)"] == "66.7"


def test_key_headers_keep_fractions(fixture_folder: Path) -> None:
    table = Store(fixture_folder).drill("000000", "2021-11")
    buffer = io.BytesIO()
    write_csv(present(table, "key"), buffer)
    header, _, hubei = read_back(buffer.getvalue())
    row = dict(zip(header, hubei, strict=True))
    assert row["counties_plan_rate"].startswith("0.666")
    assert row["reform_plan_issued"] == "true"
    assert row["level"] == "province"


def test_english_headers(fixture_folder: Path) -> None:
    frame = present(Store(fixture_folder).drill("000000", "2021-11"), "en")
    assert frame.columns[:2] == ["Unit code", "Unit"]
    assert frame.row(0, named=True)["President in place"] == "no"


def run_cli(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "console.cli", *args], capture_output=True,
                          check=False)


def test_export_command_to_stdout_and_file(fixture_folder: Path, tmp_path: Path) -> None:
    done = run_cli("export", "--data", str(fixture_folder), "--at", "420000")
    assert done.returncode == 0, done.stderr
    rows = read_back(done.stdout)
    assert [r[0] for r in rows[1:]] == ["420100", "420500", "429004"]
    out = tmp_path / "x.csv"
    done = run_cli("export", "--data", str(fixture_folder), "--period", "2021-10",
                   "--header", "en", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert read_back(out.read_bytes())[0][0] == "Unit code"


def test_export_columns_writes_what_the_console_shows_of_a_set(fixture_folder: Path,
                                                               tmp_path: Path) -> None:
    out = tmp_path / "staff.csv"
    done = run_cli("export", "--data", str(fixture_folder), "--at", "420000",
                   "--columns", "人员", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert read_back(out.read_bytes())[0] == [
        "单位代码", "单位名称", "会长空缺", "逾期未换届", "会长配备到位", "上次换届", "机关编制",
        "编制增减"]
    record = json.loads(out.with_name("staff.csv.json").read_text(encoding="utf-8"))
    assert record["columns"] == "staffing"
    done = run_cli("export", "--data", str(fixture_folder), "--columns", "most")
    assert done.returncode == 1 and b"no column set 'most'" in done.stderr


def test_every_export_has_a_provenance_file_of_its_own(fixture_folder: Path,
                                                       tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    for name, fmt in (("x.csv", "csv"), ("x.xlsx", "xlsx"), ("x.json", "csv")):
        done = run_cli("export", "--data", str(fixture_folder), "--format", fmt,
                       "--out", str(out / name))
        assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "x.csv", "x.csv.json", "x.json", "x.json.json", "x.xlsx", "x.xlsx.json"]
    assert read_back((out / "x.json").read_bytes())[0][0] == "单位代码"  # the data
    assert json.loads((out / "x.xlsx.json").read_text(encoding="utf-8"))


def test_export_command_errors_are_one_line(fixture_folder: Path, tmp_path: Path) -> None:
    cases = [
        (["--period", "2019-01"], "period 2019-01 is not in"),
        (["--at", "123456"], "unit 123456 is not in the data"),
    ]
    for extra, message in cases:
        done = run_cli("export", "--data", str(fixture_folder), *extra)
        assert done.returncode == 1
        assert done.stdout == b""
        lines = done.stderr.decode().strip().splitlines()
        assert len(lines) == 1 and message in lines[0], lines
    done = run_cli("export", "--data", str(tmp_path / "missing"))
    assert done.returncode == 1
    assert "does not exist" in done.stderr.decode()


def test_force_replaces_an_export_whole_or_not_at_all(fixture_folder: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "x.csv"
    assert run_cli("export", "--data", str(fixture_folder), "--out", str(out)).returncode == 0
    first, record = out.read_bytes(), out.with_name("x.csv.json").read_bytes()
    done = run_cli("export", "--data", str(fixture_folder), "--at", "420000", "--force",
                   "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() != first and b"420000" in out.with_name("x.csv.json").read_bytes()
    # a fault while the provenance is written (a full disk): the old pair stays as it was
    second, record = out.read_bytes(), out.with_name("x.csv.json").read_bytes()
    calls = []
    real = export_module.atomic_writer

    def failing(path: Path, mode: str = "wb") -> Any:
        calls.append(path)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real(path, mode)

    monkeypatch.setattr(export_module, "atomic_writer", failing)
    store = Store(fixture_folder)
    view = build_view(store, ViewSpec("000000", "2021-11"))
    with pytest.raises(ExportError, match="No space left on device"):
        write_view(view, out, "csv", "zh", {}, replace=True)
    assert out.read_bytes() == second and out.with_name("x.csv.json").read_bytes() == record
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp
    # a symlink (or anything not a regular file) is never replaced
    link = tmp_path / "link.csv"
    link.symlink_to(out)
    done = run_cli("export", "--data", str(fixture_folder), "--force", "--out", str(link))
    assert done.returncode == 1 and b"not a regular file" in done.stderr
    assert link.is_symlink() and out.read_bytes() == second
