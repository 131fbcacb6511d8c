"""The money part of the demo (``DEMO_STEPS``), through the services: a cost sheet for each day
outing, bus hike and overnight trip of the demo year (IC-27), the bus hike's ledger with a few
lines, the payments with their receipts (IC-16), and two lodgings, one eligible with its
evidence and chosen for the overnight trip, one built to the old standard without a diagnosis
(IC-25)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from itaku.core.access import contract_access
from itaku.core.models import User
from itaku.ichou.money import services

# A 1×1 PNG: the demo's receipts and the lodging's evidence.
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)

# Per participant, in yen (IC-27).
SHEETS: dict[str, dict[str, Any]] = {
    "outing": {"transport": 840, "food": 1_200, "lodging": 0, "materials": 0, "admissions": 0},
    "bus_hike": {
        "transport": 6_000,
        "food": 1_500,
        "lodging": 0,
        "materials": 300,
        "admissions": 800,
    },
    "overnight": {
        "transport": 7_000,
        "food": 4_500,
        "lodging": 9_800,
        "materials": 500,
        "admissions": 1_000,
    },
}


def sheet_values(kind: str, rounding: str = "down") -> dict[str, Any]:
    return SHEETS[kind] | {"rounding": rounding}


def eligible_lodging_values() -> dict[str, Any]:
    """A hotel built to the new standard (15(1)イ(ア))."""
    return {
        "name": "ホテル箱根みなと荘",
        "address": "神奈川県足柄下郡箱根町湯本1-2-3",
        "hotel_or_ryokan": True,
        "floors": 6,
        "floor_area_m2": "6200.00",
        "built_year": 1998,
        "diagnosed_safe": "unknown",
        "result_published": False,
        "note": "",
    }


def ineligible_lodging_values() -> dict[str, Any]:
    """A ryokan built to the old standard and never diagnosed (15(1)イ is not met)."""
    return {
        "name": "旅館 古湯館",
        "address": "静岡県伊東市湯川4-5-6",
        "hotel_or_ryokan": True,
        "floors": 2,
        "floor_area_m2": "900.00",
        "built_year": 1975,
        "diagnosed_safe": "unknown",
        "result_published": False,
        "note": "耐震診断の予定は未定と聞いている。",
    }


def money_demo_step(world: Any) -> None:
    from itaku.ichou.programme.models import Activity, Programme

    contract = world.contracts["ichou"]
    manager = User.objects.get(username="ic-manager")
    access = contract_access(manager, contract.pk, on=world.working_day)
    programme = (
        Programme.objects.filter(contract=contract, fiscal_year=world.fiscal_year)
        .order_by("-version")
        .first()
    )
    if programme is None:
        return
    activities = list(
        Activity.objects.filter(programme=programme, kind__in=list(SHEETS))
        .select_related("programme")
        .order_by("date")
    )
    for activity in activities:
        services.cost_sheet_save(
            actor=manager, access=access, activity=activity, values=sheet_values(activity.kind)
        )
    hike = next((a for a in activities if a.kind == "bus_hike"), None)
    if hike is not None:
        before = hike.date - timedelta(days=14)
        lines: list[tuple[date, str, int, str, bool]] = [
            (before, "received", 60 * 2_100, "参加者負担金の受入(60名分)", False),
            (before + timedelta(days=3), "paid", 98_000, "貸切バス代の支払", True),
            (hike.date, "paid", 24_000, "昼食代の支払", True),
        ]
        for day, kind, amount, text, receipt in lines:
            services.ledger_entry_add(
                actor=manager,
                access=access,
                activity=hike,
                values={"entry_date": day, "kind": kind, "amount": amount, "description": text},
                receipt=("領収書.png", PNG) if receipt else None,
            )
    good = services.lodging_create(
        actor=manager,
        access=access,
        values=eligible_lodging_values(),
        evidence=("建築確認の書類.png", PNG),
    )
    services.lodging_create(actor=manager, access=access, values=ineligible_lodging_values())
    trip = next((a for a in activities if a.kind == "overnight"), None)
    if trip is not None:
        services.lodging_choose(actor=manager, access=access, activity=trip, lodging=good)
