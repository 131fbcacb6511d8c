"""Reads of the participants through the access rule (anything not allowed answers 404): the
year's list sorted by reading, the group sizes and their balance, one participant, and the
health and support fields, each read of which is audited (IC-30)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.http import Http404

from itaku.audit.services import audit_record
from itaku.core import calendar
from itaku.core.access import ContractAccess
from itaku.ichou import domain
from itaku.ichou.participants.decl import VIEW_HEALTH, VIEW_PARTICIPANTS
from itaku.ichou.participants.models import Participant, ParticipationPlan, Registration
from itaku.web.lookup import get_or_404

State = Registration.State


def participant_get(*, access: ContractAccess, participant_id: Any) -> Participant:
    access.require(VIEW_PARTICIPANTS)
    return get_or_404(Participant.objects.filter(contract=access.contract), pk=participant_id)


def participant_query(
    *, access: ContractAccess, fiscal_year: int, registered_only: bool = False
) -> QuerySet[Participant]:
    """The contract's participants, each with ``year_registrations``: its registration of
    ``fiscal_year`` (a list of at most one), for the API's keyset pages."""
    access.require(VIEW_PARTICIPANTS)
    year = Registration.objects.filter(contract=access.contract, fiscal_year=fiscal_year)
    found = Participant.objects.filter(contract=access.contract)
    if registered_only:
        found = found.filter(registrations__in=year)
    return found.prefetch_related(
        Prefetch("registrations", queryset=year, to_attr="year_registrations")
    )


def registration_get(*, access: ContractAccess, registration_id: Any) -> Registration:
    access.require(VIEW_PARTICIPANTS)
    return get_or_404(
        Registration.objects.filter(contract=access.contract).select_related(
            "participant", "eligibility_agreement", "group_agreement"
        ),
        pk=registration_id,
    )


def registrations_of(*, access: ContractAccess, fiscal_year: int) -> list[Registration]:
    """The year's registrations, sorted by reading (in Python: the readings are sealed)."""
    access.require(VIEW_PARTICIPANTS)
    rows = list(
        Registration.objects.filter(
            contract=access.contract, fiscal_year=fiscal_year
        ).select_related("participant")
    )
    rows.sort(key=lambda r: (r.participant.family_name_kana, r.participant.given_name_kana, r.pk))
    return rows


def registrations_of_participant(
    *, access: ContractAccess, participant: Participant
) -> list[Registration]:
    access.require(VIEW_PARTICIPANTS)
    return list(participant.registrations.filter(contract=access.contract).order_by("-fiscal_year"))


def under_age(registration: Registration) -> bool:
    """Younger than the groups' ages on 1 April of the registration's year (IC-2): in the
    closest group, the ward deciding on the eligibility."""
    return domain.age_group(registration.participant.birth_date, registration.fiscal_year) is None


@dataclass(frozen=True)
class GroupSizes:
    first: int
    second: int

    @property
    def unbalanced(self) -> bool:
        # The project's own rule, not the specification's: the groups are unbalanced when they
        # differ by more than a third of the larger one.
        larger = max(self.first, self.second)
        return larger > 0 and abs(self.first - self.second) * 3 > larger


def group_sizes(registrations: list[Registration]) -> GroupSizes:
    """Sizes of the two groups among the applied and registered (the withdrawn do not count)."""
    live = [r for r in registrations if r.state != State.WITHDRAWN]
    return GroupSizes(
        first=sum(1 for r in live if r.group == Registration.Group.FIRST),
        second=sum(1 for r in live if r.group == Registration.Group.SECOND),
    )


def participant_health(*, access: ContractAccess, participant: Participant) -> dict[str, str]:
    """The health and support fields of ``participant`` (IC-30), for the manager and the nurses
    only (anyone else: 404). The read is audited, naming the fields read, never their values."""
    access.require(VIEW_HEALTH)
    if participant.contract_id != access.contract.pk:
        raise Http404
    with transaction.atomic():
        audit_record(
            actor=access.user,
            action="ic_participant.read_health",
            target=participant,
            contract=access.contract,
            changes={"fields": list(Participant.HEALTH_FIELDS)},
        )
    return {name: getattr(participant, name) for name in Participant.HEALTH_FIELDS}


