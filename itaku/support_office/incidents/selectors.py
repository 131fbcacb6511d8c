"""Reads of incidents, consultations and follow-ups, always through the access rule (SO-7).

The office, the ward supervisor and the auditor read every record of the contract; a department
requester reads only the records of their own department, and another department's record is a
404 to them. Lists never open the sealed narratives."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from itaku.core.access import ContractAccess
from itaku.core.calendar import format_wareki
from itaku.core.domain import Role
from itaku.core.registry import TodoItem
from itaku.privacy.services.names import name_search
from itaku.support_office.incidents import rules
from itaku.support_office.incidents.decl import VIEW_INCIDENTS
from itaku.support_office.incidents.models import (
    Behaviour,
    Consultation,
    FollowUp,
    Incident,
    IncidentEvidence,
)
from itaku.web.lookup import get_or_404

# Who reads every department's records; anyone else holding VIEW_INCIDENTS is a requester.
SEES_ALL = frozenset({Role.MANAGER, Role.WORKER, Role.WARD_SUPERVISOR, Role.AUDITOR})


def department_scope(access: ContractAccess) -> int | None:
    """The department a requester is limited to; None for those who read every department.
    A requester without a department of their own reads nothing (-1 matches no row)."""
    if access.roles & SEES_ALL:
        return None
    person = getattr(access.user, "person", None)
    return person.organisation_id if person is not None else -1


def _scoped(queryset: QuerySet[Any], access: ContractAccess) -> QuerySet[Any]:
    access.require(VIEW_INCIDENTS)
    queryset = queryset.filter(contract=access.contract)
    scope = department_scope(access)
    return queryset if scope is None else queryset.filter(department_id=scope)


@dataclass(frozen=True)
class IncidentRow:
    incident: Incident

    @property
    def minutes(self) -> int | None:
        return rules.duration_minutes(self.incident.started_at, self.incident.ended_at)

    @property
    def long_detention(self) -> bool:
        return rules.is_long_detention(self.minutes)

    @property
    def behaviour_labels(self) -> list[str]:
        return behaviour_labels(self.incident.behaviours)


def behaviour_labels(values: list[str]) -> list[str]:
    labels = dict(Behaviour.choices)
    return [labels.get(v, v) for v in values]


def incident_list(*, access: ContractAccess) -> list[IncidentRow]:
    """The incidents the user may read, newest first, narratives neither read nor opened."""
    incidents = _scoped(Incident.objects.all(), access).defer(*Incident.NARRATIVE_FIELDS)
    incidents = incidents.select_related("department", "place")
    return [IncidentRow(incident) for incident in incidents]


def incident_get(*, access: ContractAccess, incident_id: Any) -> Incident:
    """One incident with its narratives; the view records the read (PI-9)."""
    return get_or_404(
        _scoped(
            Incident.objects.select_related(
                "department", "place", "recorded_by__person", "decided_by__person", "request"
            ),
            access,
        ),
        pk=incident_id,
    )


def incident_evidence(*, incident: Incident) -> list[IncidentEvidence]:
    return list(incident.evidence.select_related("attachment"))


def incident_follow_ups(*, incident: Incident) -> list[FollowUp]:
    return list(incident.follow_ups.select_related("assignee__person"))


@dataclass(frozen=True)
class PossibleMatch:
    """An earlier incident whose customer may be the same person: the office and the ward see
    its link; a requester of another department sees only its date."""

    started_at: datetime
    incident: Incident | None  # None: the reader may not open it


def possible_matches(*, access: ContractAccess, incident: Incident) -> list[PossibleMatch]:
    """「同一人物の可能性がある過去の事案」: earlier incidents on the contract, in any department,
    whose customer's name has the same blind index as this one's (PI-6, SO-7)."""
    access.require(VIEW_INCIDENTS)
    query = incident.customer_name or incident.customer_name_kana
    if not incident.customer_identified or not query.strip():
        return []
    earlier = (
        Incident.objects.filter(contract=access.contract, started_at__lt=incident.started_at)
        .exclude(pk=incident.pk)
        .only("pk", "number", "started_at", "department_id")
    )
    found = name_search(
        queryset=earlier, contract_id=access.contract.pk, query=query, prefix=False
    ).order_by("-started_at")
    scope = department_scope(access)
    return [
        PossibleMatch(
            started_at=match.started_at,
            incident=match if scope is None or match.department_id == scope else None,
        )
        for match in found
    ]


def consultation_list(*, access: ContractAccess) -> list[Consultation]:
    consultations = _scoped(Consultation.objects.all(), access)
    return list(
        consultations.defer(*Consultation.NARRATIVE_FIELDS).select_related("department", "incident")
    )


def consultation_get(*, access: ContractAccess, consultation_id: Any) -> Consultation:
    return get_or_404(
        _scoped(Consultation.objects.select_related("department", "incident"), access),
        pk=consultation_id,
    )


def consultation_follow_ups(*, consultation: Consultation) -> list[FollowUp]:
    return list(consultation.follow_ups.select_related("assignee__person"))


def follow_up_todos(user: Any, today: date, accesses: list[ContractAccess]) -> list[TodoItem]:
    """The to-do list (``core.todo``): each open follow-up assigned to the user, on contracts
    where they may still read the records, in one query (SO-7). The text names the record's
    number and the due date, never what is to be done (it is sealed)."""
    readable = [a.contract.pk for a in accesses if a.can(VIEW_INCIDENTS)]
    if not readable:
        return []
    open_items = (
        FollowUp.objects.filter(contract__in=readable, assignee=user, done_at__isnull=True)
        .defer("what")
        .select_related("contract", "incident", "consultation")
    )
    items = []
    for item in open_items:
        if item.incident is not None:
            record = f"事案 {item.incident.number}号"
            url = reverse(
                "support_office:incident-detail", args=[item.contract_id, item.incident_id]
            )
            since = timezone.localdate(item.incident.recorded_at)
        elif item.consultation is not None:
            record = f"相談 {item.consultation.number}号"
            url = reverse(
                "support_office:consultation-detail",
                args=[item.contract_id, item.consultation_id],
            )
            since = timezone.localdate(item.consultation.recorded_at)
        else:
            continue
        overdue = "・期限切れ" if item.due_on < today else ""
        items.append(
            TodoItem(
                contract=item.contract,
                what=f"{record}の事後の対応(期限 {format_wareki(item.due_on)}{overdue})",
                since=since,
                url=url,
                action_label="対応を確認する",
            )
        )
    return items
