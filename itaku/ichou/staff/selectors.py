"""Reads of the staff part through the access rule (anything not allowed answers 404): the
manuals with their current version (IC-21), the year's trainings with their gaps (IC-22,
IC-30), the staff page with the responsible person's warnings and each person's activities of
the year (IC-19, IC-20), the recruitment of volunteers and nurses with how many are still
needed (IC-20, 応募者・募集), and the home page's training and recruitment to-dos."""

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
from itaku.ichou.staff.decl import (
    ACKNOWLEDGE_MANUAL,
    EDIT_RECRUITMENT,
    EDIT_STAFF,
    VIEW_RECRUITMENT,
    VIEW_STAFF,
)
from itaku.ichou.staff.models import Applicant, ManualVersion, Publicity, TrainingPlan
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


# --- IC-20: recruitment -------------------------------------------------------------------------


def publicities_of(*, access: ContractAccess) -> QuerySet[Publicity]:
    access.require(VIEW_RECRUITMENT)
    return Publicity.objects.filter(contract=access.contract)


def applicants_of(*, access: ContractAccess) -> QuerySet[Applicant]:
    access.require(VIEW_RECRUITMENT)
    return Applicant.objects.filter(contract=access.contract).select_related("publicity", "entry")


def applicant_get(*, access: ContractAccess, applicant_id: Any) -> Applicant:
    return get_or_404(applicants_of(access=access), pk=applicant_id)


def applicant_contacts(*, access: ContractAccess, applicant: Applicant) -> dict[str, str]:
    """The applicant's phone, e-mail and licence number, for the manager who recruits (not
    the ward's readers), each read audited."""
    from django.db import transaction

    from itaku.audit.services import audit_record

    access.require(EDIT_RECRUITMENT)
    fields = ("phone", "email", "licence_number")
    with transaction.atomic():
        audit_record(
            actor=access.user,
            action="ic_applicant.read_contacts",
            target=applicant,
            contract=access.contract,
            changes={"fields": list(fields)},
        )
    return {name: getattr(applicant, name) for name in fields}


@dataclass
class RecruitmentPage:
    """The 応募者・募集 page: the publicities with how many applied through each, the
    applicants by status with the pipeline's counts, and what the remaining activities need
    against the active roster (IC-20)."""

    publicities: list[tuple[Publicity, int]]
    groups: list[tuple[str, str, list[Applicant]]]
    counts: list[tuple[str, str, int]]
    need: rules.RecruitmentNeed
    waiting_approval: dict[str, int]
    fiscal_year: int
    overdue: set[int]

    @property
    def total(self) -> int:
        return sum(n for _, _, n in self.counts)


def recruitment_need(*, access: ContractAccess, today: date) -> rules.RecruitmentNeed:
    """IC-20: the peak need of the year's approved activities not yet held (not cancelled for
    weather) by ``domain.staffing_required`` on their expected participants, against the
    contractor's roster active today: everyone who counts as staff today
    (``domain.counts_as_staff``) and the nurses with a licence."""
    from itaku.ichou.programme.models import Activity, Programme
    from itaku.ichou.programme.selectors import entries_for

    access.require(VIEW_RECRUITMENT)
    activities = Activity.objects.filter(
        programme__contract=access.contract,
        programme__fiscal_year=calendar.fiscal_year(today),
        programme__state=Programme.State.APPROVED,
        date__gte=today,
        cancelled_for_weather=False,
    ).values_list("kind", "expected_participants")
    required = [tuple(domain.staffing_required(k, n)) for k, n in activities]
    staff = nurses = 0
    for e in entries_for(contract=access.contract, on=today):
        if domain.counts_as_staff(e.role, e.person.birth_date, today):
            staff += 1
        quals = set(e.granted_qualifications or e.qualifications)
        if e.role == Role.NURSE and Qualification.NURSE_LICENCE.value in quals:
            nurses += 1
    return rules.recruitment_need(
        [(s, n) for s, n in required], staff_on_roster=staff, nurses_on_roster=nurses
    )


def recruitment_page(*, access: ContractAccess, today: date) -> RecruitmentPage:
    """The page's rows in a fixed number of queries however many publicities and applicants."""
    from django.db.models import Count

    publicities = list(
        publicities_of(access=access).annotate(n=Count("applicants")).order_by("-published_on")
    )
    applicants = list(applicants_of(access=access).order_by("applied_on", "pk"))
    by_status: dict[str, list[Applicant]] = {s: [] for s in rules.STATUS_LABELS}
    for a in applicants:
        by_status.setdefault(a.status, []).append(a)
    waiting = {r: 0 for r in rules.RECRUIT_ROLES}
    for a in by_status[rules.HIRED]:
        # Hired, but the ward has not yet approved a roster version holding the entry.
        if a.entry is not None and a.entry.approved_version_id is None:
            waiting[a.role] = waiting.get(a.role, 0) + 1
    return RecruitmentPage(
        publicities=[(p, p.n) for p in publicities],  # type: ignore[attr-defined]
        groups=[(s, rules.STATUS_LABELS[s], by_status[s]) for s in rules.STATUS_LABELS],
        counts=[(s, rules.STATUS_LABELS[s], len(by_status[s])) for s in rules.STATUS_LABELS],
        need=recruitment_need(access=access, today=today),
        waiting_approval=waiting,
        fiscal_year=calendar.fiscal_year(today),
        overdue={
            a.pk
            for a in by_status[rules.APPLIED]
            if rules.waits_for_interview(status=a.status, applied_on=a.applied_on, today=today)
        },
    )


def recruitment_todos(user: Any, today: date, accesses: list[ContractAccess]) -> list[Any]:
    """IC-20: for the manager, the applicants left in 応募 more than 14 days without an
    interview, counted per contract (a count, never a name); one query however many
    contracts, none when the user recruits on none."""
    from datetime import timedelta

    from django.db.models import Count, Min
    from django.urls import reverse

    from itaku.core.registry import TodoItem

    watched = {a.contract.pk: a for a in accesses if a.can(EDIT_RECRUITMENT)}
    if not watched:
        return []
    before = today - timedelta(days=rules.INTERVIEW_WAIT_DAYS)
    rows = (
        Applicant.objects.filter(
            contract_id__in=watched, status=rules.APPLIED, applied_on__lt=before
        )
        .values("contract_id")
        .annotate(n=Count("pk"), oldest=Min("applied_on"))
        .order_by("contract_id")
    )
    return [
        TodoItem(
            watched[row["contract_id"]].contract,
            f"応募から{rules.INTERVIEW_WAIT_DAYS}日を過ぎても面談していない応募者が"
            f"{row['n']}人います。",
            row["oldest"] + timedelta(days=rules.INTERVIEW_WAIT_DAYS),
            reverse("ichou:staff-recruitment", args=[row["contract_id"]]),
            "応募者を確認する",
        )
        for row in rows
    ]
