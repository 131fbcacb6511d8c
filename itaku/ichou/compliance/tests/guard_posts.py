"""The compliance part's form texts for the My Number guard walk (privacy/tests/test_guard.py)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from itaku.ichou.compliance.demo import policy_values, vehicle_values
from itaku.ichou.compliance.forms import PolicyForm, VehicleForm
from itaku.ichou.compliance.models import CharteredVehicle, InsurancePolicy
from itaku.ichou.programme.tests.helpers import FY, make_ichou


def _policy(world: Any, field: str, text: str):
    make_ichou(world)
    data = {k: ("on" if v is True else str(v)) for k, v in policy_values(FY).items()}
    data[field] = text
    url = reverse("ichou:policies", args=[world.contract.pk])
    return world.manager, url, data, InsurancePolicy.objects.count


def _vehicle(world: Any, field: str, text: str):
    make_ichou(world)
    data = {k: str(v) for k, v in vehicle_values().items() if v is not None}
    data[field] = text
    url = reverse("ichou:vehicles", args=[world.contract.pk])
    return world.manager, url, data, CharteredVehicle.objects.count


STORED = {
    (PolicyForm, "insurer"): _policy,
    (PolicyForm, "policy_number"): _policy,
    (VehicleForm, "operator"): _vehicle,
    (VehicleForm, "vehicle_number"): _vehicle,
}
