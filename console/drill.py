"""Where the user stands and how the view is ordered: the drill path and the sort."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pyarrow as pa
import pyarrow.compute as pc

from console.schema import unit_name
from console.store import UnitRef


@dataclass(frozen=True)
class DrillPath:
    """The units from the top of the view down to the node whose children are shown."""

    units: tuple[UnitRef, ...]

    @property
    def node(self) -> UnitRef:
        """The unit whose children the drill table shows."""
        return self.units[-1]

    @property
    def at_top(self) -> bool:
        """Whether the node is the top of the view (nothing to go up to)."""
        return len(self.units) == 1

    def down(self, child: UnitRef) -> DrillPath:
        """The path one level deeper, into `child`."""
        return DrillPath((*self.units, child))

    def up(self) -> DrillPath:
        """The path one level up (the top stays the top)."""
        return self if self.at_top else DrillPath(self.units[:-1])

    def top(self) -> DrillPath:
        """The path of the top of the view alone."""
        return DrillPath(self.units[:1])

    def crumbs(self, separator: str = " › ", lang: str = "zh") -> str:
        """The breadcrumb: 全国 › 江西省 › 赣州市 (Nation › 江西省 in English)."""
        return separator.join(unit_name(u.code, u.name, lang) for u in self.units)


@dataclass(frozen=True)
class Sort:
    """The order of the drill table: a column and a direction, or the natural order."""

    key: str | None = None
    descending: bool = False

    def cycled(self, key: str) -> Sort:
        """The next order when the user sorts by `key`: ascending, descending, natural."""
        if self.key != key:
            return Sort(key, False)
        if not self.descending:
            return replace(self, descending=True)
        return Sort()


def sort_indices(table: pa.Table, sort: Sort) -> pa.Array:
    """Row positions of `table` in the order of `sort` (nulls last; ties by unit_code)."""
    if sort.key is None:
        return pa.array(range(table.num_rows), pa.int64())
    order = "descending" if sort.descending else "ascending"
    keys = [(sort.key, order, "at_end")]
    if sort.key != "unit_code" and "unit_code" in table.column_names:
        keys.append(("unit_code", "ascending", "at_end"))
    return pc.sort_indices(table, sort_keys=keys)
