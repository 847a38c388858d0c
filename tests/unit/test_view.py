"""Filters as the official types them: conditions on rates, flags and counts."""

from __future__ import annotations

import pytest

from console.view import ViewError, parse_condition


@pytest.mark.parametrize("typed", ["县级方案出台率<40%", "县级方案出台率<40", "县级方案%<40",
                                   "counties_plan_rate<0.4", "Cnty plan<40"])
def test_a_rate_is_read_as_percent_however_it_is_typed(typed: str) -> None:
    condition = parse_condition(typed)
    assert (condition.key, condition.op) == ("counties_plan_rate", "<")
    assert condition.value == pytest.approx(0.4)
    assert condition.label("zh") == "县级方案出台率 < 40%"  # the chip says what it took


def test_a_rate_of_one_or_less_is_a_fraction() -> None:
    assert parse_condition("counties_plan_rate>=1").value == 1.0
    assert parse_condition("counties_plan_rate>0.5").value == 0.5
    assert parse_condition("counties_plan_rate>1.5").value == pytest.approx(0.015)


def test_flags_and_counts_by_their_table_headers() -> None:
    assert parse_condition("会长=否").key == "president_in_place"
    assert parse_condition("会长空缺>=2").value == 2
    with pytest.raises(ViewError, match="no column 'foo'"):
        parse_condition("foo<3")
