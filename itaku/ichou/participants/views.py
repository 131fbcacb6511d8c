"""The participants pages: the year's list (sorted by reading, the group sizes and a warning when
they are unbalanced), a participant's page (the health and support fields only for those who may
read them, each read audited), the form to add or change a participant, a registration's page
with its actions (agree, withdraw, move group; each asked before it is done), and the import of
a list from a file (previewed, nothing written until confirmed)."""

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
from itaku.ichou.agreements.forms import add_agreement_field
from itaku.ichou.agreements.selectors import agreement_choices
from itaku.ichou.participants import documents, imports, selectors, services
from itaku.ichou.participants.decl import (
    AGREE_ELIGIBILITY,
    EDIT_PARTICIPANTS,
    VIEW_HEALTH,
    VIEW_PARTICIPANTS,
)
from itaku.ichou.participants.forms import (
    AgreeForm,
    ImportForm,
    MoveForm,
    ParticipantForm,
    PlanForm,
    WithdrawForm,
)
from itaku.ichou.participants.models import ParticipantImport, Registration
from itaku.web.lookup import get_or_404
from itaku.web.views import apply_errors, confirmation_page, is_confirmed

State = Registration.State
IMPORT_SESSION_KEY = "ichou_participant_import"


def _year(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("year") or request.POST.get("year") or 0)
    except ValueError:
        year = 0
    return year if 2000 <= year <= 2100 else calendar.fiscal_year(timezone.localdate())


@login_required
def participants_index(request: HttpRequest, contract_id: int) -> HttpResponse:
    access = core_selectors.contract_get(user=request.user, contract_id=contract_id)
    access.require(VIEW_PARTICIPANTS)
    return redirect("ichou:participants", contract_id, calendar.fiscal_year(timezone.localdate()))


@login_required
def participants_page(request: HttpRequest, contract_id: int, fiscal_year: int) -> HttpResponse:
    access = core_selectors.contract_get(user=request.user, contract_id=contract_id)
    access.require(VIEW_PARTICIPANTS)
    if not 2000 <= fiscal_year <= 2100:
        raise Http404
    if request.method == "POST":
        access.require(EDIT_PARTICIPANTS)
        if request.POST.get("step") != "renew":
            raise Http404
        if not is_confirmed(request):
            return confirmation_page(
                request,
                title=f"{fiscal_year - 1}年度の参加者を{fiscal_year}年度も登録します",
                what=f"{fiscal_year - 1}年度に登録済みで、まだ{fiscal_year}年度の登録がない人を、"
                "4月1日の年齢のグループで登録します。",
                consequence="登録した後でも、一人ずつ退級・辞退にできます。",
                button="継続して登録する",
                back=request.path,
                carry={"step": "renew"},
            )
        count = services.registrations_renew(
            actor=request.user, access=access, fiscal_year=fiscal_year
        )
        messages.success(request, f"{count}人を継続して登録しました。")
        return redirect(request.path)
    registrations = selectors.registrations_of(access=access, fiscal_year=fiscal_year)
    sizes = selectors.group_sizes(registrations)
    # Under 15 on 1 April: put in the closest group on application, flagged for the ward (IC-2).
    under_age = {r.pk for r in registrations if selectors.under_age(r)}
    return render(
        request,
        "ichou/participants/list.html",
        {
            "contract": access.contract,
            "fiscal_year": fiscal_year,
            "registrations": registrations,
            "under_age": under_age,
            "sizes": sizes,
            "waiting": sum(1 for r in registrations if r.state == State.APPLIED),
            "can_edit": access.can(EDIT_PARTICIPANTS),
            "previous": fiscal_year - 1,
            "next": fiscal_year + 1,
        },
    )


def _form_values(form: ParticipantForm) -> dict[str, Any]:
    return dict(form.cleaned_data)


