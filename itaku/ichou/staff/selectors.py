"""Reads of the staff part through the access rule (anything not allowed answers 404): the
manuals with their current version (IC-21), the year's trainings with their gaps (IC-22,
IC-30), the staff page with the responsible person's warnings and each person's activities of
the year (IC-19, IC-20), and the home page's training to-dos."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import QuerySet

from itaku.core import calendar
from itaku.core.access import ContractAccess
from itaku.core.domain import Qualification, Role
from itaku.core.models import RosterEntry
from itaku.ichou import domain
from itaku.ichou.staff import rules
from itaku.ichou.staff.decl import ACKNOWLEDGE_MANUAL, EDIT_STAFF, VIEW_STAFF
from itaku.ichou.staff.models import ManualVersion, TrainingPlan
from itaku.web.lookup import get_or_404


def manuals_of(*, access: ContractAccess) -> QuerySet[ManualVersion]:
    access.require(VIEW_STAFF)
    return ManualVersion.objects.filter(contract=access.contract).select_related(
        "document", "submitted_by", "acknowledged_by"
    )


def manual_get(*, access: ContractAccess, version_id: Any) -> ManualVersion:
    return get_or_404(manuals_of(access=access), pk=version_id)


@dataclass
class ManualShelf:
    """One kind of manual: its current version (the latest acknowledged) and every version,
    newest first."""

    kind: str
    label: str
    current: ManualVersion | None = None
    versions: list[ManualVersion] = field(default_factory=list)


def manual_shelves(versions: list[ManualVersion]) -> list[ManualShelf]:
    shelves = {k: ManualShelf(k, label) for k, label in rules.MANUAL_KINDS.items()}
    for v in sorted(versions, key=lambda v: -v.number):
        shelf = shelves[v.kind]
        shelf.versions.append(v)
        if shelf.current is None and v.state == ManualVersion.State.ACKNOWLEDGED:
            shelf.current = v
    return list(shelves.values())


def plans_of(*, access: ContractAccess, fiscal_year: int | None = None) -> QuerySet[TrainingPlan]:
    access.require(VIEW_STAFF)
    plans = TrainingPlan.objects.filter(contract=access.contract).select_related(
        "report", "report__materials"
    )
    if fiscal_year is not None:
        plans = plans.filter(fiscal_year=fiscal_year)
    return plans.order_by("fiscal_year", "pk")


def plan_get(*, access: ContractAccess, plan_id: Any) -> TrainingPlan:
    return get_or_404(plans_of(access=access), pk=plan_id)


def _reported(plan: TrainingPlan) -> bool:
    return hasattr(plan, "report")


def plan_facts(plans: list[TrainingPlan]) -> list[rules.PlannedTraining]:
    return [rules.PlannedTraining(p.topic, p.planned_month, _reported(p), p.pk) for p in plans]


def training_gaps(plans: list[TrainingPlan], fiscal_year: int, today: date) -> list[Any]:
    return rules.training_gaps(fiscal_year=fiscal_year, plans=plan_facts(plans), today=today)


def current_entries(*, access: ContractAccess, on: date) -> QuerySet[RosterEntry]:
    """The contract's contractor-side roster entries active on ``on`` (approved by the ward,
    not ended), as the staffing plan takes them."""
    from itaku.ichou.programme.selectors import entries_for

    access.require(VIEW_STAFF)
    return entries_for(contract=access.contract, on=on).order_by(
        "role", "person__family_name_kana", "person__given_name_kana", "pk"
    )


ROLE_ORDER = [Role.MANAGER, Role.NURSE, Role.WORKER, Role.VOLUNTEER]


@dataclass
class StaffRow:
    entry: RosterEntry
    counts: bool  # counts towards the staff ratio today (IC-17)
    licence: bool  # a nurse with the licence recorded (IC-18)
    experience: bool  # experience with intellectual disabilities (IC-19)
    assigned: int
    attended: int


@dataclass
class StaffPage:
    groups: list[tuple[str, list[StaffRow]]]
    warnings: list[rules.StaffWarning]
    fiscal_year: int


def staff_page(*, access: ContractAccess, today: date) -> StaffPage:
    """The staff page's rows in a fixed number of queries (IC-19, IC-20)."""
    from itaku.ichou.day.models import CheckIn
    from itaku.ichou.programme.models import Programme, StaffAssignment

    entries = list(current_entries(access=access, on=today))
    fiscal_year = calendar.fiscal_year(today)
    assigned = StaffAssignment.objects.filter(
        activity__programme__contract=access.contract,
        activity__programme__fiscal_year=fiscal_year,
        activity__programme__state=Programme.State.APPROVED,
        entry__in=entries,
    ).values_list("entry_id", flat=True)
    attended = (
        CheckIn.objects.filter(
            contract=access.contract,
            entry__in=entries,
            day__activity__programme__fiscal_year=fiscal_year,
        )
        .exclude(result=CheckIn.Result.STAY_HOME)
        .values_list("entry_id", flat=True)
    )
    counts = rules.continuity([e.pk for e in entries], list(assigned), list(attended))
    rows: dict[str, list[StaffRow]] = {r.value: [] for r in ROLE_ORDER}
    for e in entries:
        quals = set(e.granted_qualifications or e.qualifications)
        rows.setdefault(e.role, []).append(
            StaffRow(
                entry=e,
                counts=domain.counts_as_staff(e.role, e.person.birth_date, today),
                licence=Qualification.NURSE_LICENCE.value in quals,
                experience=Qualification.DISABILITY_SUPPORT.value in quals,
                assigned=counts[e.pk][0],
                attended=counts[e.pk][1],
            )
        )
    managers = rows[Role.MANAGER.value]
    warnings = rules.responsible_warnings(
        managers=len(managers),
        managers_with_experience=sum(1 for r in managers if r.experience),
        # IC-19: the roster's sealed phone, opened here only to see that there is one.
        phone_recorded=any(r.entry.contact_phone for r in managers),
    )
    labels = dict(Role.choices())
    return StaffPage(
        groups=[(labels[role], found) for role, found in rows.items()],
        warnings=warnings,
        fiscal_year=fiscal_year,
    )


