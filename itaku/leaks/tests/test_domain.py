"""The rules of leak incidents on plain values, without a database (PI-7)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from itaku.leaks import domain
from itaku.leaks.domain import LeakDates, LeakProgress, Step, StepState

TOKYO = ZoneInfo("Asia/Tokyo")


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=TOKYO)


@pytest.mark.parametrize(
    ("clause", "discovered_on", "wrongdoing", "preliminary_from", "preliminary_by", "final_by"),
    [
        # The discovery day is day 1; 速報 on days 3–5, 確報 by day 30.
        ("PI-7", date(2026, 6, 15), False, date(2026, 6, 17), date(2026, 6, 19), date(2026, 7, 14)),
        # A wrongful purpose (不正の目的, 規則7条3号) gives the 確報 60 days.
        ("PI-7", date(2026, 6, 15), True, date(2026, 6, 17), date(2026, 6, 19), date(2026, 8, 13)),
        # Calendar days: weekends, New Year and holidays count, nothing moves to a business day.
        (
            "PI-7",
            date(2026, 12, 28),
            False,
            date(2026, 12, 30),
            date(2027, 1, 1),
            date(2027, 1, 26),
        ),
        ("PI-7", date(2026, 6, 13), False, date(2026, 6, 15), date(2026, 6, 17), date(2026, 7, 12)),
        # Across 29 February of a leap year.
        ("PI-7", date(2028, 2, 27), False, date(2028, 2, 29), date(2028, 3, 2), date(2028, 3, 27)),
        ("PI-7", date(2028, 2, 27), True, date(2028, 2, 29), date(2028, 3, 2), date(2028, 4, 26)),
    ],
)
def test_leak_deadlines(
    clause, discovered_on, wrongdoing, preliminary_from, preliminary_by, final_by
):
    deadlines = domain.leak_deadlines(discovered_on=discovered_on, wrongdoing=wrongdoing)
    assert deadlines == domain.LeakDeadlines(preliminary_from, preliminary_by, final_by), clause


def test_pi7_the_final_report_is_due_on_the_30th_or_60th_day_counting_the_discovery_day():
    for day in (date(2026, 1, 31), date(2026, 3, 1), date(2026, 12, 31)):
        plain = domain.leak_deadlines(discovered_on=day, wrongdoing=False)
        wrongful = domain.leak_deadlines(discovered_on=day, wrongdoing=True)
        assert (plain.final_by - day).days + 1 == 30
        assert (wrongful.final_by - day).days + 1 == 60
        assert (plain.preliminary_by - day).days + 1 == 5


DUE = date(2026, 6, 19)


@pytest.mark.parametrize(
    ("clause", "due_by", "done_on", "today", "state"),
    [
        ("PI-7", DUE, None, DUE - timedelta(days=4), StepState.DUE),
        ("PI-7", DUE, None, DUE, StepState.DUE),  # the last day is still in time
        ("PI-7", DUE, None, DUE + timedelta(days=1), StepState.OVERDUE),
        ("PI-7", DUE, DUE + timedelta(days=3), DUE + timedelta(days=9), StepState.DONE),
        ("PI-7", DUE, DUE - timedelta(days=2), DUE - timedelta(days=2), StepState.DONE),
        # 本人への通知 「速やかに」: no day count, so waiting but never late.
        ("PI-7", None, None, DUE + timedelta(days=365), StepState.DUE),
    ],
)
def test_step_state(clause, due_by, done_on, today, state):
    assert domain.step_state(due_by=due_by, done_on=done_on, today=today) is state, clause


@pytest.mark.parametrize(
    ("clause", "dates", "wrongdoing", "today", "states", "next_step"),
    [
        (
            "PI-7",
            LeakDates(date(2026, 6, 15), ward_notified_on=date(2026, 6, 15)),
            False,
            date(2026, 6, 16),
            ["done", "due", "due", "due", "due"],
            Step.PRELIMINARY,
        ),
        (
            "PI-7",
            LeakDates(date(2026, 6, 15), ward_notified_on=date(2026, 6, 15)),
            False,
            date(2026, 6, 20),
            ["done", "overdue", "due", "due", "due"],
            Step.PRELIMINARY,
        ),
        (
            "PI-7",
            LeakDates(
                date(2026, 6, 15),
                ward_notified_on=date(2026, 6, 15),
                preliminary_on=date(2026, 6, 17),
            ),
            False,
            date(2026, 7, 15),
            ["done", "done", "overdue", "due", "due"],
            Step.FINAL,
        ),
        (
            "PI-7",
            LeakDates(
                date(2026, 6, 15),
                ward_notified_on=date(2026, 6, 15),
                preliminary_on=date(2026, 6, 17),
            ),
            True,
            date(2026, 7, 15),
            ["done", "done", "due", "due", "due"],
            Step.FINAL,
        ),
        (
            "PI-7",
            LeakDates(
                date(2026, 6, 15),
                ward_notified_on=date(2026, 6, 15),
                preliminary_on=date(2026, 6, 17),
                final_on=date(2026, 7, 1),
            ),
            False,
            date(2026, 7, 2),
            ["done", "done", "done", "due", "due"],
            Step.PERSONS_NOTIFIED,
        ),
        (
            "PI-7",
            LeakDates(
                date(2026, 6, 15),
                ward_notified_on=date(2026, 6, 15),
                preliminary_on=date(2026, 6, 17),
                final_on=date(2026, 7, 1),
                persons_notified_on=date(2026, 6, 18),
                closed_on=date(2026, 7, 2),
            ),
            False,
            date(2026, 9, 1),
            ["done", "done", "done", "done", "done"],
            None,
        ),
    ],
)
def test_leak_steps_and_the_next_step(clause, dates, wrongdoing, today, states, next_step):
    steps = domain.leak_steps(dates, wrongdoing=wrongdoing, today=today)
    assert [s.step for s in steps] == list(Step)
    assert [s.state.value for s in steps] == states, clause
    following = domain.next_step(steps)
    assert (following.step if following else None) is next_step, clause


DISCOVERED = at(date(2026, 6, 15), 9)
NOW = at(date(2026, 6, 20), 12)
OPEN = LeakProgress(discovered_at=DISCOVERED)
PRELIMINARY_SENT = LeakProgress(discovered_at=DISCOVERED, preliminary_at=at(date(2026, 6, 17)))
FINAL_SENT = LeakProgress(
    discovered_at=DISCOVERED, preliminary_at=at(date(2026, 6, 17)), final_at=at(date(2026, 6, 19))
)
CLOSED = LeakProgress(
    discovered_at=DISCOVERED,
    preliminary_at=at(date(2026, 6, 17)),
    final_at=at(date(2026, 6, 19)),
    closed_at=at(date(2026, 6, 19), 15),
)


@pytest.mark.parametrize(
    ("clause", "step", "progress", "when", "problem"),
    [
        ("PI-7", Step.PRELIMINARY, OPEN, at(date(2026, 6, 17)), None),
        ("PI-7", Step.PRELIMINARY, OPEN, DISCOVERED, None),  # at once is allowed
        ("PI-7", Step.PRELIMINARY, OPEN, NOW + timedelta(minutes=1), "未来の日時"),
        ("PI-7", Step.PRELIMINARY, OPEN, DISCOVERED - timedelta(hours=1), "発覚日時より前"),
        ("PI-7", Step.PRELIMINARY, PRELIMINARY_SENT, at(date(2026, 6, 18)), "すでに記録"),
        ("PI-7", Step.FINAL, OPEN, at(date(2026, 6, 18)), "先に速報を記録"),
        ("PI-7", Step.FINAL, PRELIMINARY_SENT, at(date(2026, 6, 16)), "速報の日時以降"),
        ("PI-7", Step.FINAL, PRELIMINARY_SENT, at(date(2026, 6, 17)), None),  # sent together
        ("PI-7", Step.PERSONS_NOTIFIED, OPEN, at(date(2026, 6, 16)), None),
        ("PI-7", Step.CLOSED, PRELIMINARY_SENT, at(date(2026, 6, 18)), "確報を記録してから"),
        ("PI-7", Step.CLOSED, FINAL_SENT, at(date(2026, 6, 19), 15), None),
        ("PI-7", Step.PERSONS_NOTIFIED, CLOSED, at(date(2026, 6, 20)), "対応を完了しています"),
        ("PI-7", Step.WARD_NOTICE, OPEN, at(date(2026, 6, 16)), "ここでは記録できません"),
    ],
)
def test_follow_problems(clause, step, progress, when, problem):
    problems = domain.follow_problems(step, progress=progress, at=when, now=NOW)
    if problem is None:
        assert problems == [], clause
    else:
        assert any(problem in p for p in problems), (clause, problems)


@pytest.mark.parametrize(
    ("clause", "discovered_at", "affected", "fields"),
    [
        ("PI-7", DISCOVERED, {"participants": 3, "guardians": 0}, set()),
        ("PI-7", NOW + timedelta(hours=1), {}, {"discovered_at"}),
        ("PI-7", DISCOVERED, {"staff": -1}, {"staff_affected"}),
        ("PI-7", DISCOVERED, {"residents": 2}, {"__all__"}),
    ],
)
def test_record_problems(clause, discovered_at, affected, fields):
    problems = domain.record_problems(discovered_at=discovered_at, now=NOW, affected=affected)
    assert set(problems) == fields, clause
