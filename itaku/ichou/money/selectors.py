"""Reads of the money part through the access rule (anything not allowed answers 404), and the
rules applied to what is stored: each activity's share, headcount and total (IC-27), the bus
hike's ledger with its running balance (IC-16), each lodging's verdict (IC-25). Lists read in
a fixed number of queries however many rows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from itaku.core import calendar
from itaku.core.access import ContractAccess
from itaku.ichou.domain import ActivityKind
from itaku.ichou.money import rules
from itaku.ichou.money.decl import VIEW_MONEY
from itaku.ichou.money.models import BusHikeLedgerEntry, CostSheet, Lodging, LodgingChoice
from itaku.ichou.money.services import lodging_verdict
from itaku.ichou.programme.models import Activity, Programme


def activity_get(*, access: ContractAccess, activity_id: Any) -> Activity:
    from itaku.web.lookup import get_or_404

    access.require(VIEW_MONEY)
    return get_or_404(
        Activity.objects.filter(programme__contract=access.contract).select_related("programme"),
        pk=activity_id,
    )


def year_activities(*, access: ContractAccess, fiscal_year: int) -> list[Activity]:
    """The activities of the year's newest programme version, with their cost sheets."""
    access.require(VIEW_MONEY)
    programme = (
        Programme.objects.filter(contract=access.contract, fiscal_year=fiscal_year)
        .order_by("-version")
        .first()
    )
    if programme is None:
        return []
    return list(
        Activity.objects.filter(programme=programme)
        .select_related("programme", "cost_sheet")
        .order_by("date", "start", "group", "pk")
    )


def headcounts(activities: list[Activity]) -> dict[int, rules.Headcount]:
    """Each activity's paying participants (``rules.headcount``), in two queries however many
    activities."""
    from itaku.ichou.day.models import CheckIn
    from itaku.ichou.participants.models import Registration

    if not activities:
        return {}
    contract_id = activities[0].programme.contract_id
    checked: dict[int, tuple[int, int]] = {}
    for row in (
        CheckIn.objects.filter(
            contract_id=contract_id,
            day__activity__in=[a.pk for a in activities],
            participant__isnull=False,
        )
        .values("day__activity")
        .annotate(total=Count("pk"), came=Count("pk", filter=~Q(result=CheckIn.Result.STAY_HOME)))
    ):
        checked[row["day__activity"]] = (row["total"], row["came"])
    years = {calendar.fiscal_year(a.date) for a in activities}
    registered: dict[tuple[int, str], int] = {}
    for row in (
        Registration.objects.filter(
            contract_id=contract_id,
            fiscal_year__in=years,
            state=Registration.State.REGISTERED,
        )
        .values("fiscal_year", "group")
        .annotate(n=Count("pk"))
    ):
        registered[(row["fiscal_year"], row["group"])] = row["n"]
    out: dict[int, rules.Headcount] = {}
    for a in activities:
        year = calendar.fiscal_year(a.date)
        groups = ("1", "2") if a.group == Activity.Group.JOINT else (a.group,)
        total, present = checked.get(a.pk, (0, 0))
        out[a.pk] = rules.headcount(
            checked_in=total,
            present=present,
            registered=sum(registered.get((year, g), 0) for g in groups),
            expected=a.expected_participants,
        )
    return out


def sheet_of(activity: Activity) -> CostSheet | None:
    try:
        return activity.cost_sheet  # type: ignore[attr-defined, no-any-return]
    except CostSheet.DoesNotExist:
        return None


def cost_of(activity: Activity, sheet: CostSheet | None, people: rules.Headcount) -> Any:
    """``rules.cost_result`` of the activity's sheet, or None when it has none yet."""
    if sheet is None:
        return None
    return rules.cost_result(
        activity.kind,
        transport=sheet.transport,
        food=sheet.food,
        lodging=sheet.lodging,
        materials=sheet.materials,
        admissions=sheet.admissions,
        rounding=sheet.rounding,
        people=people,
    )


@dataclass(frozen=True)
class CostRow:
    activity: Activity
    sheet: CostSheet | None
    people: rules.Headcount
    result: rules.CostResult | None
    has_share: bool
    ward_collects: bool


def cost_rows(activities: list[Activity]) -> list[CostRow]:
    from itaku.ichou import domain

    counts = headcounts(activities)
    rows = []
    for a in activities:
        sheet = sheet_of(a)
        rows.append(
            CostRow(
                activity=a,
                sheet=sheet,
                people=counts[a.pk],
                result=cost_of(a, sheet, counts[a.pk]),
                has_share=rules.kind_has_share(a.kind),
                ward_collects=domain.ward_collects(a.kind),
            )
        )
    return rows


# --- IC-16 ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LedgerRow:
    entry: BusHikeLedgerEntry
    balance: int
    reversed: bool


@dataclass(frozen=True)
class Ledger:
    rows: list[LedgerRow]
    received: int
    paid: int
    balance: int


def ledger_of(*, access: ContractAccess, activity: Activity) -> Ledger:
    """The bus hike's lines in order with the running balance (IC-16); two queries."""
    access.require(VIEW_MONEY)
    entries = list(
        BusHikeLedgerEntry.objects.filter(contract=access.contract, activity=activity)
        .select_related("receipt")
        .order_by("entry_date", "pk")
    )
    reversed_ids = {e.reverses_id for e in entries if e.reverses_id is not None}
    totals = rules.ledger_totals(
        rules.Line(e.kind, e.amount, e.reverses_id is not None) for e in entries
    )
    rows = [
        LedgerRow(entry=e, balance=b, reversed=e.pk in reversed_ids)
        for e, b in zip(entries, totals.balances, strict=True)
    ]
    return Ledger(rows=rows, received=totals.received, paid=totals.paid, balance=totals.balance)


def entry_get(*, access: ContractAccess, activity: Activity, entry_id: Any) -> BusHikeLedgerEntry:
    from itaku.web.lookup import get_or_404

    access.require(VIEW_MONEY)
    return get_or_404(
        BusHikeLedgerEntry.objects.filter(contract=access.contract, activity=activity),
        pk=entry_id,
    )


def bus_hikes(*, access: ContractAccess, activities: list[Activity]) -> list[Activity]:
    return [a for a in activities if a.kind == ActivityKind.BUS_HIKE]


# --- IC-25 ------------------------------------------------------------------------------------


def lodgings_of(*, access: ContractAccess) -> QuerySet[Lodging]:
    access.require(VIEW_MONEY)
    return Lodging.objects.filter(contract=access.contract).select_related("evidence")


def lodging_get(*, access: ContractAccess, lodging_id: Any) -> Lodging:
    from itaku.web.lookup import get_or_404

    return get_or_404(lodgings_of(access=access), pk=lodging_id)


@dataclass(frozen=True)
class LodgingRow:
    lodging: Lodging
    verdict: rules.LodgingVerdict
    chosen_for: list[Activity]


def lodging_rows(*, access: ContractAccess) -> list[LodgingRow]:
    """Each lodging with its verdict and the trips it is chosen for; two queries."""
    lodgings = list(lodgings_of(access=access))
    chosen: dict[int, list[Activity]] = {lodging.pk: [] for lodging in lodgings}
    for choice in LodgingChoice.objects.filter(contract=access.contract).select_related("activity"):
        chosen.setdefault(choice.lodging_id, []).append(choice.activity)
    return [
        LodgingRow(lodging, lodging_verdict(lodging), chosen[lodging.pk]) for lodging in lodgings
    ]


def lodging_choice_of(activity: Activity) -> LodgingChoice | None:
    return LodgingChoice.objects.filter(activity=activity).select_related("lodging").first()
