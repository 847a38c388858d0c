"""The rank and diff commands, end to end on the fixture."""

from __future__ import annotations

import json
from pathlib import Path

from tests.unit.test_export import read_back, run_cli


def test_rank_writes_the_ranking(fixture_folder: Path) -> None:
    done = run_cli("rank", "--data", str(fixture_folder))
    assert done.returncode == 0, done.stderr
    header, *rows = read_back(done.stdout)
    assert header[:5] == ["单位代码", "单位名称", "层级", "改革指数", "排名"]
    # 湖北省 64.3 before 北京市 60.0; they swapped places since 2021-10
    assert [(r[0], r[3], r[4], r[7]) for r in rows] == [("420000", "64.3", "1", "1"),
                                                        ("110000", "60.0", "2", "-1")]


def test_rank_with_weights_and_a_bad_weights_file(fixture_folder: Path, tmp_path: Path) -> None:
    weights = tmp_path / "index.toml"
    weights.write_text("[weights]\nhollow_shares = 2\n", encoding="utf-8")
    done = run_cli("rank", "--data", str(fixture_folder), "--weights", str(weights))
    assert done.returncode == 1
    assert "hollow_shares" in done.stderr.decode() and str(weights) in done.stderr.decode()


def test_diff_between_two_periods(fixture_folder: Path) -> None:
    done = run_cli("diff", "--data", str(fixture_folder), "--from", "2021-10", "--to",
                   "2021-11", "--at", "420100", "--format", "json")
    assert done.returncode == 0, done.stderr
    changes = {(c["unit_code"], c["indicator"]): (c["old"], c["new"])
               for c in json.loads(done.stdout)}
    assert changes["420103", "status"] == ("active", "abolished")
    assert changes["420100", "reform_plan_issued"] == ("false", "true")
    assert len(changes) == 7


def test_diff_bad_period_is_one_line(fixture_folder: Path) -> None:
    done = run_cli("diff", "--data", str(fixture_folder), "--from", "2021-10", "--to",
                   "2030-01")
    assert done.returncode == 1
    assert len(done.stderr.decode().strip().splitlines()) == 1
