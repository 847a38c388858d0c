"""The benchmark runs end to end at county depth (a smoke test: no timing is asserted)."""

from __future__ import annotations

import json
from pathlib import Path

from console.bench import (
    EXPORT_ROWS,
    FLOOR,
    IMPORT_FLOOR,
    MEMORY_WALK,
    floor_of,
    format_table,
    run_bench,
    write_json,
)


def test_county_benchmark_measures_every_figure(tmp_path: Path) -> None:
    figures = run_bench("county", tmp_path / "data", repeats=1)

    village_only = {f"export {EXPORT_ROWS:,} rows (CSV)"}
    for figure in figures:
        if figure.name in village_only:
            assert figure.value is None, figure
        else:
            assert figure.value is not None and figure.value > 0, figure
    names = {f.name for f in figures}
    assert {"drill one level", "switch period", "start-up to national table", IMPORT_FLOOR,
            "refresh one new period (loopback HTTP)", "peak memory", FLOOR,
            "detail, nation (no sums but the latest)", "detail, a village",
            "the largest rule's unit list, nation",
            *(f"memory: {step}" for step in MEMORY_WALK)} <= names
    assert floor_of(figures) == next(f.value for f in figures if f.name == FLOOR)
    table = format_table(figures, floor_of(figures))
    assert "× floor" in table and "drill one level" in table and "machine:" in table
    out = tmp_path / "bench.json"
    write_json(figures, out)
    written = json.loads(out.read_text(encoding="utf-8"))
    assert [f["name"] for f in written["figures"]] == [f.name for f in figures]
