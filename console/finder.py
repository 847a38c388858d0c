"""Find units by name: a Chinese substring, or pinyin initials ("gz" finds 赣州市 and 广州市)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pyarrow as pa

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


class UnitFinder:
    """An index of every unit at one period, searched by name or pinyin initials."""

    def __init__(self, directory: pa.Table) -> None:
        self.units = [FoundUnit(r["unit_code"], r["unit_name"], r["level"], r["parent_name"],
                                bool(r["has_children"])) for r in directory.to_pylist()]
        self._initials = [initials(u.name) for u in self.units]

    def find(self, query: str, limit: int = 30) -> list[FoundUnit]:
        """Units whose name contains `query`, or whose initials start with it; higher first."""
        query = query.strip()
        if not query:
            return []
        lowered = query.lower()
        hits: list[tuple[int, int, str, FoundUnit]] = []
        for unit, letters in zip(self.units, self._initials, strict=True):
            if query in unit.name:
                rank = 0 if unit.name.startswith(query) else 1
            elif lowered.isascii() and letters.startswith(lowered):
                rank = 2
            else:
                continue
            hits.append((rank, LEVELS.index(unit.level), unit.code, unit))
        hits.sort(key=lambda h: h[:3])
        return [h[3] for h in hits[:limit]]
