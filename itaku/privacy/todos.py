"""The privacy app's part of the home page's 「対応が必要なもの」 (``itaku.core.todo``): export
requests to decide and approved exports to make (PI-5, PI-18), contract-end items to confirm
(PI-8). Declared in ``contributions.TODOS``; each reads through ``privacy.selectors``."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import reverse
from django.utils import timezone

from itaku.core.access import ContractAccess
from itaku.core.registry import TodoItem
from itaku.privacy import exports, selectors


def _kind_label(key: str) -> str:
    kind = exports.kind_get(key)
    return kind.label if kind is not None else key


def _exports_url(contract_id: int, request_id: int) -> str:
    url = reverse("privacy:export-list", kwargs={"contract_id": contract_id})
    return f"{url}#export-{request_id}"


def exports_to_decide(user: Any, today: date, accesses: list[ContractAccess]) -> list[TodoItem]:
    contracts = {a.contract.pk: a.contract for a in accesses}
    items = []
    for r in selectors.exports_to_decide(user=user, accesses=accesses):
        who = r.requested_by.get_full_name() if r.requested_by else "退職した職員"
        items.append(
            TodoItem(
                contract=contracts[r.contract_id],
                what=f"{who}さんの出力申請({_kind_label(r.kind)})を承認または不承認",
                since=timezone.localdate(r.requested_at),
                url=_exports_url(r.contract_id, r.pk),
                action_label="申請を確認する",
            )
        )
    return items


def exports_to_produce(user: Any, today: date, accesses: list[ContractAccess]) -> list[TodoItem]:
    contracts = {a.contract.pk: a.contract for a in accesses}
    return [
        TodoItem(
            contract=contracts[r.contract_id],
            what=f"承認された出力申請 #{r.pk}({_kind_label(r.kind)})のファイルを作成",
            since=timezone.localdate(r.decided_at) if r.decided_at else today,
            url=_exports_url(r.contract_id, r.pk),
            action_label="ファイルを作成する",
        )
        for r in selectors.exports_to_produce(user=user, accesses=accesses, now=timezone.now())
    ]


def end_items_to_confirm(user: Any, today: date, accesses: list[ContractAccess]) -> list[TodoItem]:
    return [
        TodoItem(
            contract=e.access.contract,
            what=f"契約終了の確認項目「{e.item.label}」を確認",
            since=e.access.contract.period_end,
            url=reverse("privacy:contract-end", kwargs={"contract_id": e.access.contract.pk})
            + f"#item-{e.item.key}",
            action_label="確認する",
        )
        for e in selectors.end_items_to_confirm(accesses=accesses)
    ]
