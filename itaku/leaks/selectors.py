"""Reads of leak incidents, always through the access rule: VIEW_LEAKS on the incident's contract;
a person who may not see the contract gets a 404 (PI-3, PI-7)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from itaku.core import domain as core_domain
from itaku.core.access import ContractAccess, contract_accesses
from itaku.core.calendar import format_wareki
from itaku.core.models import Contract, User
from itaku.core.registry import TodoItem
from itaku.core.selectors import contract_role_holders
from itaku.leaks import domain
from itaku.leaks.contributions import FOLLOW_LEAK, VIEW_LEAKS
from itaku.leaks.models import LeakIncident
from itaku.web.lookup import get_or_404


@dataclass(frozen=True)
class LeakRow:
    """An incident with the state of each of its steps on a day, and what is due next."""

    incident: LeakIncident
    steps: list[domain.StepStatus]
    next: domain.StepStatus | None

    @property
    def overdue(self) -> bool:
        return any(s.state is domain.StepState.OVERDUE for s in self.steps)


def leak_row(incident: LeakIncident, today: date) -> LeakRow:
    steps = domain.leak_steps(incident.as_dates(), wrongdoing=incident.wrongdoing, today=today)
    return LeakRow(incident=incident, steps=steps, next=domain.next_step(steps))


def _without_narratives(incidents: QuerySet[LeakIncident]) -> QuerySet[LeakIncident]:
    # Lists show dates and counts only: the sealed narratives are neither read nor opened.
    return incidents.defer(*LeakIncident.NARRATIVE_FIELDS)


def leak_incident_list(*, access: ContractAccess) -> list[LeakRow]:
    """The contract's incidents, newest first, with their steps on the access day."""
    access.require(VIEW_LEAKS)
    incidents = _without_narratives(LeakIncident.objects.filter(contract=access.contract))
    return [leak_row(incident, access.on) for incident in incidents.order_by("-discovered_at")]


def leak_incident_get(*, access: ContractAccess, incident_id: Any) -> LeakIncident:
    """One incident of the contract, narratives included; the view records the read (PI-9)."""
    access.require(VIEW_LEAKS)
    return get_or_404(
        LeakIncident.objects.select_related("recorded_by"), pk=incident_id, contract=access.contract
    )


def ward_supervisors(*, contract: Contract, on: date) -> list[User]:
    """The ward supervisors of the contract on a day: who is told of a new incident (PI-7)."""
    return contract_role_holders(contract=contract, role=core_domain.Role.WARD_SUPERVISOR, on=on)


def open_leak_rows(
    *, user: Any, today: date, accesses: list[ContractAccess] | None = None
) -> list[LeakRow]:
    """Open incidents on every contract where the user may see incidents, most urgent first.
    ``accesses``: the user's accesses today, when the caller has them already (the home page)."""
    if accesses is None:
        accesses = contract_accesses(user, on=today)
    followed = [a.contract.pk for a in accesses if a.can(VIEW_LEAKS)]
    if not followed:
        return []
    incidents = _without_narratives(
        LeakIncident.objects.filter(contract__in=followed, closed_at__isnull=True)
    ).select_related("contract")
    rows = [leak_row(incident, today) for incident in incidents]
    return sorted(
        rows,
        key=lambda r: (r.next.due_by if r.next and r.next.due_by else date.max, r.incident.pk),
    )


def dashboard_panel_context(
    user: Any, today: date, accesses: list[ContractAccess]
) -> dict[str, Any] | None:
    """The home page panel (``core.dashboard``): shown only when something is open."""
    rows = open_leak_rows(user=user, today=today, accesses=accesses)
    return {"rows": rows, "today": today} if rows else None


def follow_up_todos(user: Any, today: date, accesses: list[ContractAccess]) -> list[TodoItem]:
    """The to-do list (``core.todo``): each open incident's next follow-up step, for whoever
    records it (FOLLOW_LEAK), from the same rows as the panel (PI-7)."""
    following = [a for a in accesses if a.can(FOLLOW_LEAK)]
    items = []
    for row in open_leak_rows(user=user, today=today, accesses=following):
        if row.next is None or row.next.step not in domain.FOLLOW_STEPS:
            continue
        incident = row.incident
        if row.next.due_by is None:
            what = f"漏えい等事案 #{incident.pk} の{row.next.step.label}を記録"
        else:
            what = (
                f"漏えい等事案 #{incident.pk} の{row.next.step.label}を記録"
                f"(期限 {format_wareki(row.next.due_by)})"
            )
        items.append(
            TodoItem(
                contract=incident.contract,
                what=what,
                since=timezone.localdate(incident.discovered_at),
                url=reverse(
                    "leaks:incident-detail",
                    kwargs={"contract_id": incident.contract_id, "incident_id": incident.pk},
                ),
                action_label="対応を記録する",
            )
        )
    return items
