"""Property: a node's subtree counts equal its own contribution plus the sum over its children."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from console.display import election_cutoff
from console.schema import LEVELS
from console.snapshots import write_snapshot
from console.store import Store
from tests.fixtures import frame, unit_row

COUNTS = ("units", "presidents_vacant", "elections_overdue", "hollow", "abolished")
PERIOD = "2021-11"


@st.composite
def trees(draw: st.DrawFn) -> list[dict[str, Any]]:
    """A random tree of up to 16 units under the national unit, with random weak links."""
    size = draw(st.integers(min_value=1, max_value=16))
    depth = {"000000": 0}
    rows = [unit_row(PERIOD, "000000", "全国", "national", None, {})]
    for index in range(1, size):
        parent = draw(st.sampled_from([c for c, d in depth.items() if d < len(LEVELS) - 1]))
        code = f"{index:06d}"
        depth[code] = depth[parent] + 1
        level = LEVELS[depth[code]]
        overrides = {
            "status": draw(st.sampled_from(["active", "active", "active", "merged", "abolished"])),
            "president_in_place": draw(st.booleans()),
            "activities_12m": draw(st.sampled_from([0, 3])),
            "last_election": draw(st.sampled_from([dt.date(2014, 5, 1), dt.date(2020, 1, 1)])),
        }
        rows.append(unit_row(PERIOD, code, f"单位{index}", level, parent, overrides))
    return rows


def own(row: dict[str, Any]) -> dict[str, int]:
    """What one unit adds to its subtree's counts, by the rules of the drill view."""
    active = row["status"] == "active"
    return {
        "units": int(active),
        "presidents_vacant": int(active and row["president_in_place"] is False),
        "elections_overdue": int(active and row["last_election"]
                                 < election_cutoff(dt.date(2021, 11, 1))),
        "hollow": int(active and LEVELS.index(row["level"]) >= 2 and row["activities_12m"] == 0),
        "abolished": int(not active),
    }


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(trees())
def test_subtree_counts_add_up(rows: list[dict[str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        write_snapshot(frame(rows), Path(folder) / f"{PERIOD}.parquet")
        store = Store(Path(folder))
        assert store.problems == []
        cursor = store.cursor()
        # every unit's subtree counts: the nation's from its summary, the others' from
        # the drill view of their parent
        subtree = {"000000": store.summary("000000", PERIOD, cursor).to_pylist()[0]}
        children: dict[str, list[str]] = {}
        for row in rows:
            listed = store.drill(row["unit_code"], PERIOD, cursor).to_pylist()
            children[row["unit_code"]] = [c["unit_code"] for c in listed]
            subtree.update({c["unit_code"]: c for c in listed})
        for row in rows:
            mine = own(row)
            below = children[row["unit_code"]]
            for key in COUNTS:
                assert subtree[row["unit_code"]][key] == mine[key] + sum(
                    subtree[c][key] for c in below), key
        assert subtree["000000"]["units"] == sum(r["status"] == "active" for r in rows)
