"""The contract-end checklist (PI-8, IC-29): what must be done before a contract's data may be
destroyed. Each app declares its items in its ``contributions.END_ITEMS`` (the platform's are in
``itaku.privacy.contributions``; ``itaku.core.registry`` explains the mechanism):

    # SO-11: lent desks, PCs, phones and keys come back at the end; the supervisor confirms it.
    END_ITEMS = [EndItem(key="so11_equipment", label="貸与物・鍵の返却", clause="SO-11",
                         check=None, service_kind="support_office")]

``check(contract)`` says whether an automatic item is done; ``check=None`` makes a manual item
that the ward supervisor confirms with a note (``EndItemConfirmation``). An automatic item with a
``confirmation`` may also be confirmed by hand when it does not apply (no handover needed).
Whether an item is done is ``domain.end_item_done``; the whole list is ``end_checklist``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from itaku.core import registry
from itaku.core.domain import ContractState
from itaku.core.models import Contract
from itaku.privacy import domain
from itaku.privacy.models import ContractPackage, EndItemConfirmation


@dataclass(frozen=True)
class EndItem:
    key: str
    label: str
    clause: str
    check: Callable[[Contract], bool] | None
    # What the supervisor confirms by hand instead of the check (an automatic item that may not
    # apply, such as the handover). Manual items (check=None) are always confirmed by hand.
    confirmation: str = ""
    # Only contracts of this kind (a declared ``ServiceKind`` key) have the item; "" for all.
    service_kind: str = ""

    @property
    def manual(self) -> bool:
        return self.check is None

    @property
    def confirmable(self) -> bool:
        return self.manual or bool(self.confirmation)


@dataclass(frozen=True)
class EndItemStatus:
    """One item of one contract's checklist, as the page shows it."""

    item: EndItem
    done: bool
    checked: bool | None
    confirmation: EndItemConfirmation | None


def end_items(contract: Contract) -> list[EndItem]:
    """The checklist's items for the contract, in the order the apps declared them."""
    return [
        i for i in registry.declared("END_ITEMS") if i.service_kind in ("", contract.service_kind)
    ]


def end_item_get(contract: Contract, key: str) -> EndItem | None:
    return next((i for i in end_items(contract) if i.key == key), None)


def end_checklist(contract: Contract) -> list[EndItemStatus]:
    """Every item of the contract's checklist with its state, in registration order."""
    confirmations = {
        c.item_key: c
        for c in EndItemConfirmation.objects.filter(contract=contract).select_related(
            "confirmed_by__person"
        )
    }
    statuses = []
    for item in end_items(contract):
        checked = item.check(contract) if item.check is not None else None
        confirmation = confirmations.get(item.key)
        done = domain.end_item_done(
            checked=checked, confirmable=item.confirmable, confirmed=confirmation is not None
        )
        statuses.append(
            EndItemStatus(item=item, done=done, checked=checked, confirmation=confirmation)
        )
    return statuses


# ---- the platform's items ----------------------------------------------------------------------


def access_revoked(contract: Contract) -> bool:
    # PI-2, PI-3: a contractor's grant ends with the contract (``domain.grant_is_active``).
    return contract.state != ContractState.ACTIVE


def roster_closed(contract: Contract) -> bool:
    from itaku.core.domain import CONTRACTOR_ROLES

    contractor_roles = {r.value for r in CONTRACTOR_ROLES}
    entries = [
        domain.ClosingEntry(
            contractor_side=e.role in contractor_roles,
            approved=e.approved_version_id is not None,
            ended=e.ended_at is not None,
            valid_to=e.valid_to,
            pledge_date=e.pledge_date,
        )
        for e in contract.roster_entries.all()
    ]
    return domain.roster_closed(entries, period_end=contract.period_end)


def return_received(contract: Contract) -> bool:
    return ContractPackage.objects.filter(
        contract=contract, purpose=ContractPackage.Purpose.RETURN, received_at__isnull=False
    ).exists()


def handover_approved(contract: Contract) -> bool:
    return ContractPackage.objects.filter(
        contract=contract, purpose=ContractPackage.Purpose.HANDOVER, approved_at__isnull=False
    ).exists()
