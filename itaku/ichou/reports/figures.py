"""The monthly implementation report's figures (実施報告, IC-24, 仕様書 14(3)) as a pure function
on plain values: per activity of the month its date, kind, group, place, the participants
expected, present and absent per group, the staff present (nurses, volunteers), accidents and
the cancellation; the month's totals. No database and no personal data: the selectors count the
rows and hand the counts here."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from itaku.core.calendar import format_wareki, format_wareki_month
from itaku.ichou.domain import ACTIVITY_LABELS

GROUP_LABELS = {"1": "第1グループ", "2": "第2グループ", "joint": "合同"}
GROUPS = ("1", "2")
SHORT_GROUP = {"1": "第1", "2": "第2"}


@dataclass(frozen=True)
class ActivityCounts:
    """What the report needs of one activity: counts only. ``expected`` and ``present`` are
    participants per age group ("1", "2"); staff present counts each staff member checked in and
    not asked to stay home."""

    date: date
    kind: str
    group: str
    place: str = ""
    cancelled: bool = False
    expected: Mapping[str, int] = field(default_factory=dict)
    present: Mapping[str, int] = field(default_factory=dict)
    staff: int = 0
    nurses: int = 0
    volunteers: int = 0
    accidents: int = 0
    closed: bool = False


def groups_of(group: str) -> tuple[str, ...]:
    """The age groups an activity is for: both when joint."""
    return GROUPS if group == "joint" else (group,)


def activity_rows(a: ActivityCounts) -> list[dict[str, Any]]:
    """IC-24: one row per age group of the activity. A cancelled activity was not held: nobody
    is counted present or absent, the expected are kept for the record."""
    rows = []
    for g in groups_of(a.group):
        expected = a.expected.get(g, 0)
        present = 0 if a.cancelled else a.present.get(g, 0)
        rows.append(
            {
                "date": a.date.isoformat(),
                "date_label": format_wareki(a.date),
                "short_date": f"{a.date.month}/{a.date.day}",
                "kind": a.kind,
                "kind_label": ACTIVITY_LABELS.get(a.kind, a.kind),
                "activity_group": GROUP_LABELS.get(a.group, a.group),
                "group": g,
                "group_label": GROUP_LABELS[g],
                "place": a.place,
                "cancelled": a.cancelled,
                "expected": expected,
                "present": present,
                "absent": 0 if a.cancelled else max(expected - present, 0),
            }
        )
    return rows


def month_figures(year: int, month: int, activities: Iterable[ActivityCounts]) -> dict[str, Any]:
    """IC-24: the month's report as plain data (JSON-ready: it is frozen on submission)."""
    ordered = sorted(activities, key=lambda a: (a.date, a.group, a.kind))
    items = []
    for a in ordered:
        rows = activity_rows(a)
        items.append(
            {
                "date": a.date.isoformat(),
                "date_label": format_wareki(a.date),
                "kind_label": ACTIVITY_LABELS.get(a.kind, a.kind),
                "group_label": GROUP_LABELS.get(a.group, a.group),
                "place": a.place,
                "cancelled": a.cancelled,
                "closed": a.closed,
                "rows": rows,
                "expected": sum(r["expected"] for r in rows),
                "present": sum(r["present"] for r in rows),
                "absent": sum(r["absent"] for r in rows),
                "staff": 0 if a.cancelled else a.staff,
                "nurses": 0 if a.cancelled else a.nurses,
                "volunteers": 0 if a.cancelled else a.volunteers,
                "accidents": a.accidents,
            }
        )
    held = [i for i in items if not i["cancelled"]]
    by_group = {
        g: {
            "group": g,
            "label": GROUP_LABELS[g],
            "present": sum(r["present"] for i in held for r in i["rows"] if r["group"] == g),
            "absent": sum(r["absent"] for i in held for r in i["rows"] if r["group"] == g),
        }
        for g in GROUPS
    }
    expected = sum(i["expected"] for i in held)
    present = sum(i["present"] for i in held)
    return {
        "year": year,
        "month": month,
        "month_label": format_wareki_month(year, month),
        "activities": items,
        "totals": {
            "activities": len(items),
            "held": len(held),
            "cancelled": len(items) - len(held),
            "expected": expected,
            "present": present,
            "absent": sum(i["absent"] for i in held),
            "staff": sum(i["staff"] for i in held),
            "nurses": sum(i["nurses"] for i in held),
            "volunteers": sum(i["volunteers"] for i in held),
            "accidents": sum(i["accidents"] for i in items),
            # Percent of the expected who came, whole number rounded down; None with nobody.
            "attendance_rate": (present * 100 // expected) if expected else None,
        },
        "by_group": list(by_group.values()),
    }


def attendance_bars(data: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The chart's bars: one per activity and age group held, present and absent."""
    return [
        {
            "label": f"{r['short_date']} {r['kind_label']} {SHORT_GROUP[r['group']]}",
            "present": r["present"],
            "absent": r["absent"],
        }
        for item in data["activities"]
        if not item["cancelled"]
        for r in item["rows"]
    ]
