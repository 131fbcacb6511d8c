"""The staff part's pure rules, table-tested with their clause (no database): the trainings a
year lacks (IC-22, and the privacy training every year IC-30), the responsible person's
warnings (IC-19) and the activities per person (IC-20)."""

from __future__ import annotations

from datetime import date

import pytest

from itaku.ichou.staff import rules
from itaku.ichou.staff.rules import PlannedTraining as P

FY = 2026
ALL = [P(t, 3, False) for t in rules.TOPICS]


def _missing(plans, today=date(2026, 6, 15)):
    return [
        g.topic
        for g in rules.training_gaps(fiscal_year=FY, plans=plans, today=today)
        if g.key is None
    ]


def _overdue(plans, today):
    return [
        g.key
        for g in rules.training_gaps(fiscal_year=FY, plans=plans, today=today)
        if g.key is not None
    ]


@pytest.mark.parametrize(
    ("month", "end"),
    [
        (4, date(2026, 4, 30)),
        (12, date(2026, 12, 31)),
        (1, date(2027, 1, 31)),
        (2, date(2027, 2, 28)),
        (3, date(2027, 3, 31)),
    ],
    ids=lambda v: f"IC-22 month {v}" if isinstance(v, int) else str(v),
)
def test_ic22_a_planned_month_ends_in_its_fiscal_year(month, end):
    assert rules.month_end(FY, month) == end


def test_ic22_ic30_every_required_topic_without_a_plan_is_missing():
    assert _missing([]) == list(rules.REQUIRED_TOPICS)
    assert _missing(ALL) == []
    assert "privacy" in rules.REQUIRED_TOPICS


@pytest.mark.parametrize("topic", rules.REQUIRED_TOPICS, ids=lambda t: f"IC-22 {t}")
def test_ic22_each_topic_missing_alone_is_named_with_its_clause(topic):
    plans = [p for p in ALL if p.topic != topic]
    [gap] = rules.training_gaps(fiscal_year=FY, plans=plans, today=date(2026, 6, 15))
    assert gap.topic == topic and gap.key is None
    assert gap.clause == ("IC-30" if topic == "privacy" else "IC-22")
    assert rules.TOPIC_LABELS[topic] in gap.message


def test_ic30_the_privacy_training_is_required_again_each_year():
    # A plan of last year does not count for this year: the caller gives this year's plans.
    assert _missing([p for p in ALL if p.topic != "privacy"]) == ["privacy"]


@pytest.mark.parametrize(
    ("month", "reported", "today", "overdue"),
    [
        (5, False, date(2026, 5, 31), False),  # the month's last day: still in time
        (5, False, date(2026, 6, 1), True),  # the day after: overdue
        (5, True, date(2026, 6, 1), False),  # reported
        (1, False, date(2026, 6, 15), False),  # January of the next calendar year
        (1, False, date(2027, 2, 1), True),
        (3, False, date(2027, 3, 31), False),
    ],
    ids=lambda v: f"IC-22 {v}",
)
def test_ic22_a_planned_training_past_its_month_without_a_report_is_overdue(
    month, reported, today, overdue
):
    plans = [*[p for p in ALL if p.topic != "safety"], P("safety", month, reported, "x")]
    assert _overdue(plans, today) == (["x"] if overdue else [])


def test_ic30_an_overdue_privacy_training_is_told_with_ic30():
    plans = [*[p for p in ALL if p.topic != "privacy"], P("privacy", 4, False, 7)]
    [gap] = rules.training_gaps(fiscal_year=FY, plans=plans, today=date(2026, 5, 1))
    assert (gap.clause, gap.key) == ("IC-30", 7)


@pytest.mark.parametrize(
    ("managers", "experienced", "phone", "expected"),
    [
        (0, 0, True, ["責任者が従事者名簿に登録されていません。"]),
        (0, 0, False, ["責任者が従事者名簿に登録されていません。"]),  # said once
        (1, 0, True, ["知的障害者支援の経験"]),
        (1, 1, True, []),
        (1, 1, False, ["電話番号が従事者名簿に記録されていません"]),
        (1, 0, False, ["知的障害者支援の経験", "電話番号が従事者名簿に記録されていません"]),
        (2, 1, True, []),
    ],
    ids=lambda v: f"IC-19 {v}",
)
def test_ic19_the_responsible_person_warnings(managers, experienced, phone, expected):
    found = rules.responsible_warnings(
        managers=managers, managers_with_experience=experienced, phone_recorded=phone
    )
    assert len(found) == len(expected)
    for warning, text in zip(found, expected, strict=True):
        assert warning.clause == "IC-19" and text in warning.message


def test_ic20_activities_assigned_and_attended_per_person():
    counts = rules.continuity(["a", "b", "c"], ["a", "a", "b", "z"], ["a", "c"])
    assert counts == {"a": (2, 1), "b": (1, 0), "c": (0, 1)}
