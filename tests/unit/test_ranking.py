"""The reform index and the ranking of children: every figure below is worked out by hand."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from console.ranking import (
    COMPONENTS,
    DEFAULT_WEIGHTS,
    WEIGHTS_ENV,
    Ranking,
    baseline_ranked_meanwhile,
    baseline_ranking,
    default_weights_path,
    load_weights,
    rank_children,
    reform_index,
    write_ranking_csv,
)
from console.snapshots import write_snapshot
from console.store import Store
from tests.fixtures import frame, unit_row

OVERDUE = {"last_election": dt.date(2015, 1, 1)}  # more than 5 years before 2021-10/11
VACANT = {"president_in_place": False}


@pytest.fixture
def store(fixture_folder: Path) -> Store:
    return Store(fixture_folder)


@pytest.fixture
def no_user_weights(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Neither $FPA_INDEX_WEIGHTS nor a user's index.toml applies."""
    monkeypatch.delenv(WEIGHTS_ENV, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


def by_code(ranking: Ranking) -> dict[str, dict[str, Any]]:
    return {r["unit_code"]: r for r in ranking.rows.to_pylist()}


def test_index_of_the_fixture_provinces(store: Store) -> None:
    children, summary = store.view("000000", "2021-11")
    # Beijing (3 active units; no prefecture, so the two prefecture rates are missing):
    #   county plan 1/2, county civil-service 1/2, vacancy 1 - 1/3, overdue 1 - 1/3,
    #   hollow 1 - 1/3 → (0.5 + 0.5 + 3 × 2/3) / 5 = 3 / 5 = 60.0
    # Hubei (8 active units, every component there):
    #   prefecture plan 1/2, county plan 2/3, prefecture listed 1/2, county civil-service
    #   1/3, vacancy 1 - 2/8, overdue 1 - 1/8, hollow 1 - 1/8
    #   → (0.5 + 2/3 + 0.5 + 1/3 + 0.75 + 0.875 + 0.875) / 7 = 4.5 / 7 = 64.29 → 64.3
    assert children.column("unit_code").to_pylist() == ["110000", "420000"]
    assert reform_index(children, DEFAULT_WEIGHTS).to_pylist() == [60.0, 64.3]
    # The nation: 12 active units; prefecture plan 1/2, county plan 3/5, prefecture
    # listed 1/2, county cs 2/5, vacancy 1 - 3/12, overdue 1 - 2/12, hollow 1 - 2/12
    # → (0.5 + 0.6 + 0.5 + 0.4 + 9/12 + 10/12 + 10/12) / 7 = 53 / 84 = 63.10 → 63.1
    assert reform_index(summary, DEFAULT_WEIGHTS).to_pylist() == [63.1]


def test_index_of_a_prefecture_with_an_abolished_county(store: Store) -> None:
    children, _ = store.view("420000", "2021-11")
    # 武汉市: 420100 and 420102 active (420103 abolished does not count): prefecture plan
    # 1/1, county plan 1/1, listed 0/1, county cs 1/1, vacancy 1 - 1/2, overdue 1, hollow 1
    # → (1 + 1 + 0 + 1 + 0.5 + 1 + 1) / 7 = 5.5 / 7 = 78.57 → 78.6
    index = dict(zip(children.column("unit_code").to_pylist(),
                     reform_index(children, DEFAULT_WEIGHTS).to_pylist(), strict=True))
    assert index["420100"] == 78.6


def drill_rows(*rows: dict[str, Any]) -> pa.Table:
    """Drill-view rows with only the columns the index reads; the rest default to NULL."""
    keys = ("units", "prefectures_plan_rate", "counties_plan_rate", "prefectures_listed_rate",
            "counties_cs_rate", "presidents_vacant", "elections_overdue", "hollow")
    return pa.table({k: pa.array([r.get(k) for r in rows],
                                 pa.int64() if k in ("units", "presidents_vacant",
                                                     "elections_overdue", "hollow")
                                 else pa.float64()) for k in keys})


def test_missing_components_are_left_out_and_the_weights_renormalised() -> None:
    rows = drill_rows(
        # all seven: (1 + 0.5 + 0 + 0.25 + (1 - 1/4) + (1 - 2/4) + (1 - 0)) / 7 = 4 / 7
        {"units": 4, "prefectures_plan_rate": 1.0, "counties_plan_rate": 0.5,
         "prefectures_listed_rate": 0.0, "counties_cs_rate": 0.25, "presidents_vacant": 1,
         "elections_overdue": 2, "hollow": 0},
        # rates missing: the shares alone, (1 - 1/2 + 1 + 1 - 1/2) / 3 = 2 / 3
        {"units": 2, "presidents_vacant": 1, "elections_overdue": 0, "hollow": 1},
        # no active unit: the shares are missing too; one rate is left
        {"units": 0, "counties_plan_rate": 0.8, "presidents_vacant": 0,
         "elections_overdue": 0, "hollow": 0},
        # nothing at all
        {"units": 0, "presidents_vacant": 0, "elections_overdue": 0, "hollow": 0},
    )
    assert reform_index(rows, DEFAULT_WEIGHTS).to_pylist() == [57.1, 66.7, 80.0, None]
    # With weight 3 on vacancy and 0 on the rates, the first row is
    # (3 × 0.75 + 0.5 + 1) / 5 = 3.75 / 5 = 75.0; the third has no weighted component left.
    weights = {**DEFAULT_WEIGHTS, "vacancy_share": 3.0, "prefectures_plan_rate": 0.0,
               "counties_plan_rate": 0.0, "prefectures_listed_rate": 0.0,
               "counties_cs_rate": 0.0}
    assert reform_index(rows, weights).to_pylist() == [75.0, 60.0, None, None]


def test_weights_from_a_toml_file(tmp_path: Path, no_user_weights: None) -> None:
    path = tmp_path / "index.toml"
    path.write_text("[weights]\nvacancy_share = 3\nhollow_share = 0.5\n", encoding="utf-8")
    weights = load_weights(path)
    assert weights == {**DEFAULT_WEIGHTS, "vacancy_share": 3.0, "hollow_share": 0.5}
    assert set(weights) == set(COMPONENTS)


def test_where_the_weights_come_from(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     no_user_weights: None) -> None:
    assert load_weights() == DEFAULT_WEIGHTS
    user = default_weights_path()
    assert user == tmp_path / "config" / "fpa-console" / "index.toml"
    user.parent.mkdir(parents=True)
    user.write_text("[weights]\noverdue_share = 2\n", encoding="utf-8")
    assert load_weights()["overdue_share"] == 2.0
    named = tmp_path / "named.toml"
    named.write_text("[weights]\noverdue_share = 4\n", encoding="utf-8")
    monkeypatch.setenv(WEIGHTS_ENV, str(named))
    assert load_weights()["overdue_share"] == 4.0  # the variable wins over the user's file
    assert load_weights(user)["overdue_share"] == 2.0  # and an explicit path over both


@pytest.mark.parametrize(("text", "message"), [
    ("[weights]\nvacancy = 2\n", "'vacancy'"),
    ("[weights]\nhollow_share = -1\n", "hollow_share"),
    ("[weights]\nhollow_share = 'high'\n", "hollow_share"),
    ("[weights]\n" + "".join(f"{c} = 0\n" for c in COMPONENTS), "all zero"),
    ("[weight]\nhollow_share = 1\n", "no [weights] table"),
    ("[weights\n", "not valid TOML"),
])
def test_bad_weights_files_name_the_file_and_the_key(tmp_path: Path, text: str,
                                                      message: str) -> None:
    path = tmp_path / "index.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(message)) as raised:
        load_weights(path)
    assert str(path) in str(raised.value)


def test_a_missing_named_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="cannot read index weights"):
        load_weights(tmp_path / "absent.toml")


