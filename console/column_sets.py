"""Named sets of the drill view's columns: what a table (and an export) shows of a view.

A view's rows carry every column (schema.DRILL_VIEW, with schema.RANK_VIEW for a view of
children); a set picks the few a reader wants at once, so that an 80-column terminal shows
the unit's name and four or more values without scrolling. A column shows only where it
means something for the rows' levels (ViewColumn.levels): the county plan rate of a
township is no number, so a county's view of its townships leaves it out.

The trend (TREND) is the console's sparkline of each child's plan rate, not a column of
the rows: a set places it, the drill screen draws it, an export leaves it out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from console.schema import BREAKING, VIEW_COLUMNS

TREND = "trend"
"""The place of the trend column in a set."""
NAME = "unit_name"


@dataclass(frozen=True)
class ColumnSet:
    """A named set of columns, in the order they show after the unit's name."""

    key: str
    zh: str
    en: str
    columns: tuple[str, ...]

    def label(self, lang: str) -> str:
        """The set's name in 'zh' or 'en'."""
        return self.zh if lang == "zh" else self.en

    def keys(self, available: Iterable[str], levels: Iterable[str]) -> list[str]:
        """The set's columns among `available` (a view's columns) that mean something at
        any of `levels` (the levels of the view's rows), the unit's name first; TREND
        stays where the set puts it."""
        have, at = set(available), set(levels)
        chosen = [NAME] if NAME in have and NAME not in self.columns else []
        for key in self.columns:
            if key == TREND or (key in have and (not at or VIEW_COLUMNS[key].levels & at)):
                chosen.append(key)
        if BREAKING in have:  # the view is filtered by rules: how many break them, first
            chosen.insert(chosen.index(NAME) + 1 if NAME in chosen else 0, BREAKING)
        return chosen


def written(shown: Iterable[str]) -> list[str]:
    """The columns an export of a view shown in `shown` (ColumnSet.keys) writes: the
    unit's code and name first, then the rest as shown, the trend aside (no data)."""
    rest = [k for k in shown if k not in (TREND, "unit_code", NAME)]
    return ["unit_code", NAME, *rest]


COLUMN_SETS: tuple[ColumnSet, ...] = (
    ColumnSet("overview", "概览", "Overview", (
        "counties_plan_rate", "prefectures_plan_rate", "presidents_vacant",
        "elections_overdue", "alerts_critical", "alerts_warning", "president_in_place",
        TREND, "reform_index", "hollow")),
    ColumnSet("progress", "进度", "Progress", (
        "counties_plan_rate", "prefectures_plan_rate", "reform_plan_issued", TREND,
        "reform_index", "rank", "rank_change", "units")),
    ColumnSet("organisation", "组织", "Organisation", (
        "prefectures_listed_rate", "counties_cs_rate", "mass_org_listed",
        "civil_servant_managed", "party_group", "status", "units")),
    ColumnSet("staffing", "人员", "Staffing", (
        "presidents_vacant", "elections_overdue", "president_in_place", "last_election",
        "staff_quota", "staff_quota_change")),
    ColumnSet("vitality", "活力", "Vitality", (
        "hollow", "abolished", "alerts_critical", "alerts_warning", "status", "units")),
    ColumnSet("all", "全部", "All", (
        "unit_code", "unit_name", "level", "status", "units", "counties_plan_rate",
        "prefectures_plan_rate", "prefectures_listed_rate", "counties_cs_rate",
        "presidents_vacant", "elections_overdue", "hollow", "abolished", "alerts_critical",
        "alerts_warning", TREND, "reform_index", "rank", "rank_change", "reform_plan_issued",
        "president_in_place", "mass_org_listed", "civil_servant_managed", "party_group",
        "last_election", "staff_quota", "staff_quota_change")),
)
"""The sets, in the order the console cycles them; the first is the default."""

BY_KEY: dict[str, ColumnSet] = {s.key: s for s in COLUMN_SETS}
DEFAULT = COLUMN_SETS[0].key


class UnknownSet(ValueError):
    """A set name that is none of COLUMN_SETS; the message lists them."""


def column_set(name: str) -> ColumnSet:
    """The set called `name`: its key, or its Chinese or English name."""
    wanted = name.strip()
    for found in COLUMN_SETS:
        if wanted in (found.key, found.zh) or wanted.lower() == found.en.lower():
            return found
    raise UnknownSet(f"no column set {name.strip()!r}; the sets are "
                     + ", ".join(s.key for s in COLUMN_SETS))


def next_set(key: str, step: int = 1) -> str:
    """The set after (or, with step -1, before) `key`, round the cycle."""
    keys = [s.key for s in COLUMN_SETS]
    at = keys.index(key) if key in keys else 0
    return keys[(at + step) % len(keys)]


SETTING = "columns"
"""The name of the remembered choice (console.settings)."""


def remembered_set() -> str:
    """The set the user chose last (console.settings), else the default."""
    from console.settings import read_settings

    chosen = read_settings().get(SETTING, DEFAULT)
    return chosen if chosen in BY_KEY else DEFAULT


def remember_set(key: str) -> None:
    """Remember `key` as the set to show at the next start (if the file can be written)."""
    from console.settings import remember

    remember(SETTING, key)
