"""Due dates on the real 2026–2029 calendar; expected values worked out by hand with jpholiday."""

from datetime import date

import pytest

from itaku.core.calendar import BusinessCalendar
from itaku.core.deadlines import (
    due_before_month_starts,
    due_days_before,
    due_fifth_of_next_month,
    due_next_business_day,
    due_once_per_month,
    due_tenth_of_next_month,
    month_bounds,
)


def _cases(rows):
    """Split (id, *args) rows into parametrize values and ids."""
    return {"argvalues": [r[1:] for r in rows], "ids": [r[0] for r in rows]}


SO_13 = [
    ("SO-13 Monday is due Tuesday", date(2026, 2, 2), date(2026, 2, 3)),
    ("SO-13 Friday is due Monday", date(2026, 2, 6), date(2026, 2, 9)),
    ("SO-13 Friday before 成人の日 is due Tuesday", date(2026, 1, 9), date(2026, 1, 13)),
    ("SO-13 Friday before 海の日 is due Tuesday", date(2026, 7, 17), date(2026, 7, 21)),
    ("SO-13 1 May before Golden Week is due 7 May", date(2026, 5, 1), date(2026, 5, 7)),
    ("SO-13 last day before 年末年始 is due 4 Jan", date(2026, 12, 28), date(2027, 1, 4)),
    ("SO-13 a Saturday's report is due Monday", date(2026, 2, 7), date(2026, 2, 9)),
]


@pytest.mark.parametrize(("day", "expected"), **_cases(SO_13))
def test_daily_report_is_due_the_next_business_day(day, expected):
    assert due_next_business_day(day) == expected


SO_14 = [
    ("SO-14 January 2026 is due Thursday 5 Feb", 2026, 1, date(2026, 2, 5)),
    ("SO-14 April 2026: 5 May holiday moves forward to 7 May", 2026, 4, date(2026, 5, 7)),
    ("SO-14 June 2026: Sunday 5 July moves forward to Monday", 2026, 6, date(2026, 7, 6)),
    ("SO-14 August 2026: Saturday 5 Sep moves forward to Monday", 2026, 8, date(2026, 9, 7)),
    ("SO-14 December 2026 is due 5 Jan 2027", 2026, 12, date(2027, 1, 5)),
    ("SO-14 April 2028: Friday 5 May holiday moves to Monday 8th", 2028, 4, date(2028, 5, 8)),
    ("SO-14 February 2026 is due 5 March (not the March exception)", 2026, 2, date(2026, 3, 5)),
    ("SO-14 March 2026 is due 31 March (Tuesday)", 2026, 3, date(2026, 3, 31)),
    ("SO-14 March 2029: Saturday 31 March moves back to Friday", 2029, 3, date(2029, 3, 30)),
]


@pytest.mark.parametrize(("year", "month", "expected"), **_cases(SO_14))
def test_monthly_report_is_due_the_fifth_with_the_march_exception(year, month, expected):
    assert due_fifth_of_next_month(year, month) == expected


IC_24 = [
    ("IC-24 January 2026 is due Tuesday 10 Feb", 2026, 1, date(2026, 2, 10)),
    ("IC-24 April 2026: Sunday 10 May moves forward to Monday", 2026, 4, date(2026, 5, 11)),
    ("IC-24 September 2026: 10 Oct Saturday then スポーツの日 → 13th", 2026, 9, date(2026, 10, 13)),
    ("IC-24 December 2026: Sunday 10 Jan then 成人の日 → 12 Jan", 2026, 12, date(2027, 1, 12)),
    ("IC-24 December 2027: 10 Jan 2028 is 成人の日 → 11 Jan", 2027, 12, date(2028, 1, 11)),
    ("IC-24 March 2026 has no fiscal-year exception", 2026, 3, date(2026, 4, 10)),
]


@pytest.mark.parametrize(("year", "month", "expected"), **_cases(IC_24))
def test_implementation_report_is_due_the_tenth_of_next_month(year, month, expected):
    assert due_tenth_of_next_month(year, month) == expected


