"""Due dates of the contractors' obligations, on the ward's business calendar.

Pure Python on plain values: no Django import.

When a due date would fall on a day the ward office is closed, the direction depends on what the
deadline protects:

* A report on something that has already happened (daily report, monthly report, monthly
  implementation report) moves FORWARD to the next business day, as 民法142条 extends a period
  ending on a holiday to the next day the office is open.
* A deadline that keeps a lead time before something (a notice or schedule N days before an
  activity, a duty schedule before its month) moves BACKWARD to the previous business day: moving
  it forward would shorten the lead time the ward asked for.
* The March monthly report is due by 31 March so it lands in the fiscal year it reports on; it also
  moves BACKWARD, because the fiscal year close cannot be extended.
"""

from __future__ import annotations

from datetime import date, timedelta

from itaku.core.calendar import DEFAULT_CALENDAR, BusinessCalendar

__all__ = [
    "due_before_month_starts",
    "due_days_before",
    "due_fifth_of_next_month",
    "due_next_business_day",
    "due_once_per_month",
    "due_tenth_of_next_month",
    "month_bounds",
]


def month_bounds(year: int, month: int) -> tuple[date, date]:
    """The first and last day of ``month`` in ``year``."""
    first = date(year, month, 1)
    return first, _first_of_next_month(year, month) - timedelta(days=1)


def _first_of_next_month(year: int, month: int) -> date:
    """1st of the month after ``month``, rolling December over into January."""
    return date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)


def due_next_business_day(day: date, *, cal: BusinessCalendar = DEFAULT_CALENDAR) -> date:
    """SO-13: the daily report (日報) for ``day`` is due on the next business day (翌開庁日)."""
    return cal.next_business_day(day)


def due_fifth_of_next_month(
    year: int, month: int, *, cal: BusinessCalendar = DEFAULT_CALENDAR
) -> date:
    """SO-14: the monthly report (月報) for ``month`` is due on the 5th of the next month.

    Moved forward if the 5th is closed. March is the exception: its report is due 31 March of the
    same year, moved back if closed, so it stays inside the fiscal year.
    """
    if month == 3:
        # SO-14: March's report by 31 March; the fiscal year close cannot be extended.
        return cal.on_or_before(date(year, 3, 31))
    return cal.on_or_after(_first_of_next_month(year, month).replace(day=5))


def due_tenth_of_next_month(
    year: int, month: int, *, cal: BusinessCalendar = DEFAULT_CALENDAR
) -> date:
    """IC-24: the monthly implementation report for ``month`` is due on the 10th of the next month.

    Moved forward if the 10th is closed; December's report is due in January of the next year.
    """
    return cal.on_or_after(_first_of_next_month(year, month).replace(day=10))


def due_days_before(
    event_day: date, days: int, *, cal: BusinessCalendar = DEFAULT_CALENDAR
) -> date:
    """IC-23: something due ``days`` calendar days before ``event_day`` (e.g. 7 for one week).

    Moved back if closed, so the ward still gets at least the full lead time.
    """
    if days < 0:
        raise ValueError(f"days must not be negative, got {days}")
    return cal.on_or_before(event_day - timedelta(days=days))


def due_before_month_starts(
    year: int, month: int, *, cal: BusinessCalendar = DEFAULT_CALENDAR
) -> date:
    """SO-10: the duty schedule (勤務予定表) for ``month`` is due before the month starts.

    That is the last business day strictly before the 1st of the month.
    """
    return cal.previous_business_day(date(year, month, 1))


def due_once_per_month(year: int, month: int, *, cal: BusinessCalendar = DEFAULT_CALENDAR) -> date:
    """SO-8: the date by which the month's staff training must have taken place.

    That is the last business day of the month; after it the month is a compliance breach.
    """
    return cal.on_or_before(month_bounds(year, month)[1])
