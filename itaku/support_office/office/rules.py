"""Pure rules of the office's records on plain values (the daily closing, SO-17); the training
state of a month is ``itaku.support_office.domain.training_state`` (SO-8)."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date, timedelta

from itaku.core.calendar import BusinessCalendar
from itaku.core.deadlines import month_bounds
from itaku.core.domain import Period


def closing_missing_days(
    business_days: Iterable[date], recorded: Collection[date], *, before: date
) -> list[date]:
    """SO-17: the business days before ``before`` (today: the day's closing is done at its end)
    that have no closing check recorded, in order."""
    return sorted(day for day in business_days if day < before and day not in recorded)


def month_business_days(
    year: int, month: int, *, period: Period, calendar: BusinessCalendar
) -> list[date]:
    """The business days of ``year``-``month`` inside the contract period."""
    first, last = month_bounds(year, month)
    start, end = max(first, period.start), min(last, period.end)
    if start > end:
        return []
    return calendar.business_days(start, end)


def last_closing_day(today: date, *, period: Period, calendar: BusinessCalendar) -> date | None:
    """SO-17: the business day before ``today`` whose closing should be on record by now, or None
    before the period's first business day has ended."""
    day = calendar.previous_business_day(min(today, period.end + timedelta(days=1)))
    return day if day >= period.start else None


def contract_months(period: Period, *, through: date) -> list[tuple[int, int]]:
    """The (year, month) pairs of the contract period up to the month of ``through``."""
    months = []
    year, month = period.start.year, period.start.month
    last = min(through, period.end)
    while date(year, month, 1) <= last:
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months
