"""Reads of the duty schedule (SO-9, SO-10) through the access rule, and its check: the gaps in
the open hours, each person's labour problems and after-hours minutes, from ``domain``."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import QuerySet

from itaku.core import deadlines
from itaku.core.access import ContractAccess, active_entry_q
from itaku.core.calendar import TOKYO
from itaku.core.domain import Qualification
from itaku.core.models import RosterEntry
from itaku.support_office import domain
from itaku.support_office.duty.decl import VIEW_DUTY
from itaku.support_office.duty.models import DutySchedule, DutyShift

_WEEKDAYS = "月火水木金土日"


def day_label(day: date) -> str:
    return f"{day.month}月{day.day}日({_WEEKDAYS[day.weekday()]})"


def span_label(start: datetime, end: datetime) -> str:
    s, e = start.astimezone(TOKYO), end.astimezone(domain.TOKYO)
    return f"{s:%H:%M}–{e:%H:%M}"


@dataclass
class Check:
    """What is wrong with a schedule: ``gaps`` refuse its submission (SO-9); the labour problems
    and after-hours minutes are shown beside them."""

    gaps: list[str] = field(default_factory=list)
    labour: list[str] = field(default_factory=list)
    after_hours: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.gaps


def month_days(year: int, month: int) -> list[date]:
    first, last = deadlines.month_bounds(year, month)
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def schedule_check(schedule: DutySchedule, shifts: list[DutyShift] | None = None) -> Check:
    """SO-9: every open hour of every business day covered by at least one post with police or
    similar experience; 労基法32条・34条 per person; after-hours minutes per person (SO-3)."""
    if shifts is None:
        shifts = list(schedule.shifts.select_related("entry__person"))
    check = Check()
    police = [
        (s.starts_at, s.ends_at)
        for s in shifts
        if Qualification.POLICE_EXPERIENCE.value in (s.entry.granted_qualifications or [])
    ]
    for day in month_days(schedule.year, schedule.month):
        for start, end in domain.coverage_gaps(day, police):
            check.gaps.append(
                f"{day_label(day)} {span_label(start, end)} に"
                "警察等の実務経験のある従事者がいません。"
            )
    by_person: dict[RosterEntry, list[tuple[datetime, datetime]]] = defaultdict(list)
    for s in shifts:
        by_person[s.entry].append((s.starts_at, s.ends_at))
    for entry, spans in sorted(by_person.items(), key=lambda pair: pair[0].pk):
        name = str(entry.person)
        check.labour += [f"{name}:{problem}" for problem in domain.labour_problems(spans)]
        minutes = domain.after_hours_by_month(spans).get((schedule.year, schedule.month), 0)
        if minutes:
            check.after_hours.append((name, domain.format_duration(timedelta(minutes=minutes))))
    return check


def schedules_of_contract(*, access: ContractAccess) -> QuerySet[DutySchedule]:
    access.require(VIEW_DUTY)
    return DutySchedule.objects.filter(contract=access.contract)


def schedule_current(*, access: ContractAccess, year: int, month: int) -> DutySchedule | None:
    """The newest version of the month's schedule, or None before one is started."""
    return schedules_of_contract(access=access).filter(year=year, month=month).first()


def schedule_get(*, access: ContractAccess, schedule_id: Any) -> DutySchedule:
    from itaku.web.lookup import get_or_404

    return get_or_404(schedules_of_contract(access=access), pk=schedule_id)


def shifts_of(schedule: DutySchedule) -> list[DutyShift]:
    return list(schedule.shifts.select_related("entry__person"))


def entries_on_post(*, contract: Any, on: date) -> QuerySet[RosterEntry]:
    """SO-10: the roster entries that may be put on a shift on ``on``: active on the contract,
    of the contractor's side."""
    from itaku.core.domain import CONTRACTOR_ROLES

    return (
        RosterEntry.objects.filter(contract=contract, role__in=[r.value for r in CONTRACTOR_ROLES])
        .filter(active_entry_q(on))
        .select_related("person")
        .order_by("pk")
    )


def on_post(*, contract: Any, user: Any, at: datetime) -> bool | None:
    """SO-9, SO-10: whether ``user`` is on a shift of the approved duty schedule of ``at``'s
    month at that moment; None when that month has no approved schedule (the newest approved
    version counts, also while a change is being drafted)."""
    local = at.astimezone(TOKYO)
    schedule = (
        DutySchedule.objects.filter(
            contract=contract,
            year=local.year,
            month=local.month,
            state=DutySchedule.State.APPROVED,
        )
        .order_by("-version")
        .first()
    )
    if schedule is None:
        return None
    return schedule.shifts.filter(
        entry__person__user=user, starts_at__lte=at, ends_at__gt=at
    ).exists()


def duty_todos(user: Any, today: date, accesses: list[ContractAccess]) -> list[Any]:
    """The home page's to-dos (SO-10): schedules to approve for the ward supervisor; next month's
    schedule due, or a returned one, for the manager. One query for each side."""
    from django.urls import reverse
    from django.utils import timezone

    from itaku.core.registry import TodoItem
    from itaku.support_office.duty.decl import DECIDE_DUTY, EDIT_DUTY

    items: list[Any] = []
    deciding = {a.contract.pk: a for a in accesses if a.can(DECIDE_DUTY)}
    editing = {a.contract.pk: a for a in accesses if a.can(EDIT_DUTY)}

    def url(s: DutySchedule) -> str:
        return reverse("support_office:duty-month", args=[s.contract_id, s.year, s.month])

    if deciding:
        for s in DutySchedule.objects.filter(
            contract_id__in=deciding, state=DutySchedule.State.SUBMITTED
        ).select_related("contract"):
            items.append(
                TodoItem(
                    s.contract,
                    f"{s.year}年{s.month}月の勤務予定表(第{s.version}版)を承認する",
                    timezone.localdate(s.submitted_at) if s.submitted_at else today,
                    url(s),
                    "勤務予定表を確認する",
                )
            )
    if editing:
        nxt = date(today.year + today.month // 12, today.month % 12 + 1, 1)
        newest: dict[tuple[int, int, int], DutySchedule] = {}
        for s in DutySchedule.objects.filter(contract_id__in=editing).filter(
            models_q_month(today) | models_q_month(nxt)
        ):
            key = (s.contract_id, s.year, s.month)
            if key not in newest or newest[key].version < s.version:
                newest[key] = s
        for s in newest.values():
            if s.state == DutySchedule.State.RETURNED:
                items.append(
                    TodoItem(
                        editing[s.contract_id].contract,
                        f"差し戻された{s.year}年{s.month}月の勤務予定表を直して提出する",
                        timezone.localdate(s.decided_at) if s.decided_at else today,
                        url(s),
                        "勤務予定表を直す",
                    )
                )
        for pk, access in editing.items():
            due = newest.get((pk, nxt.year, nxt.month))
            if due is None or due.state == DutySchedule.State.DRAFT:
                items.append(
                    TodoItem(
                        access.contract,
                        f"{nxt.year}年{nxt.month}月の勤務予定表を月の始まる前に提出する",
                        today,
                        reverse("support_office:duty-month", args=[pk, nxt.year, nxt.month]),
                        "勤務予定表を作る",
                    )
                )
    return items


def models_q_month(day: date) -> Any:
    from django.db.models import Q

    return Q(year=day.year, month=day.month)
