"""The world of the money tests: the programme tests' draft programme of FY (the demo's
activities), its activities by kind, and the demo's sheets, ledger lines and lodgings."""

from __future__ import annotations

from datetime import date
from typing import Any

from itaku.ichou.money import services
from itaku.ichou.money.demo import (
    PNG,
    eligible_lodging_values,
    ineligible_lodging_values,
    sheet_values,
)
from itaku.ichou.money.models import BusHikeLedgerEntry, CostSheet, Lodging
from itaku.ichou.programme.models import Activity, Programme
from itaku.ichou.programme.tests.helpers import FY, draft

__all__ = ["FY", "PNG"]


def programme(world: Any) -> Programme:
    found = Programme.objects.filter(contract=world.contract, fiscal_year=FY).first()
    return found if found is not None else draft(world)


def activity(world: Any, kind: str) -> Activity:
    found = programme(world).activities.filter(kind=kind).order_by("date", "pk").first()
    assert found is not None, kind
    return found


def sheet(world: Any, kind: str = "bus_hike", **change: Any) -> CostSheet:
    programme(world)
    return services.cost_sheet_save(
        actor=world.manager,
        access=world.access(world.manager),
        activity=activity(world, kind),
        values=sheet_values(kind) | change,
    )


def entry(
    world: Any, kind: str = "received", amount: int = 1_000, **change: Any
) -> BusHikeLedgerEntry:
    values = {
        "entry_date": date(FY, 6, 1),
        "kind": kind,
        "amount": amount,
        "description": "参加者負担金の受入" if kind == "received" else "バス代の支払",
    } | change
    programme(world)
    return services.ledger_entry_add(
        actor=world.manager,
        access=world.access(world.manager),
        activity=activity(world, "bus_hike"),
        values=values,
        receipt=("領収書.png", PNG) if kind == "paid" else None,
    )


def lodging(world: Any, *, eligible: bool = True, evidence: bool = True, **change: Any) -> Lodging:
    values = eligible_lodging_values() if eligible else ineligible_lodging_values()
    programme(world)
    return services.lodging_create(
        actor=world.manager,
        access=world.access(world.manager),
        values=values | change,
        evidence=("書類.png", PNG) if evidence else None,
    )
