"""The pure rules of the agreements part, table-tested without a database: the fiscal quarter of
a day and the days of a quarter (仕様書 18, IC-28), the numbering of the 協議記録 (IC-35)."""

from __future__ import annotations

from datetime import date

import pytest

from itaku.ichou.agreements import rules


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 3, 31), (2025, 4)),
        (date(2026, 4, 1), (2026, 1)),
        (date(2026, 6, 30), (2026, 1)),
        (date(2026, 7, 1), (2026, 2)),
        (date(2026, 9, 30), (2026, 2)),
        (date(2026, 10, 1), (2026, 3)),
        (date(2026, 12, 31), (2026, 3)),
        (date(2027, 1, 1), (2026, 4)),
        (date(2027, 3, 31), (2026, 4)),
    ],
    ids=lambda v: f"IC-28 {v}" if isinstance(v, date) else str(v),
)
def test_ic28_fiscal_quarter(day, expected):
    assert rules.fiscal_quarter(day) == expected


@pytest.mark.parametrize(
    ("quarter", "first", "last"),
    [
        (1, date(2026, 4, 1), date(2026, 6, 30)),
        (2, date(2026, 7, 1), date(2026, 9, 30)),
        (3, date(2026, 10, 1), date(2026, 12, 31)),
        (4, date(2027, 1, 1), date(2027, 3, 31)),
    ],
    ids=["IC-28 Q1", "IC-28 Q2", "IC-28 Q3", "IC-28 Q4"],
)
def test_ic28_quarter_bounds(quarter, first, last):
    assert rules.quarter_bounds(2026, quarter) == (first, last)


def test_ic28_every_day_of_a_year_lies_in_the_bounds_of_its_quarter():
    day = date(2026, 4, 1)
    while day <= date(2027, 3, 31):
        fy, q = rules.fiscal_quarter(day)
        first, last = rules.quarter_bounds(fy, q)
        assert first <= day <= last, day
        day = date.fromordinal(day.toordinal() + 1)


@pytest.mark.parametrize("quarter", [0, 5, -1])
def test_ic28_a_quarter_outside_1_to_4_is_refused(quarter):
    with pytest.raises(ValueError):
        rules.quarter_bounds(2026, quarter)


@pytest.mark.parametrize(
    ("today", "ended"),
    [(date(2026, 6, 30), False), (date(2026, 7, 1), True), (date(2026, 4, 1), False)],
    ids=["IC-28 on its last day", "IC-28 the day after", "IC-28 on its first day"],
)
def test_ic28_a_quarter_has_ended_only_after_its_last_day(today, ended):
    assert rules.quarter_ended(2026, 1, today) is ended


@pytest.mark.parametrize(
    ("existing", "number"), [([], 1), ([1], 2), ([1, 2, 3], 4), ([3, 1], 4)], ids=str
)
def test_ic35_records_are_numbered_in_sequence(existing, number):
    assert rules.next_number(existing) == number
