"""The world of the programme tests: the test world's contract made a いちょう学級 contract, with
its obligations declared, and a programme that passes the rules (the demo's)."""

from __future__ import annotations

from typing import Any

from itaku.core.models import Contract
from itaku.core.services.obligations import obligations_declare_standard
from itaku.ichou.programme import services
from itaku.ichou.programme.demo import programme_values
from itaku.ichou.programme.models import Programme

FY = 2026


def make_ichou(world: Any) -> Any:
    """The world's contract as a いちょう学級 contract (its roster stays as it is)."""
    if world.contract.service_kind != "ichou":
        Contract.objects.filter(pk=world.contract.pk).update(service_kind="ichou")
        world.contract.refresh_from_db()
        obligations_declare_standard(actor=world.admin, contract=world.contract)
    return world


def valid_values() -> list[dict[str, Any]]:
    return programme_values(FY)


def draft(world: Any, values: list[dict[str, Any]] | None = None) -> Programme:
    make_ichou(world)
    access = world.access(world.manager)
    programme = services.programme_start(actor=world.manager, access=access, fiscal_year=FY)
    for v in valid_values() if values is None else values:
        services.activity_add(actor=world.manager, access=access, programme=programme, values=v)
    return programme


def submitted(world: Any) -> Programme:
    programme = draft(world)
    return services.programme_submit(
        actor=world.manager, access=world.access(world.manager), programme=programme
    )


def approved(world: Any) -> Programme:
    programme = submitted(world)
    return services.programme_decide(
        actor=world.supervisor,
        access=world.access(world.supervisor),
        programme=programme,
        approve=True,
    )
