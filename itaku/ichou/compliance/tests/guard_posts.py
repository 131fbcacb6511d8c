"""The compliance part's form texts for the My Number guard walk (privacy/tests/test_guard.py)."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from itaku.ichou.compliance.demo import policy_values, vehicle_values
from itaku.ichou.compliance.forms import PolicyForm, VehicleForm
from itaku.ichou.compliance.models import CharteredVehicle, InsurancePolicy
from itaku.ichou.programme.tests.helpers import FY, make_ichou

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64


def _file(field: str, text: str, data: dict[str, Any], name: str) -> dict[str, Any]:
    if field == name:
        data[name] = SimpleUploadedFile(f"写し {text}.png", PNG, content_type="image/png")
    else:
        data[field] = text
    return data


def _policy(world: Any, field: str, text: str):
    make_ichou(world)
    data = {k: ("on" if v is True else str(v)) for k, v in policy_values(FY).items()}
    data = _file(field, text, data, "certificate")
    url = reverse("ichou:policies", args=[world.contract.pk])
    return world.manager, url, data, InsurancePolicy.objects.count


def _vehicle(world: Any, field: str, text: str):
    make_ichou(world)
    data = {k: str(v) for k, v in vehicle_values().items() if v is not None}
    data = _file(field, text, data, "document")
    url = reverse("ichou:vehicles", args=[world.contract.pk])
    return world.manager, url, data, CharteredVehicle.objects.count


STORED = {
    (PolicyForm, "insurer"): _policy,
    (PolicyForm, "policy_number"): _policy,
    (VehicleForm, "operator"): _vehicle,
    (VehicleForm, "vehicle_number"): _vehicle,
    (PolicyForm, "certificate"): _policy,
    (VehicleForm, "document"): _vehicle,
}
