"""The insurance page (IC-26: the policies as a table on a desk and cards on a phone, each
policy's problems against the 別表 with its clause, the form to register one) and the chartered
buses page (IC-33), each with its edit page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from itaku.core import selectors as core_selectors
from itaku.ichou.compliance import selectors, services
from itaku.ichou.compliance.decl import EDIT_COMPLIANCE, VIEW_COMPLIANCE
from itaku.ichou.compliance.forms import PolicyForm, VehicleForm
from itaku.ichou.compliance.models import CharteredVehicle, InsurancePolicy
from itaku.web.views import apply_errors


def _upload(form: Any, name: str) -> tuple[str, bytes] | None:
    upload = form.cleaned_data.get(name)
    return (upload.name, upload.read()) if upload else None


def _policy_values(form: PolicyForm) -> dict[str, Any]:
    return {n: form.cleaned_data.get(n) for n in services.POLICY_FIELDS}


def _policy_rows(policies: list[InsurancePolicy], today: Any) -> list[dict[str, Any]]:
    return [
        {
            "policy": p,
            "problems": selectors.policy_problems(p),
            "current": selectors.covers(p, today),
            "hospital_per_day": selectors.hospital_per_day(p),
        }
        for p in policies
    ]


@login_required
def policies_page(request: HttpRequest, contract_id: int) -> HttpResponse:
    access = core_selectors.contract_get(user=request.user, contract_id=contract_id)
    access.require(VIEW_COMPLIANCE)
    can_edit = access.can(EDIT_COMPLIANCE)
    form = PolicyForm(initial={"hospital_unit": InsurancePolicy.HospitalUnit.PER_DAY})
    if request.method == "POST":
        access.require(EDIT_COMPLIANCE)
        form = PolicyForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.policy_create(
                    actor=request.user,
                    access=access,
                    values=_policy_values(form),
                    certificate=_upload(form, "certificate"),
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, "保険を登録しました。")
                return redirect(request.path)
    today = timezone.localdate()
    policies = list(selectors.policies_of(access=access))
    vehicles = list(selectors.vehicles_of(access=access))
    return render(
        request,
        "ichou/compliance/policies.html",
        {
            "contract": access.contract,
            "rows": _policy_rows(policies, today),
            "breaches": [
                b
                for b in selectors.breaches(
                    policies, vehicles, selectors.judged_on(access.contract, today)
                )
                if b.clause == "IC-26"
            ],
            "form": form if can_edit else None,
        },
        status=400 if form.errors else 200,
    )


@login_required
def policy_edit(request: HttpRequest, contract_id: int, policy_id: int) -> HttpResponse:
    access = core_selectors.contract_get(user=request.user, contract_id=contract_id)
    policy = selectors.policy_get(access=access, policy_id=policy_id)
    access.require(EDIT_COMPLIANCE)
    initial = {n: getattr(policy, n) for n in services.POLICY_FIELDS}
    form = PolicyForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.policy_change(
                actor=request.user,
                access=access,
                policy=policy,
                values=_policy_values(form),
                certificate=_upload(form, "certificate"),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "保険を変更しました。")
            return redirect("ichou:policies", contract_id)
    return render(
        request,
        "ichou/compliance/policy_form.html",
        {
            "contract": access.contract,
            "policy": policy,
            "form": form,
            "problems": selectors.policy_problems(policy),
        },
        status=400 if form.errors else 200,
    )


def _activities(access: Any) -> list[tuple[str, str]]:
    from itaku.ichou.programme.models import Activity

    return [
        (str(a.pk), f"{a.date:%Y年%m月%d日} {a.get_kind_display()}")
        for a in Activity.objects.filter(programme__contract=access.contract)
        .exclude(programme__state="superseded")
        .order_by("date", "start")
    ]


def _vehicle_values(form: VehicleForm) -> dict[str, Any]:
    values = {n: form.cleaned_data.get(n) for n in ("operator", "vehicle_number", "rating")}
    values["activity"] = form.cleaned_data.get("activity") or None
    return values


@login_required
def vehicles_page(request: HttpRequest, contract_id: int) -> HttpResponse:
    access = core_selectors.contract_get(user=request.user, contract_id=contract_id)
    access.require(VIEW_COMPLIANCE)
    can_edit = access.can(EDIT_COMPLIANCE)
    form = VehicleForm(activities=_activities(access) if can_edit else [])
    if request.method == "POST":
        access.require(EDIT_COMPLIANCE)
        form = VehicleForm(request.POST, request.FILES, activities=_activities(access))
        if form.is_valid():
            try:
                services.vehicle_create(
                    actor=request.user,
                    access=access,
                    values=_vehicle_values(form),
                    document=_upload(form, "document"),
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, "貸切バスを登録しました。")
                return redirect(request.path)
    from itaku.ichou import domain

    vehicles = list(selectors.vehicles_of(access=access))
    return render(
        request,
        "ichou/compliance/vehicles.html",
        {
            "contract": access.contract,
            "rows": [{"vehicle": v, "ok": domain.bus_rating_ok(v.rating)} for v in vehicles],
            "form": form if can_edit else None,
        },
        status=400 if form.errors else 200,
    )


@login_required
def vehicle_edit(request: HttpRequest, contract_id: int, vehicle_id: int) -> HttpResponse:
    access = core_selectors.contract_get(user=request.user, contract_id=contract_id)
    vehicle: CharteredVehicle = selectors.vehicle_get(access=access, vehicle_id=vehicle_id)
    access.require(EDIT_COMPLIANCE)
    initial = {
        "operator": vehicle.operator,
        "vehicle_number": vehicle.vehicle_number,
        "rating": vehicle.rating,
        "activity": str(vehicle.activity_id or ""),
    }
    form = VehicleForm(
        request.POST or None,
        request.FILES or None,
        initial=initial,
        activities=_activities(access),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.vehicle_change(
                actor=request.user,
                access=access,
                vehicle=vehicle,
                values=_vehicle_values(form),
                document=_upload(form, "document"),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "貸切バスを変更しました。")
            return redirect("ichou:vehicles", contract_id)
    return render(
        request,
        "ichou/compliance/vehicle_form.html",
        {"contract": access.contract, "vehicle": vehicle, "form": form},
        status=400 if form.errors else 200,
    )
