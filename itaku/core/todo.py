"""The home page's 「対応が必要なもの」: what waits for the user, from every app.

Each app declares its kinds of waiting thing in ``contributions.TODOS``
(``itaku.core.registry.TodoSource``); ``todo_list`` asks each for the user's items with the
accesses the home page worked out, and lists them oldest first. Core's own sources are below:
roster versions to approve or to resubmit (SO-10), items to acknowledge or to submit (SO-13,
SO-14). Each reads through ``core.selectors`` in one query, none when no access allows it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.urls import reverse
from django.utils import timezone

from itaku.core import registry, selectors
from itaku.core.access import ContractAccess
from itaku.core.registry import TodoItem


def todo_list(*, user: Any, today: date, accesses: list[ContractAccess]) -> list[TodoItem]:
    """Everything waiting for ``user``, from every declared source, longest waiting first."""
    items = [
        item
        for source in registry.declared("TODOS")
        for item in source.items(user, today, accesses)
    ]
    return sorted(items, key=lambda i: (i.since, i.contract.pk, i.what))


def _contracts(accesses: Sequence[ContractAccess]) -> dict[int, Any]:
    return {a.contract.pk: a.contract for a in accesses}


def _roster_url(contract_id: int) -> str:
    return reverse("core:roster", kwargs={"contract_id": contract_id})


def _obligations_url(contract: Any, name: str) -> str:
    """The page where the deliverable is made and handed in, if its app declares one, else the
    contract page's list of deliverables."""
    url_name = registry.obligation_url_names().get((contract.service_kind, name))
    if url_name:
        return reverse(url_name, kwargs={"contract_id": contract.pk})
    return reverse("core:contract-detail", kwargs={"contract_id": contract.pk}) + "#obligations"


def roster_versions_to_decide(
    user: Any, today: date, accesses: list[ContractAccess]
) -> list[TodoItem]:
    """SO-10: a submitted roster version waits for the ward supervisor's decision."""
    contracts = _contracts(accesses)
    return [
        TodoItem(
            contract=contracts[v.contract_id],
            what=f"提出された従事者名簿 第{v.number}版を承認または差戻し",
            since=timezone.localdate(v.submitted_at) if v.submitted_at else today,
            url=_roster_url(v.contract_id) + "#submitted",
            action_label="名簿を確認する",
        )
        for v in selectors.roster_versions_to_decide(accesses=accesses)
    ]


def roster_versions_returned(
    user: Any, today: date, accesses: list[ContractAccess]
) -> list[TodoItem]:
    """SO-10: the ward returned the roster; the manager corrects it and submits it again."""
    contracts = _contracts(accesses)
    return [
        TodoItem(
            contract=contracts[v.contract_id],
            what=f"差し戻された従事者名簿 第{v.number}版を直して再提出",
            since=timezone.localdate(v.decided_at) if v.decided_at else today,
            url=_roster_url(v.contract_id),
            action_label="名簿を直す",
        )
        for v in selectors.roster_versions_returned(accesses=accesses)
    ]


def obligations_to_acknowledge(
    user: Any, today: date, accesses: list[ContractAccess]
) -> list[TodoItem]:
    """SO-13, SO-14: submitted reports wait for the ward's acknowledgement, one line per
    contract and obligation (「日報 5件の受領を確認」), not one per report."""
    contracts = _contracts(accesses)
    return [
        TodoItem(
            contract=contracts[g.contract_id],
            what=f"提出された{g.name} {g.count}件の受領を確認",
            since=g.since,
            url=_obligations_url(contracts[g.contract_id], g.name),
            action_label="受領を確認する",
        )
        for g in selectors.obligation_groups_to_acknowledge(accesses=accesses)
    ]


def obligations_to_submit(user: Any, today: date, accesses: list[ContractAccess]) -> list[TodoItem]:
    """SO-13, SO-14: the manager's items due today or overdue, per contract and obligation."""
    contracts = _contracts(accesses)
    items = []
    for g in selectors.obligation_groups_to_submit(accesses=accesses, on=today):
        what = (
            f"期限を過ぎた{g.name} {g.count}件を提出"
            if g.since < today
            else f"本日が期限の{g.name} {g.count}件を提出"
        )
        items.append(
            TodoItem(
                contract=contracts[g.contract_id],
                what=what,
                since=g.since,
                url=_obligations_url(contracts[g.contract_id], g.name),
                action_label="提出物を開く",
            )
        )
    return items
