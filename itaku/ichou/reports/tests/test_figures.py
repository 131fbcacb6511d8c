"""IC-24 (仕様書 14(3)): the monthly implementation report's figures, table-tested on plain
values (no database)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from itaku.ichou.reports.figures import ActivityCounts, attendance_bars, month_figures

SAT = date(2026, 6, 13)
SUN = date(2026, 6, 14)


def regular(group: str = "1", **kw: Any) -> ActivityCounts:
    values: dict[str, Any] = {
        "date": SAT,
        "kind": "regular",
        "group": group,
        "place": "区民センター",
    }
    values.update(kw)
    return ActivityCounts(**values)


CASES = [
    # (case id, activity, rows as (group, expected, present, absent), staff, nurses, volunteers)
    (
        "ic24-group1-some-absent",
        regular("1", expected={"1": 10, "2": 8}, present={"1": 7}, staff=5, nurses=1, volunteers=2),
        [("1", 10, 7, 3)],
        (5, 1, 2),
    ),
    (
        "ic24-group2-counts-only-its-group",
        regular("2", expected={"1": 10, "2": 8}, present={"2": 8, "1": 1}, staff=4, nurses=1),
        [("2", 8, 8, 0)],
        (4, 1, 0),
    ),
    (
        "ic24-joint-a-row-per-group",
        regular("joint", kind="outing", expected={"1": 10, "2": 8}, present={"1": 9, "2": 6}),
        [("1", 10, 9, 1), ("2", 8, 6, 2)],
        (0, 0, 0),
    ),
    (
        "ic24-cancelled-nobody-present-or-absent",
        regular("1", cancelled=True, expected={"1": 10}, present={"1": 2}, staff=3, nurses=1),
        [("1", 10, 0, 0)],
        (0, 0, 0),
    ),
    (
        "ic24-more-present-than-expected-never-negative-absent",
        regular("1", expected={"1": 2}, present={"1": 3}),
        [("1", 2, 3, 0)],
        (0, 0, 0),
    ),
    ("ic24-nobody-registered", regular("1"), [("1", 0, 0, 0)], (0, 0, 0)),
]


@pytest.mark.parametrize(
    ("activity", "rows", "staff"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_ic24_each_activity_counts_per_group(activity, rows, staff):
    data = month_figures(2026, 6, [activity])
    [item] = data["activities"]
    assert [(r["group"], r["expected"], r["present"], r["absent"]) for r in item["rows"]] == rows
    assert (item["staff"], item["nurses"], item["volunteers"]) == staff
    assert item["date_label"] == "令和8年6月13日"
    assert item["place"] == "区民センター"


def test_ic24_the_month_totals_leave_out_cancelled_activities():
    data = month_figures(
        2026,
        6,
        [
            regular("2", date=SUN, expected={"2": 8}, present={"2": 6}, staff=4, accidents=1),
            regular("1", expected={"1": 10}, present={"1": 7}, staff=5, nurses=1, volunteers=1),
            regular("1", date=date(2026, 6, 27), cancelled=True, expected={"1": 10}, accidents=0),
        ],
    )
    t = data["totals"]
    assert (t["activities"], t["held"], t["cancelled"]) == (3, 2, 1)
    assert (t["expected"], t["present"], t["absent"]) == (18, 13, 5)
    assert (t["staff"], t["nurses"], t["volunteers"], t["accidents"]) == (9, 1, 1, 1)
    assert t["attendance_rate"] == 72  # 13/18 = 72.2 %, rounded down
    assert data["month_label"] == "令和8年6月"
    # in date order, whatever the order given
    assert [a["date"] for a in data["activities"]] == ["2026-06-13", "2026-06-14", "2026-06-27"]
    assert [(g["group"], g["present"], g["absent"]) for g in data["by_group"]] == [
        ("1", 7, 3),
        ("2", 6, 2),
    ]


def test_ic24_an_empty_month_has_no_rate_and_no_bars():
    data = month_figures(2026, 8, [])
    assert data["totals"]["attendance_rate"] is None
    assert data["totals"]["activities"] == 0
    assert attendance_bars(data) == []


def test_ic24_the_chart_has_a_bar_per_activity_and_group_held():
    data = month_figures(
        2026,
        6,
        [
            regular("joint", kind="outing", expected={"1": 3, "2": 2}, present={"1": 3, "2": 1}),
            regular("1", date=SUN, cancelled=True, expected={"1": 3}),
        ],
    )
    assert attendance_bars(data) == [
        {"label": "6/13 1日外出 第1", "present": 3, "absent": 0},
        {"label": "6/13 1日外出 第2", "present": 1, "absent": 1},
    ]


def test_ic24_the_attendance_rate_is_rounded_down():
    data = month_figures(2026, 6, [regular("1", expected={"1": 3}, present={"1": 2})])
    assert data["totals"]["attendance_rate"] == 66  # 66.7 %
