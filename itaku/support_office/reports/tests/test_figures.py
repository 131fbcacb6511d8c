"""The reports' pure rules, table-driven, named by clause (SO-13, SO-14)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from itaku.support_office.reports import figures

JST = ZoneInfo("Asia/Tokyo")
DAY = datetime(2026, 6, 12, tzinfo=JST)
NEXT = DAY + timedelta(days=1)


def h(hours: float) -> datetime:
    return DAY + timedelta(hours=hours)


@pytest.mark.parametrize(
    ("values", "median", "longest"),
    [
        pytest.param([], None, None, id="SO-14 nothing timed: no median, no longest"),
        pytest.param([None, None], None, None, id="SO-14 untimed requests are left out"),
        pytest.param([7], 7.0, 7, id="SO-14 one value is its own median"),
        pytest.param([10, 2, 30], 10.0, 30, id="SO-14 odd count: the middle value"),
        pytest.param([4, 10, 2, 30], 7.0, 30, id="SO-14 even count: mean of the middle two"),
        pytest.param([5, None, 15], 10.0, 15, id="SO-14 a missing arrival does not count"),
    ],
)
def test_so14_spread_median_and_longest(values, median, longest):
    found = figures.spread(values)
    assert (found.median, found.longest) == (median, longest)
    assert found.count == len([v for v in values if v is not None])


@pytest.mark.parametrize(
    ("requested", "completed", "cancelled", "sections"),
    [
        pytest.param(h(9), h(10), False, {"received", "completed"}, id="SO-13 same day"),
        pytest.param(h(9), None, False, {"received", "continuing"}, id="SO-13 open at day end"),
        pytest.param(h(-20), h(11), False, {"completed"}, id="SO-13 earlier, completed today"),
        pytest.param(h(-20), None, False, {"continuing"}, id="SO-13 earlier, still open"),
        pytest.param(h(-20), h(30), False, {"continuing"}, id="SO-13 completed after the day"),
        pytest.param(h(-20), h(-2), False, set(), id="SO-13 completed before: not in the day"),
        pytest.param(h(9), None, True, {"received"}, id="SO-13 cancelled is not continuing"),
        pytest.param(h(25), None, False, set(), id="SO-13 a later day's request is not in"),
    ],
)
def test_so13_day_sections(requested, completed, cancelled, sections):
    assert (
        figures.day_section(
            requested_at=requested,
            completed_at=completed,
            cancelled=cancelled,
            day_start=DAY,
            day_end=NEXT,
        )
        == sections
    )


def test_so14_counts_most_first_with_labels():
    rows = figures.counted(["a", "b", "a", "c", "a", "b"], {"a": "甲", "b": "乙", "c": "丙"})
    assert [(r["label"], r["count"]) for r in rows] == [("甲", 3), ("乙", 2), ("丙", 1)]


def test_so14_trend_counts_each_month_and_after_hours():
    months = figures.previous_months(2026, 2, 3)
    assert months == [(2025, 12), (2026, 1), (2026, 2)]
    moments = [
        (datetime(2025, 12, 3, tzinfo=JST), 0),
        (datetime(2026, 2, 3, tzinfo=JST), 30),
        (datetime(2026, 2, 4, tzinfo=JST), 0),
        (datetime(2025, 11, 4, tzinfo=JST), 0),  # before the window
    ]
    assert [(r["total"], r["after_hours"]) for r in figures.trend(months, moments)] == [
        (1, 0),
        (0, 0),
        (2, 1),
    ]


@pytest.mark.parametrize(
    ("value", "label"),
    [(None, "—"), (0, "0分"), (12.5, "13分"), (65, "1時間5分"), (120.0, "2時間")],
)
def test_so14_minutes_label(value, label):
    assert figures.minutes_label(value) == label
