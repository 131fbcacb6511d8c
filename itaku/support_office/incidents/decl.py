"""What this part of the support office declares to the platform; gathered by
``itaku.support_office.contributions``. Lists named as the registry's points (ACTIONS,
AUDIT_EVENTS, NOTIFICATION_KINDS, TODOS, PANELS, API_ROUTERS, DEMO_STEPS, EXPORT_KINDS,
END_ITEMS, PACKAGE_SECTIONS); a point left out declares nothing."""

from __future__ import annotations

from datetime import date
from typing import Any

from itaku.core.domain import Action, Role
from itaku.core.registry import AuditEventKind, ContractPage, TodoItem, TodoSource
from itaku.privacy.packages import PackageSection, model_rows
from itaku.support_office import KIND
from itaku.support_office.incidents.models import (
    Consultation,
    FollowUp,
    Incident,
    IncidentEvidence,
)

# SO-7: the office records; the ward supervisor and the auditor read every incident; a
# department requester reads only those of their own department (the selectors narrow it).
OFFICE = frozenset({Role.MANAGER, Role.WORKER})
VIEW_INCIDENTS = Action(
    key="so_view_incidents",
    label="事案・相談の記録を見る",
    roles=frozenset({*OFFICE, Role.WARD_SUPERVISOR, Role.AUDITOR, Role.DEPARTMENT_REQUESTER}),
    service_kind=KIND,
)
RECORD_INCIDENT = Action(
    key="so_record_incident",
    label="事案・相談を記録する",
    roles=OFFICE,
    writes=True,
    service_kind=KIND,
)

ACTIONS = [VIEW_INCIDENTS, RECORD_INCIDENT]

AUDIT_EVENTS = [
    AuditEventKind("so_incident.record", "事案の記録"),
    AuditEventKind("so_incident.change", "事案の修正・追記"),
    AuditEventKind("incident.read", "事案の閲覧"),
    AuditEventKind("so_incident_evidence.add", "事案の証拠の登録"),
    AuditEventKind("so_consultation.record", "相談の記録"),
    AuditEventKind("consultation.read", "相談の閲覧"),
    AuditEventKind("incident_evidence.read", "事案の証拠の閲覧"),
    AuditEventKind("follow_up.read", "事後の対応の閲覧"),
    AuditEventKind("so_follow_up.add", "事後の対応の登録"),
    AuditEventKind("so_follow_up.done", "事後の対応の完了"),
]

CONTRACT_PAGES = [
    ContractPage(
        key="so_incidents",
        label="事案(カスハラ)の記録",
        url_name="support_office:incident-list",
        action=VIEW_INCIDENTS.key,
        service_kind=KIND,
    ),
    ContractPage(
        key="so_consultations",
        label="カスハラ相談の記録",
        url_name="support_office:consultation-list",
        action=VIEW_INCIDENTS.key,
        service_kind=KIND,
    ),
]


def _follow_up_todos(user: Any, today: date, accesses: list[Any]) -> list[TodoItem]:
    from itaku.support_office.incidents.selectors import follow_up_todos

    return follow_up_todos(user, today, accesses)


# SO-7: each open follow-up action, in the to-do list of the person who must act.
TODOS = [TodoSource("so_follow_up", "事案・相談の事後の対応", _follow_up_todos)]


def _demo_step(world: Any) -> None:
    from itaku.support_office.incidents.demo import demo_step

    demo_step(world)


DEMO_STEPS = [_demo_step]

PACKAGE_SECTIONS = [
    PackageSection(
        key="so_incidents",
        label="事案・相談の記録",
        files=lambda contract, watermark: [
            *model_rows(Incident, path="support_office/incidents.csv")(contract, watermark),
            *model_rows(IncidentEvidence, path="support_office/incident_evidence.csv")(
                contract, watermark
            ),
            *model_rows(Consultation, path="support_office/consultations.csv")(contract, watermark),
            *model_rows(FollowUp, path="support_office/follow_ups.csv")(contract, watermark),
        ],
        covers=(
            "support_office.incident",
            "support_office.incidentevidence",
            "support_office.consultation",
            "support_office.followup",
        ),
        service_kind=KIND,
    )
]
