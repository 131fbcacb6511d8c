"""The duty schedule page: one month, its shifts day by day (a table on a desk, cards on a
phone), the check (gaps, labour problems, after-hours), and the buttons of the state it is in."""

from __future__ import annotations

from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from itaku.core import selectors as core_selectors
from itaku.core.calendar import TOKYO
from itaku.support_office.duty import selectors, services
from itaku.support_office.duty.decl import DECIDE_DUTY, EDIT_DUTY, VIEW_DUTY
from itaku.support_office.duty.forms import DecideForm, ReviseForm, ShiftAddForm
from itaku.support_office.duty.models import DutySchedule
from itaku.web.views import apply_errors


@login_required
def duty_index(request: HttpRequest, contract_id: int) -> HttpResponse:
    access = core_selectors.contract_get(user=request.user, contract_id=contract_id)
    access.require(VIEW_DUTY)
    today = timezone.localdate()
    return redirect("support_office:duty-month", contract_id, today.year, today.month)


def _entries(access, year: int, month: int) -> list[tuple[str, str]]:
    first, last = selectors.deadlines.month_bounds(year, month)
    entries = selectors.entries_on_post(contract=access.contract, on=first) | (
        selectors.entries_on_post(contract=access.contract, on=last)
    )
    return [(str(e.pk), str(e.person)) for e in entries.distinct()]


@login_required
def duty_month(request: HttpRequest, contract_id: int, year: int, month: int) -> HttpResponse:
    access = core_selectors.contract_get(user=request.user, contract_id=contract_id)
    access.require(VIEW_DUTY)
    if not 1 <= month <= 12 or not 2000 <= year <= 2100:
        raise Http404
    schedule = selectors.schedule_current(access=access, year=year, month=month)
    can_edit = access.can(EDIT_DUTY)
    add_form = ShiftAddForm(entries=_entries(access, year, month) if can_edit else [])
    decide_form, revise_form = DecideForm(), ReviseForm()
    status = 200
    if request.method == "POST":
        step = request.POST.get("step", "")
        try:
            if step == "start":
                services.schedule_start(actor=request.user, access=access, year=year, month=month)
            elif schedule is None:
                raise Http404
            elif step == "add":
                add_form = ShiftAddForm(request.POST, entries=_entries(access, year, month))
                if not add_form.is_valid():
                    raise ValidationError({})
                d = add_form.cleaned_data
                services.shift_add(
                    actor=request.user,
                    access=access,
                    schedule=schedule,
                    entry_id=d["entry"],
                    starts_at=datetime.combine(d["day"], d["starts"], tzinfo=TOKYO),
                    ends_at=datetime.combine(d["day"], d["ends"], tzinfo=TOKYO),
                )
            elif step == "remove":
                services.shift_remove(
                    actor=request.user,
                    access=access,
                    schedule=schedule,
                    shift_id=request.POST.get("shift", ""),
                )
            elif step == "submit":
                if not request.POST.get("confirmed"):
                    return render(
                        request,
                        "confirm.html",
                        {
                            "title": "勤務予定表を提出する",
                            "what": f"{year}年{month}月の勤務予定表(第{schedule.version}版)を"
                            "区の監督職員に提出します。",
                            "consequence": "提出した後は、承認か差戻しまで変更できません。",
                            "action": request.path,
                            "confirmed_name": "confirmed",
                            "carry": {"step": "submit"},
                            "button": "提出する",
                            "back": request.path,
                        },
                    )
                services.schedule_submit(actor=request.user, access=access, schedule=schedule)
                messages.success(request, "勤務予定表を提出しました。")
            elif step in ("approve", "return"):
                decide_form = DecideForm(request.POST)
                if not decide_form.is_valid():
                    raise ValidationError({})
                services.schedule_decide(
                    actor=request.user,
                    access=access,
                    schedule=schedule,
                    approve=step == "approve",
                    note=decide_form.cleaned_data["note"],
                )
            elif step == "revise":
                revise_form = ReviseForm(request.POST)
                if not revise_form.is_valid():
                    raise ValidationError({})
                services.schedule_revise(
                    actor=request.user,
                    access=access,
                    schedule=schedule,
                    reason=revise_form.cleaned_data["change_reason"],
                )
            else:
                raise Http404
        except ValidationError as error:
            status = 400
            form = {"add": add_form, "revise": revise_form}.get(step, decide_form)
            if error.messages or getattr(error, "error_dict", None):
                if step in ("submit", "remove", "start"):
                    messages.error(request, " ".join(error.messages))
                else:
                    apply_errors(form, error)
        else:
            return redirect(request.path)
        schedule = selectors.schedule_current(access=access, year=year, month=month)
    # Every version of the month, newest first; ``?version=N`` shows an older one, read only.
    versions = list(
        selectors.schedules_of_contract(access=access)
        .filter(year=year, month=month)
        .only("pk", "version", "state", "change_reason", "decided_at")
    )
    shown = schedule
    wanted = request.GET.get("version", "")
    if request.method == "GET" and wanted:
        shown = next((v for v in versions if str(v.version) == wanted), None)
        if shown is None:
            raise Http404
        if schedule is not None and shown.pk != schedule.pk:
            shown = selectors.schedule_get(access=access, schedule_id=shown.pk)
    older = shown is not None and schedule is not None and shown.pk != schedule.pk
    if older:
        can_edit = False
        schedule = shown
    shifts = selectors.shifts_of(schedule) if schedule else []
    days = []
    for day in selectors.month_days(year, month):
        on_day = [s for s in shifts if timezone.localtime(s.starts_at).date() == day]
        days.append({"label": selectors.day_label(day), "shifts": on_day})
    State = DutySchedule.State
    return render(
        request,
        "support_office/duty/duty_month.html",
        {
            "contract": access.contract,
            "year": year,
            "month": month,
            "schedule": schedule,
            "days": days,
            "check": selectors.schedule_check(schedule, shifts) if schedule else None,
            "can_edit": can_edit and schedule is not None and schedule.state in services.EDITABLE,
            "can_start": can_edit and schedule is None,
            "can_revise": can_edit and schedule is not None and schedule.state == State.APPROVED,
            "can_decide": not older
            and access.can(DECIDE_DUTY)
            and schedule is not None
            and schedule.state == State.SUBMITTED,
            "older": older,
            "versions": versions if len(versions) > 1 else [],
            "add_form": add_form,
            "decide_form": decide_form,
            "revise_form": revise_form,
        },
        status=status,
    )
