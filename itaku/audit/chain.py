"""The hash chain of the audit log, on plain values (no database).

``hash_n = sha256(hash_{n-1} ‖ canonical_bytes(event_n))``, starting from 64 zeros.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

GENESIS = "0" * 64


@dataclass(frozen=True)
class EventFacts:
    """The fields of an audit event that the chain covers."""

    seq: int
    occurred_at: datetime
    actor_id: int | None
    contract_id: int | None
    action: str
    target_type: str
    target_id: str
    changes: Any
    request_id: str
    source_ip: str | None
    acting_role: str = ""


def canonical_bytes(event: EventFacts) -> bytes:
    """The event as UTF-8 JSON with sorted keys and the time in UTC, the same on every
    database and every run."""
    values = {
        "seq": event.seq,
        "occurred_at": event.occurred_at.astimezone(UTC).isoformat(timespec="microseconds"),
        "actor_id": event.actor_id,
        "contract_id": event.contract_id,
        "action": event.action,
        "target_type": event.target_type,
        "target_id": event.target_id,
        "changes": event.changes,
        "request_id": event.request_id,
        "source_ip": event.source_ip,
    }
    # Added later: covered when present, so events written before it keep their hashes.
    if event.acting_role:
        values["acting_role"] = event.acting_role
    return json.dumps(values, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def next_hash(previous: str, event: EventFacts) -> str:
    return hashlib.sha256(previous.encode() + canonical_bytes(event)).hexdigest()


@dataclass(frozen=True)
class Break:
    """Where the chain first fails: the position (1-based) and why."""

    index: int
    reason: str


def first_break(rows: Iterable[tuple[EventFacts, str]]) -> Break | None:
    """Walk the events in sequence order with their stored hashes; None if the chain holds.

    A changed row fails its own hash; a deleted row leaves a gap in the numbering; a reordered
    row fails the hash of the first row out of place."""
    previous = GENESIS
    for index, (event, stored) in enumerate(rows, start=1):
        if event.seq != index:
            return Break(index, f"連番が {index} ではなく {event.seq} です(記録の削除)")
        if next_hash(previous, event) != stored:
            return Break(index, "ハッシュ値が一致しません(記録の改ざん・入れ替え)")
        previous = stored
    return None
