"""The business calendar on the real Japanese calendar; no database, no Django."""

from datetime import UTC, date, datetime, timedelta

import holidays
import jpholiday
import pytest
from hypothesis import given
from hypothesis import strategies as st

from itaku.core.calendar import (
    TOKYO,
    BusinessCalendar,
    add_business_days,
    age_on,
    fiscal_year,
    fiscal_year_end,
    fiscal_year_start,
    format_elapsed,
    format_wareki,
    format_wareki_month,
    is_business_day,
    is_open_at,
    next_business_day,
    previous_business_day,
)

# A day the ward declares closed itself (e.g. a polling-day office move); a Friday.
WARD_CLOSURE = date(2026, 6, 12)
WARD = BusinessCalendar(closures=frozenset({WARD_CLOSURE}))

BUSINESS_DAY_CASES = [
    ("ordinary Monday", date(2026, 2, 2), True),
    ("Saturday", date(2026, 2, 7), False),
    ("Sunday", date(2026, 2, 8), False),
    ("成人の日 2026-01-12", date(2026, 1, 12), False),
    ("day after 成人の日", date(2026, 1, 13), True),
    ("昭和の日 Wednesday 2026-04-29", date(2026, 4, 29), False),
    ("1 May 2026 is an ordinary Friday", date(2026, 5, 1), True),
    ("憲法記念日 Sunday 2026-05-03", date(2026, 5, 3), False),
    ("みどりの日 2026-05-04", date(2026, 5, 4), False),
    ("こどもの日 2026-05-05", date(2026, 5, 5), False),
    ("振替休日 2026-05-06 for 憲法記念日", date(2026, 5, 6), False),
    ("after Golden Week 2026-05-07", date(2026, 5, 7), True),
    ("振替休日 2027-03-22 for 春分の日", date(2027, 3, 22), False),
    ("敬老の日 2026-09-21", date(2026, 9, 21), False),
    ("国民の休日 2026-09-22", date(2026, 9, 22), False),
    ("秋分の日 2026-09-23", date(2026, 9, 23), False),
    ("last open day of 2026 is 28 Dec", date(2026, 12, 28), True),
    ("年末 29 Dec 2026 (Tuesday)", date(2026, 12, 29), False),
    ("年末 31 Dec 2026 (Thursday)", date(2026, 12, 31), False),
    ("元日 2027", date(2027, 1, 1), False),
    ("年始 3 Jan 2027 (Sunday)", date(2027, 1, 3), False),
    ("first open day of 2027 is 4 Jan", date(2027, 1, 4), True),
    ("leap day 2028-02-29 is a Tuesday", date(2028, 2, 29), True),
]


@pytest.mark.parametrize(
    ("day", "expected"), [c[1:] for c in BUSINESS_DAY_CASES], ids=[c[0] for c in BUSINESS_DAY_CASES]
)
def test_business_day_follows_weekends_holidays_and_new_year(day, expected):
    assert is_business_day(day) is expected
    assert WARD.is_business_day(day) is expected


def test_september_2026_holidays_are_what_jpholiday_says():
    assert jpholiday.is_holiday_name(date(2026, 9, 21)) == "敬老の日"
    assert jpholiday.is_holiday_name(date(2026, 9, 22)) == "国民の休日"
    assert jpholiday.is_holiday_name(date(2026, 9, 23)) == "秋分の日"


def test_ward_closure_day_is_closed_only_on_that_calendar():
    assert is_business_day(WARD_CLOSURE)
    assert not WARD.is_business_day(WARD_CLOSURE)
    assert WARD.next_business_day(date(2026, 6, 11)) == date(2026, 6, 15)
    assert WARD.previous_business_day(date(2026, 6, 15)) == date(2026, 6, 11)


STEP_CASES = [
    ("Friday to Monday", date(2026, 2, 6), date(2026, 2, 9), date(2026, 2, 5)),
    ("across Golden Week", date(2026, 5, 1), date(2026, 5, 7), date(2026, 4, 30)),
    ("from inside Golden Week", date(2026, 5, 4), date(2026, 5, 7), date(2026, 5, 1)),
    ("across September holidays", date(2026, 9, 18), date(2026, 9, 24), date(2026, 9, 17)),
    ("across New Year", date(2026, 12, 28), date(2027, 1, 4), date(2026, 12, 25)),
    ("back across New Year", date(2027, 1, 4), date(2027, 1, 5), date(2026, 12, 28)),
]


@pytest.mark.parametrize(
    ("day", "after", "before"), [c[1:] for c in STEP_CASES], ids=[c[0] for c in STEP_CASES]
)
def test_next_and_previous_business_day_skip_closed_days(day, after, before):
    assert next_business_day(day) == after
    assert previous_business_day(day) == before


def test_on_or_after_and_on_or_before_keep_an_open_day_and_move_a_closed_one():
    cal = BusinessCalendar()
    assert cal.on_or_after(date(2026, 5, 7)) == date(2026, 5, 7)
    assert cal.on_or_before(date(2026, 5, 7)) == date(2026, 5, 7)
    assert cal.on_or_after(date(2026, 5, 3)) == date(2026, 5, 7)
    assert cal.on_or_before(date(2026, 5, 3)) == date(2026, 5, 1)


