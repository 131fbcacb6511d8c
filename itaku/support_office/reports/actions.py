"""The actions of the reports part (a leaf: the selectors, services and decl import it)."""

from __future__ import annotations

from itaku.core.domain import Action, ContractState, Role
from itaku.support_office import KIND

VIEW_SO_REPORTS = Action(
    key="so_view_reports",
    label="安心対応サポート室の日報・月報を見る",
    roles=frozenset({Role.WARD_SUPERVISOR, Role.AUDITOR, Role.MANAGER}),
    service_kind=KIND,
)
RECORD_SO_ADHOC_REPORT = Action(
    key="so_record_adhoc_report",
    label="随時報告を提出する",
    roles=frozenset({Role.MANAGER}),
    writes=True,
    service_kind=KIND,
)
CONFIRM_SO_PERFORMANCE = Action(
    key="so_confirm_performance",
    label="月の履行を確認する",
    roles=frozenset({Role.WARD_SUPERVISOR}),
    writes=True,
    # The last month's confirmation falls after the period (SO-16).
    after_period=frozenset({ContractState.ACTIVE, ContractState.ENDED}),
    service_kind=KIND,
)
