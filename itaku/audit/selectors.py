"""Reading the audit log, through the access rule: an auditor reads the events of the contracts
they audit (PI-10)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from itaku.audit.contributions import VIEW_AUDIT_LOG
from itaku.audit.models import AuditEvent
from itaku.core.selectors import contract_list


@dataclass(frozen=True)
class AuditFilter:
    contract_id: int | None = None
    actor: int | None = None  # the user id of the person who acted
    # Kept for the exports asked before people were chosen by id: their filters still hold.
    username: str = ""
    action: str = ""
    target_type: str = ""
    target_id: str = ""
    start: date | None = None
    end: date | None = None

    def as_parameters(self) -> dict[str, Any]:
        """The filters set, as JSON values (kept on an export request)."""
        return {
            k: v.isoformat() if isinstance(v, date) else v
            for k, v in asdict(self).items()
            if v not in (None, "")
        }

    @classmethod
    def from_parameters(cls, values: dict[str, Any]) -> AuditFilter:
        dates = {k: date.fromisoformat(values[k]) for k in ("start", "end") if values.get(k)}
        known = {k: values[k] for k in cls.__dataclass_fields__ if k in values}
        return cls(**{**known, **dates})


TABLE_COLUMNS = ["連番", "連鎖", "日時", "操作者", "立場", "契約番号", "操作", "対象の種類",
                 "対象のID", "変更内容", "リクエストID", "接続元", "ハッシュ値"]  # fmt: skip


def audited_contracts(*, user: Any) -> list[Any]:
    """The contracts whose audit log the user may read."""
    return [a.contract for a in contract_list(user=user) if a.can(VIEW_AUDIT_LOG)]


def audit_event_list(*, user: Any, filters: AuditFilter) -> QuerySet[AuditEvent]:
    """The events of the user's audited contracts that match the filters, newest first; empty
    for anyone who audits nothing (the view answers 404 then)."""
    ids = [c.pk for c in audited_contracts(user=user)]
    events = AuditEvent.objects.filter(contract_id__in=ids).select_related(
        "actor__person", "contract"
    )
    if filters.contract_id is not None:
        events = events.filter(contract_id=filters.contract_id)
    if filters.actor is not None:
        events = events.filter(actor_id=filters.actor)
    if filters.username:
        events = events.filter(actor__username=filters.username)
    if "." in filters.action:
        # One event of the catalogue: exactly, or ログイン (auth.login) would find
        # ログインの失敗 (auth.login_failed) too.
        events = events.filter(action=filters.action)
    elif filters.action:
        # A part of a name, as exports asked before the catalogue's choices keep it.
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


def audit_event_people(*, contracts: list[Any]) -> list[Any]:
    """The people who acted in the events of ``contracts`` (contracts the user audits, from
    ``audited_contracts``), by name: whom the auditor may choose in the log's filter."""
    from django.contrib.auth import get_user_model

    actors = AuditEvent.objects.filter(contract__in=contracts).values("actor_id")
    people = get_user_model().objects.filter(pk__in=actors).select_related("person")
    return sorted(people, key=lambda u: (u.get_full_name(), u.pk))


def audit_event_target_types(*, contracts: list[Any]) -> list[str]:
    """The kinds of record (``app.model``) the events of ``contracts`` are about."""
    found = (
        AuditEvent.objects.filter(contract__in=contracts)
        .exclude(target_type="")
        .order_by()  # the model's ordering would make every row distinct
        .values_list("target_type", flat=True)
        .distinct()
    )
    return list(found)


def audit_event_last_id(*, user: Any, filters: AuditFilter) -> int:
    """The row id of the newest event that matches, 0 if none: an export of the log holds the
    events up to it, the ones the auditor saw when asking. (Ids, not the numbers in a chain:
    those restart in every chain.)"""
    newest = audit_event_list(user=user, filters=filters).values_list("id", flat=True).first()
    return newest or 0


def audit_event_table(
    *, user: Any, filters: AuditFilter, until_id: int
) -> tuple[list[str], list[list[Any]]]:
    """The matching events up to the row ``until_id``, oldest first, as the columns and rows of
    the auditor's export (PI-10)."""
    events = audit_event_list(user=user, filters=filters).filter(id__lte=until_id)
    rows = [
        [  # seconds matter in a log: the time as text, not a minute-rounded datetime cell
            e.seq,
            e.chain,
            timezone.localtime(e.occurred_at).isoformat(timespec="seconds"),
            e.actor.username if e.actor else "",
            e.acting_role,
            e.contract.number if e.contract else "",
            e.action,
            e.target_type,
            e.target_id,
            json.dumps(e.changes, ensure_ascii=False, sort_keys=True) if e.changes else "",
            e.request_id,
            e.source_ip or "",
            e.hash,
        ]
        for e in events.order_by("occurred_at", "id").iterator()
    ]
    return list(TABLE_COLUMNS), rows
