"""What the leaks app adds to the platform (``itaku.core.registry``): leak incidents reported at
once and followed by the ward (PI-7), on the home page, in the return package and on the
contract-end checklist (PI-8)."""

from __future__ import annotations

from datetime import date
from typing import Any

from itaku.core.domain import Action, ContractState, Role
from itaku.core.registry import AuditEventKind, NotificationKind, Panel, TodoItem, TodoSource
from itaku.privacy.contract_end import EndItem
from itaku.privacy.packages import PackageSection

SUPERVISOR = Role.WARD_SUPERVISOR
MANAGER = Role.MANAGER
# PI-7: a leak may come to light after the period, and while the contract is being prepared.
UNTIL_DESTROYED = frozenset({ContractState.ACTIVE, ContractState.ENDED, ContractState.RETURNED})

VIEW_LEAKS = Action(
    key="view_leaks",
    label="漏えい等事案を見る",
    roles=frozenset({SUPERVISOR, Role.AUDITOR, MANAGER}),
)
RECORD_LEAK = Action(
    key="record_leak",
    label="漏えい等を報告する",
    roles=frozenset({SUPERVISOR, MANAGER, Role.WORKER}),
    writes=True,
    after_period=UNTIL_DESTROYED,
    before_period=frozenset({SUPERVISOR, MANAGER}),
)
FOLLOW_LEAK = Action(
    key="follow_leak",
    label="漏えい等事案の対応を記録する",
    roles=frozenset({SUPERVISOR}),
    writes=True,
    after_period=UNTIL_DESTROYED,
    before_period=frozenset({SUPERVISOR}),
)

ACTIONS = [VIEW_LEAKS, RECORD_LEAK, FOLLOW_LEAK]

LEAK_REPORTED = NotificationKind(
    key="leak_reported",
    label="漏えい等の報告",
    what="漏えい等の報告がありました。内容を確認し、速報・確報の期限に沿って対応してください。",
    action="報告を確認する",
)

NOTIFICATION_KINDS = [LEAK_REPORTED]

AUDIT_EVENTS = [
    AuditEventKind("leak.record", "漏えい等の報告"),
    AuditEventKind("leak_incident.read", "漏えい等事案の閲覧"),
    AuditEventKind("leak.ward_notice", "漏えい等事案の区への報告の記録"),
    AuditEventKind("leak.preliminary", "漏えい等事案の速報の記録"),
    AuditEventKind("leak.final", "漏えい等事案の確報の記録"),
    AuditEventKind("leak.persons_notified", "漏えい等事案の本人への通知の記録"),
    AuditEventKind("leak.closed", "漏えい等事案の対応の完了の記録"),
]


def _panel_context(user: Any, today: date, accesses: list[Any]) -> dict[str, Any] | None:
    from itaku.leaks.selectors import dashboard_panel_context

    return dashboard_panel_context(user, today, accesses)


# PI-7: open incidents and their next deadline on the home page.
PANELS = [Panel(key="leaks", template="leaks/_dashboard_panel.html", context=_panel_context)]


def _follow_todos(user: Any, today: date, accesses: list[Any]) -> list[TodoItem]:
    from itaku.leaks.selectors import follow_up_todos

    return follow_up_todos(user, today, accesses)


# PI-7: the next follow-up step of each open incident, in the ward supervisor's to-do list.
TODOS = [TodoSource("leak_follow", "漏えい等事案の対応", _follow_todos)]


def _leak_files(contract: Any, watermark: Any) -> Any:
    from itaku.leaks.package import leak_files

    return leak_files(contract, watermark)


def _no_open_incident(contract: Any) -> bool:
    from itaku.leaks.package import no_open_incident

    return no_open_incident(contract)


PACKAGE_SECTIONS = [
    PackageSection(
        key="leaks", label="漏えい等事案", files=_leak_files, covers=("leaks.leakincident",)
    )
]

END_ITEMS = [
    EndItem(
        key="leaks_closed",
        label="漏えい等事案の対応がすべて完了していること",
        clause="PI-7",
        check=_no_open_incident,
    )
]
