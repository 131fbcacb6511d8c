"""Pure rules of leak incidents (漏えい等事案): the follow-up steps, their deadlines and states.

PI-7 (annex clause 7): the contractor tells the ward at once (直ちに) of a leak of personal
information or the risk of one, then reports in writing without delay. The report to the
Personal Information Protection Commission then runs on the deadlines of 個人情報保護法施行規則
7条・8条: a preliminary report (速報) 「速やかに」, in practice within 3 to 5 days, and a final
report (確報) within 30 days, or 60 days when the leak may have been done for a wrongful purpose
(不正の目的, 7条3号). The people concerned are told 「速やかに」 (法26条2項), without a day count.

Days are calendar days, weekends and holidays included, and the day the incident came to light
is day 1: of the two ways of counting, the one that gives the earlier day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from itaku.core.domain import Choice

# PI-7, 規則8条1項: 速報 「速やかに」 — the 3rd to the 5th day.
PRELIMINARY_FROM_DAY = 3
PRELIMINARY_BY_DAY = 5
# PI-7, 規則8条2項: 確報 by the 30th day, the 60th for a wrongful purpose (7条3号).
FINAL_BY_DAY = 30
FINAL_BY_DAY_WRONGDOING = 60

AFFECTED_CATEGORIES = ("participants", "guardians", "customers", "staff", "others")


class Step(Choice):
    """The follow-up of an incident, in the order it is shown."""

    WARD_NOTICE = "ward_notice", "区への報告"
    PRELIMINARY = "preliminary", "速報"
    FINAL = "final", "確報"
    PERSONS_NOTIFIED = "persons_notified", "本人への通知"
    CLOSED = "closed", "対応の完了"


# What the ward supervisor records after the incident is reported (PI-7).
FOLLOW_STEPS = (Step.PRELIMINARY, Step.FINAL, Step.PERSONS_NOTIFIED, Step.CLOSED)


class StepState(Choice):
    DONE = "done", "済み"
    DUE = "due", "対応待ち"
    OVERDUE = "overdue", "期限超過"


def nth_day(first: date, n: int) -> date:
    """The ``n``-th calendar day counting ``first`` as day 1."""
    return first + timedelta(days=n - 1)


@dataclass(frozen=True)
class LeakDeadlines:
    """When the reports of an incident are due: 速報 in a window, 確報 by a day."""

    preliminary_from: date
    preliminary_by: date
    final_by: date


def leak_deadlines(*, discovered_on: date, wrongdoing: bool) -> LeakDeadlines:
    """PI-7: the report deadlines from the day the incident came to light."""
    final_days = FINAL_BY_DAY_WRONGDOING if wrongdoing else FINAL_BY_DAY
    return LeakDeadlines(
        preliminary_from=nth_day(discovered_on, PRELIMINARY_FROM_DAY),
        preliminary_by=nth_day(discovered_on, PRELIMINARY_BY_DAY),
        final_by=nth_day(discovered_on, final_days),
    )


def step_state(*, due_by: date | None, done_on: date | None, today: date) -> StepState:
    """A step is done once recorded, late the day after its last day, otherwise waiting. A step
    without a day count (「速やかに」) is never late, only waiting."""
    if done_on is not None:
        return StepState.DONE
    if due_by is not None and today > due_by:
        return StepState.OVERDUE
    return StepState.DUE


@dataclass(frozen=True)
class LeakDates:
    """The days (Tokyo) an incident came to light and its steps were done."""

    discovered_on: date
    ward_notified_on: date | None = None
    preliminary_on: date | None = None
    final_on: date | None = None
    persons_notified_on: date | None = None
    closed_on: date | None = None


@dataclass(frozen=True)
class StepStatus:
    step: Step
    due_from: date | None
    due_by: date | None
    done_on: date | None
    state: StepState


def leak_steps(dates: LeakDates, *, wrongdoing: bool, today: date) -> list[StepStatus]:
    """Every step of an incident with its deadline and its state on ``today`` (PI-7)."""
    deadlines = leak_deadlines(discovered_on=dates.discovered_on, wrongdoing=wrongdoing)
    rows = [
        # 直ちに: the same day; done when the incident is recorded, which tells the ward.
        (Step.WARD_NOTICE, None, dates.discovered_on, dates.ward_notified_on),
        (
            Step.PRELIMINARY,
            deadlines.preliminary_from,
            deadlines.preliminary_by,
            dates.preliminary_on,
        ),
        (Step.FINAL, None, deadlines.final_by, dates.final_on),
        (Step.PERSONS_NOTIFIED, None, None, dates.persons_notified_on),
        (Step.CLOSED, None, None, dates.closed_on),
    ]
    return [
        StepStatus(
            step=step,
            due_from=due_from,
            due_by=due_by,
            done_on=done_on,
            state=step_state(due_by=due_by, done_on=done_on, today=today),
        )
        for step, due_from, due_by, done_on in rows
    ]


def next_step(steps: list[StepStatus]) -> StepStatus | None:
    """What to do next: the open step with the earliest deadline, else the first open step
    without one; None once the incident is closed."""
    open_steps = [s for s in steps if s.state is not StepState.DONE]
    dated = [s for s in open_steps if s.due_by is not None]
    if dated:
        return min(dated, key=lambda s: s.due_by or date.max)
    return open_steps[0] if open_steps else None


@dataclass(frozen=True)
class LeakProgress:
    """When an incident came to light and when each follow-up step was done."""

    discovered_at: datetime
    preliminary_at: datetime | None = None
    final_at: datetime | None = None
    persons_notified_at: datetime | None = None
    closed_at: datetime | None = None

    def done_at(self, step: Step) -> datetime | None:
        return {
            Step.PRELIMINARY: self.preliminary_at,
            Step.FINAL: self.final_at,
            Step.PERSONS_NOTIFIED: self.persons_notified_at,
            Step.CLOSED: self.closed_at,
        }.get(step)


def follow_problems(
    step: Step, *, progress: LeakProgress, at: datetime, now: datetime
) -> list[str]:
    """Reasons the ward supervisor cannot record ``step`` as done at ``at`` (PI-7)."""
    if step not in FOLLOW_STEPS:
        return ["この対応はここでは記録できません。"]
    if progress.closed_at is not None:
        return ["この事案は対応を完了しています。"]
    if progress.done_at(step) is not None:
        return [f"{step.label}はすでに記録されています。"]
    problems = []
    if at > now:
        problems.append("未来の日時は記録できません。")
    if at < progress.discovered_at:
        problems.append("発覚日時より前の日時は記録できません。")
    if step is Step.FINAL:
        if progress.preliminary_at is None:
            problems.append(
                "先に速報を記録してください(速報と確報を同時に送ったときは、同じ日時で両方を記録してください)。"
            )
        elif at < progress.preliminary_at:
            problems.append("確報の日時は速報の日時以降にしてください。")
    # PI-7: the incident ends with the written report; it is not closed before it is made.
    if step is Step.CLOSED and progress.final_at is None:
        problems.append("確報を記録してから対応を完了にしてください。")
    return problems


def record_problems(
    *, discovered_at: datetime, now: datetime, affected: dict[str, int]
) -> dict[str, list[str]]:
    """Reasons a newly reported incident cannot be saved, by field."""
    problems: dict[str, list[str]] = {}
    if discovered_at > now:
        problems["discovered_at"] = ["発覚日時に未来の日時は入れられません。"]
    for category in AFFECTED_CATEGORIES:
        if affected.get(category, 0) < 0:
            problems[f"{category}_affected"] = ["0以上の人数を入れてください。"]
    unknown = set(affected) - set(AFFECTED_CATEGORIES)
    if unknown:
        problems.setdefault("__all__", []).append("不明な区分の人数があります。")
    return problems
