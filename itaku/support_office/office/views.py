"""Pages of the office's records: trainings (SO-8), manual proposals, lent equipment and keys
(SO-11), the daily closing (SO-17) and vehicles (SO-19). Thin: selectors read, services write."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from itaku.audit.services import audit_reads
from itaku.core import selectors as core_selectors
from itaku.core.calendar import format_wareki, format_wareki_month
from itaku.support_office.office import selectors, services
from itaku.support_office.office.decl import (
    CONFIRM_VEHICLE,
    DECIDE_MANUAL,
    PROPOSE_MANUAL,
    RECORD_CLOSING,
    RECORD_EQUIPMENT,
    RECORD_TRAINING,
    RECORD_VEHICLE,
    VIEW_VEHICLES,
)
from itaku.support_office.office.forms import (
    ClosingForm,
    EquipmentForm,
    EquipmentLostForm,
    EquipmentReturnForm,
    ManualProposalForm,
    ManualStatusForm,
    TrainingForm,
    VehicleForm,
    upload,
)
from itaku.web.views import apply_errors, post_only_or_back


def _post(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _status(form: Any) -> int:
    return 400 if form.errors else 200


# ---- training (SO-8) ---------------------------------------------------------------------------


@login_required
def training_list(request: HttpRequest, contract_id: int) -> HttpResponse:
    access = core_selectors.contract_get(user=request.user, contract_id=contract_id)
    sessions = list(selectors.training_list(access=access))
    # PI-9: the trainer's name is shown; showing it is an access event.
    audit_reads(actor=request.user, contract=access.contract, records=sessions)
    return render(
        request,
        "support_office/office/training_list.html",
        {
            "contract": access.contract,
            "sessions": sessions,
            "months": selectors.training_months(access=access),
            "can_record": access.can(RECORD_TRAINING),
        },
    )


@login_required
def training_record(request: HttpRequest, contract_id: int) -> HttpResponse:
    access = core_selectors.contract_get(user=request.user, contract_id=contract_id)
    access.require(RECORD_TRAINING)
    form = TrainingForm(
        _post(request),
        request.FILES or None,
        departments=selectors.training_departments(),
        initial={"held_on": access.on},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            session = services.training_record(
                actor=request.user,
                access=access,
                held_on=data["held_on"],
                theme=data["theme"],
                trainer=data["trainer"],
                attendee_count=data["attendee_count"],
                departments=list(data["departments"]),
                material=upload(form, "material"),
                notes=data["notes"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            held = session.held_on
            messages.success(
                request,
                f"{format_wareki(held)}の職員研修を記録しました。"
                f"{format_wareki_month(held.year, held.month)}は実施済みです。",
            )
            return redirect("support_office:training-list", contract_id=contract_id)
    return render(
        request,
        "support_office/office/training_form.html",
        {"contract": access.contract, "form": form},
        status=_status(form),
    )


# ---- the manual (SO-8) -------------------------------------------------------------------------


@login_required
def manual_list(request: HttpRequest, contract_id: int) -> HttpResponse:
    access = core_selectors.contract_get(user=request.user, contract_id=contract_id)
    return render(
        request,
        "support_office/office/manual_list.html",
        {
            "contract": access.contract,
            "proposals": list(selectors.manual_list(access=access)),
            "can_propose": access.can(PROPOSE_MANUAL),
        },
    )


@login_required
def manual_propose(request: HttpRequest, contract_id: int) -> HttpResponse:
    access = core_selectors.contract_get(user=request.user, contract_id=contract_id)
    access.require(PROPOSE_MANUAL)
    form = ManualProposalForm(
        _post(request), incidents=selectors.manual_incident_choices(access=access)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            proposal = services.manual_propose(
                actor=request.user,
                access=access,
                section=data["section"],
                proposal=data["proposal"],
                reason=data["reason"],
                incidents=list(data["incidents"]),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "マニュアルの見直しの提案を記録しました。")
            return redirect(
                "support_office:manual-detail", contract_id=contract_id, proposal_id=proposal.pk
            )
    return render(
        request,
        "support_office/office/manual_form.html",
        {"contract": access.contract, "form": form},
        status=_status(form),
    )


def _manual_page(
    request: HttpRequest, access: Any, proposal: Any, form: Any = None, status: int = 200
) -> HttpResponse:
    audit_reads(actor=request.user, contract=access.contract, records=[proposal])
    can_decide = access.can(DECIDE_MANUAL)
    if can_decide and form is None:
        form = ManualStatusForm(initial={"status": proposal.status})
    return render(
        request,
        "support_office/office/manual_detail.html",
        {"contract": access.contract, "proposal": proposal, "form": form if can_decide else None},
        status=status,
    )


@login_required
def manual_detail(request: HttpRequest, contract_id: int, proposal_id: int) -> HttpResponse:
    access = core_selectors.contract_get(user=request.user, contract_id=contract_id)
    proposal = selectors.manual_get(access=access, proposal_id=proposal_id)
    return _manual_page(request, access, proposal)


@post_only_or_back("support_office:manual-detail", keep=("proposal_id",))
@login_required
def manual_status(request: HttpRequest, contract_id: int, proposal_id: int) -> HttpResponse:
    access = core_selectors.contract_get(user=request.user, contract_id=contract_id)
    proposal = selectors.manual_get(access=access, proposal_id=proposal_id)
    access.require(DECIDE_MANUAL)
    form = ManualStatusForm(request.POST)
    if form.is_valid():
        try:
            services.manual_status_change(
                actor=request.user,
                access=access,
                proposal_id=proposal.pk,
                status=form.cleaned_data["status"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "提案の状況を更新しました。")
            return redirect(
                "support_office:manual-detail", contract_id=contract_id, proposal_id=proposal.pk
            )
    return _manual_page(request, access, proposal, form=form, status=400)


# ---- equipment and keys (SO-11) ----------------------------------------------------------------


def _equipment_page(
    request: HttpRequest, access: Any, *, bound: tuple[int, Any] | None = None
) -> HttpResponse:
    can_record = access.can(RECORD_EQUIPMENT)
    rows: list[dict[str, Any]] = []
    for item in selectors.equipment_list(access=access):
        forms: dict[str, Any] = {}
        if can_record and item.outstanding:
            forms = {
                "return": EquipmentReturnForm(
                    prefix=f"r{item.pk}", initial={"returned_on": access.on}
                ),
                "lost": EquipmentLostForm(prefix=f"l{item.pk}", initial={"lost_on": access.on}),
            }
            if bound is not None and bound[0] == item.pk:
                forms["return" if isinstance(bound[1], EquipmentReturnForm) else "lost"] = bound[1]
        rows.append({"item": item, "forms": forms})
    return render(
        request,
        "support_office/office/equipment_list.html",
        {
            "contract": access.contract,
            "rows": rows,
            "out": sum(1 for r in rows if r["item"].outstanding),
            "can_record": can_record,
            "bound_form": bound[1] if bound is not None else None,
        },
        status=400 if bound is not None else 200,
    )


@login_required
def equipment_list(request: HttpRequest, contract_id: int) -> HttpResponse:
    access = core_selectors.contract_get(user=request.user, contract_id=contract_id)
    return _equipment_page(request, access)


@login_required
def equipment_add(request: HttpRequest, contract_id: int) -> HttpResponse:
    access = core_selectors.contract_get(user=request.user, contract_id=contract_id)
    access.require(RECORD_EQUIPMENT)
    form = EquipmentForm(
        _post(request),
        people=selectors.equipment_people(access=access),
        initial={"lent_on": access.on},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.equipment_lend(actor=request.user, access=access, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "貸与品を登録しました。")
            return redirect("support_office:equipment-list", contract_id=contract_id)
    return render(
        request,
        "support_office/office/equipment_form.html",
        {"contract": access.contract, "form": form},
        status=_status(form),
    )


@post_only_or_back("support_office:equipment-list")
@login_required
def equipment_return(request: HttpRequest, contract_id: int, item_id: int) -> HttpResponse:
    access = core_selectors.contract_get(user=request.user, contract_id=contract_id)
    item = selectors.equipment_get(access=access, item_id=item_id)
    access.require(RECORD_EQUIPMENT)
    form = EquipmentReturnForm(request.POST, prefix=f"r{item.pk}")
    if form.is_valid():
        try:
            services.equipment_return(
                actor=request.user,
                access=access,
                item_id=item.pk,
                returned_on=form.cleaned_data["returned_on"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"「{item.name}」の返却を記録しました。")
            return redirect("support_office:equipment-list", contract_id=contract_id)
    return _equipment_page(request, access, bound=(item.pk, form))


@post_only_or_back("support_office:equipment-list")
@login_required
def equipment_lost(request: HttpRequest, contract_id: int, item_id: int) -> HttpResponse:
    access = core_selectors.contract_get(user=request.user, contract_id=contract_id)
    item = selectors.equipment_get(access=access, item_id=item_id)
    access.require(RECORD_EQUIPMENT)
    form = EquipmentLostForm(request.POST, prefix=f"l{item.pk}")
    if form.is_valid():
        try:
            services.equipment_lost(
                actor=request.user,
                access=access,
                item_id=item.pk,
                lost_on=form.cleaned_data["lost_on"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"「{item.name}」の紛失を記録しました。")
            return redirect("support_office:equipment-list", contract_id=contract_id)
    return _equipment_page(request, access, bound=(item.pk, form))


# ---- the daily closing (SO-17) -----------------------------------------------------------------


def _month_of(request: HttpRequest, today: date) -> tuple[int, int]:
    try:
        year, month = (int(p) for p in request.GET.get("month", "").split("-"))
        date(year, month, 1)
    except ValueError:
        return today.year, today.month
    return year, month


def _day_of(request: HttpRequest, today: date) -> date:
    try:
        return date.fromisoformat(request.GET.get("day", ""))
    except ValueError:
        return today


@login_required
def closing(request: HttpRequest, contract_id: int) -> HttpResponse:
    """The closing form (for who records it) above the month's closings and missing days."""
    access = core_selectors.contract_get(user=request.user, contract_id=contract_id)
    year, month = _month_of(request, access.on)
    closings = selectors.closing_list(access=access, year=year, month=month)
    missing = selectors.closing_missing_days(access, year, month)
    form = None
    if access.can(RECORD_CLOSING):
        form = ClosingForm(_post(request), initial={"day": _day_of(request, access.on)})
    elif request.method == "POST":
        access.require(RECORD_CLOSING)
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            done = services.closing_record(actor=request.user, access=access, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                f"{format_wareki(done.day)}の終業時の確認を記録しました。お疲れさまでした。",
            )
            return redirect("support_office:closing", contract_id=contract_id)
    return render(
        request,
        "support_office/office/closing.html",
        {
            "contract": access.contract,
            "form": form,
            "closings": closings,
            "missing": missing,
            "month_label": format_wareki_month(year, month),
        },
        status=_status(form) if form is not None else 200,
    )


