"""Writing and checking the audit log. Every service calls ``audit_record`` inside its own
transaction, so the change and its record are saved together or not at all (STYLE.md)."""

from __future__ import annotations

from typing import Any

from django.db import models, transaction
from django.utils import timezone

from itaku.audit import chain, context
from itaku.audit.models import AuditEvent, AuditHead


def audit_record(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    contract: Any = None,
    changes: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the chain. Must run inside the caller's ``transaction.atomic()``.

    The chain's head row is locked until the caller's transaction ends, so concurrent writers
    append one after another and never fork the chain."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_record must run inside the service's transaction")
    head, _ = AuditHead.objects.select_for_update().get_or_create(pk=1)
    event = AuditEvent(
        seq=head.seq + 1,
        occurred_at=timezone.now(),
        actor=actor if getattr(actor, "pk", None) else None,
        contract=contract,
        acting_role=acting_role(actor, contract),
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        changes=changes or {},
        request_id=context.request_id.get(),
        source_ip=context.source_ip.get(),
    )
    event.hash = chain.next_hash(head.hash, event_facts(event))
    event.save()
    head.seq, head.hash = event.seq, event.hash
    head.save(update_fields=["seq", "hash"])
    return event


def acting_role(actor: Any, contract: Any) -> str:
    """The roles the actor holds on the contract at this moment (PI-9: who acted as what), e.g.
    ``manager`` or ``ward_supervisor,auditor``; ``administrator`` for the ward's IT staff. Cached
    for the request, since a list page records one event per row."""
    if not getattr(actor, "pk", None):
        return ""
    if contract is None:
        return "administrator" if getattr(actor, "is_superuser", False) else ""
    from itaku.core.access import active_entries

    cache = context.role_cache.get()
    key = (actor.pk, contract.pk)
    if cache is not None and key in cache:
        return cache[key]
    roles = sorted(
        set(active_entries(actor).filter(contract=contract).values_list("role", flat=True))
    )
    role = ",".join(roles) or ("administrator" if getattr(actor, "is_superuser", False) else "")
    if cache is not None:
        cache[key] = role
    return role


def audit_reads(*, actor: Any, contract: Any, records: list[models.Model]) -> None:
    """One access event per record of personal data shown, list pages included (PI-9)."""
    with transaction.atomic():
        for record in records:
            audit_record(actor=actor, action="read", target=record, contract=contract)


def event_facts(event: AuditEvent) -> chain.EventFacts:
    return chain.EventFacts(
        seq=event.seq,
        occurred_at=event.occurred_at,
        actor_id=event.actor_id,
        contract_id=event.contract_id,
        action=event.action,
        target_type=event.target_type,
        target_id=event.target_id,
        changes=event.changes,
        request_id=event.request_id,
        source_ip=event.source_ip,
        acting_role=event.acting_role,
    )


def audit_verify() -> tuple[int, chain.Break | None]:
    """Walk the whole chain; returns how many events were read and the first break, if any."""
    rows = AuditEvent.objects.order_by("seq").iterator(chunk_size=2000)
    count = 0

    def facts() -> Any:
        nonlocal count
        for event in rows:
            count += 1
            yield event_facts(event), event.hash

    found = chain.first_break(facts())
    return count, found


def field_changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """Before and after of each changed field, as JSON-safe strings."""
    return {
        name: {"before": _plain(before.get(name)), "after": _plain(value)}
        for name, value in after.items()
        if before.get(name) != value
    }


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | str | list):
        return value
    return str(value)
