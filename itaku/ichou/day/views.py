"""The activity-day pages: the list of activity days, the door screen (a large row per expected
participant, kana search, the health check form per row, the live staffing state polled by
htmx), the marks posted from it (idempotent by client token), the day's health notes for the
responsible person and nurses, the preparation checklist, the work log with closing, and the
accident report."""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect, render

from itaku.audit.services import audit_reads
from itaku.core import selectors as core_selectors
from itaku.core.access import ContractAccess
from itaku.ichou.day import selectors, services
from itaku.ichou.day.decl import (
    ACKNOWLEDGE_ACCIDENT,
    CLOSE_DAY,
    OVERRIDE_STAY_HOME,
    READ_HEALTH,
    REPORT_ACCIDENT,
    RUN_DAY,
    VIEW_DAY,
)
from itaku.ichou.day.forms import AccidentForm, LogForm, PrepareForm
from itaku.ichou.day.models import ActivityDay, CheckIn
from itaku.ichou.programme.selectors import day_label
from itaku.privacy.contributions import REQUEST_EXPORT
from itaku.web.lookup import get_or_404
from itaku.web.views import apply_errors

POLL_SECONDS = 10


def _access(request: HttpRequest, contract_id: int) -> ContractAccess:
    access = core_selectors.contract_get(user=request.user, contract_id=contract_id)
    if access.contract.service_kind != "ichou":
        raise Http404
    access.require(VIEW_DAY)
    return access


def _base(access: ContractAccess, activity: Any) -> dict[str, Any]:
    return {"contract": access.contract, "activity": activity, "day": day_label(activity.date)}


@login_required
def day_list(request: HttpRequest, contract_id: int) -> HttpResponse:
    access = _access(request, contract_id)
    activities = list(selectors.activities_of_day_list(access=access))
    rows = [{"activity": a, "day": day_label(a.date)} for a in activities]
    return render(request, "ichou/day/day_list.html", {"contract": access.contract, "rows": rows})


def _truthy(request: HttpRequest, name: str) -> bool:
    return request.POST.get(name) in ("1", "on", "true", "yes")


@login_required
def door(request: HttpRequest, contract_id: int, activity_id: int) -> HttpResponse:
    access = _access(request, contract_id)
    activity = selectors.activity_get(access=access, activity_id=activity_id)
    state = selectors.door_get(access=access, activity=activity)
    return render(
        request,
        "ichou/day/door.html",
        {
            **_base(access, activity),
            "door": state,
            "token": secrets.token_urlsafe(16),
            "can_run": access.can(RUN_DAY),
            "can_request_reception": access.can(RUN_DAY) and access.can(REQUEST_EXPORT),
            "can_override": access.can(OVERRIDE_STAY_HOME),
            "can_health": access.can(READ_HEALTH),
            "can_close": access.can(CLOSE_DAY),
            "can_report": access.can(REPORT_ACCIDENT),
            "poll_seconds": POLL_SECONDS,
            "closed": state.day is not None and state.day.closed_at is not None,
        },
    )


@login_required
def staffing(request: HttpRequest, contract_id: int, activity_id: int) -> HttpResponse:
    access = _access(request, contract_id)
    activity = selectors.activity_get(access=access, activity_id=activity_id)
    return render(
        request,
        "ichou/day/_staffing.html",
        {
            **_base(access, activity),
            "staffing": selectors.staffing_get(access=access, activity=activity),
            "poll_seconds": POLL_SECONDS,
        },
    )


@login_required
def mark(request: HttpRequest, contract_id: int, activity_id: int) -> HttpResponse:
    """One tap from the door screen: a check-in, a nurse's override, or a dismissal. Answers
    JSON to the page's script (the row's new state and the staffing), a redirect otherwise."""
    access = _access(request, contract_id)
    activity = selectors.activity_get(access=access, activity_id=activity_id)
    if request.method != "POST":
        # After the access rule, so an outsider learns nothing from the method's answer.
        return HttpResponseNotAllowed(["POST"])
    p = request.POST
    token = p.get("client_token", "")[:64]
    step = p.get("step", "")
    try:
        if step == "checkin":
            marked = services.checkin_record(
                actor=request.user,
                access=access,
                activity=activity,
                participant_id=p.get("participant") or None,
                entry_id=p.get("entry") or None,
                temperature=p.get("temperature") or None,
                strong_symptom=_truthy(request, "strong_symptom"),
                mild_symptom=_truthy(request, "mild_symptom"),
                continuing=_truthy(request, "continuing"),
                questionnaire=_truthy(request, "questionnaire"),
                higher_risk=_truthy(request, "higher_risk"),
                override_reason=p.get("override_reason", ""),
                client_token=token,
            )
            result = marked.record.result
        elif step == "override":
            day = selectors.day_of(activity)
            if day is None:
                raise Http404
            checkin = get_or_404(CheckIn.objects.filter(day=day), pk=p.get("checkin"))
            services.checkin_override(
                actor=request.user,
                access=access,
                checkin=checkin,
                reason=p.get("override_reason", ""),
            )
            result = CheckIn.Result.OVERRIDDEN
        elif step == "dismiss":
            services.dismissal_record(
                actor=request.user,
                access=access,
                activity=activity,
                participant_id=p.get("participant"),
                how=p.get("how", ""),
                handed_to_name=p.get("handed_to_name", ""),
                handed_to_relation=p.get("handed_to_relation", ""),
                staff_id=p.get("staff") or None,
                client_token=token,
            )
            result = "dismissed"
        else:
            raise Http404
    except ValidationError as error:
        text = " ".join(error.messages)
        if request.headers.get("X-Requested-With") == "fetch":
            return JsonResponse({"ok": False, "error": text}, status=400)
        messages.error(request, text)
        return redirect("ichou:day-door", contract_id, activity.pk)
    state = selectors.staffing_get(access=access, activity=activity)
    if request.headers.get("X-Requested-With") == "fetch":
        return JsonResponse({"ok": True, "result": result, "staffing": state.as_dict()})
    if result == CheckIn.Result.STAY_HOME:
        messages.warning(request, "健康状態の確認の結果、欠席をお願いしてください。")
    return redirect("ichou:day-door", contract_id, activity.pk)


