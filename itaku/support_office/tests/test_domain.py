"""The support office's pure rules on the 2026–27 calendar; no database, no Django models.

Each case is named with the clause it checks (SO-3, SO-8, SO-9, SO-13, SO-14, 労基法).
"""

import itertools
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from itaku.core import deadlines
from itaku.core.calendar import TOKYO, BusinessCalendar, is_open_at
from itaku.core.domain import DueRule, Period, schedule_items
from itaku.support_office import contributions
from itaku.support_office.domain import (
    TrainingState,
    after_hours_by_month,
    after_hours_minutes,
    coverage_gaps,
    format_duration,
    labour_problems,
    training_state,
)

# A Friday the ward declares closed itself, and 31 March 2027 closed for a move.
WARD = BusinessCalendar(closures=frozenset({date(2026, 6, 12), date(2027, 3, 31)}))
NEW_YORK = ZoneInfo("America/New_York")


def jst(y: int, m: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    return datetime(y, m, d, h, mi, tzinfo=TOKYO)


def cases(table):
    """``pytest.mark.parametrize`` arguments from rows whose first item is the case's name."""
    return {"argvalues": [row[1:] for row in table], "ids": [row[0] for row in table]}


# --- SO-3: after-hours minutes ---------------------------------------------------------------

AFTER_HOURS = [
    ("SO-3 inside open hours on a Monday", jst(2026, 6, 15, 9), jst(2026, 6, 15, 12), 0),
    ("SO-3 exactly the open hours", jst(2026, 6, 15, 8, 30), jst(2026, 6, 15, 17, 15), 0),
    ("SO-3 before opening 8:00-9:00", jst(2026, 6, 15, 8), jst(2026, 6, 15, 9), 30),
    ("SO-3 last minute before 8:30", jst(2026, 6, 15, 8, 29), jst(2026, 6, 15, 8, 30), 1),
    ("SO-3 after closing 17:00-18:00", jst(2026, 6, 15, 17), jst(2026, 6, 15, 18), 45),
    ("SO-3 17:15 itself is after hours", jst(2026, 6, 15, 17, 15), jst(2026, 6, 15, 17, 16), 1),
    ("SO-3 across midnight 22:00-02:00", jst(2026, 6, 15, 22), jst(2026, 6, 16, 2), 240),
    ("SO-3 a Saturday is all after hours", jst(2026, 6, 13, 10), jst(2026, 6, 13, 12), 120),
    # Fri 17:15-24:00 (405) + Sat and Sun (2 x 1440) + Mon 0:00-8:30 (510)
    ("SO-3 across a weekend", jst(2026, 6, 12, 17), jst(2026, 6, 15, 9), 3795),
    ("SO-3 昭和の日 2026-04-29", jst(2026, 4, 29, 10), jst(2026, 4, 29, 11), 60),
    ("SO-3 振替休日 2026-05-06", jst(2026, 5, 6, 9), jst(2026, 5, 6, 10), 60),
    ("SO-3 振替休日 2027-03-22", jst(2027, 3, 22, 9), jst(2027, 3, 22, 10), 60),
    # 4/30 17:00 to 5/7 9:00 is 160 h; open: 4/30 15 min, 5/1 (Friday) 525 min, 5/7 30 min.
    ("SO-3 over Golden Week 2026", jst(2026, 4, 30, 17), jst(2026, 5, 7, 9), 160 * 60 - 570),
    (
        "SO-3 年末 29 Dec 2026 is a Tuesday, closed",
        jst(2026, 12, 29, 10),
        jst(2026, 12, 29, 11),
        60,
    ),
    # 12/28 16:00 to 1/4 9:00 is 6 days 17 h (161 h); open: 12/28 75 min, 1/4 30 min.
    ("SO-3 over 年末年始", jst(2026, 12, 28, 16), jst(2027, 1, 4, 9), 161 * 60 - 105),
    ("SO-3 a business day's 24 hours", jst(2026, 6, 15), jst(2026, 6, 16), 1440 - 525),
    ("SO-3 an empty span", jst(2026, 6, 13, 10), jst(2026, 6, 13, 10), 0),
    (
        "SO-3 seconds are dropped",
        jst(2026, 6, 15, 17, 15),
        jst(2026, 6, 15, 17, 15) + timedelta(seconds=59),
        0,
    ),
    (
        "SO-3 UTC input read in JST (08:00-09:00 UTC is 17:00-18:00)",
        datetime(2026, 6, 15, 8, tzinfo=UTC),
        datetime(2026, 6, 15, 9, tzinfo=UTC),
        45,
    ),
    (
        "SO-3 DST-free JST: New York's lost hour on 2026-03-08 is one real hour",
        datetime(2026, 3, 8, 1, 30, tzinfo=NEW_YORK),
        datetime(2026, 3, 8, 3, 30, tzinfo=NEW_YORK),
        60,
    ),
]


@pytest.mark.parametrize(("start", "end", "expected"), **cases(AFTER_HOURS))
def test_after_hours_minutes(start, end, expected):
    assert after_hours_minutes(start, end) == expected


def test_after_hours_counts_a_ward_closure_when_given_the_ward_calendar():
    """SO-3: a closure the ward declares makes the whole day after hours."""
    start, end = jst(2026, 6, 12, 10), jst(2026, 6, 12, 11)
    assert after_hours_minutes(start, end) == 0
    assert after_hours_minutes(start, end, calendar=WARD) == 60


REFUSED = [
    ("SO-3 naive start", datetime(2026, 6, 15, 9), jst(2026, 6, 15, 10)),
    ("SO-3 naive end", jst(2026, 6, 15, 9), datetime(2026, 6, 15, 10)),
    ("SO-3 end before start", jst(2026, 6, 15, 10), jst(2026, 6, 15, 9)),
]


@pytest.mark.parametrize(("start", "end"), **cases(REFUSED))
def test_after_hours_refuses_naive_or_reversed_spans(start, end):
    with pytest.raises(ValueError):
        after_hours_minutes(start, end)


# Minute-aligned spans of up to two days around closed and open days of 2026-27.
MINUTE = timedelta(minutes=1)
moments = st.builds(
    lambda day, minute: jst(day.year, day.month, day.day) + minute * MINUTE,
    st.dates(min_value=date(2026, 4, 1), max_value=date(2027, 3, 31)),
    st.integers(min_value=0, max_value=1439),
)


@settings(max_examples=40, deadline=None)
@given(start=moments, minutes=st.integers(min_value=0, max_value=2 * 1440))
def test_after_hours_plus_open_minutes_is_the_whole_span(start, minutes):
    """SO-3: every minute is either open (``is_open_at``) or after hours, never both."""
    end = start + minutes * MINUTE
    open_minutes = sum(is_open_at(start + i * MINUTE) for i in range(minutes))
    assert after_hours_minutes(start, end) + open_minutes == minutes


@settings(max_examples=60)
@given(start=moments, first=st.integers(0, 3000), second=st.integers(0, 3000))
def test_after_hours_adds_up_over_consecutive_spans(start, first, second):
    """SO-3: cutting a span anywhere does not change its after-hours total."""
    middle, end = start + first * MINUTE, start + (first + second) * MINUTE
    whole = after_hours_minutes(start, end)
    assert whole == after_hours_minutes(start, middle) + after_hours_minutes(middle, end)
    assert sum(after_hours_by_month([(start, end)]).values()) == whole


AFTER_HOURS_BY_MONTH = [
    (
        "SO-3 a month's after-hours work is summed",
        [
            (jst(2026, 6, 15, 17), jst(2026, 6, 15, 19)),
            (jst(2026, 6, 13, 10), jst(2026, 6, 13, 12)),
        ],
        {(2026, 6): 225},
    ),
    (
        "SO-3 overlapping shifts are counted once",
        [
            (jst(2026, 6, 13, 10), jst(2026, 6, 13, 12)),
            (jst(2026, 6, 13, 11), jst(2026, 6, 13, 13)),
        ],
        {(2026, 6): 180},
    ),
    (
        "SO-3 the night of 31 March is split at midnight into two fiscal years",
        [(jst(2027, 3, 31, 22), jst(2027, 4, 1, 2))],
        {(2027, 3): 120, (2027, 4): 120},
    ),
    (
        "SO-3 New Year's Eve into 元日",
        [(jst(2026, 12, 31, 23), jst(2027, 1, 1, 1))],
        {(2026, 12): 60, (2027, 1): 60},
    ),
    ("SO-3 only open hours leaves no month", [(jst(2026, 6, 15, 9), jst(2026, 6, 15, 17))], {}),
    ("SO-3 no shifts", [], {}),
]


@pytest.mark.parametrize(("shifts", "expected"), **cases(AFTER_HOURS_BY_MONTH))
def test_after_hours_by_month(shifts, expected):
    assert after_hours_by_month(shifts) == expected


# --- SO-9: cover of the open hours -----------------------------------------------------------

MONDAY = date(2026, 6, 15)


def at(h: int, mi: int = 0, day: date = MONDAY) -> datetime:
    return jst(day.year, day.month, day.day, h, mi)


COVERAGE = [
    ("SO-9 no shift leaves the whole day open", MONDAY, [], [(at(8, 30), at(17, 15))]),
    ("SO-9 one shift over the open hours", MONDAY, [(at(8, 30), at(17, 15))], []),
    ("SO-9 gap at the 8:30 start", MONDAY, [(at(9), at(17, 15))], [(at(8, 30), at(9))]),
    ("SO-9 gap at the 17:15 end", MONDAY, [(at(8, 30), at(17))], [(at(17), at(17, 15))]),
    ("SO-9 overlapping shifts are merged", MONDAY, [(at(8, 30), at(13)), (at(12), at(17, 15))], []),
    ("SO-9 touching shifts leave no gap", MONDAY, [(at(8, 30), at(12)), (at(12), at(17, 15))], []),
    (
        "SO-9 unordered shifts with a lunch hole",
        MONDAY,
        [(at(13), at(17, 15)), (at(8, 30), at(12))],
        [(at(12), at(13))],
    ),
    (
        "SO-9 several gaps, in order",
        MONDAY,
        [(at(12), at(13)), (at(9, 30), at(11)), (at(9), at(10))],
        [(at(8, 30), at(9)), (at(11), at(12)), (at(13), at(17, 15))],
    ),
    (
        "SO-9 a night shift across midnight covers the morning",
        MONDAY,
        [(at(22, day=date(2026, 6, 14)), at(10)), (at(15), at(20))],
        [(at(10), at(15))],
    ),
    (
        "SO-9 a shift longer than the day",
        MONDAY,
        [(at(0, day=date(2026, 6, 14)), at(0, day=date(2026, 6, 16)))],
        [],
    ),
    (
        "SO-9 shifts on other days do not count",
        MONDAY,
        [(at(8, 30, day=date(2026, 6, 16)), at(17, 15, day=date(2026, 6, 16)))],
        [(at(8, 30), at(17, 15))],
    ),
    (
        "SO-9 UTC shifts read in JST",
        MONDAY,
        [(datetime(2026, 6, 14, 23, 30, tzinfo=UTC), datetime(2026, 6, 15, 8, 15, tzinfo=UTC))],
        [],
    ),
    ("SO-9 closed day: Saturday", date(2026, 6, 13), [], []),
    ("SO-9 closed day: 昭和の日 2026-04-29", date(2026, 4, 29), [], []),
    ("SO-9 closed day: 振替休日 2026-05-06", date(2026, 5, 6), [], []),
    ("SO-9 closed day: 年末 2026-12-31 (Thursday)", date(2026, 12, 31), [], []),
    ("SO-9 closed day: 年始 2027-01-03", date(2027, 1, 3), [], []),
    (
        "SO-9 1 May 2026 between the holidays is open",
        date(2026, 5, 1),
        [],
        [(at(8, 30, day=date(2026, 5, 1)), at(17, 15, day=date(2026, 5, 1)))],
    ),
    (
        "SO-9 first open day of 2027",
        date(2027, 1, 4),
        [(at(8, 30, day=date(2027, 1, 4)), at(17, day=date(2027, 1, 4)))],
        [(at(17, day=date(2027, 1, 4)), at(17, 15, day=date(2027, 1, 4)))],
    ),
]


@pytest.mark.parametrize(("day", "shifts", "expected"), **cases(COVERAGE))
def test_coverage_gaps(day, shifts, expected):
    assert coverage_gaps(day, shifts) == expected


def test_coverage_gaps_on_a_ward_closure_is_empty():
    """SO-9: a day the ward closes itself needs no cover."""
    assert coverage_gaps(date(2026, 6, 12), []) == [
        (at(8, 30, day=date(2026, 6, 12)), at(17, 15, day=date(2026, 6, 12)))
    ]
    assert coverage_gaps(date(2026, 6, 12), [], calendar=WARD) == []


@pytest.mark.parametrize(
    "shift",
    [(datetime(2026, 6, 15, 9), at(10)), (at(10), at(9))],
    ids=["SO-9 naive shift", "SO-9 shift ending before it starts"],
)
def test_coverage_gaps_refuses_bad_shifts(shift):
    with pytest.raises(ValueError):
        coverage_gaps(MONDAY, [shift])


open_minute = st.integers(min_value=8 * 60, max_value=18 * 60)


@settings(max_examples=60)
@given(st.lists(st.tuples(open_minute, st.integers(0, 300)), max_size=6))
def test_gaps_and_shifts_together_are_the_open_hours(raw):
    """SO-9: a minute of the open hours is in a gap exactly when no shift covers it."""
    midnight = jst(2026, 6, 15)
    shifts = [(midnight + s * MINUTE, midnight + (s + n) * MINUTE) for s, n in raw]
    gaps = coverage_gaps(MONDAY, shifts)
    assert gaps == sorted(gaps)
    assert all(a[1] < b[0] for a, b in itertools.pairwise(gaps))  # merged, not touching
    for minute in range(8 * 60 + 30, 17 * 60 + 15):
        moment = midnight + minute * MINUTE
        covered = any(start <= moment < end for start, end in shifts)
        in_gap = any(start <= moment < end for start, end in gaps)
        assert covered != in_gap


# --- SO-8: staff training each month ---------------------------------------------------------

TRAINING = [
    ("SO-8 held earlier in the month", 2026, 6, [date(2026, 6, 10)], date(2026, 6, 15), "held"),
    ("SO-8 held today", 2026, 6, [date(2026, 6, 15)], date(2026, 6, 15), "held"),
    ("SO-8 held on a Saturday counts", 2026, 6, [date(2026, 6, 13)], date(2026, 6, 30), "held"),
    ("SO-8 planned later is not held yet", 2026, 6, [date(2026, 6, 25)], date(2026, 6, 15), "due"),
    ("SO-8 a session in another month", 2026, 6, [date(2026, 5, 29)], date(2026, 6, 15), "due"),
    ("SO-8 the 19th is still due", 2026, 6, [], date(2026, 6, 19), "due"),
    ("SO-8 warning from the 20th", 2026, 6, [], date(2026, 6, 20), "warning"),
    ("SO-8 warning on the last business day 6/30", 2026, 6, [], date(2026, 6, 30), "warning"),
    ("SO-8 breach the day after", 2026, 6, [], date(2026, 7, 1), "breach"),
    ("SO-8 warning from a Saturday 20th (Feb 2027)", 2027, 2, [], date(2027, 2, 20), "warning"),
    ("SO-8 May 2026 ends on Fri 29th: warning", 2026, 5, [], date(2026, 5, 29), "warning"),
    ("SO-8 May 2026 breach on Sat 30th", 2026, 5, [], date(2026, 5, 30), "breach"),
    ("SO-8 October 2026 breach on Sat 31st", 2026, 10, [], date(2026, 10, 31), "breach"),
    ("SO-8 December 2026 ends on the 28th (年末)", 2026, 12, [], date(2026, 12, 29), "breach"),
    ("SO-8 January 2027 breach on Sat 30th", 2027, 1, [], date(2027, 1, 30), "breach"),
    ("SO-8 March 2027 last business day 3/31", 2027, 3, [], date(2027, 3, 31), "warning"),
    ("SO-8 March 2027 breach on 4/1", 2027, 3, [], date(2027, 4, 1), "breach"),
    ("SO-8 a past month without a session", 2026, 5, [], date(2026, 6, 15), "breach"),
    ("SO-8 a past month with a session", 2026, 5, [date(2026, 5, 29)], date(2026, 6, 15), "held"),
    ("SO-8 a future month is due", 2026, 7, [], date(2026, 6, 15), "due"),
    ("SO-8 next year's same month is due", 2027, 6, [date(2026, 6, 10)], date(2026, 6, 15), "due"),
]


@pytest.mark.parametrize(("year", "month", "held_on", "today", "expected"), **cases(TRAINING))
def test_training_state(year, month, held_on, today, expected):
    state = training_state(year, month, held_on=held_on, today=today)
    assert state == expected
    assert isinstance(state, TrainingState)


def test_training_breach_moves_forward_with_a_ward_closure_on_the_last_day():
    """SO-8: if the ward closes 31 March 2027, the 30th is the last day to hold the session."""
    today = date(2027, 3, 31)
    assert training_state(2027, 3, held_on=[], today=today) == TrainingState.WARNING
    assert training_state(2027, 3, held_on=[], today=today, calendar=WARD) == TrainingState.BREACH


# --- 労働基準法32条・34条: one person's shifts ---------------------------------------------------

THU = date(2026, 12, 3)  # 12月3日(木)


def on(
    day: date, *spans: tuple[tuple[int, int], tuple[int, int]]
) -> list[tuple[datetime, datetime]]:
    return [(at(*a, day=day), at(*b, day=day)) for a, b in spans]


def full_day(day: date) -> list[tuple[datetime, datetime]]:
    """8 hours of work with a 1-hour lunch."""
    return on(day, ((9, 0), (12, 0)), ((13, 0), (18, 0)))


WEEK = [date(2026, 12, 7) + timedelta(days=i) for i in range(5)]  # Mon 7 – Fri 11 December
LABOUR = [
    ("労基法 exactly 8 hours with 1 hour break", full_day(THU), []),
    (
        "労基法 over 8 hours a day with a short break",
        on(THU, ((9, 0), (12, 0)), ((12, 30), (18, 0))),
        [
            "12月3日(木): 1日の労働が8時間を超えています(8時間30分)",
            "12月3日(木): 休憩が足りません(労働8時間30分に対し休憩30分、1時間以上必要)",
        ],
    ),
    (
        "労基法 8 hours with 30 minutes break needs 45",
        on(THU, ((9, 0), (12, 0)), ((12, 30), (17, 30))),
        ["12月3日(木): 休憩が足りません(労働8時間に対し休憩30分、45分以上必要)"],
    ),
    (
        "労基法 over 8 hours with 45 minutes break needs 60",
        on(THU, ((9, 0), (12, 0)), ((12, 45), (18, 0))),
        [
            "12月3日(木): 1日の労働が8時間を超えています(8時間15分)",
            "12月3日(木): 休憩が足りません(労働8時間15分に対し休憩45分、1時間以上必要)",
        ],
    ),
    ("労基法 exactly 6 hours needs no break", on(THU, ((9, 0), (15, 0))), []),
    (
        "労基法 6 hours and a minute needs 45 minutes",
        on(THU, ((9, 0), (15, 1))),
        ["12月3日(木): 休憩が足りません(労働6時間1分に対し休憩0分、45分以上必要)"],
    ),
    (
        "労基法 a 6.5-hour span with 30 minutes lunch is 6 hours of work",
        on(THU, ((9, 0), (12, 0)), ((12, 30), (15, 30))),
        [],
    ),
    ("労基法 45 minutes break for 6h15", on(THU, ((9, 0), (12, 0)), ((12, 45), (16, 0))), []),
    (
        "労基法 overlapping shifts are counted once",
        on(THU, ((9, 0), (12, 0)), ((11, 0), (13, 0)), ((14, 0), (17, 0))),
        [],
    ),
    (
        "労基法 a night shift recorded as two pieces at midnight is one day's work",
        [
            (at(20, day=THU), at(0, day=date(2026, 12, 4))),
            (at(0, day=date(2026, 12, 4)), at(5, day=date(2026, 12, 4))),
        ],
        [
            "12月3日(木): 1日の労働が8時間を超えています(9時間)",
            "12月3日(木): 休憩が足りません(労働9時間に対し休憩0分、1時間以上必要)",
        ],
    ),
    (
        "労基法 a night shift across midnight belongs to the day it starts",
        [(at(20, day=THU), at(5, day=date(2026, 12, 4)))],
        [
            "12月3日(木): 1日の労働が8時間を超えています(9時間)",
            "12月3日(木): 休憩が足りません(労働9時間に対し休憩0分、1時間以上必要)",
        ],
    ),
    (
        "労基法 problems come in date order",
        on(date(2026, 12, 4), ((9, 0), (18, 0))) + on(THU, ((9, 0), (15, 30))),
        [
            "12月3日(木): 休憩が足りません(労働6時間30分に対し休憩0分、45分以上必要)",
            "12月4日(金): 1日の労働が8時間を超えています(9時間)",
            "12月4日(金): 休憩が足りません(労働9時間に対し休憩0分、1時間以上必要)",
        ],
    ),
    ("労基法 40 hours Monday to Friday", [s for d in WEEK for s in full_day(d)], []),
    (
        "労基法 41 hours in a Monday-Sunday week",
        [s for d in WEEK for s in full_day(d)] + on(date(2026, 12, 12), ((10, 0), (11, 0))),
        ["12月7日(月)〜12月13日(日)の週: 1週の労働が40時間を超えています(41時間)"],
    ),
    (
        "労基法 the Sunday before is another Monday-Sunday week",
        [s for d in WEEK for s in full_day(d)] + on(date(2026, 12, 6), ((10, 0), (12, 0))),
        [],
    ),
    (
        "労基法 a Sunday-night shift into Monday counts in the week before",
        [s for d in WEEK for s in full_day(d)]
        + [(at(22, day=date(2026, 12, 6)), at(2, day=date(2026, 12, 7)))],
        [],
    ),
    ("労基法 no shifts", [], []),
]


@pytest.mark.parametrize(("shifts", "expected"), **cases(LABOUR))
def test_labour_problems(shifts, expected):
    assert labour_problems(shifts) == expected


def test_labour_week_can_start_on_sunday():
    """労基法32条: without a work rule the week is Sunday to Saturday; 2 hours on Sunday 6
    December then count with Monday to Friday."""
    shifts = [s for d in WEEK for s in full_day(d)] + on(date(2026, 12, 6), ((10, 0), (12, 0)))
    assert labour_problems(shifts, week_starts=6) == [
        "12月6日(日)〜12月12日(土)の週: 1週の労働が40時間を超えています(42時間)"
    ]
    with pytest.raises(ValueError):
        labour_problems(shifts, week_starts=7)


def test_labour_problems_refuse_naive_shifts():
    with pytest.raises(ValueError):
        labour_problems([(datetime(2026, 12, 3, 9), at(10, day=THU))])


@pytest.mark.parametrize(
    ("length", "text"),
    [
        (timedelta(hours=8, minutes=30), "8時間30分"),
        (timedelta(hours=9), "9時間"),
        (timedelta(minutes=45), "45分"),
        (timedelta(), "0分"),
        (timedelta(minutes=59, seconds=59), "59分"),
    ],
)
def test_format_duration(length, text):
    assert format_duration(length) == text


# --- SO-13, SO-14: report deadlines (core's rules, on this app's declarations) ----------------

DAILY_REPORT = [
    ("SO-13 ordinary Monday", date(2026, 6, 15), date(2026, 6, 16)),
    ("SO-13 Friday to Monday", date(2026, 2, 27), date(2026, 3, 2)),
    ("SO-13 Saturday's after-hours work to Monday", date(2026, 6, 13), date(2026, 6, 15)),
    ("SO-13 before 昭和の日", date(2026, 4, 28), date(2026, 4, 30)),
    ("SO-13 Golden Week 2026 incl. 振替休日 5/6", date(2026, 5, 1), date(2026, 5, 7)),
    ("SO-13 シルバーウィーク 2026 (9/21-23)", date(2026, 9, 18), date(2026, 9, 24)),
    ("SO-13 年末年始: 28 Dec to 4 Jan", date(2026, 12, 28), date(2027, 1, 4)),
    ("SO-13 振替休日 2027-03-22", date(2027, 3, 19), date(2027, 3, 23)),
    ("SO-13 the contract's last day is reported after it", date(2027, 3, 31), date(2027, 4, 1)),
]


@pytest.mark.parametrize(("day", "due"), **cases(DAILY_REPORT))
def test_daily_report_deadline(day, due):
    assert deadlines.due_next_business_day(day) == due


MONTHLY_REPORT = [
    ("SO-14 February 2026 by 5 March", 2026, 2, date(2026, 3, 5)),
    ("SO-14 March 2026 by 31 March (the specification's date)", 2026, 3, date(2026, 3, 31)),
    ("SO-14 April 2026: 5/5 and 5/6 closed, so 5/7", 2026, 4, date(2026, 5, 7)),
    ("SO-14 May 2026 by 5 June", 2026, 5, date(2026, 6, 5)),
    ("SO-14 June 2026: 5 July is a Sunday, so the 6th", 2026, 6, date(2026, 7, 6)),
    ("SO-14 November 2026: 5 December is a Saturday, so the 7th", 2026, 11, date(2026, 12, 7)),
    ("SO-14 December 2026 by 5 January 2027", 2026, 12, date(2027, 1, 5)),
    ("SO-14 February 2027 by 5 March", 2027, 2, date(2027, 3, 5)),
    ("SO-14 March 2027 by 31 March, not in April", 2027, 3, date(2027, 3, 31)),
]


@pytest.mark.parametrize(("year", "month", "due"), **cases(MONTHLY_REPORT))
def test_monthly_report_deadline(year, month, due):
    assert deadlines.due_fifth_of_next_month(year, month) == due


def test_march_report_moves_back_when_31_march_is_closed():
    """SO-14: the fiscal year close cannot be extended: a closed 31 March moves it to the 30th."""
    assert deadlines.due_fifth_of_next_month(2027, 3, cal=WARD) == date(2027, 3, 30)


def test_declared_reports_fall_due_on_the_specification_period():
    """SO-13, SO-14: the app's declared obligations, through core's schedule, on the
    specification's period 令和8年2月2日–3月31日."""
    rules = {o.name: DueRule(o.rule) for o in contributions.OBLIGATIONS}
    assert rules["日報"] == DueRule.NEXT_BUSINESS_DAY
    assert rules["月報"] == DueRule.FIFTH_OF_NEXT_MONTH
    period = Period(date(2026, 2, 2), date(2026, 3, 31))
    cal = BusinessCalendar()
    monthly = schedule_items(rules["月報"], contract_period=period, through=period.end, cal=cal)
    assert [item.due_date for item in monthly] == [date(2026, 3, 5), date(2026, 3, 31)]
    daily = schedule_items(rules["日報"], contract_period=period, through=period.end, cal=cal)
    assert daily[0].due_date == date(2026, 2, 3)
    assert daily[-1].period_start == date(2026, 3, 31)
    assert daily[-1].due_date == date(2026, 4, 1)
