"""Pure rules of the reports on plain values (SO-13, SO-14): how a day's requests fall into
received, completed and continuing, and the month's figures (counts, median and longest times,
the trend over the months before). No database: the selectors load the rows and call these."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from itaku.support_office.domain import format_duration


@dataclass(frozen=True)
class Spread:
    """Minutes from the request: the median and the longest, ``None`` when nothing was timed."""

    count: int
    median: float | None
    longest: int | None

    def as_data(self) -> dict[str, Any]:
        return {"count": self.count, "median": self.median, "longest": self.longest}


def minutes_between(start: datetime | None, end: datetime | None) -> int | None:
    """Whole minutes from ``start`` to ``end`` (never negative), ``None`` if either is missing."""
    if start is None or end is None:
        return None
    return max(0, int((end - start).total_seconds() // 60))


def spread(values: Iterable[int | None]) -> Spread:
    """SO-14: the median and the longest of the timed values; the untimed are left out."""
    timed = [v for v in values if v is not None]
    if not timed:
        return Spread(0, None, None)
    return Spread(len(timed), float(statistics.median(timed)), max(timed))


def counted(keys: Iterable[str], labels: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """SO-14: how many of each key, most first, then by label; ``labels`` gives each key its
    label and, when given, the order of ties and the keys shown with 0 are not added."""
    counts = Counter(keys)
    names = labels or {}
    rows = [
        {"key": key, "label": names.get(key, key), "count": count} for key, count in counts.items()
    ]
    return sorted(rows, key=lambda r: (-r["count"], r["label"]))


def day_section(
    *,
    requested_at: datetime,
    completed_at: datetime | None,
    cancelled: bool,
    day_start: datetime,
    day_end: datetime,
) -> set[str]:
    """SO-13: where a request appears in the day's report. ``received``: asked for that day;
    ``completed``: completed that day; ``continuing``: asked for by the end of the day and not
    completed by then (nor cancelled). A request asked for and completed the same day is both
    received and completed."""
    sections = set()
    if day_start <= requested_at < day_end:
        sections.add("received")
    if completed_at is not None and day_start <= completed_at < day_end:
        sections.add("completed")
    if (
        not cancelled
        and requested_at < day_end
        and (completed_at is None or completed_at >= day_end)
    ):
        sections.add("continuing")
    return sections


def previous_months(year: int, month: int, count: int) -> list[tuple[int, int]]:
    """The ``count`` months ending with (year, month), oldest first."""
    months = []
    for _ in range(count):
        months.append((year, month))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return months[::-1]


def trend(
    months: Sequence[tuple[int, int]], moments: Iterable[tuple[datetime, int]]
) -> list[dict[str, Any]]:
    """SO-14: per month, how many requests and how many with after-hours work; ``moments`` are
    (requested_at in local time, after-hours minutes)."""
    totals = {m: 0 for m in months}
    after = {m: 0 for m in months}
    for at, minutes in moments:
        key = (at.year, at.month)
        if key in totals:
            totals[key] += 1
            after[key] += 1 if minutes else 0
    return [
        {"year": y, "month": m, "total": totals[(y, m)], "after_hours": after[(y, m)]}
        for y, m in months
    ]


def minutes_label(value: float | None) -> str:
    """A median or longest time as the report prints it ("1時間5分"; "—" when none); a median
    between two whole minutes is rounded up."""
    if value is None:
        return "—"
    return format_duration(timedelta(minutes=int(value + 0.5)))