@login_required
def health(request: HttpRequest, contract_id: int, activity_id: int) -> HttpResponse:
    access = _access(request, contract_id)
    activity = selectors.activity_get(access=access, activity_id=activity_id)
    notes = selectors.day_health_list(actor=request.user, access=access, activity=activity)
    return render(request, "ichou/day/health.html", {**_base(access, activity), "notes": notes})


@login_required
def prepare(request: HttpRequest, contract_id: int, activity_id: int) -> HttpResponse:
    access = _access(request, contract_id)
    activity = selectors.activity_get(access=access, activity_id=activity_id)
    access.require(RUN_DAY)
    day = selectors.day_of(activity)
    initial = (
        {n: getattr(day, n) for n in ActivityDay.PREPARATION + ActivityDay.INFECTION} if day else {}
    )
    form = PrepareForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.day_prepare(
                actor=request.user, access=access, activity=activity, checked=form.cleaned_data
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "準備と感染症対策の確認を記録しました。")
            return redirect("ichou:day-door", contract_id, activity.pk)
    return render(request, "ichou/day/prepare.html", {**_base(access, activity), "form": form})


@login_required
def log(request: HttpRequest, contract_id: int, activity_id: int) -> HttpResponse:
    access = _access(request, contract_id)
    activity = selectors.activity_get(access=access, activity_id=activity_id)
    access.require(CLOSE_DAY)
    day = selectors.day_of(activity)
    initial = {n: getattr(day, n) for n in ActivityDay.LOG_TEXTS + ActivityDay.AFTER} if day else {}
    form = LogForm(initial=initial)
    status = 200
    if request.method == "POST":
        try:
            if request.POST.get("step") == "close":
                services.day_close(actor=request.user, access=access, activity=activity)
                messages.success(request, "活動日を終了しました。")
                return redirect("ichou:day-door", contract_id, activity.pk)
            form = LogForm(request.POST)
            if not form.is_valid():
                raise ValidationError({})
            services.day_log_write(
                actor=request.user, access=access, activity=activity, values=form.cleaned_data
            )
            messages.success(request, "業務日誌を保存しました。")
            return redirect(request.path)
        except ValidationError as error:
            status = 400
            if hasattr(error, "error_dict"):
                apply_errors(form, error)
            else:
                messages.error(request, " ".join(error.messages))
    return render(
        request,
        "ichou/day/log.html",
        {**_base(access, activity), "form": form, "day_record": day},
        status=status,
    )


@login_required
def accident_add(request: HttpRequest, contract_id: int, activity_id: int) -> HttpResponse:
    access = _access(request, contract_id)
    activity = selectors.activity_get(access=access, activity_id=activity_id)
    access.require(REPORT_ACCIDENT)
    form = AccidentForm(request.POST or None)
    status = 200
    if request.method == "POST":
        try:
            if not form.is_valid():
                raise ValidationError({})
            report = services.accident_report(
                actor=request.user, access=access, activity=activity, values=form.cleaned_data
            )
        except ValidationError as error:
            status = 400
            if hasattr(error, "error_dict"):
                apply_errors(form, error)
        else:
            messages.success(request, "事故報告書を提出し、区の監督職員に知らせました。")
            return redirect("ichou:accident", contract_id, report.pk)
    return render(
        request,
        "ichou/day/accident_form.html",
        {**_base(access, activity), "form": form},
        status=status,
    )


@login_required
def accident_list(request: HttpRequest, contract_id: int) -> HttpResponse:
    """The contract's accident reports, newest first: the kind, the day and whether the ward
    has acknowledged it; what happened is read on each report (an audited read)."""
    access = _access(request, contract_id)
    reports = selectors.accidents_of(access=access)
    rows = [{"report": r, "day": day_label(r.day.activity.date)} for r in reports]
    return render(
        request, "ichou/day/accident_list.html", {"contract": access.contract, "rows": rows}
    )


@login_required
def accident_detail(request: HttpRequest, contract_id: int, report_id: int) -> HttpResponse:
    access = _access(request, contract_id)
    report = selectors.accident_get(access=access, report_id=report_id)
    if request.method == "POST":
        try:
            services.accident_acknowledge(actor=request.user, access=access, report=report)
        except PermissionDenied:
            raise
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "事故報告書を確認しました。")
        return redirect(request.path)
    activity = report.day.activity
    audit_reads(actor=request.user, contract=access.contract, records=[report])
    return render(
        request,
        "ichou/day/accident_detail.html",
        {
            **_base(access, activity),
            "report": report,
            "can_ack": access.can(ACKNOWLEDGE_ACCIDENT) and report.acknowledged_at is None,
        },
    )