# ---- vehicles (SO-19) --------------------------------------------------------------------------


@login_required
def vehicle_list(request: HttpRequest, contract_id: int) -> HttpResponse:
    access = core_selectors.contract_get(user=request.user, contract_id=contract_id)
    return render(
        request,
        "support_office/office/vehicle_list.html",
        {
            "contract": access.contract,
            "vehicles": list(selectors.vehicle_list(access=access)),
            "can_record": access.can(RECORD_VEHICLE),
            "can_confirm": access.can(CONFIRM_VEHICLE),
        },
    )


@login_required
def vehicle_add(request: HttpRequest, contract_id: int) -> HttpResponse:
    access = core_selectors.contract_get(user=request.user, contract_id=contract_id)
    access.require(VIEW_VEHICLES)  # a worker, who may not see the vehicles, gets a 404
    access.require(RECORD_VEHICLE)
    form = VehicleForm(_post(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.vehicle_record(
                actor=request.user,
                access=access,
                registration=data["registration"],
                power=data["power"],
                diesel_compliant=data["diesel_compliant"],
                inspection_valid_until=data["inspection_valid_until"],
                inspection_certificate=upload(form, "inspection_certificate"),
                pm_certificate=upload(form, "pm_certificate"),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "使用車両を登録しました。")
            return redirect("support_office:vehicle-list", contract_id=contract_id)
    return render(
        request,
        "support_office/office/vehicle_form.html",
        {"contract": access.contract, "form": form},
        status=_status(form),
    )


@post_only_or_back("support_office:vehicle-list")
@login_required
def vehicle_shown(request: HttpRequest, contract_id: int, vehicle_id: int) -> HttpResponse:
    access = core_selectors.contract_get(user=request.user, contract_id=contract_id)
    vehicle = selectors.vehicle_get(access=access, vehicle_id=vehicle_id)
    services.vehicle_shown(actor=request.user, access=access, vehicle_id=vehicle.pk)
    messages.success(request, f"{vehicle.registration} の書類の提示を受けたことを記録しました。")
    return redirect("support_office:vehicle-list", contract_id=contract_id)
