"""Pure rules of the dispatch on plain values (SO-1, SO-2, SO-5): which step may follow which,
whether a day is inside the contract period, a request's age in minutes and the board's order.

No database: the services and selectors call these with what they have loaded; the tests read
them as tables naming the clause.
"""

from __future__ import annotations

from datetime import date, datetime

# SO-2: 受付 → 対応中 → 出発 → 到着 → 完了 or 継続. A consultation or advice given from the office
# needs no journey, so 対応中 may go straight to 完了 or 継続; a continuing case is completed later.
TRANSITIONS: dict[str, frozenset[str]] = {
    "received": frozenset({"accepted", "cancelled"}),
    "accepted": frozenset({"departed", "completed", "continuing"}),
    "departed": frozenset({"arrived"}),
    "arrived": frozenset({"completed", "continuing"}),
    "continuing": frozenset({"completed"}),
    "completed": frozenset(),
    "cancelled": frozenset(),
}

# The time field each step stamps.
STAMPS = {
    "accepted": "accepted_at",
    "departed": "departed_at",
    "arrived": "arrived_at",
    "completed": "completed_at",
    "continuing": "continuing_at",
}


def can_move(current: str, to: str) -> bool:
    """SO-2: whether a request in ``current`` may be moved to ``to``."""
    return to in TRANSITIONS.get(current, frozenset())


def inside_period(day: date, *, start: date, end: date) -> bool:
    """SO-1: whether ``day`` falls in the contract period (both ends included)."""
    return start <= day <= end


def age_minutes(requested_at: datetime, now: datetime) -> int:
    """Whole minutes since the request (never negative: a clock a little ahead shows 0)."""
    return max(0, int((now - requested_at).total_seconds()) // 60)


def board_key(*, kind: str, requested_at: datetime, pk: int) -> tuple[int, datetime, int]:
    """SO-5: emergencies first, then the oldest request first."""
    return (0 if kind == "emergency" else 1, requested_at, pk)
