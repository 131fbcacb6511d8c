"""The ward's business calendar (開庁日), fiscal years, ages and 和暦 dates.

Pure Python on plain values: no Django import, so the rostering models, document rendering and
domain rules can all use it and it can be tested without a database.

A business day is a weekday that is not a national holiday (祝日, 振替休日 and 国民の休日, as known
to ``jpholiday``), not in the New Year closure 29 December – 3 January (年末年始), and not a
closure day the ward has declared itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import jpholiday

__all__ = [
    "CLOSE_TIME",
    "DEFAULT_CALENDAR",
    "EARLIEST_DATE",
    "LATEST_DATE",
    "OPEN_TIME",
    "TOKYO",
    "BusinessCalendar",
    "add_business_days",
    "age_on",
    "fiscal_year",
    "fiscal_year_end",
    "fiscal_year_start",
    "format_elapsed",
    "format_wareki",
    "format_wareki_month",
    "is_business_day",
    "is_open_at",
    "next_business_day",
    "previous_business_day",
]

# The range of any date a person types or an API call sends: a birth date, a day of a leak, a
# filter. Outside it a date is a typing error, never a fact (and 0001-01-01 overflows the
# datetime arithmetic behind deadlines and time zones).
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2100, 12, 31)

# SO-3: the office is open 8:30–17:15 on business days; outside this window work is 時間外.
OPEN_TIME = time(8, 30)
CLOSE_TIME = time(17, 15)
TOKYO = ZoneInfo("Asia/Tokyo")

_ONE_DAY = timedelta(days=1)


def _is_new_year_closure(day: date) -> bool:
    """True from 29 December to 3 January inclusive (年末年始)."""
    return (day.month == 12 and day.day >= 29) or (day.month == 1 and day.day <= 3)


@dataclass(frozen=True)
class BusinessCalendar:
    """The ward's opening days; ``closures`` are extra days the ward itself declares closed."""

    closures: frozenset[date] = frozenset()

    def is_business_day(self, day: date) -> bool:
        """True if the ward office is open on ``day`` (開庁日)."""
        return not (
            day.weekday() >= 5
            or jpholiday.is_holiday(day)
            or _is_new_year_closure(day)
            or day in self.closures
        )

    def next_business_day(self, day: date) -> date:
        """The first business day strictly after ``day`` (翌開庁日)."""
        day += _ONE_DAY
        while not self.is_business_day(day):
            day += _ONE_DAY
        return day

    def previous_business_day(self, day: date) -> date:
        """The last business day strictly before ``day``."""
        day -= _ONE_DAY
        while not self.is_business_day(day):
            day -= _ONE_DAY
        return day

    def on_or_after(self, day: date) -> date:
        """``day`` itself if it is a business day, else the next business day."""
        return day if self.is_business_day(day) else self.next_business_day(day)

    def on_or_before(self, day: date) -> date:
        """``day`` itself if it is a business day, else the previous business day."""
        return day if self.is_business_day(day) else self.previous_business_day(day)

    def add_business_days(self, day: date, n: int) -> date:
        """Step ``n`` business days from ``day``, not counting ``day`` itself.

        ``n == 0`` returns ``day`` unchanged, even when it is a closed day; a negative ``n`` steps
        back.
        """
        step = self.next_business_day if n > 0 else self.previous_business_day
        for _ in range(abs(n)):
            day = step(day)
        return day

    def business_days(self, start: date, end: date) -> list[date]:
        """Every business day from ``start`` to ``end`` inclusive (empty if ``end < start``)."""
        days = []
        day = start
        while day <= end:
            if self.is_business_day(day):
                days.append(day)
            day += _ONE_DAY
        return days

    def is_open_at(self, moment: datetime) -> bool:
        """True if the office is open at ``moment`` (SO-3: 8:30 inclusive to 17:15 exclusive, JST).

        Raises ``ValueError`` for a naive datetime: guessing its zone would silently misfile
        after-hours work.
        """
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise ValueError("is_open_at needs a timezone-aware datetime")
        local = moment.astimezone(TOKYO)
        return self.is_business_day(local.date()) and OPEN_TIME <= local.time() < CLOSE_TIME


