"""Finding units by Chinese name or pinyin initials."""

from __future__ import annotations

import pyarrow as pa

from console.finder import UnitFinder, initials


def finder() -> UnitFinder:
    return UnitFinder(pa.table({
        "unit_code": ["360700", "440100", "360781", "110000", "360000"],
        "unit_name": ["赣州市", "广州市", "瑞金市", "北京市", "江西省"],
        "level": ["prefecture", "prefecture", "county", "province", "province"],
        "parent_code": ["360000", "440000", "360700", "000000", "000000"],
        "parent_name": ["江西省", "广东省", "赣州市", "全国", "全国"],
        "has_children": [True, True, False, True, True],
    }))


def test_initials() -> None:
    assert initials("赣州市") == "gzs"
    assert initials("瑞金市") == "rjs"


def test_pinyin_initials_find_both_cities() -> None:
    assert {u.name for u in finder().find("gz")} == {"赣州市", "广州市"}
    assert [u.name for u in finder().find("RJ")] == ["瑞金市"]


def test_chinese_substring_and_ranking() -> None:
    assert [u.name for u in finder().find("州")] == ["赣州市", "广州市"]
    assert [u.code for u in finder().find("江西")] == ["360000"]
    assert finder().find("  ") == []
    assert finder().find("不存在") == []


def test_a_name_shared_by_many_units_and_polyphones() -> None:
    """Initials are worked out per distinct name, as a whole: 重庆 is chóng, 长沙 cháng."""
    names = ["重庆市", "长沙市"] + ["新华村"] * 1000
    found = UnitFinder(pa.table({
        "unit_code": ["500000", "430100"] + [f"4301{n:08d}" for n in range(1000)],
        "unit_name": names,
        "level": ["province", "prefecture"] + ["village"] * 1000,
        "parent_code": ["000000", "430000"] + ["430100"] * 1000,
        "parent_name": ["全国", "湖南省"] + ["长沙市"] * 1000,
        "has_children": [True, True] + [False] * 1000,
    }))
    assert [u.name for u in found.find("cq")] == ["重庆市"]
    assert [u.name for u in found.find("css")] == ["长沙市"]
    villages = found.find("xhc", limit=5)
    assert [u.code for u in villages] == [f"4301{n:08d}" for n in range(5)]  # by code
