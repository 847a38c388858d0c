"""The store on the hand-built fixture: every figure below was counted by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from console.schema import DRILL_KEYS
from console.store import Store, StoreError, UnitRef


@pytest.fixture
def store(fixture_folder: Path) -> Store:
    return Store(fixture_folder)


def by_code(rows: list[dict[str, object]]) -> dict[object, dict[str, object]]:
    return {r["unit_code"]: r for r in rows}


def test_periods_and_baseline(store: Store) -> None:
    assert store.periods == ["2021-10", "2021-11"]
    assert store.baseline == "2021-10"
    assert store.latest == "2021-11"
    assert store.problems == []


def test_drill_view_has_the_schema_columns_in_order(store: Store) -> None:
    assert tuple(store.drill("000000", "2021-11").column_names) == DRILL_KEYS


def test_national_drill_counts(store: Store) -> None:
    rows = by_code(store.drill("000000", "2021-11").to_pylist())
    assert list(rows) == ["110000", "420000"]
    beijing, hubei = rows["110000"], rows["420000"]
    # Beijing: a municipality, its two districts straight under it.
    assert beijing["units"] == 3
    assert beijing["prefectures_plan_rate"] is None
    assert beijing["counties_plan_rate"] == 0.5
    assert beijing["prefectures_listed_rate"] is None
    assert beijing["counties_cs_rate"] == 0.5
    assert (beijing["presidents_vacant"], beijing["elections_overdue"]) == (1, 1)
    assert (beijing["hollow"], beijing["abolished"]) == (1, 0)
    assert beijing["staff_quota_change"] == 3
    # Hubei: 9 units of which 江汉区 is abolished; 仙桃市 sits directly under the province.
    assert hubei["units"] == 8
    assert hubei["prefectures_plan_rate"] == 0.5
    assert hubei["counties_plan_rate"] == pytest.approx(2 / 3)
    assert hubei["prefectures_listed_rate"] == 0.5
    assert hubei["counties_cs_rate"] == pytest.approx(1 / 3)
    assert (hubei["presidents_vacant"], hubei["elections_overdue"]) == (2, 1)
    assert (hubei["hollow"], hubei["abolished"]) == (1, 1)
    assert hubei["staff_quota_change"] == -2


def test_every_child_is_listed_whatever_its_status(store: Store) -> None:
    rows = by_code(store.drill("420100", "2021-11").to_pylist())
    assert list(rows) == ["420102", "420103"]
    assert rows["420103"]["status"] == "abolished"
    assert rows["420103"]["units"] == 0
    assert rows["420103"]["abolished"] == 1


def test_summary_of_the_nation(store: Store) -> None:
    (nation,) = store.summary("000000", "2021-11").to_pylist()
    assert nation["units"] == 12
    assert nation["counties_plan_rate"] == pytest.approx(3 / 5)
    assert nation["counties_cs_rate"] == pytest.approx(2 / 5)
    assert (nation["presidents_vacant"], nation["elections_overdue"]) == (3, 2)
    assert (nation["hollow"], nation["abolished"]) == (2, 1)


def test_earlier_period_differs(store: Store) -> None:
    rows = by_code(store.drill("420000", "2021-10").to_pylist())
    assert rows["420100"]["reform_plan_issued"] is False
    assert rows["420100"]["abolished"] == 0  # 江汉区 was still active in 2021-10


def test_ancestry_follows_parent_codes(store: Store) -> None:
    path = store.ancestry("429004001001", "2021-11")
    assert [u.code for u in path] == ["000000", "420000", "429004", "429004001", "429004001001"]
    assert path[1] == UnitRef("420000", "湖北省", "province")


def test_history_has_every_period(store: Store) -> None:
    history = store.history("110000").to_pylist()
    assert [r["period"] for r in history] == [dt.date(2021, 10, 1), dt.date(2021, 11, 1)]
    assert [r["staff_quota"] for r in history] == [30, 33]


def test_leaf_has_no_children(store: Store) -> None:
    assert store.drill("429004001001", "2021-11").num_rows == 0
    assert store.children_count("429004001001", "2021-11") == 0
    assert store.children_count("420000", "2021-11") == 3


def test_unknown_period_and_unit(store: Store) -> None:
    with pytest.raises(StoreError, match="period 2020-01 is not in"):
        store.drill("000000", "2020-01")
    with pytest.raises(StoreError, match="not of the form"):
        store.drill("000000", "2020-13")
    with pytest.raises(StoreError, match="unit 999999 is not in the data"):
        store.drill("999999", "2021-11")


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        Store(tmp_path / "nowhere")


def test_empty_folder_has_no_periods(tmp_path: Path) -> None:
    store = Store(tmp_path)
    assert store.periods == []
    with pytest.raises(StoreError, match="no usable snapshot files"):
        store.latest  # noqa: B018


class TestScope:
    """A store confined to 湖北省 answers only inside it."""

    @pytest.fixture
    def hubei(self, fixture_folder: Path) -> Store:
        return Store(fixture_folder, scope="420000")

    def test_root_is_the_scope(self, hubei: Store) -> None:
        assert hubei.root == "420000"
        assert [u.code for u in hubei.ancestry("420000", "2021-11")] == ["420000"]
        assert [u.code for u in hubei.ancestry("429004001", "2021-11")] == [
            "420000", "429004", "429004001"]

    def test_views_stay_inside(self, hubei: Store) -> None:
        assert [r["unit_code"] for r in hubei.drill("420000", "2021-11").to_pylist()] == [
            "420100", "420500", "429004"]
        (summary,) = hubei.summary("420000", "2021-11").to_pylist()
        assert summary["units"] == 8
        assert {r["unit_code"] for r in hubei.directory("2021-11").to_pylist()} >= {"420000"}
        assert "110000" not in {r["unit_code"] for r in hubei.directory("2021-11").to_pylist()}

    def test_outside_is_refused(self, hubei: Store) -> None:
        with pytest.raises(StoreError, match="within scope 420000"):
            hubei.drill("110000", "2021-11")
        with pytest.raises(StoreError, match="within scope 420000"):
            hubei.summary("000000", "2021-11")
        with pytest.raises(StoreError):
            hubei.row("110101", "2021-11")
        assert hubei.history("110000").num_rows == 0


def test_units_breaking_a_rule_are_counted_over_each_subtree(fixture_folder: Path) -> None:
    store = Store(fixture_folder)
    found = store.units_breaking(["110000", "420000", "420502", "429004"], "2021-11",
                                 ["plan_missing"])
    counts = dict(zip(found.column("unit_code").to_pylist(), found.column("units").to_pylist(),
                      strict=True))
    # 110101 below 北京市; 420500 and 420502 below 湖北省; 仙桃市 breaks it nowhere
    assert counts == {"110000": 1, "420000": 2, "420502": 1}
    both = store.units_breaking(["420000"], "2021-11", ["plan_missing", "abolished"])
    assert both.column("units").to_pylist() == [3]  # and 420103, abolished
    village = store.units_breaking(["429004001"], "2021-11", ["wall_only"])
    assert village.column("units").to_pylist() == [1]
