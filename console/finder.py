"""Find units by name: a Chinese substring, or pinyin initials ("gz" finds 赣州市 and 广州市)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pyarrow as pa
import pyarrow.compute as pc

from console.schema import LEVELS


@lru_cache(maxsize=200_000)
def initials(name: str) -> str:
    """The pinyin initials of a name, lower case: 赣州市 → 'gzs'."""
    from pypinyin import Style, lazy_pinyin  # its dictionaries take ~0.25 s to load: not at start

    return "".join(lazy_pinyin(name, style=Style.FIRST_LETTER, errors="ignore")).lower()


@dataclass(frozen=True)
class FoundUnit:
    """A unit the finder knows: where it sits and whether it has units below it."""

    code: str
    name: str
    level: str
    parent_name: str | None
    has_children: bool


def initials_of(names: pa.Array | pa.ChunkedArray) -> pa.Array:
    """The pinyin initials of each name (initials), worked out once per distinct name: a
    village-depth period has ~500,000 units but ~33,000 names."""
    distinct = pc.unique(names)
    letters = pa.array([initials(str(name)) for name in distinct.to_pylist()], pa.string())
    found = letters.take(pc.index_in(names, value_set=distinct))
    return found.combine_chunks() if isinstance(found, pa.ChunkedArray) else found


class UnitFinder:
    """An index of every unit at one period, searched by name or pinyin initials.

    The units stay an Arrow table and a search is a few vectorised passes over it, so the
    index of a village-depth period costs what its columns do, not ~500,000 objects.
    """

    def __init__(self, directory: pa.Table) -> None:
        self.units = directory.select(["unit_code", "unit_name", "level", "parent_name",
                                       "has_children"])
        self._initials = initials_of(self.units.column("unit_name"))
        self._depth = pc.index_in(self.units.column("level"), value_set=pa.array(LEVELS))

    def find(self, query: str, limit: int = 30) -> list[FoundUnit]:
        """Units whose name contains `query`, or whose initials start with it; those whose
        name starts with it first, then those that contain it, then by initials; higher
        levels and lower codes first within each."""
        query = query.strip()
        if not query:
            return []
        names = self.units.column("unit_name")
        contains = pc.match_substring(names, query)
        rank = pc.if_else(pc.starts_with(names, query), 0, pc.if_else(contains, 1, 3))
        lowered = query.lower()
        if lowered.isascii():
            rank = pc.if_else(pc.and_(pc.equal(rank, 3),
                                      pc.starts_with(self._initials, lowered)), 2, rank)
        hits = pc.indices_nonzero(pc.less(rank, 3))
        picked = pa.table({"rank": pc.take(rank, hits), "depth": pc.take(self._depth, hits),
                           "code": pc.take(self.units.column("unit_code"), hits),
                           "row": hits})
        order = pc.sort_indices(picked, [("rank", "ascending"), ("depth", "ascending"),
                                         ("code", "ascending")])
        rows = self.units.take(pc.take(picked.column("row"), order[:limit]))
        return [FoundUnit(r["unit_code"], r["unit_name"], r["level"], r["parent_name"],
                          bool(r["has_children"])) for r in rows.to_pylist()]
