"""The world of the agreements tests: the test world's contract as a いちょう学級 contract, an
agreement record of a kind (the demo's values), a quarter requested."""

from __future__ import annotations

from datetime import date
from typing import Any

from itaku.ichou.agreements import services
from itaku.ichou.agreements.demo import agreement_values
from itaku.ichou.agreements.models import Agreement, QuarterConfirmation
from itaku.ichou.programme.tests.helpers import make_ichou

# The first day after the first quarter of the test fiscal year (2026).
AFTER_Q1 = date(2026, 7, 1)


def agreement(world: Any, kind: str = "other", *, by: Any = None, **change: Any) -> Agreement:
    make_ichou(world)
    actor = by or world.manager
    return services.agreement_record(
        actor=actor, access=world.access(actor), values=agreement_values(kind) | change
    )


def confirmed(world: Any, kind: str = "other", **change: Any) -> Agreement:
    record = agreement(world, kind, **change)
    return services.agreement_confirm(
        actor=world.supervisor, access=world.access(world.supervisor), agreement=record
    )


def requested(world: Any, quarter: int = 1, fiscal_year: int = 2026) -> QuarterConfirmation:
    make_ichou(world)
    return services.quarter_request(
        actor=world.manager,
        access=world.access(world.manager, on=AFTER_Q1),
        fiscal_year=fiscal_year,
        quarter=quarter,
    )
