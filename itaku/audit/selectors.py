"""Reading the audit log, through the access rule: an auditor reads the events of the contracts
they audit (PI-10)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from itaku.audit.models import AuditEvent
from itaku.core import domain
from itaku.core.selectors import contract_list


@dataclass(frozen=True)
class AuditFilter:
    contract_id: int | None = None
    username: str = ""
    action: str = ""
    target_type: str = ""
    target_id: str = ""
    start: date | None = None
    end: date | None = None


def audited_contracts(*, user: Any) -> list[Any]:
    """The contracts whose audit log the user may read."""
    return [a.contract for a in contract_list(user=user) if a.can(domain.Action.VIEW_AUDIT_LOG)]


def audit_event_list(*, user: Any, filters: AuditFilter) -> QuerySet[AuditEvent]:
    """The events of the user's audited contracts that match the filters, newest first; empty
    for anyone who audits nothing (the view answers 404 then)."""
    ids = [c.pk for c in audited_contracts(user=user)]
    events = AuditEvent.objects.filter(contract_id__in=ids).select_related("actor", "contract")
    if filters.contract_id is not None:
        events = events.filter(contract_id=filters.contract_id)
    if filters.username:
        events = events.filter(actor__username=filters.username)
    if filters.action:
        events = events.filter(action__startswith=filters.action)
    if filters.target_type:
        events = events.filter(target_type=filters.target_type)
    if filters.target_id:
        # A list page's read names its records in ``changes["ids"]``; matched as the quoted
        # string, so id 1 does not match 12 (``audit_reads``).
        events = events.filter(
            Q(target_id=filters.target_id)
            | Q(action__endswith=".read", changes__ids__icontains=f'"{filters.target_id}"')
        )
    tz = timezone.get_current_timezone()
    if filters.start:
        events = events.filter(occurred_at__gte=datetime.combine(filters.start, time(), tz))
    if filters.end:
        next_day = datetime.combine(filters.end + timedelta(days=1), time(), tz)
        events = events.filter(occurred_at__lt=next_day)
    return events.order_by("-occurred_at", "-id")
