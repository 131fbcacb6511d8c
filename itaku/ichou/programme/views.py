"""The annual programme pages: the year's programme (its activities as a table on a desk and
cards on a phone, its problems with their clauses, each activity's staffing shortfall, the
buttons of the state it is in), the activity form, and the activity page with its staff."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from itaku.core import calendar
from itaku.core import selectors as core_selectors
from itaku.ichou.agreements.forms import add_agreement_field
from itaku.ichou.agreements.selectors import agreement_choices
from itaku.ichou.participants.selectors import plan_count
from itaku.ichou.programme import selectors, services
from itaku.ichou.programme.decl import DECIDE_PROGRAMME, EDIT_PROGRAMME, VIEW_PROGRAMME
from itaku.ichou.programme.forms import (
    ActivityForm,
    AssignForm,
    DecideForm,
    ReviseForm,
    WeatherCancelForm,
)
from itaku.ichou.programme.models import Activity, Programme
from itaku.web.views import apply_errors, confirmation_page, is_confirmed

State = Programme.State


@login_required
def programme_index(request: HttpRequest, contract_id: int) -> HttpResponse:
    access = core_selectors.contract_get(user=request.user, contract_id=contract_id)
    access.require(VIEW_PROGRAMME)
    return redirect("ichou:programme", contract_id, calendar.fiscal_year(timezone.localdate()))


def _confirm(request: HttpRequest, programme: Programme, step: str, note: str = "") -> Any:
    """The page that asks before a submission or a decision (as the roster's does)."""
    name = f"{programme.fiscal_year}年度の年間プログラム(第{programme.version}版)"
    back = request.path
    if step == "submit":
        return confirmation_page(
            request,
            title=f"{name}を区に提出します",
            what="区の監督職員に送り、承認を受けます。",
            consequence="提出した後は、承認か差戻しまで変更できません。",
            button=f"{name}を区に提出する",
            back=back,
            carry={"step": "submit"},
        )
    if step == "approve":
        return confirmation_page(
            request,
            title=f"{name}を承認します",
            what="承認すると、この版が実施する予定になり、各活動の当日のスケジュール・班編成と"
            "参加者への通知文の提出期限(活動の1週間前)が受注者の提出物に加わります。",
            consequence="承認は取り消せません。変更は受注者が新しい版を作って提出し直します。",
            button=f"{name}を承認する",
            back=back,
            carry={"step": "approve"},
        )
    return confirmation_page(
        request,
        title=f"{name}を差し戻します",
        what="差し戻すと、受注者の画面に理由が表示されます。",
        consequence="差し戻しは取り消せません。受注者が直して提出し直します。",
        details=[("差戻しの理由", note)],
        carry={"step": "return", "note": note},
        button=f"{name}を差し戻す",
        back=back,
    )


@login_required
def programme_page(request: HttpRequest, contract_id: int, fiscal_year: int) -> HttpResponse:
    access = core_selectors.contract_get(user=request.user, contract_id=contract_id)
    access.require(VIEW_PROGRAMME)
    if not 2000 <= fiscal_year <= 2100:
        raise Http404
    programme = selectors.programme_current(access=access, fiscal_year=fiscal_year)
    can_edit = access.can(EDIT_PROGRAMME)
    decide_form, revise_form = DecideForm(), ReviseForm()
    # IC-35: a change after approval may point to one of this contract's 協議記録.
    changes = agreement_choices(access.contract, "programme_change") if can_edit else []
    add_agreement_field(revise_form, changes)
    status = 200
    if request.method == "POST":
        step = request.POST.get("step", "")
        try:
            if step == "start":
                services.programme_start(actor=request.user, access=access, fiscal_year=fiscal_year)
            elif programme is None:
                raise Http404
            elif step == "submit":
                access.require(EDIT_PROGRAMME)
                if not is_confirmed(request):
                    return _confirm(request, programme, step)
                services.programme_submit(actor=request.user, access=access, programme=programme)
                messages.success(request, "年間プログラムを区に提出しました。")
            elif step in ("approve", "return"):
                access.require(DECIDE_PROGRAMME)
                decide_form = DecideForm(request.POST)
                if not decide_form.is_valid():
                    raise ValidationError({})
                note = decide_form.cleaned_data["note"]
                if step == "return" and not note.strip():
                    raise ValidationError({"note": ["差し戻す理由を入力してください。"]})
                if not is_confirmed(request):
                    return _confirm(request, programme, step, note)
                services.programme_decide(
                    actor=request.user,
                    access=access,
                    programme=programme,
                    approve=step == "approve",
                    note=note,
                )
                messages.success(
                    request,
                    "年間プログラムを承認しました。"
                    if step == "approve"
                    else "年間プログラムを差し戻しました。",
                )
            elif step == "revise":
                revise_form = ReviseForm(request.POST)
                add_agreement_field(revise_form, changes)
                if not revise_form.is_valid():
                    raise ValidationError({})
                services.programme_revise(
                    actor=request.user,
                    access=access,
                    programme=programme,
                    reason=revise_form.cleaned_data["change_reason"],
                    agreement=revise_form.cleaned_data["agreement"] or None,
                )
            else:
                raise Http404
        except ValidationError as error:
            status = 400
            form = revise_form if step == "revise" else decide_form
            if error.messages or getattr(error, "error_dict", None):
                if step in ("submit", "start") or not hasattr(error, "error_dict"):
                    messages.error(request, " ".join(error.messages))
                else:
                    apply_errors(form, error)
        else:
            return redirect(request.path)
        programme = selectors.programme_current(access=access, fiscal_year=fiscal_year)
    activities = selectors.activities_of(programme) if programme else []
    problems = selectors.programme_problems(activities)
    rows = []
    for activity in activities:
        rows.append(
            {
                "activity": activity,
                "day": selectors.day_label(activity.date),
                "staffing": selectors.staffing(activity, list(activity.assignments.all())),
                "problems": [p for p in problems if p.activity is activity],
            }
        )
    in_force = (
        selectors.programme_approved(access=access, fiscal_year=fiscal_year)
        if programme is not None and programme.state != State.APPROVED
        else None
    )
    return render(
        request,
        "ichou/programme/programme.html",
        {
            "contract": access.contract,
            "fiscal_year": fiscal_year,
            "programme": programme,
            "in_force": in_force,
            "rows": rows,
            "problems": problems,
            "year_problems": [p for p in problems if p.activity is None],
            "can_edit": can_edit and programme is not None and programme.state in services.EDITABLE,
            "can_start": can_edit and programme is None,
            "can_revise": can_edit and programme is not None and programme.state == State.APPROVED,
            "can_decide": access.can(DECIDE_PROGRAMME)
            and programme is not None
            and programme.state == State.SUBMITTED,
            "decide_form": decide_form,
            "revise_form": revise_form,
            "access": access,
        },
        status=status,
    )


def _values(form: ActivityForm) -> dict[str, Any]:
    return dict(form.cleaned_data)


@login_required
def activity_add(request: HttpRequest, contract_id: int, fiscal_year: int) -> HttpResponse:
    access = core_selectors.contract_get(user=request.user, contract_id=contract_id)
    access.require(EDIT_PROGRAMME)
    programme = selectors.programme_current(access=access, fiscal_year=fiscal_year)
    if programme is None or programme.state not in services.EDITABLE:
        raise Http404
    form = ActivityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_add(
                actor=request.user, access=access, programme=programme, values=_values(form)
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "活動を追加しました。")
            return redirect("ichou:programme", contract_id, fiscal_year)
    return render(
        request,
        "ichou/programme/activity_form.html",
        {"contract": access.contract, "programme": programme, "form": form, "activity": None},
        status=400 if form.errors else 200,
    )


@login_required
def activity_edit(request: HttpRequest, contract_id: int, activity_id: int) -> HttpResponse:
    access = core_selectors.contract_get(user=request.user, contract_id=contract_id)
    activity = selectors.activity_get(access=access, activity_id=activity_id)
    access.require(EDIT_PROGRAMME)
    programme = activity.programme
    if programme.state not in services.EDITABLE:
        raise Http404
    form = ActivityForm(request.POST) if request.method == "POST" else ActivityForm.of(activity)
    if request.method == "POST" and request.POST.get("step") == "remove":
        if not is_confirmed(request):
            return confirmation_page(
                request,
                title="活動を削除します",
                what=f"{activity.get_kind_display()}({selectors.day_label(activity.date)})を"
                "この版から削除します。",
                consequence="削除は取り消せません。必要なら活動を追加し直します。",
                button="活動を削除する",
                back=request.path,
                carry={"step": "remove"},
                danger=True,
            )
        services.activity_remove(actor=request.user, access=access, activity=activity)
        messages.success(request, "活動を削除しました。")
        return redirect("ichou:programme", contract_id, programme.fiscal_year)
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_change(
                actor=request.user, access=access, activity=activity, values=_values(form)
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "活動を変更しました。")
            return redirect("ichou:activity", contract_id, activity.pk)
    return render(
        request,
        "ichou/programme/activity_form.html",
        {"contract": access.contract, "programme": programme, "form": form, "activity": activity},
        status=400 if form.errors else 200,
    )


def _entries(access: Any, activity: Activity) -> list[tuple[str, str]]:
    return [
        (str(e.pk), f"{e.person}({e.get_role_display()})")
        for e in selectors.entries_for(contract=access.contract, on=activity.date)
    ]


@login_required
def activity_detail(request: HttpRequest, contract_id: int, activity_id: int) -> HttpResponse:
    access = core_selectors.contract_get(user=request.user, contract_id=contract_id)
    activity = selectors.activity_get(access=access, activity_id=activity_id)
    programme = activity.programme
    can_staff = access.can(EDIT_PROGRAMME) and programme.state != State.SUPERSEDED
    assign_form = AssignForm(entries=_entries(access, activity) if can_staff else [])
    cancel_form = WeatherCancelForm()
    # IC-35: the cancellation may point to one of this contract's 協議記録 of a cancellation.
    cancellations = (
        agreement_choices(access.contract, "cancellation") if access.can(EDIT_PROGRAMME) else []
    )
    add_agreement_field(cancel_form, cancellations)
    status = 200
    if request.method == "POST":
        access.require(EDIT_PROGRAMME)
        step = request.POST.get("step", "")
        try:
            if step == "assign":
                assign_form = AssignForm(request.POST, entries=_entries(access, activity))
                if not assign_form.is_valid():
                    raise ValidationError({})
                services.staff_assign(
                    actor=request.user,
                    access=access,
                    activity=activity,
                    entry_id=assign_form.cleaned_data["entry"],
                )
            elif step == "unassign":
                services.staff_unassign(
                    actor=request.user,
                    access=access,
                    activity=activity,
                    assignment_id=request.POST.get("assignment", ""),
                )
            elif step == "cancel":
                cancel_form = WeatherCancelForm(request.POST)
                add_agreement_field(cancel_form, cancellations)
                if not cancel_form.is_valid():
                    raise ValidationError({})
                services.activity_cancel_for_weather(
                    actor=request.user,
                    access=access,
                    activity=activity,
                    agreed_on=cancel_form.cleaned_data["agreed_on"],
                    notice_sent_on=cancel_form.cleaned_data["notice_sent_on"],
                    agreement=cancel_form.cleaned_data["agreement"] or None,
                )
            else:
                raise Http404
        except ValidationError as error:
            status = 400
            form = cancel_form if step == "cancel" else assign_form
            if hasattr(error, "error_dict") and error.error_dict:
                apply_errors(form, error)
            elif error.messages:
                messages.error(request, " ".join(error.messages))
        else:
            return redirect(request.path)
        activity = selectors.activity_get(access=access, activity_id=activity_id)
    assignments = list(activity.assignments.select_related("entry__person"))
    problems = [
        p
        for p in selectors.programme_problems(list(programme.activities.all()))
        if p.activity is not None and p.activity.pk == activity.pk
    ]
    return render(
        request,
        "ichou/programme/activity_detail.html",
        {
            "contract": access.contract,
            "programme": programme,
            "activity": activity,
            "day": selectors.day_label(activity.date),
            "assignments": assignments,
            "staffing": selectors.staffing(activity, assignments),
            # IC-9: the returned 参加予定表 counted against the registered of its group(s).
            "plan_count": plan_count(access=access, activity=activity),
            "problems": problems,
            "can_staff": can_staff,
            "can_edit": access.can(EDIT_PROGRAMME) and programme.state in services.EDITABLE,
            "can_cancel": access.can(EDIT_PROGRAMME)
            and programme.state == State.APPROVED
            and not activity.cancelled_for_weather,
            "assign_form": assign_form,
            "cancel_form": cancel_form,
            "access": access,
            "back": reverse("ichou:programme", args=[contract_id, programme.fiscal_year]),
        },
        status=status,
    )