IC_23 = [
    (
        "IC-23 Saturday activity: the Saturday before moves back to Friday",
        date(2026, 6, 13),
        7,
        date(2026, 6, 5),
    ),
    (
        "IC-23 Saturday activity: Friday 20 Mar is 春分の日 → Thursday",
        date(2026, 3, 28),
        7,
        date(2026, 3, 19),
    ),
    ("IC-23 Wednesday activity: 6 May 振替休日 → 1 May", date(2026, 5, 13), 7, date(2026, 5, 1)),
    ("IC-23 Saturday activity: 2 Jan is 年始 → 28 Dec", date(2027, 1, 9), 7, date(2026, 12, 28)),
    (
        "IC-23 Thursday activity: the Thursday before is open",
        date(2026, 2, 12),
        7,
        date(2026, 2, 5),
    ),
    ("IC-23 zero days is the event day itself if open", date(2026, 2, 12), 0, date(2026, 2, 12)),
]


@pytest.mark.parametrize(("event_day", "days", "expected"), **_cases(IC_23))
def test_lead_time_deadlines_move_back_to_keep_the_week(event_day, days, expected):
    assert due_days_before(event_day, days) == expected
    assert (event_day - expected).days >= days


def test_ic_23_lead_time_refuses_negative_days():
    with pytest.raises(ValueError, match="negative"):
        due_days_before(date(2026, 6, 13), -1)


SO_10 = [
    ("SO-10 February 2026 schedule is due Friday 30 Jan", 2026, 2, date(2026, 1, 30)),
    ("SO-10 May 2026: 1 May is open, so 30 April", 2026, 5, date(2026, 4, 30)),
    ("SO-10 June 2026: Sunday 31 May → Friday 29 May", 2026, 6, date(2026, 5, 29)),
    ("SO-10 October 2026: Wednesday 30 Sep", 2026, 10, date(2026, 9, 30)),
    ("SO-10 January 2027: 年末 → Monday 28 Dec", 2027, 1, date(2026, 12, 28)),
    ("SO-10 January 2026: 年末 → Friday 26 Dec 2025", 2026, 1, date(2025, 12, 26)),
]


@pytest.mark.parametrize(("year", "month", "expected"), **_cases(SO_10))
def test_duty_schedule_is_due_the_last_business_day_before_the_month(year, month, expected):
    assert due_before_month_starts(year, month) == expected


SO_8 = [
    ("SO-8 January 2026: Saturday 31st → Friday 30th", 2026, 1, date(2026, 1, 30)),
    ("SO-8 February 2026: Saturday 28th → Friday 27th", 2026, 2, date(2026, 2, 27)),
    ("SO-8 August 2026: Monday 31st is open", 2026, 8, date(2026, 8, 31)),
    ("SO-8 November 2026: Monday 30th is open", 2026, 11, date(2026, 11, 30)),
    ("SO-8 December 2026: 年末 → Monday 28th", 2026, 12, date(2026, 12, 28)),
    ("SO-8 February 2028 leap year: Tuesday 29th", 2028, 2, date(2028, 2, 29)),
]


@pytest.mark.parametrize(("year", "month", "expected"), **_cases(SO_8))
def test_monthly_training_must_happen_by_the_last_business_day(year, month, expected):
    assert due_once_per_month(year, month) == expected


def test_ward_closures_shift_deadlines_in_the_documented_direction():
    # Friday 5 Feb 2027 closed by the ward: a report moves forward, a lead time moves back.
    cal = BusinessCalendar(closures=frozenset({date(2027, 2, 5)}))
    assert due_fifth_of_next_month(2027, 1, cal=cal) == date(2027, 2, 8)
    assert due_days_before(date(2027, 2, 12), 7, cal=cal) == date(2027, 2, 4)
    assert due_next_business_day(date(2027, 2, 4), cal=cal) == date(2027, 2, 8)


@pytest.mark.parametrize(
    ("year", "month", "expected"),
    [
        (2026, 2, (date(2026, 2, 1), date(2026, 2, 28))),
        (2028, 2, (date(2028, 2, 1), date(2028, 2, 29))),
        (2026, 12, (date(2026, 12, 1), date(2026, 12, 31))),
    ],
    ids=["February", "leap February", "December"],
)
def test_month_bounds(year, month, expected):
    assert month_bounds(year, month) == expected