def _watches(access: ContractAccess) -> bool:
    return access.can(EDIT_STAFF) or (
        Role.WARD_SUPERVISOR in access.roles and access.can(VIEW_STAFF)
    )


def training_todos(user: Any, today: date, accesses: list[ContractAccess]) -> list[Any]:
    """The home page's training gaps for the manager and the ward supervisor; one query however
    many contracts (none when no access is watched)."""
    from django.urls import reverse

    from itaku.core.registry import TodoItem

    watched = {a.contract.pk: a for a in accesses if _watches(a)}
    if not watched:
        return []
    fiscal_year = calendar.fiscal_year(today)
    plans: dict[int, list[TrainingPlan]] = {pk: [] for pk in watched}
    for p in TrainingPlan.objects.filter(
        contract_id__in=watched, fiscal_year=fiscal_year
    ).select_related("report"):
        plans[p.contract_id].append(p)
    items: list[Any] = []
    for pk, access in watched.items():
        gaps = training_gaps(plans[pk], fiscal_year, today)
        missing = [g for g in gaps if g.key is None]
        overdue = [g for g in gaps if g.key is not None]
        url = reverse("ichou:staff-training", args=[pk])
        if missing:
            items.append(
                TodoItem(
                    access.contract,
                    f"{fiscal_year}年度の研修計画がないテーマが{len(missing)}件あります。",
                    date(fiscal_year, 4, 1),
                    url,
                    "研修計画を確認する",
                )
            )
        for gap in overdue:
            items.append(TodoItem(access.contract, gap.message, today, url, "研修報告を確認する"))
    return items


def manual_todos(user: Any, today: date, accesses: list[ContractAccess]) -> list[Any]:
    """Each submitted manual version, for the ward supervisor who acknowledges it; one query
    however many contracts (none when the user acknowledges on none)."""
    from django.urls import reverse

    from itaku.core.registry import TodoItem

    watched = {a.contract.pk: a for a in accesses if a.can(ACKNOWLEDGE_MANUAL)}
    if not watched:
        return []
    waiting = ManualVersion.objects.filter(
        contract_id__in=watched, state=ManualVersion.State.SUBMITTED
    ).order_by("contract_id", "kind", "number")
    return [
        TodoItem(
            watched[v.contract_id].contract,
            f"{v}が提出され、受領を待っています。",
            v.submitted_on,
            reverse("ichou:staff-manuals", args=[v.contract_id]),
            "マニュアルを確認する",
        )
        for v in waiting
    ]
