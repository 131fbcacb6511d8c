"""The money pages: the year's activities with each share and total (IC-27), an activity's cost
sheet and, for the overnight trip, its lodging (IC-25), the bus hike's ledger (IC-16) with the
reversal of a line, and the lodgings with their verdict."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from itaku.core import calendar
from itaku.core import selectors as core_selectors
from itaku.core.access import ContractAccess
from itaku.ichou.domain import ActivityKind
from itaku.ichou.money import selectors, services
from itaku.ichou.money.decl import EDIT_MONEY, VIEW_MONEY
from itaku.ichou.money.forms import (
    CostSheetForm,
    LedgerEntryForm,
    LedgerReverseForm,
    LodgingChoiceForm,
    LodgingForm,
)
from itaku.ichou.money.models import BusHikeLedgerEntry, Lodging
from itaku.ichou.programme.models import Activity
from itaku.web.views import apply_errors


def _upload(form: Any, name: str) -> tuple[str, bytes] | None:
    upload = form.cleaned_data.get(name)
    return (upload.name, upload.read()) if upload else None


def _access(request: HttpRequest, contract_id: int) -> ContractAccess:
    access = core_selectors.contract_get(user=request.user, contract_id=contract_id)
    access.require(VIEW_MONEY)
    return access


def _year(request: HttpRequest) -> int:
    raw = request.GET.get("year", "")
    if raw.isdigit() and 2000 <= int(raw) <= 2100:
        return int(raw)
    return calendar.fiscal_year(timezone.localdate())


@login_required
def costs_page(request: HttpRequest, contract_id: int) -> HttpResponse:
    access = _access(request, contract_id)
    fiscal_year = _year(request)
    activities = selectors.year_activities(access=access, fiscal_year=fiscal_year)
    rows = selectors.cost_rows(activities)
    collect = sum(r.result.total for r in rows if r.result and r.ward_collects)
    return render(
        request,
        "ichou/money/costs.html",
        {
            "contract": access.contract,
            "fiscal_year": fiscal_year,
            "rows": rows,
            "ward_total": collect,
        },
    )


def _lodging_options(access: ContractAccess) -> list[tuple[str, str]]:
    return [(str(lodging.pk), lodging.name) for lodging in selectors.lodgings_of(access=access)]


def _sheet_initial(activity: Activity) -> dict[str, Any]:
    from django.conf import settings

    sheet = selectors.sheet_of(activity)
    if sheet is None:
        initial: dict[str, Any] = {n: 0 for n in services.COST_FIELDS}
        initial["rounding"] = settings.ICHOU_SHARE_ROUNDING
        return initial
    return {n: getattr(sheet, n) for n in services.SHEET_FIELDS}


@login_required
def activity_page(request: HttpRequest, contract_id: int, activity_id: int) -> HttpResponse:
    access = _access(request, contract_id)
    activity = selectors.activity_get(access=access, activity_id=activity_id)
    can_edit = access.can(EDIT_MONEY)
    overnight = activity.kind == ActivityKind.OVERNIGHT
    sheet_form = CostSheetForm(initial=_sheet_initial(activity))
    choice = selectors.lodging_choice_of(activity) if overnight else None
    choice_form = (
        LodgingChoiceForm(
            initial={"lodging": str(choice.lodging_id) if choice else ""},
            lodgings=_lodging_options(access),
        )
        if overnight and can_edit
        else None
    )
    if request.method == "POST":
        access.require(EDIT_MONEY)
        if request.POST.get("form") == "lodging" and overnight:
            choice_form = LodgingChoiceForm(request.POST, lodgings=_lodging_options(access))
            if choice_form.is_valid():
                try:
                    services.lodging_choose(
                        actor=request.user,
                        access=access,
                        activity=activity,
                        lodging=selectors.lodgings_of(access=access)
                        .filter(pk=choice_form.cleaned_data["lodging"])
                        .first(),
                    )
                except ValidationError as error:
                    apply_errors(choice_form, error)
                else:
                    messages.success(request, "宿泊施設を選びました。")
                    return redirect(request.path)
        else:
            sheet_form = CostSheetForm(request.POST)
            if sheet_form.is_valid():
                try:
                    services.cost_sheet_save(
                        actor=request.user,
                        access=access,
                        activity=activity,
                        values=dict(sheet_form.cleaned_data),
                    )
                except ValidationError as error:
                    apply_errors(sheet_form, error)
                else:
                    messages.success(request, "費用の内訳を保存しました。")
                    return redirect(request.path)
    row = selectors.cost_rows([activity])[0]
    failed = sheet_form.errors or (choice_form is not None and choice_form.errors)
    return render(
        request,
        "ichou/money/activity.html",
        {
            "contract": access.contract,
            "activity": activity,
            "fiscal_year": calendar.fiscal_year(activity.date),
            "row": row,
            "form": sheet_form if can_edit else None,
            "overnight": overnight,
            "choice": choice,
            "choice_verdict": services.lodging_verdict(choice.lodging) if choice else None,
            "choice_form": choice_form,
            "bus_hike": activity.kind == ActivityKind.BUS_HIKE,
        },
        status=400 if failed else 200,
    )


def _bus_hike(access: ContractAccess, activity_id: int) -> Activity:
    activity = selectors.activity_get(access=access, activity_id=activity_id)
    if activity.kind != ActivityKind.BUS_HIKE:
        raise Http404("not a bus hike")
    return activity


@login_required
def ledger_page(request: HttpRequest, contract_id: int, activity_id: int) -> HttpResponse:
    access = _access(request, contract_id)
    activity = _bus_hike(access, activity_id)
    can_edit = access.can(EDIT_MONEY)
    form = LedgerEntryForm(
        initial={"entry_date": timezone.localdate(), "kind": BusHikeLedgerEntry.Kind.RECEIVED}
    )
    if request.method == "POST":
        access.require(EDIT_MONEY)
        form = LedgerEntryForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.ledger_entry_add(
                    actor=request.user,
                    access=access,
                    activity=activity,
                    values={
                        n: form.cleaned_data.get(n)
                        for n in ("entry_date", "kind", "amount", "description")
                    },
                    receipt=_upload(form, "receipt"),
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, "記帳しました。")
                return redirect(request.path)
    return render(
        request,
        "ichou/money/ledger.html",
        {
            "contract": access.contract,
            "activity": activity,
            "ledger": selectors.ledger_of(access=access, activity=activity),
            "form": form if can_edit else None,
        },
        status=400 if form.errors else 200,
    )


@login_required
def ledger_reverse(
    request: HttpRequest, contract_id: int, activity_id: int, entry_id: int
) -> HttpResponse:
    access = _access(request, contract_id)
    activity = _bus_hike(access, activity_id)
    entry = selectors.entry_get(access=access, activity=activity, entry_id=entry_id)
    access.require(EDIT_MONEY)
    form = LedgerReverseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.ledger_entry_reverse(
                actor=request.user,
                access=access,
                entry=entry,
                reason=form.cleaned_data["reason"],
                on=timezone.localdate(),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "取り消す記帳を加えました。")
            return redirect("ichou:money_ledger", contract_id, activity_id)
    return render(
        request,
        "ichou/money/ledger_reverse.html",
        {"contract": access.contract, "activity": activity, "entry": entry, "form": form},
        status=400 if form.errors else 200,
    )


def _lodging_values(form: LodgingForm) -> dict[str, Any]:
    return {n: form.cleaned_data.get(n) for n in services.LODGING_FIELDS}


@login_required
def lodgings_page(request: HttpRequest, contract_id: int) -> HttpResponse:
    access = _access(request, contract_id)
    can_edit = access.can(EDIT_MONEY)
    form = LodgingForm(initial={"diagnosed_safe": Lodging.Diagnosis.UNKNOWN})
    if request.method == "POST":
        access.require(EDIT_MONEY)
        form = LodgingForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.lodging_create(
                    actor=request.user,
                    access=access,
                    values=_lodging_values(form),
                    evidence=_upload(form, "evidence"),
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, "宿泊施設を登録しました。")
                return redirect(request.path)
    return render(
        request,
        "ichou/money/lodgings.html",
        {
            "contract": access.contract,
            "rows": selectors.lodging_rows(access=access),
            "form": form if can_edit else None,
        },
        status=400 if form.errors else 200,
    )


@login_required
def lodging_page(request: HttpRequest, contract_id: int, lodging_id: int) -> HttpResponse:
    access = _access(request, contract_id)
    lodging = selectors.lodging_get(access=access, lodging_id=lodging_id)
    can_edit = access.can(EDIT_MONEY)
    initial = {n: getattr(lodging, n) for n in services.LODGING_FIELDS}
    form = LodgingForm(initial=initial)
    if request.method == "POST":
        access.require(EDIT_MONEY)
        form = LodgingForm(request.POST, request.FILES, initial=initial)
        if form.is_valid():
            try:
                services.lodging_change(
                    actor=request.user,
                    access=access,
                    lodging=lodging,
                    values=_lodging_values(form),
                    evidence=_upload(form, "evidence"),
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, "宿泊施設を変更しました。")
                return redirect("ichou:money_lodging", contract_id, lodging_id)
    lodging.refresh_from_db()
    return render(
        request,
        "ichou/money/lodging.html",
        {
            "contract": access.contract,
            "lodging": lodging,
            "verdict": services.lodging_verdict(lodging),
            "form": form if can_edit else None,
        },
        status=400 if form.errors else 200,
    )
