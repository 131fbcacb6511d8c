"""The incident pages' text fields for the My Number walk (``itaku/privacy/tests/test_guard.py``):
each is posted with a My Number and must be refused next to the field, audited, not saved."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from itaku.support_office.incidents.forms import (
    ConsultationRecordForm,
    EvidenceForm,
    FollowUpForm,
    IncidentRecordForm,
)
from itaku.support_office.incidents.models import (
    Consultation,
    FollowUp,
    Incident,
    IncidentEvidence,
)
from itaku.support_office.incidents.tests import factories


def _incident(world: Any, field: str, text: str) -> Any:
    data = {
        "department": str(world.contract.department_id),
        "started_at": "2026-06-12T10:00",
        "channel": "in_person",
        "demand_reasonable": "unclear",
        "police": "none",
        "decision": "pending",
        "customer_identified": "on",
        "customer_name": "区民 太郎",
    }
    url = reverse("support_office:incident-record", args=[world.contract.pk])
    return world.manager, url, {**data, field: text}, Incident.objects.count


def _evidence(world: Any, field: str, text: str) -> Any:
    record = factories.incident(world)
    url = reverse("support_office:incident-evidence-add", args=[world.contract.pk, record.pk])
    name = f"写真 {text}.png" if field == "file" else "photo.png"
    data: dict[str, Any] = {
        "file": SimpleUploadedFile(name, factories.PNG, content_type="image/png")
    }
    if field != "file":
        data[field] = text
    return world.manager, url, data, IncidentEvidence.objects.count


def _follow_up(world: Any, field: str, text: str) -> Any:
    record = factories.incident(world)
    url = reverse("support_office:incident-follow-up-add", args=[world.contract.pk, record.pk])
    return world.manager, url, {"due_on": "2026-06-20", field: text}, FollowUp.objects.count


def _consultation(world: Any, field: str, text: str) -> Any:
    data = {
        "consulted_at": "2026-06-12T09:00",
        "department": str(world.contract.department_id),
        "consultant": "企画課 試験職員",
        "subject": "窓口で怒鳴られた",
    }
    url = reverse("support_office:consultation-record", args=[world.contract.pk])
    return world.manager, url, {**data, field: text}, Consultation.objects.count


INCIDENT_TEXTS = (
    "place_detail",
    "staff_harmed",
    "staff_present",
    "responders",
    "witnesses",
    "customer_name",
    "customer_name_kana",
    "customer_notes",
    "demand",
    "verbatim",
    "explanation",
    "response_notes",
    "police_station",
    "police_reference",
    "staff_harm",
)

STORED: dict[tuple[type[Any], str], Any] = {
    **{(IncidentRecordForm, name): _incident for name in INCIDENT_TEXTS},
    (EvidenceForm, "description"): _evidence,
    (EvidenceForm, "file"): _evidence,
    (FollowUpForm, "what"): _follow_up,
    **{
        (ConsultationRecordForm, name): _consultation
        for name in ("consultant", "subject", "advice", "follow_up_notes")
    },
}
