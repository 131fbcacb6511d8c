"""What this part of the support office declares to the platform; gathered by
``itaku.support_office.contributions``. Lists named as the registry's points (ACTIONS,
AUDIT_EVENTS, NOTIFICATION_KINDS, TODOS, PANELS, API_ROUTERS, DEMO_STEPS, EXPORT_KINDS,
END_ITEMS, PACKAGE_SECTIONS); a point left out declares nothing."""

from __future__ import annotations

from datetime import date
from typing import Any

from itaku.core.domain import Action, Role
from itaku.core.registry import AuditEventKind, ContractPage, Panel, TodoItem, TodoSource
from itaku.privacy.packages import PackageSection, model_rows
from itaku.support_office import KIND
from itaku.support_office.dispatch.models import Place, SupportRequest

OFFICE = frozenset({Role.MANAGER, Role.WORKER})

# The office and the ward follow the board; a department sees only its own requests.
VIEW_DISPATCH = Action(
    key="so_view_dispatch",
    label="依頼の受付状況を見る",
    roles=frozenset({Role.WARD_SUPERVISOR, Role.AUDITOR, *OFFICE}),
    service_kind=KIND,
)
FILE_REQUEST = Action(
    key="so_file_request",
    label="サポート室に依頼する",
    roles=frozenset({Role.DEPARTMENT_REQUESTER, Role.WARD_SUPERVISOR}),
    writes=True,
    service_kind=KIND,
)
# SO-10: only a person on the approved roster, today, moves a request.
HANDLE_REQUEST = Action(
    key="so_handle_request",
    label="依頼に対応する",
    roles=OFFICE,
    writes=True,
    service_kind=KIND,
)
# SO-1: a request for a day outside the contract period, accepted by the ward on the record.
OVERRIDE_PERIOD = Action(
    key="so_override_period",
    label="履行期間外の依頼を受け付ける",
    roles=frozenset({Role.WARD_SUPERVISOR}),
    writes=True,
    service_kind=KIND,
)

ACTIONS = [VIEW_DISPATCH, FILE_REQUEST, HANDLE_REQUEST, OVERRIDE_PERIOD]

AUDIT_EVENTS = [
    AuditEventKind("so_request.file", "サポート室への依頼"),
    AuditEventKind("so_request.details", "依頼の内容の追記"),
    AuditEventKind("so_request.accepted", "依頼の対応開始"),
    AuditEventKind("so_request.departed", "依頼への出発"),
    AuditEventKind("so_request.arrived", "依頼先への到着"),
    AuditEventKind("so_request.completed", "依頼の対応完了"),
    AuditEventKind("so_request.continuing", "依頼の継続対応"),
    AuditEventKind("so_request.cancelled", "依頼の取消"),
    AuditEventKind("so_request.period_override", "履行期間外の依頼の受付"),
    AuditEventKind("support_request.read", "依頼の閲覧"),
]


def _panel(user: Any, today: date, accesses: list[Any]) -> dict[str, Any] | None:
    from itaku.support_office.dispatch.selectors import emergency_panel_context

    return emergency_panel_context(user, today, accesses)


# SO-5: the one-tap 「至急来てください」 button on the requester's home page.
PANELS = [Panel(key="so_emergency", template="support_office/dispatch/_panel.html", context=_panel)]


def _todos(user: Any, today: date, accesses: list[Any]) -> list[TodoItem]:
    from itaku.support_office.dispatch.selectors import to_accept_todos

    return to_accept_todos(user, today, accesses)


# SO-5: every request waiting to be accepted, in the office's to-do list.
TODOS = [TodoSource("so_dispatch_accept", "受け付ける依頼", _todos)]

CONTRACT_PAGES = [
    ContractPage(
        "so_board", "依頼の受付状況(出動ボード)", "support_office:board", VIEW_DISPATCH.key, KIND
    ),
    ContractPage(
        "so_requests", "依頼の一覧", "support_office:request-list", VIEW_DISPATCH.key, KIND
    ),
    ContractPage(
        "so_my_requests",
        "サポート室への依頼",
        "support_office:request-list",
        FILE_REQUEST.key,
        KIND,
    ),
]


def _routers() -> list[tuple[str, Any]]:
    from itaku.support_office.dispatch.api import router

    return [("/support-office", router)]


API_ROUTERS = _routers()


def _demo(*args: Any, **kwargs: Any) -> Any:
    from itaku.support_office.dispatch.demo import demo_month

    return demo_month(*args, **kwargs)


DEMO_STEPS = [_demo]

PACKAGE_SECTIONS = [
    PackageSection(
        key="so_requests",
        label="依頼と対応の記録",
        files=lambda contract, watermark: [
            *model_rows(Place, path="support_office/places.csv")(contract, watermark),
            *model_rows(SupportRequest, path="support_office/requests.csv")(contract, watermark),
        ],
        covers=("support_office.supportrequest",),
        service_kind=KIND,
    )
]
