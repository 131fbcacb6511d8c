"""Pure rules of the 安心対応サポート室 on plain values: after-hours work (SO-3), staff training
each month (SO-8), cover of the open hours (SO-9) and one person's working-time limits
(労働基準法32条・34条).

No database and no Django: the ward's checks, services and pages call these with the shifts and
dates they have loaded. Every datetime must be timezone-aware; it is read in Japan time (JST has no
daylight saving, so a day is always 24 hours). The report deadlines (SO-13, SO-14) are not here:
they are ``itaku.core.deadlines.due_next_business_day`` and ``due_fifth_of_next_month``, reached
through the obligations this app declares in ``contributions.py``.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta

from itaku.core import deadlines
from itaku.core.calendar import CLOSE_TIME, DEFAULT_CALENDAR, OPEN_TIME, TOKYO, BusinessCalendar

__all__ = [
    "DAILY_LIMIT",
    "WEEKLY_LIMIT",
    "TrainingState",
    "after_hours_by_month",
    "after_hours_minutes",
    "coverage_gaps",
    "format_duration",
    "labour_problems",
    "open_hours",
    "training_state",
]

Span = tuple[datetime, datetime]

_ONE_DAY = timedelta(days=1)
_WEEKDAYS = "月火水木金土日"

# 労働基準法32条: at most 8 hours of work a day and 40 hours a week.
DAILY_LIMIT = timedelta(hours=8)
WEEKLY_LIMIT = timedelta(hours=40)
# 労働基準法34条: over 6 hours of work, a break of at least 45 minutes; over 8 hours, 1 hour.
_BREAK_RULES = (
    (timedelta(hours=8), timedelta(minutes=60)),
    (timedelta(hours=6), timedelta(minutes=45)),
)


def _local(moment: datetime, what: str) -> datetime:
    """``moment`` in Japan time; a naive datetime is refused, as ``is_open_at`` refuses it:
    guessing its zone would silently misfile after-hours work."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{what} needs a timezone-aware datetime, got {moment!r}")
    return moment.astimezone(TOKYO)


def _span(start: datetime, end: datetime) -> Span:
    """``(start, end)`` in Japan time; an end before its start is a typing error, not a span."""
    start, end = _local(start, "start"), _local(end, "end")
    if end < start:
        raise ValueError(f"end {end.isoformat()} is before start {start.isoformat()}")
    return start, end


def _merged(spans: Iterable[Span]) -> list[Span]:
    """The union of ``spans`` as disjoint spans in order; touching spans join, empty ones drop."""
    result: list[Span] = []
    for start, end in sorted(spans):
        if end <= start:
            continue
        if result and start <= result[-1][1]:
            result[-1] = (result[-1][0], max(result[-1][1], end))
        else:
            result.append((start, end))
    return result


def _whole_minutes(length: timedelta) -> int:
    """Whole minutes of ``length``; leftover seconds are dropped (work is kept to the minute)."""
    return int(length.total_seconds()) // 60


def open_hours(day: date, *, calendar: BusinessCalendar = DEFAULT_CALENDAR) -> Span | None:
    """SO-3: ``day``'s open hours 8:30–17:15 JST, or ``None`` when the office is closed that day."""
    if not calendar.is_business_day(day):
        return None
    return (
        datetime.combine(day, OPEN_TIME, tzinfo=TOKYO),
        datetime.combine(day, CLOSE_TIME, tzinfo=TOKYO),
    )


def _open_time_within(start: datetime, end: datetime, calendar: BusinessCalendar) -> timedelta:
    """How much of ``start``–``end`` (Japan time, start <= end) falls in open hours."""
    inside = timedelta()
    day = start.date()
    while day <= end.date():
        hours = open_hours(day, calendar=calendar)
        if hours is not None:
            overlap = min(end, hours[1]) - max(start, hours[0])
            if overlap > timedelta():
                inside += overlap
        day += _ONE_DAY
    return inside


