"""Reads of the office's records, always through the access rule: VIEW_OFFICE (VIEW_VEHICLES for
the vehicles) on the contract; a person who may not see the contract gets a 404."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.urls import reverse

from itaku.core.access import ContractAccess, active_entry_q
from itaku.core.calendar import format_wareki, format_wareki_month
from itaku.core.models import Contract, Organisation, Person, RosterEntry
from itaku.core.registry import TodoItem
from itaku.core.selectors import business_calendar
from itaku.support_office import domain
from itaku.support_office.office import rules
from itaku.support_office.office.decl import (
    RECORD_CLOSING,
    RECORD_TRAINING,
    VIEW_OFFICE,
    VIEW_VEHICLES,
)
from itaku.support_office.office.models import (
    DailyClosing,
    EquipmentItem,
    ManualProposal,
    TrainingSession,
    Vehicle,
)
from itaku.web.lookup import get_or_404

# SO-8: how a month's state reads on a page, and the badge it wears.
TRAINING_STATE_LABELS = {
    domain.TrainingState.HELD: ("実施済み", "done"),
    domain.TrainingState.DUE: ("未実施(今月中に実施)", "not_due"),
    domain.TrainingState.WARNING: ("未実施(月末が近づいています)", "due"),
    domain.TrainingState.BREACH: ("未実施(仕様に反しています)", "late"),
}


@dataclass(frozen=True)
class TrainingMonth:
    """SO-8: one month of the contract with its sessions and its state on the access day."""

    year: int
    month: int
    state: domain.TrainingState
    sessions: int

    @property
    def label(self) -> str:
        return format_wareki_month(self.year, self.month)

    @property
    def state_label(self) -> str:
        return TRAINING_STATE_LABELS[self.state][0]

    @property
    def badge(self) -> str:
        return TRAINING_STATE_LABELS[self.state][1]


# ---- training (SO-8) ---------------------------------------------------------------------------


def training_list(*, access: ContractAccess) -> QuerySet[TrainingSession]:
    """The contract's sessions, newest first, with their departments and material (3 queries)."""
    access.require(VIEW_OFFICE)
    return (
        TrainingSession.objects.filter(contract=access.contract)
        .select_related("material")
        .prefetch_related(Prefetch("departments", queryset=Organisation.objects.order_by("name")))
        .defer("notes")
    )


def training_months(*, access: ContractAccess) -> list[TrainingMonth]:
    """SO-8: each month of the period up to the access day's, newest first, with its state."""
    access.require(VIEW_OFFICE)
    held = list(
        TrainingSession.objects.filter(contract=access.contract).values_list("held_on", flat=True)
    )
    cal = business_calendar()
    months = []
    for year, month in rules.contract_months(access.contract.period, through=access.on):
        state = domain.training_state(year, month, held_on=held, today=access.on, calendar=cal)
        count = sum(1 for d in held if (d.year, d.month) == (year, month) and d <= access.on)
        months.append(TrainingMonth(year, month, state, count))
    return months[::-1]


def training_departments() -> QuerySet[Organisation]:
    """The ward's departments a session's attendees may come from."""
    return Organisation.objects.filter(kind=Organisation.Kind.WARD).order_by("name")


def training_todos(user: Any, today: date, accesses: list[ContractAccess]) -> list[TodoItem]:
    """SO-8: the manager's to-do from the 20th of a month without a session (one query)."""
    recording = [
        a
        for a in accesses
        if a.can(RECORD_TRAINING) and a.contract.period.start <= today <= a.contract.period.end
    ]
    if not recording:
        return []
    first = today.replace(day=1)
    held = set(
        TrainingSession.objects.filter(
            contract__in=[a.contract.pk for a in recording], held_on__gte=first, held_on__lte=today
        ).values_list("contract_id", flat=True)
    )
    cal = business_calendar()
    items = []
    for access in recording:
        if access.contract.pk in held:
            continue
        state = domain.training_state(
            today.year, today.month, held_on=[], today=today, calendar=cal
        )
        month = format_wareki_month(today.year, today.month)
        if state is domain.TrainingState.WARNING:
            what = f"{month}の職員研修が未実施です。月末までに実施して記録してください。"
        elif state is domain.TrainingState.BREACH:
            what = f"{month}の職員研修が実施されていません(月1回以上の実施が必要です)。"
        else:
            continue
        items.append(
            TodoItem(
                contract=access.contract,
                what=what,
                since=first.replace(day=domain.WARNING_FROM_DAY),
                url=reverse("support_office:training-record", args=[access.contract.pk]),
                action_label="研修を記録する",
            )
        )
    return items


# ---- the manual (SO-8) -------------------------------------------------------------------------


