"""The office's page forms for the My Number walk (``itaku/privacy/tests/test_guard.py``): each
text field, the page that takes it and what it would save."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from itaku.support_office.office import services
from itaku.support_office.office.forms import (
    ClosingForm,
    EquipmentForm,
    EquipmentLostForm,
    ManualProposalForm,
    TrainingForm,
    VehicleForm,
)
from itaku.support_office.office.models import (
    DailyClosing,
    EquipmentItem,
    ManualProposal,
    TrainingSession,
    Vehicle,
)
from itaku.support_office.office.tests.conftest import PNG

Post = tuple[Any, str, dict[str, Any], Callable[[], int]]


def _file(text: str) -> Any:
    return SimpleUploadedFile(f"資料 {text}.png", PNG, content_type="image/png")


def _with(data: dict[str, Any], field: str, text: str, files: tuple[str, ...]) -> dict[str, Any]:
    if field in files:
        return {**data, field: _file(text)}
    return {**data, field: text}


def _training(world: Any, field: str, text: str) -> Post:
    data = {"held_on": "2026-06-10", "theme": "初期対応", "trainer": "講師", "attendee_count": "3"}
    url = reverse("support_office:training-record", args=[world.contract.pk])
    return (
        world.manager,
        url,
        _with(data, field, text, ("material",)),
        TrainingSession.objects.count,
    )


def _manual(world: Any, field: str, text: str) -> Post:
    data = {"section": "第3章", "proposal": "案", "reason": "理由"}
    url = reverse("support_office:manual-propose", args=[world.contract.pk])
    return world.worker, url, {**data, field: text}, ManualProposal.objects.count


def _equipment(world: Any, field: str, text: str) -> Post:
    data = {"kind": "key", "name": "鍵", "lent_on": "2026-04-01"}
    url = reverse("support_office:equipment-add", args=[world.contract.pk])
    return world.supervisor, url, {**data, field: text}, EquipmentItem.objects.count


def _lost(world: Any, field: str, text: str) -> Post:
    item = services.equipment_lend(
        actor=world.supervisor,
        access=world.access(world.supervisor),
        kind="key",
        name="鍵",
        lent_on=date(2026, 4, 1),
    )
    url = reverse("support_office:equipment-lost", args=[world.contract.pk, item.pk])
    data = {f"l{item.pk}-lost_on": "2026-06-12", f"l{item.pk}-{field}": text}
    return (
        world.manager,
        url,
        data,
        EquipmentItem.objects.filter(lost_on__isnull=False).count,
    )


def _closing(world: Any, field: str, text: str) -> Post:
    data = {"day": "2026-06-12", "documents_locked": "on", field: text}
    url = reverse("support_office:closing", args=[world.contract.pk])
    return world.worker, url, data, DailyClosing.objects.count


def _vehicle(world: Any, field: str, text: str) -> Post:
    data = {"registration": "品川 300 あ 1", "power": "ev", "diesel_compliant": "on"}
    url = reverse("support_office:vehicle-add", args=[world.contract.pk])
    files = ("inspection_certificate", "pm_certificate")
    return world.manager, url, _with(data, field, text, files), Vehicle.objects.count


STORED: dict[tuple[type[Any], str], Callable[[Any, str, str], Post]] = {
    (TrainingForm, "theme"): _training,
    (TrainingForm, "trainer"): _training,
    (TrainingForm, "notes"): _training,
    (TrainingForm, "material"): _training,  # the file's name
    (ManualProposalForm, "section"): _manual,
    (ManualProposalForm, "proposal"): _manual,
    (ManualProposalForm, "reason"): _manual,
    (EquipmentForm, "name"): _equipment,
    (EquipmentForm, "identifier"): _equipment,
    (EquipmentLostForm, "note"): _lost,
    (ClosingForm, "note"): _closing,
    (VehicleForm, "registration"): _vehicle,
    (VehicleForm, "inspection_certificate"): _vehicle,
    (VehicleForm, "pm_certificate"): _vehicle,
}
