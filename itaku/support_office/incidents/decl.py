"""What this part of the support office declares to the platform; gathered by
``itaku.support_office.contributions``. Lists named as the registry's points (ACTIONS,
AUDIT_EVENTS, NOTIFICATION_KINDS, TODOS, PANELS, API_ROUTERS, DEMO_STEPS, EXPORT_KINDS,
END_ITEMS, PACKAGE_SECTIONS); a point left out declares nothing."""

from __future__ import annotations

from itaku.privacy.packages import PackageSection, model_rows
from itaku.support_office import KIND
from itaku.support_office.incidents.models import (
    Consultation,
    FollowUp,
    Incident,
    IncidentEvidence,
)

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