DEFAULT_CALENDAR = BusinessCalendar()


def is_business_day(day: date) -> bool:
    """``BusinessCalendar.is_business_day`` on the default calendar (no ward closures)."""
    return DEFAULT_CALENDAR.is_business_day(day)


def next_business_day(day: date) -> date:
    """``BusinessCalendar.next_business_day`` on the default calendar (no ward closures)."""
    return DEFAULT_CALENDAR.next_business_day(day)


def previous_business_day(day: date) -> date:
    """``BusinessCalendar.previous_business_day`` on the default calendar (no ward closures)."""
    return DEFAULT_CALENDAR.previous_business_day(day)


def add_business_days(day: date, n: int) -> date:
    """``BusinessCalendar.add_business_days`` on the default calendar (no ward closures)."""
    return DEFAULT_CALENDAR.add_business_days(day, n)


def is_open_at(moment: datetime) -> bool:
    """``BusinessCalendar.is_open_at`` on the default calendar (no ward closures)."""
    return DEFAULT_CALENDAR.is_open_at(moment)


def fiscal_year(day: date) -> int:
    """The Japanese fiscal year (年度, April–March) that contains ``day``."""
    return day.year if day.month >= 4 else day.year - 1


def fiscal_year_start(fy: int) -> date:
    """1 April of fiscal year ``fy``."""
    return date(fy, 4, 1)


def fiscal_year_end(fy: int) -> date:
    """31 March closing fiscal year ``fy``."""
    return date(fy + 1, 3, 31)


def age_on(birth_date: date, base: date) -> int:
    """Completed years of age on ``base`` (IC-2 groups by age on 1 April).

    Under 年齢計算ニ関スル法律 and 民法143条 a year of age is completed at the end of the day before
    the birthday, so on any whole day the usual "has the birthday been reached" count is right.
    Someone born on 29 February completes a year at the end of 28 February in a common year, so
    is a year older on 1 March.
    """
    if base < birth_date:
        raise ValueError(f"base date {base} is before birth date {birth_date}")
    before_birthday = (base.month, base.day) < (birth_date.month, birth_date.day)
    return base.year - birth_date.year - int(before_birthday)


# First day of each era, newest first. Earlier than 昭和 is out of scope for ward records.
_ERAS = (
    (date(2019, 5, 1), "令和"),
    (date(1989, 1, 8), "平成"),
    (date(1926, 12, 25), "昭和"),
)


def _era_year(day: date) -> str:
    """The era name and year of ``day``, e.g. "令和8年" or "令和元年"."""
    for start, name in _ERAS:
        if day >= start:
            year = day.year - start.year + 1
            return f"{name}{'元' if year == 1 else year}年"
    raise ValueError(f"{day} is before 昭和 (1926-12-25); not supported")


def format_wareki(day: date) -> str:
    """``day`` in 和暦 as on the ward's forms, without zero padding: "令和8年2月2日"."""
    return f"{_era_year(day)}{day.month}月{day.day}日"


def format_wareki_month(year: int, month: int) -> str:
    """A month in 和暦, with the era in force on its 1st: (2026, 2) → "令和8年2月"."""
    return f"{_era_year(date(year, month, 1))}{month}月"


def format_elapsed(then: datetime, now: datetime) -> str:
    """How long ago ``then`` was, as a notice says it beside its date: "たった今", "5分前",
    "3時間前", "2日前"; "" past 30 days, when the date alone says it better. A ``then`` a little
    ahead of ``now`` (two clocks) is "たった今"."""
    seconds = (now - then).total_seconds()
    if seconds < 60:
        return "たった今"
    if seconds < 3600:
        return f"{int(seconds // 60)}分前"
    if seconds < 86400:
        return f"{int(seconds // 3600)}時間前"
    if seconds < 31 * 86400:
        return f"{int(seconds // 86400)}日前"
    return ""
