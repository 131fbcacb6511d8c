"""Reads of the annual programme through the access rule (anything not allowed answers 404), the
rules of ``itaku.ichou.domain`` applied to what is stored: the programme's problems (IC-3 …
IC-7) and each activity's staffing shortfall (IC-17, IC-18)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Prefetch, QuerySet

from itaku.core.access import ContractAccess, active_entry_q
from itaku.core.domain import CONTRACTOR_ROLES, Role
from itaku.core.models import RosterEntry
from itaku.ichou import domain
from itaku.ichou.programme.decl import VIEW_PROGRAMME
from itaku.ichou.programme.models import Activity, Programme, StaffAssignment

_WEEKDAYS = "月火水木金土日"
_GROUPS = {"1": 1, "2": 2, "joint": None}


def day_label(day: date) -> str:
    return f"{day.month}月{day.day}日({_WEEKDAYS[day.weekday()]})"


def planned(activity: Activity) -> domain.PlannedActivity:
    """The stored activity as the domain reads it."""
    return domain.PlannedActivity(
        kind=activity.kind,
        date=activity.date,
        start=activity.start,
        end=activity.end,
        group=_GROUPS[activity.group],
        end_date=activity.end_date,
    )


@dataclass(frozen=True)
class ActivityProblem:
    """A problem as the page shows it: the clause ID (shown as its clause) and the message, and
    the activity it concerns (None for a count of the year)."""

    clause: str
    message: str
    activity: Activity | None


def programme_problems(activities: list[Activity]) -> list[ActivityProblem]:
    """``domain.programme_problems`` of the stored activities, each problem tied back to its
    activity (a weather cancellation is recorded later and does not change the plan)."""
    values = [planned(a) for a in activities]
    by_value: dict[int, Activity] = {id(v): a for v, a in zip(values, activities, strict=True)}
    return [
        ActivityProblem(
            p.clause, p.message, by_value.get(id(p.activity)) if p.activity is not None else None
        )
        for p in domain.programme_problems(values)
    ]


@dataclass(frozen=True)
class Staffing:
    """The staffing plan of an activity against ``domain.staffing_required``: who counts (the
    volunteers from their 18th birthday on the day, the nurses inside the number), and what is
    missing, with its clause."""

    required: domain.Staffing
    staff: int
    nurses: int
    shortfall: domain.Shortfall
    not_counted: list[RosterEntry]

    @property
    def ok(self) -> bool:
        return self.shortfall == (0, 0)

    @property
    def messages(self) -> list[tuple[str, str]]:
        """(clause ID, message) per shortfall: staff (IC-17), nurses (IC-18)."""
        out = []
        if self.shortfall.staff:
            out.append(
                (
                    "IC-17",
                    f"従事者があと{self.shortfall.staff}人足りません"
                    f"(必要{self.required.staff}人、看護師を含む。割当て済みで数えられる人"
                    f"{self.staff}人)。",
                )
            )
        if self.shortfall.nurses:
            out.append(
                (
                    "IC-18",
                    f"看護師があと{self.shortfall.nurses}人足りません"
                    f"(必要{self.required.nurses}人、割当て済み{self.nurses}人)。",
                )
            )
        return out


def staffing(activity: Activity, assignments: list[StaffAssignment]) -> Staffing:
    """IC-17, IC-18 for the planned participants and the staff assigned by hand."""
    counted = [
        a.entry
        for a in assignments
        if domain.counts_as_staff(a.entry.role, a.entry.person.birth_date, activity.date)
    ]
    nurses = sum(1 for e in counted if e.role == Role.NURSE)
    shortfall = domain.staffing_shortfall(
        activity.kind,
        participants=activity.expected_participants,
        staff_present=len(counted),
        nurses_present=nurses,
    )
    return Staffing(
        required=domain.staffing_required(activity.kind, activity.expected_participants),
        staff=len(counted),
        nurses=nurses,
        shortfall=shortfall,
        not_counted=[a.entry for a in assignments if a.entry not in counted],
    )


def programmes_of_contract(*, access: ContractAccess) -> QuerySet[Programme]:
    access.require(VIEW_PROGRAMME)
    return Programme.objects.filter(contract=access.contract)


def programme_current(*, access: ContractAccess, fiscal_year: int) -> Programme | None:
    """The newest version of the year's programme, or None before one is started."""
    return (
        programmes_of_contract(access=access)
        .filter(fiscal_year=fiscal_year)
        .select_related("agreement")
        .first()
    )


def programme_approved(*, access: ContractAccess, fiscal_year: int) -> Programme | None:
    """The version in force: the newest approved one."""
    return (
        programmes_of_contract(access=access)
        .filter(fiscal_year=fiscal_year, state=Programme.State.APPROVED)
        .first()
    )


def activities_of(programme: Programme) -> list[Activity]:
    """The activities with their staff, in a fixed number of queries however many."""
    return list(
        programme.activities.prefetch_related(
            Prefetch(
                "assignments",
                queryset=StaffAssignment.objects.select_related("entry__person"),
            )
        )
    )


def activity_get(*, access: ContractAccess, activity_id: Any) -> Activity:
    from itaku.web.lookup import get_or_404

    access.require(VIEW_PROGRAMME)
    return get_or_404(
        Activity.objects.filter(programme__contract=access.contract).select_related(
            "programme", "cancellation_agreement"
        ),
        pk=activity_id,
    )


def entries_for(*, contract: Any, on: date) -> QuerySet[RosterEntry]:
    """The roster entries that may be put on an activity of day ``on``: active on the contract
    that day, of the contractor's side."""
    return (
        RosterEntry.objects.filter(contract=contract, role__in=[r.value for r in CONTRACTOR_ROLES])
        .filter(active_entry_q(on))
        .select_related("person")
        .order_by("role", "pk")
    )


def programme_todos(user: Any, today: date, accesses: list[ContractAccess]) -> list[Any]:
    """The home page's to-dos: programmes to approve for the ward supervisor; a returned one to
    correct for the manager. One query for each side."""
    from django.urls import reverse
    from django.utils import timezone

    from itaku.core.registry import TodoItem
    from itaku.ichou.programme.decl import DECIDE_PROGRAMME, EDIT_PROGRAMME

    items: list[Any] = []
    deciding = {a.contract.pk: a for a in accesses if a.can(DECIDE_PROGRAMME)}
    editing = {a.contract.pk: a for a in accesses if a.can(EDIT_PROGRAMME)}

    def url(p: Programme) -> str:
        return reverse("ichou:programme", args=[p.contract_id, p.fiscal_year])

    if deciding:
        for p in Programme.objects.filter(
            contract_id__in=deciding, state=Programme.State.SUBMITTED
        ):
            items.append(
                TodoItem(
                    deciding[p.contract_id].contract,
                    f"{p.fiscal_year}年度の年間プログラム(第{p.version}版)を承認する",
                    timezone.localdate(p.submitted_at) if p.submitted_at else today,
                    url(p),
                    "年間プログラムを確認する",
                )
            )
    if editing:
        newest: dict[tuple[int, int], Programme] = {}
        for p in Programme.objects.filter(contract_id__in=editing):
            key = (p.contract_id, p.fiscal_year)
            if key not in newest or newest[key].version < p.version:
                newest[key] = p
        for p in newest.values():
            if p.state == Programme.State.RETURNED:
                items.append(
                    TodoItem(
                        editing[p.contract_id].contract,
                        f"差し戻された{p.fiscal_year}年度の年間プログラムを直して提出する",
                        timezone.localdate(p.decided_at) if p.decided_at else today,
                        url(p),
                        "年間プログラムを直す",
                    )
                )
    return items
