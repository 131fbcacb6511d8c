"""The hash chains of the audit log, on plain values (no database).

Each contract has its own chain, and events with no contract form the platform chain, so writers
on different contracts never wait for one another (PI-9). Within a chain
``hash_n = sha256(hash_{n-1} ‖ canonical_bytes(event_n))``, starting from 64 zeros, and the
events are numbered 1, 2, 3, … in their chain.

The events written before the chains were split (one global chain numbered by ``seq``) stay as
they are in the ``legacy`` chain: the table is append-only, so they cannot be renumbered, and
their bytes and hashes are exactly those of the old format, so they verify as before and old
checkpoints still match.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

GENESIS = "0" * 64
LEGACY = "legacy"
PLATFORM = "platform"


def chain_key(contract_id: int | None) -> str:
    """The chain an event on this contract (or on none) is appended to."""
    return PLATFORM if contract_id is None else f"contract-{contract_id}"


@dataclass(frozen=True)
class EventFacts:
    """The fields of an audit event that the chain covers; ``seq`` is its number in its chain."""

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
    chain: str = LEGACY


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
    # The chain is covered too, so an event moved into another chain breaks both; legacy events
    # were hashed without it.
    if event.chain != LEGACY:
        values["chain"] = event.chain
    return json.dumps(values, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def next_hash(previous: str, event: EventFacts) -> str:
    return hashlib.sha256(previous.encode() + canonical_bytes(event)).hexdigest()


@dataclass(frozen=True)
class Break:
    """Where a chain first fails: the position (1-based) in that chain and why."""

    index: int
    reason: str


def beyond_head(last: int) -> Break:
    """A chain has rows past its head: written around the append, which moves both together."""
    return Break(last + 1, f"末尾({last} 件目)より後に記録があります(記録の追加)")


def first_break(
    rows: Iterable[tuple[EventFacts, str]], *, head: tuple[int, str] | None = None
) -> Break | None:
    """Walk one chain's events in sequence order with their stored hashes; None if it holds.

    A changed row fails its own hash; a deleted row leaves a gap in the numbering; a reordered
    row fails the hash of the first row out of place. With the chain's ``head`` (last number,
    last hash), rows cut off at the end are found too: the chain is shorter than its head."""
    previous = GENESIS
    count = 0
    for index, (event, stored) in enumerate(rows, start=1):
        count = index
        if event.seq != index:
            return Break(index, f"連番が {index} ではなく {event.seq} です(記録の削除)")
        if next_hash(previous, event) != stored:
            return Break(index, "ハッシュ値が一致しません(記録の改ざん・入れ替え)")
        previous = stored
    if head is not None:
        last, last_hash = head
        if last > count:
            return Break(
                count + 1, f"末尾の記録({last} 件目)が見つかりません({count + 1} 件目以降の削除)"
            )
        if last < count:
            return beyond_head(last)
        if last and last_hash != previous:
            return Break(count, "末尾のハッシュ値と一致しません(記録の改ざん)")
    return None
