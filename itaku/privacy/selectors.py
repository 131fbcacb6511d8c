"""Reads of the privacy app for the home page's to-do list, through the access rule: each takes
the accesses the page has and decides with ``access.can``, in one query however many contracts
(none when no access allows the action)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from itaku.core.access import ContractAccess
from itaku.core.domain import ContractState
from itaku.privacy import domain, exports
from itaku.privacy.contract_end import EndItem, end_items
from itaku.privacy.contributions import APPROVE_EXPORT, MANAGE_CONTRACT_END, REQUEST_EXPORT
from itaku.privacy.models import EndItemConfirmation, ExportRequest


def exports_to_decide(*, user: Any, accesses: Sequence[ContractAccess]) -> list[ExportRequest]:
    """Export requests waiting for a ward supervisor's decision, oldest first, on every contract
    where the user approves exports; never the user's own, which another supervisor decides
    (PI-5, PI-18)."""
    ids = [a.contract.pk for a in accesses if a.can(APPROVE_EXPORT)]
    if not ids:
        return []
    return list(
        ExportRequest.objects.filter(contract__in=ids, state=ExportRequest.State.REQUESTED)
        .exclude(requested_by=user)
        .select_related("requested_by__person")
        .order_by("requested_at", "pk")
    )


def exports_to_produce(
    *, user: Any, accesses: Sequence[ContractAccess], now: datetime
) -> list[ExportRequest]:
    """The user's own approved requests whose file may still be made (PI-18: within seven days
    of the approval), on contracts where they may still ask for that kind."""
    by_contract = {a.contract.pk: a for a in accesses}
    if not by_contract:
        return []
    approved = ExportRequest.objects.filter(
        contract__in=list(by_contract),
        requested_by=user,
        state=ExportRequest.State.APPROVED,
        decided_at__gte=now - domain.APPROVAL_VALID,
    ).order_by("decided_at", "pk")
    found = []
    for request in approved:
        kind = exports.kind_get(request.kind)
        access = by_contract[request.contract_id]
        may_ask = kind is not None and access.can(kind.requested_with or REQUEST_EXPORT)
        if may_ask and kind is not None and access.can(kind.needs):
            found.append(request)
    return found


@dataclass(frozen=True)
class EndItemToConfirm:
    """A contract-end checklist item that only the ward supervisor's confirmation completes."""

    access: ContractAccess
    item: EndItem


def end_items_to_confirm(*, accesses: Sequence[ContractAccess]) -> list[EndItemToConfirm]:
    """PI-8, IC-29: once a contract has ended, the manual checklist items (``check=None``) not
    yet confirmed, on every contract where the user manages the end. Items the system checks
    itself are not listed: working them out would cost queries per contract."""
    ended = [
        a
        for a in accesses
        if a.contract.state != ContractState.ACTIVE and a.can(MANAGE_CONTRACT_END)
    ]
    if not ended:
        return []
    confirmed = set(
        EndItemConfirmation.objects.filter(contract__in=[a.contract.pk for a in ended]).values_list(
            "contract_id", "item_key"
        )
    )
    return [
        EndItemToConfirm(access=a, item=item)
        for a in ended
        for item in end_items(a.contract)
        if item.manual and (a.contract.pk, item.key) not in confirmed
    ]
