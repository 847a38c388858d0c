"""Hand-built snapshot fixtures whose right answers are counted by hand in the tests.

The tree (both periods, 2021-10 and 2021-11):

    000000 全国
    ├── 110000 北京市            (a municipality: no prefecture level)
    │   ├── 110101 东城区        county directly under the province
    │   └── 110102 西城区
    └── 420000 湖北省
        ├── 420100 武汉市        prefecture
        │   ├── 420102 江岸区
        │   └── 420103 江汉区    abolished at 2021-11
        ├── 420500 宜昌市
        │   └── 420502 西陵区
        └── 429004 仙桃市        county directly under the province
            └── 429004001 沙嘴街道        township
                └── 429004001001 沙嘴村   village
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import polars as pl

from console.schema import INDICATORS, ColumnType, applies
from console.snapshots import manifest_entry, write_manifest, write_snapshot

TREE: list[tuple[str, str, str, str | None]] = [
    ("000000", "全国", "national", None),
    ("110000", "北京市", "province", "000000"),
    ("110101", "东城区", "county", "110000"),
    ("110102", "西城区", "county", "110000"),
    ("420000", "湖北省", "province", "000000"),
    ("420100", "武汉市", "prefecture", "420000"),
    ("420102", "江岸区", "county", "420100"),
    ("420103", "江汉区", "county", "420100"),
    ("420500", "宜昌市", "prefecture", "420000"),
    ("420502", "西陵区", "county", "420500"),
    ("429004", "仙桃市", "county", "420000"),
    ("429004001", "沙嘴街道", "township", "429004"),
    ("429004001001", "沙嘴村", "village", "429004001"),
]

# What differs from the defaults at 2021-11 (the latest period).
LATEST: dict[str, dict[str, Any]] = {
    "110000": {"president_in_place": False, "leader_functional": True, "staff_quota": 33},
    "110101": {"reform_plan_issued": False, "civil_servant_managed": False,
               "last_election": dt.date(2015, 6, 1)},
    "110102": {"activities_12m": 0},
    "420000": {"staff_quota": 38},
    "420100": {"mass_org_listed": False},
    "420102": {"president_in_place": False},
    "420103": {"status": "abolished", "reform_plan_issued": False},
    "420500": {"reform_plan_issued": False},
    "420502": {"reform_plan_issued": False, "civil_servant_managed": False},
    "429004": {"civil_servant_managed": False},
    "429004001": {"activities_12m": 0, "president_in_place": False},
    "429004001001": {"last_election": dt.date(2014, 1, 1)},
}
# What differs at 2021-10 (the baseline).
EARLIER: dict[str, dict[str, Any]] = {
    "110000": {"staff_quota": 30},
    "420000": {"staff_quota": 40},
    "420100": {"reform_plan_issued": False},
}
PERIODS = {"2021-10": EARLIER, "2021-11": LATEST}


def _default(key: str, kind: ColumnType) -> Any:
    defaults: dict[ColumnType, Any] = {
        ColumnType.BOOLEAN: True,
        ColumnType.INTEGER: 5,
        ColumnType.DOUBLE: 10.0,
        ColumnType.DATE: dt.date(2019, 6, 1),
    }
    return {"pilot_batch": 0, "activities_12m": 10}.get(key, defaults[kind])


def unit_row(period: str, code: str, name: str, level: str, parent: str | None,
             overrides: dict[str, Any]) -> dict[str, Any]:
    """One unit's row: every applicable indicator at its default, then the overrides."""
    row: dict[str, Any] = {
        "period": dt.date.fromisoformat(f"{period}-01"), "unit_code": code,
        "unit_name": name, "level": level, "parent_code": parent, "status": "active",
    }
    for column in INDICATORS:
        row[column.key] = _default(column.key, column.type) if applies(column.key, level) else None
    row.update(overrides)
    if applies("reform_plan_date", level):
        row["reform_plan_date"] = dt.date(2020, 1, 1) if row["reform_plan_issued"] else None
    return row


def rows_for(period: str) -> list[dict[str, Any]]:
    """Every unit's row at one period of the fixture."""
    changes = PERIODS[period]
    return [unit_row(period, code, name, level, parent, changes.get(code, {}))
            for code, name, level, parent in TREE]


def frame(rows: list[dict[str, Any]]) -> pl.DataFrame:
    """Rows as a frame with every snapshot column (types are fixed by write_snapshot)."""
    return pl.DataFrame(rows, infer_schema_length=None)


def write_fixture(folder: Path) -> Path:
    """Write both periods and the manifest into `folder`; return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for period in PERIODS:
        write_snapshot(frame(rows_for(period)), folder / f"{period}.parquet")
    write_manifest(folder, [manifest_entry(folder / f"{p}.parquet") for p in PERIODS])
    return folder


VILLAGE_NAMES = ["沙嘴村", "张湾村", "李家村", "王庄", "赵家湾", "新河村", "东风村", "红星村"]


def village_rows(period: str, shift: int) -> list[dict[str, object]]:
    """A province of two counties, three townships and 30 villages whose values vary
    with their number (some not reported, one abolished), `shift` moving them a period."""
    rows = [unit_row(period, "000000", "全国", "national", None, {}),
            unit_row(period, "420000", "湖北省", "province", "000000", {}),
            unit_row(period, "420100", "武汉市", "prefecture", "420000", {})]
    for county in ("420102", "420103"):
        rows.append(unit_row(period, county, f"县{county}", "county", "420100", {}))
        for town in ("001", "002") if county == "420102" else ("001",):
            rows.append(unit_row(period, county + town, f"镇{town}", "township", county, {}))
    townships = ["420102001", "420102002", "420103001"]
    for n in range(30):
        parent = townships[n % 3]
        i = n + shift
        name = VILLAGE_NAMES[i % len(VILLAGE_NAMES)] + str(n)
        rows.append(unit_row(period, f"{parent}{n:03d}", name, "village", parent, {
            "president_in_place": None if i % 7 == 0 else i % 3 != 0,
            "party_group": i % 4 != 0, "activities_12m": i % 5,
            "last_election": dt.date(2012 + i % 10, 1, 1),
            "status": "abolished" if n == 29 else "active"}))
    return rows


def write_villages(folder: Path) -> Path:
    """Two periods of village_rows (2021-10, 2021-11) and the manifest into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    for period, shift in (("2021-10", 1), ("2021-11", 0)):
        write_snapshot(frame(village_rows(period, shift)), folder / f"{period}.parquet")
    write_manifest(folder, [manifest_entry(folder / f"{p}.parquet")
                            for p in ("2021-10", "2021-11")])
    return folder
