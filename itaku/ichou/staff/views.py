"""The staff pages of いちょう学級: 従事者 (the roster by role with the responsible person's
warnings and each person's activities of the year, IC-19, IC-20), マニュアル (the operations and
crisis manuals as versioned documents, IC-21), 研修 (the year's plans, their reports and what
is missing, IC-22, IC-30), 名札 (the name tags of an activity, requested as an export, IC-21)
and 応募者・募集 (the publicities, the applicants' pipeline, the hire onto the roster and how
many volunteers and nurses are still needed, IC-20)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from itaku.core import calendar
from itaku.core import selectors as core_selectors
from itaku.ichou.staff import rules, selectors, services
from itaku.ichou.staff.decl import (
    ACKNOWLEDGE_MANUAL,
    EDIT_RECRUITMENT,
    EDIT_STAFF,
    VIEW_RECRUITMENT,
    VIEW_STAFF,
)
from itaku.ichou.staff.forms import (
    ApplicantForm,
    ApplicantHireForm,
    ApplicantMoveForm,
    ManualForm,
    PublicityForm,
    TrainingPlanForm,
    TrainingReportForm,
)
from itaku.ichou.staff.rules import TOPIC_CLAUSES
from itaku.web.views import apply_errors, post_only_or_back


def _upload(form: Any, name: str) -> tuple[str, bytes] | None:
    upload = form.cleaned_data.get(name)
    return (upload.name, upload.read()) if upload else None


def _can_open_files(access: Any) -> bool:
    from itaku.privacy.contributions import VIEW_ATTACHMENTS

    return access.can(VIEW_ATTACHMENTS)


@login_required
def roster_page(request: HttpRequest, contract_id: int) -> HttpResponse:
    access = core_selectors.contract_get(user=request.user, contract_id=contract_id)
    access.require(VIEW_STAFF)
    today = timezone.localdate()
    page = selectors.staff_page(access=access, today=today)
    return render(
        request,
        "ichou/staff/roster.html",
        {
            "contract": access.contract,
            "page": page,
            "today": today,
            "can_see_recruitment": access.can(VIEW_RECRUITMENT),
        },
    )


@login_required
def manuals_page(request: HttpRequest, contract_id: int) -> HttpResponse:
    access = core_selectors.contract_get(user=request.user, contract_id=contract_id)
    access.require(VIEW_STAFF)
    can_edit = access.can(EDIT_STAFF)
    form = ManualForm()
    if request.method == "POST":
        access.require(EDIT_STAFF)
        form = ManualForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                version = services.manual_submit(
                    actor=request.user,
                    access=access,
                    kind=form.cleaned_data["kind"],
                    summary=form.cleaned_data.get("summary") or "",
                    document=_upload(form, "document"),
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, f"{version}を提出しました。監督職員の受領を待ちます。")
                return redirect(request.path)
    shelves = selectors.manual_shelves(list(selectors.manuals_of(access=access)))
    return render(
        request,
        "ichou/staff/manuals.html",
        {
            "contract": access.contract,
            "shelves": shelves,
            "form": form if can_edit else None,
            "can_acknowledge": access.can(ACKNOWLEDGE_MANUAL),
            "can_open": _can_open_files(access),
        },
        status=400 if form.errors else 200,
    )


@login_required
@post_only_or_back("ichou:staff-manuals")
def manual_acknowledge(request: HttpRequest, contract_id: int, version_id: int) -> HttpResponse:
    access = core_selectors.contract_get(user=request.user, contract_id=contract_id)
    version = selectors.manual_get(access=access, version_id=version_id)
    access.require(ACKNOWLEDGE_MANUAL)
    try:
        services.manual_acknowledge(actor=request.user, access=access, version=version)
    except PermissionDenied as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, f"{version}を受領しました。")
    return redirect("ichou:staff-manuals", contract_id)


def _year(request: HttpRequest, today: Any) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return calendar.fiscal_year(today)
    return year if 2000 <= year <= 2100 else calendar.fiscal_year(today)


@login_required
def training_page(request: HttpRequest, contract_id: int) -> HttpResponse:
    access = core_selectors.contract_get(user=request.user, contract_id=contract_id)
    access.require(VIEW_STAFF)
    can_edit = access.can(EDIT_STAFF)
    today = timezone.localdate()
    year = _year(request, today)
    form = TrainingPlanForm(initial={"fiscal_year": year})
    if request.method == "POST":
        access.require(EDIT_STAFF)
        form = TrainingPlanForm(request.POST)
        if form.is_valid():
            try:
                plan = services.training_plan_create(
                    actor=request.user, access=access, values=dict(form.cleaned_data)
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, f"{plan}を登録しました。")
                return redirect(f"{request.path}?year={plan.fiscal_year}")
    plans = list(selectors.plans_of(access=access, fiscal_year=year))
    gaps = selectors.training_gaps(plans, year, today)
    overdue = {g.key for g in gaps if g.key is not None}
    return render(
        request,
        "ichou/staff/training.html",
        {
            "contract": access.contract,
            "year": year,
            "years": (year - 1, year + 1),
            "rows": [
                {
                    "plan": p,
                    "report": getattr(p, "report", None),
                    "overdue": p.pk in overdue,
                    "clause": TOPIC_CLAUSES.get(p.topic, "IC-22"),
                }
                for p in plans
            ],
            "gaps": gaps,
            "form": form if can_edit else None,
            "can_open": _can_open_files(access),
        },
        status=400 if form.errors else 200,
    )


def _entries(access: Any) -> list[tuple[str, str]]:
    today = timezone.localdate()
    return [
        (str(e.pk), f"{e.person.full_name}({e.get_role_display()})")
        for e in selectors.current_entries(access=access, on=today)
    ]


@login_required
def training_report_page(request: HttpRequest, contract_id: int, plan_id: int) -> HttpResponse:
    access = core_selectors.contract_get(user=request.user, contract_id=contract_id)
    plan = selectors.plan_get(access=access, plan_id=plan_id)
    report = getattr(plan, "report", None)
    form = None
    if report is None and access.can(EDIT_STAFF):
        form = TrainingReportForm(
            request.POST or None, request.FILES or None, entries=_entries(access)
        )
    if request.method == "POST":
        access.require(EDIT_STAFF)
        if form is None:
            messages.error(request, "この研修はすでに報告されています。")
            return redirect(request.path)
        if form.is_valid():
            try:
                services.training_report_create(
                    actor=request.user,
                    access=access,
                    plan=plan,
                    values=dict(form.cleaned_data),
                    materials=_upload(form, "materials"),
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, "研修の報告を提出しました。")
                return redirect(f"{request.path}")
    attendees = list(report.attendees.select_related("person")) if report else []
    return render(
        request,
        "ichou/staff/training_report.html",
        {
            "contract": access.contract,
            "plan": plan,
            "report": report,
            "attendees": attendees,
            "form": form,
            "clause": TOPIC_CLAUSES.get(plan.topic, "IC-22"),
            "can_open": _can_open_files(access),
        },
        status=400 if form is not None and form.errors else 200,
    )


@login_required
def name_tags_page(request: HttpRequest, contract_id: int) -> HttpResponse:
    from itaku.ichou.participants.models import Registration
    from itaku.ichou.programme.models import Activity, Programme
    from itaku.privacy.contributions import REQUEST_EXPORT

    access = core_selectors.contract_get(user=request.user, contract_id=contract_id)
    access.require(VIEW_STAFF)
    today = timezone.localdate()
    activities = list(
        Activity.objects.filter(
            programme__contract=access.contract,
            programme__state=Programme.State.APPROVED,
            date__gte=calendar.fiscal_year_start(calendar.fiscal_year(today)),
        )
        .annotate(staff_count=Count("assignments"))
        .order_by("date", "start", "group", "pk")
    )
    registered: dict[tuple[int, str], int] = {}
    for row in (
        Registration.objects.filter(contract=access.contract, state=Registration.State.REGISTERED)
        .values("fiscal_year", "group")
        .annotate(n=Count("pk"))
    ):
        registered[(row["fiscal_year"], row["group"])] = row["n"]
    rows = []
    for a in activities:
        fy = calendar.fiscal_year(a.date)
        groups = ("1", "2") if a.group == Activity.Group.JOINT else (a.group,)
        rows.append(
            {
                "activity": a,
                "participants": sum(registered.get((fy, g), 0) for g in groups),
                "staff": a.staff_count,
            }
        )
    return render(
        request,
        "ichou/staff/name_tags.html",
        {
            "contract": access.contract,
            "rows": rows,
            "can_request": access.can(REQUEST_EXPORT),
        },
    )


# --- IC-20: 応募者・募集 ---------------------------------------------------------------------


def _publicity_choices(access: Any) -> list[tuple[str, str]]:
    return [(str(p.pk), str(p)) for p in selectors.publicities_of(access=access)]


def _recruitment(
    request: HttpRequest,
    access: Any,
    *,
    publicity_form: Any = None,
    add_form: Any = None,
) -> HttpResponse:
    today = timezone.localdate()
    can_edit = access.can(EDIT_RECRUITMENT)
    page = selectors.recruitment_page(access=access, today=today)
    if can_edit and publicity_form is None:
        publicity_form = PublicityForm(initial={"published_on": today}, auto_id="publicity_%s")
    if can_edit and add_form is None:
        add_form = ApplicantForm(
            initial={"applied_on": today},
            publicities=[(str(p.pk), str(p)) for p, _ in page.publicities],
        )
    failed = (publicity_form is not None and publicity_form.errors) or (
        add_form is not None and add_form.errors
    )
    return render(
        request,
        "ichou/staff/recruitment.html",
        {
            "contract": access.contract,
            "page": page,
            "today": today,
            "publicity_form": publicity_form if can_edit else None,
            "add_form": add_form if can_edit else None,
        },
        status=400 if failed else 200,
    )


@login_required
def recruitment_page(request: HttpRequest, contract_id: int) -> HttpResponse:
    access = core_selectors.contract_get(user=request.user, contract_id=contract_id)
    access.require(VIEW_RECRUITMENT)
    return _recruitment(request, access)


@login_required
@post_only_or_back("ichou:staff-recruitment")
def publicity_add(request: HttpRequest, contract_id: int) -> HttpResponse:
    access = core_selectors.contract_get(user=request.user, contract_id=contract_id)
    access.require(VIEW_RECRUITMENT)
    access.require(EDIT_RECRUITMENT)
    form = PublicityForm(request.POST, auto_id="publicity_%s")
    if form.is_valid():
        try:
            publicity = services.publicity_create(
                actor=request.user, access=access, values=dict(form.cleaned_data)
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"募集「{publicity}」を登録しました。")
            return redirect("ichou:staff-recruitment", contract_id)
    return _recruitment(request, access, publicity_form=form)


@login_required
@post_only_or_back("ichou:staff-recruitment")
def applicant_add(request: HttpRequest, contract_id: int) -> HttpResponse:
    access = core_selectors.contract_get(user=request.user, contract_id=contract_id)
    access.require(VIEW_RECRUITMENT)
    access.require(EDIT_RECRUITMENT)
    form = ApplicantForm(request.POST, publicities=_publicity_choices(access))
    if form.is_valid():
        try:
            applicant = services.applicant_create(
                actor=request.user, access=access, values=dict(form.cleaned_data)
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"{applicant}を登録しました(状態: 応募)。")
            return redirect("ichou:staff-recruitment", contract_id)
    return _recruitment(request, access, add_form=form)


def _applicant(
    request: HttpRequest,
    access: Any,
    applicant: Any,
    *,
    move_form: Any = None,
    hire_form: Any = None,
) -> HttpResponse:
    today = timezone.localdate()
    can_edit = access.can(EDIT_RECRUITMENT)
    nexts = rules.applicant_next_states(applicant.status)
    if can_edit and move_form is None and nexts - {rules.HIRED}:
        move_form = ApplicantMoveForm(initial={"on": today}, status=applicant.status)
    if can_edit and hire_form is None and rules.HIRED in nexts:
        hire_form = ApplicantHireForm(initial={"valid_from": today})
    failed = (move_form is not None and move_form.errors) or (
        hire_form is not None and hire_form.errors
    )
    return render(
        request,
        "ichou/staff/applicant.html",
        {
            "contract": access.contract,
            "applicant": applicant,
            # The manager's read of the contacts is audited; the ward's readers never see them.
            "contacts": selectors.applicant_contacts(access=access, applicant=applicant)
            if can_edit
            else None,
            "move_form": move_form if can_edit else None,
            "hire_form": hire_form if can_edit else None,
            "waits": rules.waits_for_interview(
                status=applicant.status, applied_on=applicant.applied_on, today=today
            ),
        },
        status=400 if failed else 200,
    )


@login_required
def applicant_page(request: HttpRequest, contract_id: int, applicant_id: int) -> HttpResponse:
    access = core_selectors.contract_get(user=request.user, contract_id=contract_id)
    applicant = selectors.applicant_get(access=access, applicant_id=applicant_id)
    return _applicant(request, access, applicant)


@login_required
@post_only_or_back("ichou:staff-applicant", keep=("applicant_id",))
def applicant_move(request: HttpRequest, contract_id: int, applicant_id: int) -> HttpResponse:
    access = core_selectors.contract_get(user=request.user, contract_id=contract_id)
    applicant = selectors.applicant_get(access=access, applicant_id=applicant_id)
    access.require(EDIT_RECRUITMENT)
    form = ApplicantMoveForm(request.POST, status=applicant.status)
    if form.is_valid():
        target = form.cleaned_data["target"]
        try:
            services.applicant_move(
                actor=request.user,
                access=access,
                applicant=applicant,
                target=target,
                on=form.cleaned_data["on"],
                reason=form.cleaned_data.get("reason") or "",
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"{applicant}を「{rules.STATUS_LABELS[target]}」にしました。")
            return redirect("ichou:staff-applicant", contract_id, applicant_id)
    return _applicant(request, access, applicant, move_form=form)


@login_required
@post_only_or_back("ichou:staff-applicant", keep=("applicant_id",))
def applicant_hire(request: HttpRequest, contract_id: int, applicant_id: int) -> HttpResponse:
    access = core_selectors.contract_get(user=request.user, contract_id=contract_id)
    applicant = selectors.applicant_get(access=access, applicant_id=applicant_id)
    access.require(EDIT_RECRUITMENT)
    form = ApplicantHireForm(request.POST)
    if form.is_valid():
        try:
            services.applicant_hire(
                actor=request.user,
                access=access,
                applicant=applicant,
                valid_from=form.cleaned_data["valid_from"],
                pledge_date=form.cleaned_data.get("pledge_date"),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                f"{applicant}を採用し、従事者名簿に追加しました。"
                "名簿を提出し、監督職員の承認を受けてください。",
            )
            return redirect("ichou:staff-applicant", contract_id, applicant_id)
    return _applicant(request, access, applicant, hire_form=form)