def manual_list(*, access: ContractAccess) -> QuerySet[ManualProposal]:
    """The proposals, newest first, without their sealed texts (read on the proposal's page)."""
    access.require(VIEW_OFFICE)
    return (
        ManualProposal.objects.filter(contract=access.contract)
        .defer("proposal", "reason")
        .prefetch_related("incidents")
    )


def manual_get(*, access: ContractAccess, proposal_id: Any) -> ManualProposal:
    access.require(VIEW_OFFICE)
    return get_or_404(
        ManualProposal.objects.prefetch_related("incidents"),
        pk=proposal_id,
        contract=access.contract,
    )


def manual_incident_choices(*, access: ContractAccess) -> QuerySet[Any]:
    """The contract's incidents a proposal may name as its reason."""
    from itaku.support_office.incidents.models import Incident

    return Incident.objects.filter(contract=access.contract).order_by("-pk")


# ---- equipment and keys (SO-11) ----------------------------------------------------------------


def equipment_list(*, access: ContractAccess) -> QuerySet[EquipmentItem]:
    access.require(VIEW_OFFICE)
    return (
        EquipmentItem.objects.filter(contract=access.contract)
        .select_related("lent_to")
        .defer("lost_note")
        .order_by("returned_on", "kind", "name", "pk")
    )


def equipment_get(*, access: ContractAccess, item_id: Any) -> EquipmentItem:
    access.require(VIEW_OFFICE)
    return get_or_404(EquipmentItem.objects, pk=item_id, contract=access.contract)


def equipment_people(*, access: ContractAccess) -> QuerySet[Person]:
    """Who on the contract's roster an item may be lent to (on the access day)."""
    ids = RosterEntry.objects.filter(active_entry_q(access.on), contract=access.contract).values(
        "person"
    )
    return Person.objects.filter(pk__in=ids)


def equipment_all_back(contract: Contract) -> bool:
    """SO-11 (the contract-end item): nothing the ward lent is still out."""
    return not EquipmentItem.objects.filter(
        contract=contract, returned_on__isnull=True, lost_on__isnull=True
    ).exists()


# ---- the daily closing (SO-17) -----------------------------------------------------------------


def closing_list(*, access: ContractAccess, year: int, month: int) -> list[DailyClosing]:
    access.require(VIEW_OFFICE)
    return list(
        DailyClosing.objects.filter(contract=access.contract, day__year=year, day__month=month)
        .select_related("recorded_by__person")
        .defer("note")
        .order_by("-day")
    )


def closing_missing_days(access: ContractAccess, year: int, month: int) -> list[date]:
    """SO-17: the business days of ``year``-``month`` inside the period, before the access day,
    with no closing check recorded; for this part's page and the monthly report."""
    access.require(VIEW_OFFICE)
    days = rules.month_business_days(
        year, month, period=access.contract.period, calendar=business_calendar()
    )
    recorded = set(
        DailyClosing.objects.filter(
            contract=access.contract, day__year=year, day__month=month
        ).values_list("day", flat=True)
    )
    return rules.closing_missing_days(days, recorded, before=access.on)


def closing_todos(user: Any, today: date, accesses: list[ContractAccess]) -> list[TodoItem]:
    """SO-17: the last business day's closing not on record, for who records it (one query)."""
    recording = [a for a in accesses if a.can(RECORD_CLOSING)]
    if not recording:
        return []
    cal = business_calendar()
    due = {
        a.contract.pk: rules.last_closing_day(today, period=a.contract.period, calendar=cal)
        for a in recording
    }
    days = {d for d in due.values() if d is not None}
    if not days:
        return []
    done = set(
        DailyClosing.objects.filter(contract__in=list(due), day__in=days).values_list(
            "contract_id", "day"
        )
    )
    items = []
    for access in recording:
        day = due[access.contract.pk]
        if day is None or (access.contract.pk, day) in done:
            continue
        items.append(
            TodoItem(
                contract=access.contract,
                what=f"{format_wareki(day)}の終業時の確認(施錠・鍵の返却など)が記録されていません。",
                since=day,
                url=reverse("support_office:closing", args=[access.contract.pk])
                + f"?day={day.isoformat()}",
                action_label="終業時の確認を記録する",
            )
        )
    return items


# ---- vehicles (SO-19) --------------------------------------------------------------------------


def vehicle_list(*, access: ContractAccess) -> QuerySet[Vehicle]:
    access.require(VIEW_VEHICLES)
    return Vehicle.objects.filter(contract=access.contract).select_related(
        "inspection_certificate", "pm_certificate"
    )


def vehicle_get(*, access: ContractAccess, vehicle_id: Any) -> Vehicle:
    access.require(VIEW_VEHICLES)
    return get_or_404(Vehicle.objects, pk=vehicle_id, contract=access.contract)