ADD_CASES = [
    ("zero returns the day unchanged", date(2026, 5, 3), 0, date(2026, 5, 3)),
    ("one forward over Golden Week", date(2026, 5, 1), 1, date(2026, 5, 7)),
    ("five forward over Golden Week", date(2026, 4, 28), 5, date(2026, 5, 11)),
    ("one back over Golden Week", date(2026, 5, 7), -1, date(2026, 5, 1)),
    ("three back over Golden Week", date(2026, 5, 7), -3, date(2026, 4, 28)),
    ("forward from a closed day", date(2026, 12, 31), 1, date(2027, 1, 4)),
    ("ten forward over New Year", date(2026, 12, 21), 10, date(2027, 1, 8)),
]


@pytest.mark.parametrize(
    ("day", "n", "expected"), [c[1:] for c in ADD_CASES], ids=[c[0] for c in ADD_CASES]
)
def test_add_business_days_steps_in_both_directions(day, n, expected):
    assert add_business_days(day, n) == expected


def test_business_days_lists_open_days_inclusive():
    assert BusinessCalendar().business_days(date(2026, 4, 28), date(2026, 5, 7)) == [
        date(2026, 4, 28),
        date(2026, 4, 30),
        date(2026, 5, 1),
        date(2026, 5, 7),
    ]
    assert BusinessCalendar().business_days(date(2026, 5, 7), date(2026, 5, 1)) == []


def _jst(*args):
    return datetime(*args, tzinfo=TOKYO)


OPEN_CASES = [
    ("08:29:59 is before opening", _jst(2026, 2, 2, 8, 29, 59), False),
    ("08:30 opens", _jst(2026, 2, 2, 8, 30), True),
    ("noon", _jst(2026, 2, 2, 12, 0), True),
    ("17:14:59 is still open", _jst(2026, 2, 2, 17, 14, 59), True),
    ("17:15 is closed", _jst(2026, 2, 2, 17, 15), False),
    ("a holiday at noon", _jst(2026, 5, 5, 12, 0), False),
    ("a Saturday at noon", _jst(2026, 2, 7, 12, 0), False),
    ("23:30 UTC Sunday is 08:30 JST Monday", datetime(2026, 2, 1, 23, 30, tzinfo=UTC), True),
    ("08:14 UTC is 17:14 JST", datetime(2026, 2, 2, 8, 14, tzinfo=UTC), True),
    ("08:15 UTC is 17:15 JST", datetime(2026, 2, 2, 8, 15, tzinfo=UTC), False),
]


@pytest.mark.parametrize(
    ("moment", "expected"), [c[1:] for c in OPEN_CASES], ids=[c[0] for c in OPEN_CASES]
)
def test_open_hours_are_0830_to_1715_tokyo_on_business_days(moment, expected):
    # SO-3: open 8:30 inclusive to 17:15 exclusive.
    assert is_open_at(moment) is expected


def test_open_hours_refuse_a_naive_datetime():
    with pytest.raises(ValueError, match="timezone-aware"):
        is_open_at(datetime(2026, 2, 2, 12, 0))


FISCAL_CASES = [
    ("31 March belongs to the previous year", date(2026, 3, 31), 2025),
    ("1 April starts the year", date(2026, 4, 1), 2026),
    ("31 December", date(2026, 12, 31), 2026),
    ("1 January", date(2027, 1, 1), 2026),
]


@pytest.mark.parametrize(
    ("day", "expected"), [c[1:] for c in FISCAL_CASES], ids=[c[0] for c in FISCAL_CASES]
)
def test_fiscal_year_runs_april_to_march(day, expected):
    assert fiscal_year(day) == expected
    assert fiscal_year_start(expected) <= day <= fiscal_year_end(expected)


def test_fiscal_year_bounds():
    assert fiscal_year_start(2026) == date(2026, 4, 1)
    assert fiscal_year_end(2026) == date(2027, 3, 31)


AGE_CASES = [
    ("day before the birthday", date(2000, 4, 2), date(2026, 4, 1), 25),
    ("on the birthday", date(2000, 4, 1), date(2026, 4, 1), 26),
    ("on the day of birth", date(2000, 4, 1), date(2000, 4, 1), 0),
    ("IC-2 boundary: 35 on 1 April", date(1991, 4, 1), date(2026, 4, 1), 35),
    ("IC-2 boundary: still 34 on 1 April", date(1991, 4, 2), date(2026, 4, 1), 34),
    ("29 Feb birth on 28 Feb of a common year", date(2008, 2, 29), date(2026, 2, 28), 17),
    ("29 Feb birth on 1 Mar of a common year", date(2008, 2, 29), date(2026, 3, 1), 18),
    ("29 Feb birth on 29 Feb of a leap year", date(2008, 2, 29), date(2028, 2, 29), 20),
    ("29 Feb birth on 28 Feb of a leap year", date(2008, 2, 29), date(2028, 2, 28), 19),
]


