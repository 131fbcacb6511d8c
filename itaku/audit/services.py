"""Writing and checking the audit log. Every service calls ``audit_record`` inside its own
transaction, so the change and its record are saved together or not at all (STYLE.md)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import connection, models, transaction
from django.db.models import Max
from django.utils import timezone

from itaku.audit import chain, context
from itaku.audit.chain import Break
from itaku.audit.models import AuditEvent, AuditHead
from itaku.core import registry

# Who acted as what (PI-9) is core's access rule; core hands its lookup over at start-up
# (``CoreConfig.ready``), so the audit log does not import the access rule.
ActingRoleResolver = Callable[[Any, Any], str]
_acting_role_resolver: ActingRoleResolver | None = None


def set_acting_role_resolver(resolver: ActingRoleResolver | None) -> None:
    """Use ``resolver(actor, contract)`` for the acting role of events recorded without one."""
    global _acting_role_resolver
    _acting_role_resolver = resolver


def _acting_role(actor: Any, contract: Any) -> str:
    if not getattr(actor, "pk", None):
        return ""
    if _acting_role_resolver is not None:
        return _acting_role_resolver(actor, contract)
    if contract is None and getattr(actor, "is_superuser", False):
        return "administrator"
    return ""


def audit_record(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    contract: Any = None,
    changes: dict[str, Any] | None = None,
    acting_role: str | None = None,
) -> AuditEvent:
    """Append one event to its contract's chain (or the platform chain). Must run inside the
    caller's ``transaction.atomic()``.

    That chain's head row is locked until the caller's transaction ends, so concurrent writers
    on one contract append one after another and never fork its chain, while writers on other
    contracts do not wait. ``acting_role`` is used as given; without it, the resolver core set
    up works it out."""
    return _append(
        actor=actor,
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        contract=contract,
        changes=changes or {},
        acting_role=acting_role,
    )


def _append(
    *,
    actor: Any,
    action: str,
    target_type: str,
    target_id: str,
    contract: Any,
    changes: dict[str, Any],
    acting_role: str | None,
) -> AuditEvent:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_record must run inside the service's transaction")
    if action not in registry.audit_events():
        # One catalogue (``contributions.AUDIT_EVENTS``): the auditor reads every event by its
        # label, so an event nobody declared is a programming error, not a new kind of event.
        raise ValueError(f"audit event {action!r} is not declared by any app")
    head = _locked_head(contract)
    event = AuditEvent(
        chain=head.chain,
        seq=head.seq + 1,
        occurred_at=timezone.now(),
        actor=actor if getattr(actor, "pk", None) else None,
        contract=contract,
        acting_role=_acting_role(actor, contract) if acting_role is None else acting_role,
        action=action,
        target_type=target_type,
        target_id=target_id,
        changes=changes,
        request_id=context.request_id.get(),
        source_ip=context.source_ip.get(),
    )
    event.hash = chain.next_hash(head.hash, event_facts(event))
    event.save()
    head.seq, head.hash = event.seq, event.hash
    head.save(update_fields=["seq", "hash"])
    return event


def _locked_head(contract: Any) -> AuditHead:
    """The chain's head, locked. A new chain's head is inserted if absent, then locked: two
    writers starting the same chain at once both end up on the one row (on PostgreSQL the second
    insert waits for the first and then does nothing), so the chain cannot fork."""
    key = chain.chain_key(contract.pk if contract is not None else None)
    heads = AuditHead.objects.select_for_update()
    head = heads.filter(chain=key).first()
    if head is None:
        # ON CONFLICT on the chain only (PostgreSQL and SQLite alike): any other conflict, such
        # as an id already taken, fails loudly instead of leaving the chain without a head.
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO audit_audithead (chain, contract_id, seq, hash) "
                "VALUES (%s, %s, 0, %s) ON CONFLICT (chain) DO NOTHING",
                [key, contract.pk if contract is not None else None, chain.GENESIS],
            )
        head = heads.get(chain=key)
    return head


def audit_reads(*, actor: Any, contract: Any, records: Iterable[models.Model]) -> list[AuditEvent]:
    """One access event for the personal data a page or API call shows (PI-9): ``<entity>.read``
    with the ids of the records shown, one event per kind of record. A single record is also
    the event's target, so filtering the log by a record finds it either way."""
    kinds: dict[type[models.Model], list[models.Model]] = {}
    for record in records:
        kinds.setdefault(type(record), []).append(record)
    events = []
    with transaction.atomic():
        for model, shown in kinds.items():
            events.append(
                _append(
                    actor=actor,
                    action=f"{entity_name(model)}.read",
                    target_type=model._meta.label_lower,
                    target_id=str(shown[0].pk) if len(shown) == 1 else "",
                    contract=contract,
                    changes={"ids": [str(r.pk) for r in shown]},
                    acting_role=None,
                )
            )
    return events


def entity_name(model: type[models.Model]) -> str:
    """``RosterEntry`` → ``roster_entry``: the entity part of an audit event's name."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", model.__name__).lower()


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
        chain=event.chain,
    )


@dataclass(frozen=True)
class ChainReport:
    """One chain as verified: its key, the name people know it by, its events, its head and its
    first break, if any."""

    chain: str
    name: str
    count: int
    head_seq: int
    head_hash: str
    found: Break | None


@dataclass(frozen=True)
class Verification:
    chains: list[ChainReport]

    @property
    def count(self) -> int:
        return sum(c.count for c in self.chains)

    @property
    def breaks(self) -> list[ChainReport]:
        return [c for c in self.chains if c.found is not None]


def chain_name(key: str, contract_number: str | None) -> str:
    """How a chain is named in reports: the contract's number, ``platform`` or ``legacy``."""
    return contract_number if contract_number else key


def audit_verify() -> Verification:
    """Walk every chain against its head; report each chain's first break, if any.

    Each head is read before its events and the events up to it are walked, so events appended
    meanwhile by other writers are left for the next run. Rows past the head are then looked for
    and the head read again: an append moves row and head in one transaction, so a row past the
    head as it is now was not written by an append."""
    heads = {h.chain: h for h in AuditHead.objects.select_related("contract")}
    keys = set(heads) | set(AuditEvent.objects.values_list("chain", flat=True).distinct())
    reports = []
    for key in sorted(keys):
        head = heads.get(key)
        rows = AuditEvent.objects.filter(chain=key).order_by("seq")
        if head is not None:
            rows = rows.filter(seq__lte=head.seq)
        count = 0

        def facts(rows: Any = rows) -> Any:
            nonlocal count
            for event in rows.iterator(chunk_size=2000):
                count += 1
                yield event_facts(event), event.hash

        # A chain with events but no head has lost it: it is shorter than nothing.
        last = (head.seq, head.hash) if head is not None else (0, chain.GENESIS)
        found = chain.first_break(facts(), head=last)
        if found is None:
            found = _past_the_head(key, last[0])
        number = head.contract.number if head is not None and head.contract else None
        reports.append(
            ChainReport(
                chain=key,
                name=chain_name(key, number),
                count=count,
                head_seq=head.seq if head is not None else 0,
                head_hash=head.hash if head is not None else chain.GENESIS,
                found=found,
            )
        )
    return Verification(reports)


def _past_the_head(key: str, seq: int) -> Break | None:
    past = AuditEvent.objects.filter(chain=key, seq__gt=seq).aggregate(last=Max("seq"))["last"]
    if past is None:
        return None
    now = AuditHead.objects.filter(chain=key).values_list("seq", flat=True).first() or 0
    return chain.beyond_head(now) if past > now else None


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
