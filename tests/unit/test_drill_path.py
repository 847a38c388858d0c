"""The drill path and the sort cycle."""

from __future__ import annotations

import pyarrow as pa

from console.drill import DrillPath, Sort, sort_indices
from console.store import UnitRef

NATION = UnitRef("000000", "全国", "national")
JIANGXI = UnitRef("360000", "江西省", "province")
GANZHOU = UnitRef("360700", "赣州市", "prefecture")


def test_path_down_up_top() -> None:
    path = DrillPath((NATION,)).down(JIANGXI).down(GANZHOU)
    assert path.crumbs() == "全国 › 江西省 › 赣州市"
    assert path.node == GANZHOU
    assert path.up().node == JIANGXI
    assert path.top() == DrillPath((NATION,))
    assert path.top().up().at_top


def test_sort_cycles_ascending_descending_natural() -> None:
    sort = Sort().cycled("units")
    assert sort == Sort("units", False)
    assert sort.cycled("units") == Sort("units", True)
    assert sort.cycled("units").cycled("units") == Sort()
    assert sort.cycled("hollow") == Sort("hollow", False)


def test_sort_indices_put_nulls_last_and_break_ties_by_code() -> None:
    table = pa.table({"unit_code": ["a", "b", "c", "d"], "rate": [0.5, None, 0.1, 0.5]})
    assert sort_indices(table, Sort("rate")).to_pylist() == [2, 0, 3, 1]
    assert sort_indices(table, Sort("rate", True)).to_pylist() == [0, 3, 2, 1]
    assert sort_indices(table, Sort()).to_pylist() == [0, 1, 2, 3]