@login_required
def participant_add(request: HttpRequest, contract_id: int) -> HttpResponse:
    access = core_selectors.contract_get(user=request.user, contract_id=contract_id)
    access.require(EDIT_PARTICIPANTS)
    fiscal_year = _year(request)
    form = ParticipantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            participant = services.participant_create(
                actor=request.user, access=access, values=_form_values(form)
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            _, warnings = services.registration_add(
                actor=request.user, access=access, participant=participant, fiscal_year=fiscal_year
            )
            messages.success(request, f"参加者を登録し、{fiscal_year}年度の申込みにしました。")
            for warning in warnings:
                messages.warning(request, warning)
            return redirect("ichou:participant", contract_id, participant.pk)
    return render(
        request,
        "ichou/participants/form.html",
        {
            "contract": access.contract,
            "form": form,
            "participant": None,
            "fiscal_year": fiscal_year,
        },
        status=400 if form.errors else 200,
    )


@login_required
def participant_edit(request: HttpRequest, contract_id: int, participant_id: int) -> HttpResponse:
    access = core_selectors.contract_get(user=request.user, contract_id=contract_id)
    participant = selectors.participant_get(access=access, participant_id=participant_id)
    access.require(EDIT_PARTICIPANTS)
    if request.method == "POST":
        form = ParticipantForm(request.POST)
    else:
        # The form shows the health fields to the manager, who may read them: audited.
        selectors.participant_health(access=access, participant=participant)
        form = ParticipantForm.of(participant)
    if request.method == "POST" and form.is_valid():
        try:
            services.participant_change(
                actor=request.user,
                access=access,
                participant=participant,
                values=_form_values(form),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "参加者の情報を変更しました。")
            return redirect("ichou:participant", contract_id, participant.pk)
    return render(
        request,
        "ichou/participants/form.html",
        {
            "contract": access.contract,
            "form": form,
            "participant": participant,
            "fiscal_year": None,
        },
        status=400 if form.errors else 200,
    )


@login_required
def participant_detail(request: HttpRequest, contract_id: int, participant_id: int) -> HttpResponse:
    access = core_selectors.contract_get(user=request.user, contract_id=contract_id)
    participant = selectors.participant_get(access=access, participant_id=participant_id)
    if request.method == "POST":
        access.require(EDIT_PARTICIPANTS)
        if request.POST.get("step") != "register":
            raise Http404
        fiscal_year = _year(request)
        try:
            _, warnings = services.registration_add(
                actor=request.user, access=access, participant=participant, fiscal_year=fiscal_year
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"{fiscal_year}年度の申込みにしました。")
            for warning in warnings:
                messages.warning(request, warning)
        return redirect(request.path)
    health = (
        selectors.participant_health(access=access, participant=participant)
        if access.can(VIEW_HEALTH)
        else None
    )
    contacts = (
        selectors.participant_contacts(access=access, participant=participant)
        if access.can(VIEW_HEALTH)
        else None
    )
    registrations = selectors.registrations_of_participant(access=access, participant=participant)
    this_year = calendar.fiscal_year(timezone.localdate())
    return render(
        request,
        "ichou/participants/detail.html",
        {
            "contract": access.contract,
            "participant": participant,
            "health": health,
            "contacts": contacts,
            "registrations": registrations,
            "can_edit": access.can(EDIT_PARTICIPANTS),
            "can_register": access.can(EDIT_PARTICIPANTS)
            and all(r.fiscal_year != this_year for r in registrations),
            "this_year": this_year,
        },
    )


def _agreement_detail(form: Any) -> list[tuple[str, str]]:
    """The chosen 協議記録 as the confirmation page names it (IC-35)."""
    chosen = form.cleaned_data.get("agreement") or ""
    label = dict(form.fields["agreement"].choices).get(chosen, "")
    return [("協議記録", label)] if chosen else []


def _registration_confirm(
    request: HttpRequest,
    registration: Registration,
    step: str,
    reason: str,
    form: Any = None,
) -> HttpResponse:
    year = f"{registration.fiscal_year}年度"
    agreement = (form.cleaned_data.get("agreement") or "") if form is not None else ""
    shown = _agreement_detail(form) if form is not None else []
    if step == "agree":
        return confirmation_page(
            request,
            title=f"{year}の参加資格を確認します",
            what="確認すると、この申込みは登録済みになります。",
            consequence="確認は取り消せません。参加をやめるときは退級・辞退にします。",
            details=shown,
            button="参加資格を確認する",
            back=request.path,
            carry={"step": "agree", "agreement": agreement},
        )
    if step == "withdraw":
        return confirmation_page(
            request,
            title=f"{year}の参加を退級・辞退にします",
            what="この年度の名簿から外れます(記録は残ります)。",
            consequence="退級・辞退は取り消せません。戻るときは新しく申し込みます。",
            details=[("理由", reason)],
            button="退級・辞退にする",
            back=request.path,
            carry={"step": "withdraw", "reason": reason},
            danger=True,
        )
    other = "第2グループ" if registration.group == Registration.Group.FIRST else "第1グループ"
    return confirmation_page(
        request,
        title=f"{year}のグループを{other}に変えます",
        what="年齢によるグループと違うときは、理由が記録に残ります。",
        consequence="元に戻すときは、もう一度グループを変えます。",
        details=[("理由", reason), *shown],
        button=f"{other}に変える",
        back=request.path,
        carry={"step": "move", "reason": reason, "agreement": agreement},
    )


def _plan_labels(activities: list[Any]) -> list[tuple[str, str]]:
    from itaku.core.templatetags.itaku import wareki

    return [
        (str(a.pk), f"{wareki(a.date)} {a.get_kind_display()}({a.get_group_display()})")
        for a in activities
    ]


@login_required
def registration_page(request: HttpRequest, contract_id: int, registration_id: int) -> HttpResponse:
    access = core_selectors.contract_get(user=request.user, contract_id=contract_id)
    registration = selectors.registration_get(access=access, registration_id=registration_id)
    contract = access.contract

    def with_agreement(form: Any, kind: str) -> Any:
        # IC-35: the step may point to one of this contract's 協議記録 of its kind.
        add_agreement_field(form, agreement_choices(contract, kind))
        return form

    plan_choices = selectors.plan_choices(access=access, registration=registration)
    planned_ids = [str(i) for i in selectors.plan_of(access=access, registration=registration)]
    plan_form = PlanForm(
        prefix="plan", activities=_plan_labels(plan_choices), initial={"activities": planned_ids}
    )
    withdraw_form = WithdrawForm(prefix="withdraw")
    move_form = with_agreement(MoveForm(prefix="move"), "group_move")
    agree_form = with_agreement(AgreeForm(prefix="agree"), "eligibility")
    status = 200
    if request.method == "POST":
        step = request.POST.get("step", "")
        # The confirmation page carries the values back as plain fields.
        agreement = request.POST.get("agreement") or request.POST.get(f"{step}-agreement") or ""
        try:
            if step == "plan":
                access.require(EDIT_PARTICIPANTS)
                plan_form = PlanForm(
                    request.POST, prefix="plan", activities=_plan_labels(plan_choices)
                )
                if not plan_form.is_valid():
                    raise ValidationError({})
                services.participation_plan_set(
                    actor=request.user,
                    access=access,
                    registration=registration,
                    activity_ids=plan_form.cleaned_data["activities"],
                )
                messages.success(request, "参加予定を記録しました。")
            elif step == "agree":
                access.require(AGREE_ELIGIBILITY)
                agree_form = with_agreement(
                    AgreeForm({"agree-agreement": agreement}, prefix="agree"), "eligibility"
                )
                if not agree_form.is_valid():
                    raise ValidationError({})
                if not is_confirmed(request):
                    return _registration_confirm(request, registration, step, "", agree_form)
                services.registration_agree(
                    actor=request.user,
                    access=access,
                    registration=registration,
                    agreement=agree_form.cleaned_data["agreement"] or None,
                )
                messages.success(request, "参加資格を確認しました。")
            elif step in ("withdraw", "move"):
                access.require(EDIT_PARTICIPANTS)
                reason = request.POST.get("reason") or request.POST.get(f"{step}-reason") or ""
                data = {f"{step}-reason": reason, f"{step}-agreement": agreement}
                form: WithdrawForm | MoveForm
                if step == "withdraw":
                    form = withdraw_form = WithdrawForm(data, prefix=step)
                else:
                    form = move_form = with_agreement(MoveForm(data, prefix=step), "group_move")
                if not form.is_valid():
                    raise ValidationError({})
                if not is_confirmed(request):
                    return _registration_confirm(
                        request, registration, step, reason, form if step == "move" else None
                    )
                if step == "withdraw":
                    services.registration_withdraw(
                        actor=request.user,
                        access=access,
                        registration=registration,
                        reason=reason,
                    )
                    messages.success(request, "退級・辞退にしました。")
                else:
                    services.registration_move_group(
                        actor=request.user,
                        access=access,
                        registration=registration,
                        reason=reason,
                        agreement=form.cleaned_data.get("agreement") or None,
                    )
                    messages.success(request, "グループを変えました。")
            else:
                raise Http404
        except ValidationError as error:
            status = 400
            form = {"withdraw": withdraw_form, "agree": agree_form, "plan": plan_form}.get(
                step, move_form
            )
            if hasattr(error, "error_dict") and error.error_dict:
                apply_errors(form, error)
            elif error.messages:
                messages.error(request, " ".join(error.messages))
        else:
            return redirect(request.path)
    participant = registration.participant
    return render(
        request,
        "ichou/participants/registration.html",
        {
            "contract": access.contract,
            "registration": registration,
            "participant": participant,
            "under_age": selectors.under_age(registration),
            "can_agree": access.can(AGREE_ELIGIBILITY) and registration.state == State.APPLIED,
            "can_edit": access.can(EDIT_PARTICIPANTS) and registration.state != State.WITHDRAWN,
            "withdraw_form": withdraw_form,
            "move_form": move_form,
            "agree_form": agree_form,
            "plan_form": plan_form,
            "has_plan_choices": bool(plan_choices),
            "planned": [
                label for value, label in _plan_labels(plan_choices) if value in planned_ids
            ],
            "can_plan": access.can(EDIT_PARTICIPANTS) and registration.state != State.WITHDRAWN,
            "access": access,
        },
        status=status,
    )


@login_required
def participants_import(request: HttpRequest, contract_id: int) -> HttpResponse:
    """Upload → preview (every rejected row with its number and why) → confirm. The rows wait
    sealed in a ``ParticipantImport`` row; the session holds only its id."""
    access = core_selectors.contract_get(user=request.user, contract_id=contract_id)
    access.require(EDIT_PARTICIPANTS)
    fiscal_year = _year(request)
    form = ImportForm()
    context: dict[str, Any] = {"contract": access.contract, "fiscal_year": fiscal_year}
    status = 200
    if request.method == "POST" and request.POST.get("step") == "confirm":
        upload_id = request.session.get(IMPORT_SESSION_KEY)
        upload = get_or_404(
            ParticipantImport.objects.filter(
                contract=access.contract, created_by_id=request.user.pk, done_at__isnull=True
            ),
            pk=upload_id,
        )
        good, bad = services.import_checked(access, upload)
        if bad and request.POST.get("skip_bad") != "1":
            raise Http404
        added = services.import_confirm(
            actor=request.user, access=access, upload=upload, fiscal_year=fiscal_year
        )
        request.session.pop(IMPORT_SESSION_KEY, None)
        skipped = len(good) - added
        messages.success(
            request,
            f"{added}人を取り込み、{fiscal_year}年度の申込みにしました。"
            + (f"すでに登録されている{skipped}人は追加していません。" if skipped else ""),
        )
        return redirect("ichou:participants", contract_id, fiscal_year)
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload_file = form.cleaned_data["file"]
            try:
                upload, good, bad = services.import_upload(
                    actor=request.user,
                    access=access,
                    name=upload_file.name,
                    content=upload_file.read(),
                )
            except imports.ImportFileError as error:
                form.add_error("file", str(error))
            except ValidationError as error:
                apply_errors(form, error)
            else:
                request.session[IMPORT_SESSION_KEY] = upload.pk
                context.update({"preview": True, "good": good, "bad": bad})
        if form.errors:
            status = 400
    context["form"] = form
    return render(request, "ichou/participants/import.html", context, status=status)


# ---- the blank forms (IC-9 仕様書 7(2)ア) ------------------------------------------------------


def _pdf(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@login_required
def application_form_pdf(request: HttpRequest, contract_id: int, fiscal_year: int) -> HttpResponse:
    """The blank 新規受講者参加登録申込書: no one's data, for anyone who may view participants."""
    access = core_selectors.contract_get(user=request.user, contract_id=contract_id)
    access.require(VIEW_PARTICIPANTS)
    if not 2000 <= fiscal_year <= 2100:
        raise Http404
    pdf = documents.application_form_pdf(contract=access.contract, fiscal_year=fiscal_year)
    return _pdf(pdf, f"application-{fiscal_year}.pdf")


@login_required
def plan_sheet_pdf(request: HttpRequest, contract_id: int, fiscal_year: int) -> HttpResponse:
    """The blank 参加予定表 of the year's approved programme; a page saying so when the year has
    no approved programme yet."""
    access = core_selectors.contract_get(user=request.user, contract_id=contract_id)
    access.require(VIEW_PARTICIPANTS)
    if not 2000 <= fiscal_year <= 2100:
        raise Http404
    activities = selectors.plan_activities(access=access, fiscal_year=fiscal_year)
    if activities is None:
        return render(
            request,
            "ichou/participants/plan_sheet_missing.html",
            {"contract": access.contract, "fiscal_year": fiscal_year},
        )
    pdf = documents.plan_sheet_pdf(
        contract=access.contract, fiscal_year=fiscal_year, activities=activities
    )
    return _pdf(pdf, f"participation-plan-{fiscal_year}.pdf")