def after_hours_minutes(
    start: datetime, end: datetime, *, calendar: BusinessCalendar = DEFAULT_CALENDAR
) -> int:
    """SO-3: the minutes of ``start``–``end`` outside open hours, i.e. 時間外.

    Open hours are 8:30 (inclusive) to 17:15 (exclusive) JST on the ward's business days; every
    minute on a weekend, a national holiday, the New Year closure (29 Dec – 3 Jan) or a closure in
    ``calendar`` is after hours. The span may cross midnight and run over several days.

    Decisions: ``end == start`` is 0; ``end < start`` raises ``ValueError`` (a reversed span is
    a typing error, and answering 0 would hide it); a naive datetime raises ``ValueError``.
    Seconds are dropped from the total, never rounded up.
    """
    start, end = _span(start, end)
    return _whole_minutes(end - start - _open_time_within(start, end, calendar))


def after_hours_by_month(
    shifts: Sequence[Span], *, calendar: BusinessCalendar = DEFAULT_CALENDAR
) -> dict[tuple[int, int], int]:
    """SO-3: one person's after-hours minutes per calendar month, keyed ``(year, month)``.

    Overlapping shifts are counted once (one person cannot work twice at once). A shift crossing
    a month boundary is split at midnight JST, so each minute counts in the month it was worked
    (work on the night of 31 March belongs to the fiscal year it was done in). Months without
    after-hours work are absent: read with ``.get((year, month), 0)``. Same refusals as
    ``after_hours_minutes``.
    """
    seconds: dict[tuple[int, int], int] = defaultdict(int)
    for start, end in _merged(_span(s, e) for s, e in shifts):
        piece_start = start
        while piece_start < end:
            first, last = deadlines.month_bounds(piece_start.year, piece_start.month)
            month_end = datetime.combine(last + _ONE_DAY, datetime.min.time(), tzinfo=TOKYO)
            piece_end = min(end, month_end)
            outside = piece_end - piece_start - _open_time_within(piece_start, piece_end, calendar)
            seconds[(first.year, first.month)] += int(outside.total_seconds())
            piece_start = piece_end
    return {month: total // 60 for month, total in sorted(seconds.items()) if total // 60 > 0}


def coverage_gaps(
    day: date, shifts: Sequence[Span], *, calendar: BusinessCalendar = DEFAULT_CALENDAR
) -> list[Span]:
    """SO-9: the parts of ``day``'s open hours that no shift covers, in order, in JST.

    At least one post must be present through every open hour of every business day, so any
    returned span is a hole in the duty schedule. A closed day has no open hours and returns
    ``[]``. Shifts may be in any order, overlap, touch (09:00–12:00 and 12:00–17:15 leave no
    gap) and reach into the days before and after; only their part inside ``day``'s open hours
    counts. A naive datetime or a shift ending before it starts raises ``ValueError``.
    """
    hours = open_hours(day, calendar=calendar)
    if hours is None:
        return []
    opens, closes = hours
    covered = _merged(
        (max(start, opens), min(end, closes)) for start, end in (_span(s, e) for s, e in shifts)
    )
    gaps: list[Span] = []
    cursor = opens
    for start, end in covered:
        if start > cursor:
            gaps.append((cursor, start))
        cursor = max(cursor, end)
    if cursor < closes:
        gaps.append((cursor, closes))
    return gaps


class TrainingState(enum.StrEnum):
    """SO-8: where a month stands with its staff training (at least one session a month)."""

    HELD = "held"  # a session was held in the month, on or before today
    DUE = "due"  # none yet, and it is before the 20th (or the month has not begun)
    WARNING = "warning"  # none yet, from the 20th: shown before the month ends
    BREACH = "breach"  # none, and the month's last business day has passed


WARNING_FROM_DAY = 20


def training_state(
    year: int,
    month: int,
    *,
    held_on: Sequence[date],
    today: date,
    calendar: BusinessCalendar = DEFAULT_CALENDAR,
) -> TrainingState:
    """SO-8: the training state of ``year``-``month`` on ``today``.

    "held" if any date in ``held_on`` lies in that month and is not after ``today`` (a session
    planned for later does not count yet; a session on a closed day, e.g. a Saturday, does).
    Otherwise "breach" once the month's last business day has passed (the core rule
    ``deadlines.due_once_per_month``; so a past month without a session is a breach, and so are
    the closed days at the end of a month after its last business day); "warning" from the 20th
    of the month; "due" before that, and for a month that has not begun.
    """
    first, last = deadlines.month_bounds(year, month)
    if any(first <= held <= min(last, today) for held in held_on):
        return TrainingState.HELD
    if today > deadlines.due_once_per_month(year, month, cal=calendar):
        return TrainingState.BREACH
    if today >= first.replace(day=WARNING_FROM_DAY):
        return TrainingState.WARNING
    return TrainingState.DUE


def format_duration(length: timedelta) -> str:
    """A length of work as a person reads it: "8時間30分", "9時間", "45分", "0分"."""
    hours, minutes = divmod(_whole_minutes(length), 60)
    if hours and minutes:
        return f"{hours}時間{minutes}分"
    if hours:
        return f"{hours}時間"
    return f"{minutes}分"


def _day_label(day: date) -> str:
    return f"{day.month}月{day.day}日({_WEEKDAYS[day.weekday()]})"


def labour_problems(shifts: Sequence[Span], *, week_starts: int = 0) -> list[str]:
    """One person's shifts against 労働基準法32条 (8 hours a day, 40 a week) and 34条 (breaks),
    as Japanese messages in date order, each naming its day or week. ``[]`` means no problem.

    The model:

    * Each shift is a span of actual work. Overlapping shifts are counted once.
    * A shift belongs to the day (JST) on which it starts, also when it runs past midnight (a
      continuous 勤務 over two calendar days is the work of the day it began: 昭63.1.1基発1号).
      A shift starting after midnight is the next day's work even if it follows a short gap.
    * A day's work time is the sum of its shifts; its span runs from its first start to its last
      end; the gaps between its shifts are its breaks (break = span − work time).
    * 34条 counts the work time, not the span: over 6 hours of work needs 45 minutes of break,
      over 8 hours needs 60. Breaks may be split; every gap counts. (Counting the span instead
      would flag 9:00–15:30 with a 30-minute lunch, which is 6 hours of work and lawful.)
    * The week runs Monday to Sunday by default (``week_starts=0``; 6 for Sunday). Without a
      work rule saying otherwise the law's week is Sunday to Saturday, so pass the contractor's
      own week when its 就業規則 names one. A week is judged on the days of it that are given.
    * Exactly 8 hours a day, 40 a week, 6 hours with no break are within the limits.
    """
    if not 0 <= week_starts <= 6:
        raise ValueError(f"week_starts must be 0 (Monday) to 6 (Sunday), got {week_starts}")
    by_day: dict[date, list[Span]] = defaultdict(list)
    for start, end in _merged(_span(s, e) for s, e in shifts):
        by_day[start.date()].append((start, end))

    problems: list[tuple[date, int, str]] = []
    by_week: dict[date, timedelta] = defaultdict(timedelta)
    for day, spans in sorted(by_day.items()):
        work = sum((end - start for start, end in spans), timedelta())
        rest = (spans[-1][1] - spans[0][0]) - work
        by_week[day - timedelta(days=(day.weekday() - week_starts) % 7)] += work
        if work > DAILY_LIMIT:
            problems.append(
                (
                    day,
                    0,
                    f"{_day_label(day)}: 1日の労働が8時間を超えています({format_duration(work)})",
                )
            )
        for over, needed in _BREAK_RULES:
            if work > over:
                if rest < needed:
                    problems.append(
                        (
                            day,
                            1,
                            f"{_day_label(day)}: 休憩が足りません"
                            f"(労働{format_duration(work)}に対し休憩{format_duration(rest)}、"
                            f"{format_duration(needed)}以上必要)",
                        )
                    )
                break
    for week_start, work in by_week.items():
        if work > WEEKLY_LIMIT:
            week_end = week_start + timedelta(days=6)
            problems.append(
                (
                    week_end,
                    2,
                    f"{_day_label(week_start)}〜{_day_label(week_end)}の週: "
                    f"1週の労働が40時間を超えています({format_duration(work)})",
                )
            )
    return [message for _, _, message in sorted(problems)]
