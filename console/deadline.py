"""The deadline panel's numbers: how far each level is from a reform plan everywhere.

For a node and a period: per level (prefecture, county) the active units of its subtree
still without a reform plan, the pace at which plans were issued over the last three
monthly steps, the month at which that pace would finish the job, whether that is in time
for the deadline, and the children furthest behind. `verdict` says it in one sentence.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import duckdb

from console.schema import level_label
from console.snapshots import format_period, parse_period, period_end
from console.store import Store

PLAN_LEVELS: tuple[str, ...] = ("prefecture", "county")
"""The levels whose plans the deadline concerns (every province has issued its plan)."""
PACE_STEPS = 3
"""How many monthly steps, back from the period, the pace is measured over."""
LAGGARDS = 5
"""How many children the laggard list holds."""


@dataclass(frozen=True)
class LevelProgress:
    """One level of a subtree at a period: units without a plan, pace and projection."""

    level: str
    without_plan: int
    total: int
    pace: float | None
    projected: dt.date | None
    on_track: bool


@dataclass(frozen=True)
class Laggard:
    """A child of the node and its subtree's prefecture and county units without a plan."""

    code: str
    name: str
    level: str
    without_plan: int
    total: int


@dataclass(frozen=True)
class DeadlineReport:
    """Where a node's subtree stands against the plan deadline at a period."""

    node: str
    period: str
    deadline: dt.date
    days_left: int
    levels: list[LevelProgress]
    laggards: list[Laggard]


@dataclass(frozen=True)
class _Count:
    """One period's count for one level: units without a plan, and all units."""

    period: dt.date
    without_plan: int
    total: int


def deadline_report(store: Store, node: str, period: str, deadline: dt.date | None = None,
                    cur: duckdb.DuckDBPyConnection | None = None) -> DeadlineReport:
    """The deadline panel of `node` at `period`; the deadline defaults to the store's.

    A StoreError when the period is not in the folder or the node not in it at the period.
    """
    day = store.check_period(period)
    due = store.deadline if deadline is None else deadline
    since = store.periods[max(0, store.periods.index(period) - PACE_STEPS)]
    params = {"node": node, "period": day, "since": parse_period(since)}
    history = store.query("progress/plans_by_period", params, cur).to_pylist()
    if not history or history[-1]["period"] != day:
        store.row(node, period, cur)  # an unknown unit is an error
        history = []  # the node is below county level: no plan of its subtree counts
    levels = [level_progress(level, _counts(history, level), due)
              for level in PLAN_LEVELS] if history else []
    return DeadlineReport(
        node=node,
        period=period,
        deadline=due,
        days_left=(due - period_end(day)).days,
        levels=[p for p in levels if p.total > 0],
        laggards=laggards(store, node, period, cur),
    )


def laggards(store: Store, node: str, period: str,
             cur: duckdb.DuckDBPyConnection | None = None) -> list[Laggard]:
    """The children of `node` with the most prefecture and county units without a plan."""
    params = {"node": node, "period_files": store.files_of(period), "top": LAGGARDS}
    return [Laggard(r["unit_code"], r["unit_name"], r["level"], r["without_plan"], r["total"])
            for r in store.query("progress/laggards", params, cur).to_pylist()]


def level_progress(level: str, counts: list[_Count], deadline: dt.date) -> LevelProgress:
    """One level's progress from its counts, oldest period first, the last the period's."""
    now = counts[-1]
    pace = plan_pace(counts)
    projected = projected_date(now.period, now.without_plan, pace)
    on_track = now.without_plan == 0 or (projected is not None and projected <= deadline)
    return LevelProgress(level, now.without_plan, now.total,
                         None if pace is None else float(pace), projected, on_track)


def plan_pace(counts: list[_Count]) -> Fraction | None:
    """Plans issued per month over the last PACE_STEPS steps (fewer when fewer periods).

    The decrease of the count without a plan from the window's first period to its last,
    divided by the months between them (a gap in the periods spans several months). None
    with a single period.
    """
    window = counts[-(PACE_STEPS + 1):]
    if len(window) < 2:
        return None
    first, last = window[0], window[-1]
    return Fraction(first.without_plan - last.without_plan, _months(first.period, last.period))


def projected_date(period: dt.date, without_plan: int, pace: Fraction | None) -> dt.date | None:
    """The last day of the month in which the count without a plan reaches 0 at `pace`.

    None when nothing is left or the pace is unknown or not positive.
    """
    if without_plan == 0 or pace is None or pace <= 0:
        return None
    months = math.ceil(without_plan / pace)
    return period_end(_add_months(period, months))


def verdict(report: DeadlineReport, lang: str) -> str:
    """One plain sentence on whether the slowest level can make the deadline, 'zh' or 'en'."""
    if not report.levels:
        return _say(lang, "此处没有地市级或县级协会",
                    "There are no prefecture- or county-level associations here")
    behind = [p for p in report.levels if p.without_plan > 0]
    if not behind:
        return _all_issued(report.levels, lang)
    slowest = max(behind, key=lambda p: (p.projected is None, p.projected or dt.date.min,
                                          p.without_plan))
    return _late_or_in_time(slowest, report.deadline.isoformat(), lang)


def _all_issued(levels: list[LevelProgress], lang: str) -> str:
    zh = "和".join(level_label(p.level, "zh") for p in levels)
    en = "- and ".join(level_label(p.level, "en") for p in levels)
    return _say(lang, f"{zh}协会均已出台改革方案",
                f"Every {en}-level association has issued its reform plan")


def _late_or_in_time(progress: LevelProgress, deadline: str, lang: str) -> str:
    zh, en = level_label(progress.level, "zh"), level_label(progress.level, "en")
    left = progress.without_plan
    if progress.pace is None:
        return _say(
            lang,
            f"仅有一期数据，无法测算进度：{zh}仍有 {left} 个协会未出台方案，"
            f"不能确保赶上 {deadline} 的截止日期",
            f"With a single period no pace can be measured: {left} {en}-level associations "
            f"still have no plan, and the {deadline} deadline is not assured")
    if progress.projected is None:
        return _say(
            lang,
            f"按近三期进度，{zh}方案出台没有进展，仍有 {left} 个未出台，"
            f"赶不上 {deadline} 的截止日期",
            f"At the pace of the last three periods {en} plans are not advancing, "
            f"{left} still missing: too late for the {deadline} deadline")
    month = format_period(progress.projected)
    zh_end, en_end = ("能赶上", "in time for") if progress.on_track else ("赶不上", "too late for")
    return _say(
        lang,
        f"按近三期进度，{zh}方案将于 {month} 全部出台，{zh_end} {deadline} 的截止日期",
        f"At the pace of the last three periods {en} plans will all be issued by {month}: "
        f"{en_end} the {deadline} deadline")


def _say(lang: str, zh: str, en: str) -> str:
    return zh if lang == "zh" else en


def _counts(history: list[dict[str, Any]], level: str) -> list[_Count]:
    plural = {"prefecture": "prefectures", "county": "counties"}[level]
    return [_Count(r["period"], r[f"{plural}_without_plan"], r[plural]) for r in history]


def _months(start: dt.date, end: dt.date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)