def test_rank_change_since_the_baseline_on_the_fixture(store: Store) -> None:
    # At 2021-10 Beijing scores 100 and Hubei (7 components, the prefecture plan rate 1/2)
    # (0.5 + 6) / 7 = 92.9; at 2021-11 Hubei 64.3 overtakes Beijing 60.0: they swap.
    rows = rank_children(store, "000000", "2021-11", DEFAULT_WEIGHTS).rows.to_pylist()
    assert [(r["unit_code"], r["reform_index"], r["rank"], r["baseline_index"],
             r["baseline_rank"], r["rank_change"]) for r in rows] == [
        ("420000", 64.3, 1, 92.9, 2, 1),
        ("110000", 60.0, 2, 100.0, 1, -1),
    ]


def test_the_baseline_ranked_meanwhile_is_the_one_ranked_after(store: Store,
                                                               fixture_folder: Path) -> None:
    with baseline_ranked_meanwhile(store, "000000", "2021-10", DEFAULT_WEIGHTS):
        pass  # a view at the baseline ranks itself there: nothing to rank meanwhile
    assert not store.memo
    with baseline_ranked_meanwhile(store, "000000", "2021-11", DEFAULT_WEIGHTS):
        pass  # the view's own queries would run here
    ahead = rank_children(store, "000000", "2021-11", DEFAULT_WEIGHTS).rows
    after = rank_children(Store(fixture_folder), "000000", "2021-11", DEFAULT_WEIGHTS).rows
    assert ahead.equals(after) and ahead.column("baseline_rank").null_count == 0
    # a node newer than the baseline: ranked meanwhile as nothing, no failure
    with baseline_ranked_meanwhile(store, "999999", "2021-11", DEFAULT_WEIGHTS):
        pass
    assert baseline_ranking(store, "999999", DEFAULT_WEIGHTS).is_empty()


def province(period: str, code: str, overrides: dict[str, Any]) -> dict[str, Any]:
    return unit_row(period, code, f"省{code[:2]}", "province", "000000", overrides)


def write_periods(folder: Path, periods: dict[str, dict[str, dict[str, Any]]]) -> Path:
    """One snapshot per period: the nation and a lone province per entry (code → overrides)."""
    folder.mkdir(parents=True)
    for period, provinces in periods.items():
        rows = [unit_row(period, "000000", "全国", "national", None, {})]
        rows += [province(period, code, changes) for code, changes in provinces.items()]
        write_snapshot(frame(rows), folder / f"{period}.parquet")
    return folder