@pytest.mark.parametrize(
    ("birth", "base", "expected"), [c[1:] for c in AGE_CASES], ids=[c[0] for c in AGE_CASES]
)
def test_age_on_counts_completed_years(birth, base, expected):
    assert age_on(birth, base) == expected


def test_age_on_refuses_a_base_date_before_birth():
    with pytest.raises(ValueError, match="before birth"):
        age_on(date(2000, 1, 2), date(2000, 1, 1))


WAREKI_CASES = [
    ("令和8年", date(2026, 2, 2), "令和8年2月2日"),
    ("令和元年 first day", date(2019, 5, 1), "令和元年5月1日"),
    ("平成 last day", date(2019, 4, 30), "平成31年4月30日"),
    ("平成元年 first day", date(1989, 1, 8), "平成元年1月8日"),
    ("昭和 last day", date(1989, 1, 7), "昭和64年1月7日"),
    ("昭和元年 first day", date(1926, 12, 25), "昭和元年12月25日"),
    ("令和2年 second year", date(2020, 1, 1), "令和2年1月1日"),
    ("平成元年 ends with the calendar year", date(1989, 12, 31), "平成元年12月31日"),
    ("平成2年 starts on 1 January", date(1990, 1, 1), "平成2年1月1日"),
    ("令和元年 ends with the calendar year", date(2019, 12, 31), "令和元年12月31日"),
    ("two-digit month and day", date(2026, 11, 23), "令和8年11月23日"),
    ("leap day", date(2028, 2, 29), "令和10年2月29日"),
]


@pytest.mark.parametrize(
    ("day", "expected"), [c[1:] for c in WAREKI_CASES], ids=[c[0] for c in WAREKI_CASES]
)
def test_format_wareki(day, expected):
    assert format_wareki(day) == expected


def test_format_wareki_refuses_days_before_showa():
    with pytest.raises(ValueError, match="昭和"):
        format_wareki(date(1926, 12, 24))


@pytest.mark.parametrize(
    ("year", "month", "expected"),
    [
        (2026, 2, "令和8年2月"),
        (2019, 5, "令和元年5月"),
        (2019, 4, "平成31年4月"),
        (1989, 1, "昭和64年1月"),
    ],
    ids=["令和8年2月", "令和元年5月", "平成31年4月", "January 1989 starts in 昭和"],
)
def test_format_wareki_month_uses_the_era_of_the_first(year, month, expected):
    assert format_wareki_month(year, month) == expected


# Days on which jpholiday and the holidays package disagree in 2020–2030. None are known with
# jpholiday 1.0.3 and holidays 0.109 (both include the 2020 and 2021 Olympic moves); if a release
# introduces one, this test fails so that someone checks the 内閣府 list and records it here.
KNOWN_DISAGREEMENTS: dict[date, str] = {}


def test_jpholiday_agrees_with_the_holidays_package_2020_to_2030():
    other = holidays.country_holidays("JP", years=range(2020, 2031))
    day, disagreements = date(2020, 1, 1), set()
    while day <= date(2030, 12, 31):
        if jpholiday.is_holiday(day) != (day in other):
            disagreements.add(day)
        day += timedelta(days=1)
    assert disagreements == set(KNOWN_DISAGREEMENTS)


@given(
    day=st.dates(min_value=date(2000, 1, 1), max_value=date(2098, 12, 31)),
    closures=st.frozensets(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 1, 31))),
)
def test_next_business_day_is_the_first_open_day_after(day, closures):
    cal = BusinessCalendar(closures=closures)
    after = cal.next_business_day(day)
    assert after > day
    assert cal.is_business_day(after)
    between = day + timedelta(days=1)
    while between < after:
        assert not cal.is_business_day(between)
        between += timedelta(days=1)
    assert cal.previous_business_day(after) == cal.on_or_before(day)


NOTICE_SENT = datetime(2026, 6, 15, 10, 0, tzinfo=TOKYO)


@pytest.mark.parametrize(
    ("later", "expected"),
    [
        (timedelta(seconds=-30), "たった今"),  # the other clock is a little ahead
        (timedelta(seconds=59), "たった今"),
        (timedelta(minutes=1), "1分前"),
        (timedelta(minutes=59, seconds=59), "59分前"),
        (timedelta(hours=1), "1時間前"),
        (timedelta(hours=3, minutes=40), "3時間前"),
        (timedelta(hours=23, minutes=59), "23時間前"),
        (timedelta(days=1), "1日前"),
        (timedelta(days=30, hours=23), "30日前"),
        (timedelta(days=31), ""),  # the date says it better
    ],
)
def test_format_elapsed_says_how_long_ago_a_notice_came(later, expected):
    assert format_elapsed(NOTICE_SENT, NOTICE_SENT + later) == expected


def test_format_elapsed_counts_across_time_zones():
    assert format_elapsed(NOTICE_SENT, datetime(2026, 6, 15, 3, 0, tzinfo=UTC)) == "2時間前"
