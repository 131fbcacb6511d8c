"""Everything the test service adds to the platform: a kind of service, an action with its
roles, a notification kind, its audit events, an obligation, a home panel and a package section
for its sealed model. Nothing of core mentions this app."""

from __future__ import annotations

from datetime import date
from typing import Any

from ninja import Router

from itaku.api_common import error_responses
from itaku.core.domain import Action, DueRule, Role
from itaku.core.registry import (
    AuditEventKind,
    ContractPage,
    NotificationKind,
    ObligationDecl,
    Panel,
    ServiceKind,
)
from itaku.documents.tables import table_csv
from itaku.privacy.packages import PackageSection

KIND = "plugin_visits"

SERVICE_KINDS = [ServiceKind(KIND, "訪問支援業務(試験)")]

VIEW_VISITS = Action(
    key="view_visits",
    label="訪問記録を見る",
    roles=frozenset({Role.MANAGER, Role.WORKER}),
    service_kind=KIND,
)
RECORD_VISIT = Action(
    key="record_visit",
    label="訪問を記録する",
    roles=frozenset({Role.WORKER}),
    writes=True,
    service_kind=KIND,
)
ACTIONS = [VIEW_VISITS, RECORD_VISIT]

# The service's own page, linked from the contract page (a platform page stands in for it).
CONTRACT_PAGES = [
    ContractPage("visits", "訪問記録の資料", "privacy:attachment-list", VIEW_VISITS.key, KIND)
]

VISIT_RECORDED = NotificationKind(
    key="visit_recorded", label="訪問の記録", what="訪問が記録されました。内容を確認してください。"
)
NOTIFICATION_KINDS = [VISIT_RECORDED]

AUDIT_EVENTS = [
    AuditEventKind("visit.record", "訪問の記録"),
    AuditEventKind("visit.read", "訪問記録の閲覧"),
]

OBLIGATIONS = [ObligationDecl(KIND, "訪問の月報", "PI-10", DueRule.TENTH_OF_NEXT_MONTH.value)]


def _panel(user: Any, today: date, accesses: list[Any]) -> dict[str, Any] | None:
    from itaku.core.tests.plugin_app.models import Visit

    mine = [a.contract.pk for a in accesses if a.can(VIEW_VISITS)]
    return {"count": Visit.objects.filter(contract__in=mine).count()} if mine else None


PANELS = [Panel(key="plugin_visits", template="plugin_app/_panel.html", context=_panel)]


def _visit_files(contract: Any, watermark: Any) -> list[tuple[str, bytes]]:
    from itaku.core.tests.plugin_app.models import Visit

    rows = [[v.pk, v.visited_on, v.note] for v in Visit.objects.filter(contract=contract)]
    csv = table_csv(columns=["番号", "訪問日", "記録"], rows=rows, watermark=watermark)
    return [("visits.csv", csv)]


PACKAGE_SECTIONS = [
    PackageSection(
        key="visits",
        label="訪問記録(試験)",
        files=_visit_files,
        covers=("plugin_app.visit",),
        service_kind=KIND,
    )
]


router = Router(tags=["訪問(試験)"])


@router.get("/count", response={200: int, **error_responses(not_found=False)})
def visit_count(request: Any) -> int:
    """How many visits the caller may see (the access rule through its contracts)."""
    from itaku.core.access import contract_accesses
    from itaku.core.tests.plugin_app.models import Visit

    mine = [a.contract.pk for a in contract_accesses(request.user) if a.can(VIEW_VISITS)]
    return Visit.objects.filter(contract__in=mine).count()


API_ROUTERS = [("/visits", router)]