@pytest.fixture
def provinces(tmp_path: Path) -> Store:
    # A lone province has no rates and is never hollow (hollow counts prefecture and
    # below), so its index is (vacancy + overdue + 1) / 3: 100, 66.7 when its president
    # is missing, 33.3 when its election is overdue as well.
    return Store(write_periods(tmp_path / "data", {
        "2021-10": {"110000": {}, "120000": VACANT, "130000": VACANT | OVERDUE,
                    "150000": {}},
        "2021-11": {"110000": VACANT, "120000": {}, "130000": VACANT | OVERDUE,
                    "140000": {}, "150000": {"status": "abolished"}},
    }))


def test_ties_share_the_lowest_rank_and_no_index_ranks_last(provinces: Store) -> None:
    ranking = rank_children(provinces, "000000", "2021-11", DEFAULT_WEIGHTS)
    assert [(r["unit_code"], r["reform_index"], r["rank"]) for r in ranking.rows.to_pylist()] == [
        ("120000", 100.0, 1),
        ("140000", 100.0, 1),
        ("110000", 66.7, 3),
        ("130000", 33.3, 4),
        ("150000", None, None),  # abolished: no active unit, no component
    ]


def test_two_provinces_swap_places(provinces: Store) -> None:
    rows = by_code(rank_children(provinces, "000000", "2021-11", DEFAULT_WEIGHTS))
    # At 2021-10: 110000 and 150000 share rank 1 (100), 120000 is 3rd, 130000 4th.
    assert (rows["110000"]["baseline_rank"], rows["110000"]["rank_change"]) == (1, -2)
    assert (rows["120000"]["baseline_rank"], rows["120000"]["rank_change"]) == (3, 2)
    assert (rows["130000"]["baseline_rank"], rows["130000"]["rank_change"]) == (4, 0)
    new = rows["140000"]
    assert (new["baseline_index"], new["baseline_rank"], new["rank_change"]) == (None,) * 3
    gone = rows["150000"]
    assert (gone["baseline_index"], gone["baseline_rank"], gone["rank_change"]) == (
        100.0, 1, None)


def test_at_the_baseline_nothing_moved(provinces: Store) -> None:
    rows = rank_children(provinces, "000000", "2021-10", DEFAULT_WEIGHTS).rows.to_pylist()
    assert [r["rank_change"] for r in rows] == [0, 0, 0, 0]


def test_weights_change_the_order(provinces: Store) -> None:
    # Overdue elections only: 130000 is the one province with an overdue election.
    only_overdue = {c: 0.0 for c in COMPONENTS} | {"overdue_share": 1.0}
    rows = rank_children(provinces, "000000", "2021-11", only_overdue).rows.to_pylist()
    assert [(r["unit_code"], r["rank"]) for r in rows] == [
        ("110000", 1), ("120000", 1), ("140000", 1), ("130000", 4), ("150000", None)]


def test_default_weights_come_from_the_environment(provinces: Store, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "w.toml"
    path.write_text("[weights]\nvacancy_share = 0\n", encoding="utf-8")
    monkeypatch.setenv(WEIGHTS_ENV, str(path))
    # Without vacancy, 110000 is (1 + 1) / 2 = 100 and 130000 (0 + 1) / 2 = 50.
    rows = by_code(rank_children(provinces, "000000", "2021-11"))
    assert (rows["110000"]["reform_index"], rows["130000"]["reform_index"]) == (100.0, 50.0)


def read_back(raw: bytes) -> list[list[str]]:
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw[3:].decode("utf-8")
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    return list(csv.reader(io.StringIO(text, newline="")))


def test_csv_headers_and_bom(provinces: Store, tmp_path: Path) -> None:
    ranking = rank_children(provinces, "000000", "2021-11", DEFAULT_WEIGHTS)
    out = tmp_path / "ranking.csv"
    write_ranking_csv(ranking, out)
    header, first, *rest = read_back(out.read_bytes())
    assert header == ["单位代码", "单位名称", "层级", "改革指数", "排名", "基期指数", "基期排名",
                      "名次变化"]
    assert first == ["120000", "省12", "省级", "100.0", "1", "66.7", "3", "2"]
    assert rest[-1] == ["150000", "省15", "省级", "", "", "100.0", "1", ""]
    buffer = io.BytesIO()
    write_ranking_csv(ranking, buffer, header="en")
    assert read_back(buffer.getvalue())[0] == [
        "Unit code", "Unit", "Level", "Reform index", "Rank", "Baseline index",
        "Baseline rank", "Rank change"]
    buffer = io.BytesIO()
    write_ranking_csv(ranking, buffer, header="key")
    header, first, *_ = read_back(buffer.getvalue())
    assert header == ["unit_code", "unit_name", "level", "reform_index", "rank",
                      "baseline_index", "baseline_rank", "rank_change"]
    assert first[2] == "province"
    with pytest.raises(ValueError, match="header"):
        write_ranking_csv(ranking, io.BytesIO(), header="fr")