def participant_contacts(*, access: ContractAccess, participant: Participant) -> dict[str, str]:
    """The guardian, the emergency contacts and who collects the participant: for those who may
    read the health fields (the manager and the nurses), each read audited like them."""
    access.require(VIEW_HEALTH)
    if participant.contract_id != access.contract.pk:
        raise Http404
    with transaction.atomic():
        audit_record(
            actor=access.user,
            action="ic_participant.read_contacts",
            target=participant,
            contract=access.contract,
            changes={"fields": list(Participant.CONTACT_FIELDS)},
        )
    return {name: getattr(participant, name) for name in Participant.CONTACT_FIELDS}


def participants_todos(user: Any, today: Any, accesses: list[ContractAccess]) -> list[Any]:
    """The home page's to-do for the ward supervisor: the applications waiting for the
    eligibility check, counted per contract and year (a count, never a name). One query."""
    from django.db.models import Count
    from django.urls import reverse

    from itaku.core.registry import TodoItem
    from itaku.ichou.participants.decl import AGREE_ELIGIBILITY

    agreeing = {a.contract.pk: a for a in accesses if a.can(AGREE_ELIGIBILITY)}
    if not agreeing:
        return []
    waiting = (
        Registration.objects.filter(contract_id__in=agreeing, state=State.APPLIED)
        .values("contract_id", "fiscal_year")
        .annotate(n=Count("pk"))
        .order_by("contract_id", "fiscal_year")
    )
    return [
        TodoItem(
            agreeing[row["contract_id"]].contract,
            f"{row['fiscal_year']}年度の参加申込み{row['n']}件の参加資格を確認する",
            today,
            reverse("ichou:participants", args=[row["contract_id"], row["fiscal_year"]]),
            "参加者の一覧を見る",
        )
        for row in waiting
    ]


# ---- the participation plan (IC-9 仕様書 7(2)ア) ----------------------------------------------


def _approved_activities(contract: Any, fiscal_year: int) -> QuerySet[Any] | None:
    from itaku.ichou.programme.models import Activity, Programme

    programme = (
        Programme.objects.filter(
            contract=contract, fiscal_year=fiscal_year, state=Programme.State.APPROVED
        )
        .order_by("-version")
        .first()
    )
    if programme is None:
        return None
    return Activity.objects.filter(programme=programme, cancelled_for_weather=False).order_by(
        "date", "start", "group", "pk"
    )


def plan_activities(*, access: ContractAccess, fiscal_year: int) -> list[Any] | None:
    """The activities of the year's approved programme (not those cancelled for weather), for
    the blank 参加予定表; None when the year has no approved programme. Two queries."""
    access.require(VIEW_PARTICIPANTS)
    found = _approved_activities(access.contract, fiscal_year)
    return None if found is None else list(found)


def plan_choices(*, access: ContractAccess, registration: Registration) -> list[Any]:
    """The activities a registration may plan to come to: its year's approved programme's, of
    its group or joint. Empty when the year has no approved programme."""
    access.require(VIEW_PARTICIPANTS)
    from itaku.ichou.programme.models import Activity

    found = _approved_activities(access.contract, registration.fiscal_year)
    if found is None:
        return []
    return list(found.filter(group__in=[registration.group, Activity.Group.JOINT]))


def plan_of(*, access: ContractAccess, registration: Registration) -> set[int]:
    """The ids of the activities the registration planned to come to."""
    access.require(VIEW_PARTICIPANTS)
    return set(
        ParticipationPlan.objects.filter(
            registration=registration, registration__contract=access.contract
        ).values_list("activity_id", flat=True)
    )


@dataclass(frozen=True)
class PlanCount:
    planned: int
    registered: int


def plan_count(*, access: ContractAccess, activity: Any) -> PlanCount:
    """How many of the registered of the activity's group(s) planned to come, against how many
    are registered: counts only, no names, in one query."""
    from django.db.models import Count, Q

    from itaku.ichou.programme.models import Activity

    if activity.programme.contract_id != access.contract.pk:
        raise Http404
    registrations = Registration.objects.filter(
        contract=access.contract,
        fiscal_year=calendar.fiscal_year(activity.date),
        state=State.REGISTERED,
    )
    if activity.group != Activity.Group.JOINT:
        registrations = registrations.filter(group=activity.group)
    counts = registrations.aggregate(
        registered=Count("pk", distinct=True),
        planned=Count("plans", filter=Q(plans__activity=activity), distinct=True),
    )
    return PlanCount(planned=counts["planned"], registered=counts["registered"])
