"""The survey pages (IC-16: the list and a new survey, a survey's questions, entering a paper
form, the summary and its Excel file) and the opinion pages (the list filtered open / answered,
a new opinion, one opinion with its answer and corrections)."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone

from itaku.core import selectors as core_selectors
from itaku.core.access import ContractAccess
from itaku.ichou.voices import rules, selectors, services
from itaku.ichou.voices.decl import EDIT_VOICES, VIEW_VOICES
from itaku.ichou.voices.forms import (
    RESPONDENT_LABELS,
    AnswerForm,
    CorrectionForm,
    OpinionForm,
    QuestionForm,
    ResponseForm,
    SurveyForm,
)
from itaku.ichou.voices.models import Opinion, Survey
from itaku.web.views import apply_errors


def _access(request: HttpRequest, contract_id: int) -> ContractAccess:
    access = core_selectors.contract_get(user=request.user, contract_id=contract_id)
    access.require(VIEW_VOICES)
    return access


def _activities(access: ContractAccess) -> list[tuple[str, str]]:
    from itaku.ichou.programme.models import Activity

    return [
        (str(a.pk), f"{a.date:%Y年%m月%d日} {a.get_kind_display()}")
        for a in Activity.objects.filter(programme__contract=access.contract)
        .exclude(programme__state="superseded")
        .order_by("date", "start")
    ]


# Surveys ---------------------------------------------------------------------------------------


@login_required
def surveys_page(request: HttpRequest, contract_id: int) -> HttpResponse:
    access = _access(request, contract_id)
    can_edit = access.can(EDIT_VOICES)
    form = None
    if can_edit:
        form = SurveyForm(request.POST or None, activities=_activities(access))
    if request.method == "POST":
        access.require(EDIT_VOICES)
        if form is not None and form.is_valid():
            try:
                survey = services.survey_create(
                    actor=request.user, access=access, values=form.cleaned_data
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, "アンケートを作りました。設問を足してください。")
                return redirect("ichou:voices-survey", contract_id, survey.pk)
    return render(
        request,
        "ichou/voices/survey_list.html",
        {
            "contract": access.contract,
            "surveys": list(selectors.surveys_of(access=access)),
            "form": form,
        },
        status=400 if form is not None and form.errors else 200,
    )


@login_required
def survey_detail(request: HttpRequest, contract_id: int, survey_id: int) -> HttpResponse:
    access = _access(request, contract_id)
    survey = selectors.survey_get(access=access, survey_id=survey_id)
    can_edit = access.can(EDIT_VOICES)
    form = QuestionForm(request.POST or None, initial={"kind": "scale"})
    if request.method == "POST":
        access.require(EDIT_VOICES)
        if form.is_valid():
            try:
                services.survey_question_add(
                    actor=request.user,
                    access=access,
                    survey=survey,
                    text=form.cleaned_data["text"],
                    kind=form.cleaned_data["kind"],
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, "設問を足しました。")
                return redirect(request.path)
    count = survey.responses.count()
    return render(
        request,
        "ichou/voices/survey_detail.html",
        {
            "contract": access.contract,
            "survey": survey,
            "questions": list(survey.questions.all()),
            "response_count": count,
            "can_edit": can_edit,
            "form": form if can_edit and not survey.is_closed and not count else None,
        },
        status=400 if form.errors else 200,
    )


@login_required
def survey_close(request: HttpRequest, contract_id: int, survey_id: int) -> HttpResponse:
    access = _access(request, contract_id)
    survey = selectors.survey_get(access=access, survey_id=survey_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    access.require(EDIT_VOICES)
    try:
        services.survey_close(actor=request.user, access=access, survey=survey)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "アンケートを締め切りました。")
    return redirect("ichou:voices-survey", contract_id, survey.pk)


def _respondents(survey: Survey) -> list[tuple[str, str]]:
    return [
        (k, v) for k, v in RESPONDENT_LABELS.items() if rules.respondent_allowed(survey.audience, k)
    ]


@login_required
def survey_respond(request: HttpRequest, contract_id: int, survey_id: int) -> HttpResponse:
    access = _access(request, contract_id)
    survey = selectors.survey_get(access=access, survey_id=survey_id)
    access.require(EDIT_VOICES)
    questions = list(survey.questions.all())
    form = ResponseForm(request.POST or None, questions=questions, respondents=_respondents(survey))
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_response_add(
                actor=request.user,
                access=access,
                survey=survey,
                respondent=form.cleaned_data["respondent"],
                answers=form.answers(questions),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "回答を1件入力しました。次の回答用紙をどうぞ。")
            return redirect(request.path)
    return render(
        request,
        "ichou/voices/survey_respond.html",
        {
            "contract": access.contract,
            "survey": survey,
            "form": form if questions and not survey.is_closed else None,
            "response_count": survey.responses.count(),
        },
        status=400 if form.errors else 200,
    )


@login_required
def survey_summary(request: HttpRequest, contract_id: int, survey_id: int) -> HttpResponse:
    access = _access(request, contract_id)
    survey = selectors.survey_get(access=access, survey_id=survey_id)
    summary = selectors.survey_summary_of(access=access, survey=survey)
    return render(
        request,
        "ichou/voices/survey_summary.html",
        {
            "contract": access.contract,
            "survey": survey,
            "summary": summary,
            "by_respondent": [
                (label, summary.by_respondent.get(key, 0))
                for key, label in RESPONDENT_LABELS.items()
            ],
        },
    )


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def survey_summary_xlsx(request: HttpRequest, contract_id: int, survey_id: int) -> HttpResponse:
    access = _access(request, contract_id)
    survey = selectors.survey_get(access=access, survey_id=survey_id)
    data = services.survey_summary_download(actor=request.user, access=access, survey=survey)
    name = f"アンケート集計-{survey.pk}.xlsx"
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = (
        f"attachment; filename=\"survey-{survey.pk}.xlsx\"; filename*=UTF-8''{quote(name)}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


# Opinions --------------------------------------------------------------------------------------

FILTERS = [("", "すべて"), ("open", "未回答"), ("answered", "回答済み")]


@login_required
def opinions_page(request: HttpRequest, contract_id: int) -> HttpResponse:
    access = _access(request, contract_id)
    state = request.GET.get("state", "")
    if state not in Opinion.State.values:
        state = ""
    today = timezone.localdate()
    rows = [
        {
            "opinion": o,
            "late": o.state == "open" and rules.opinion_waiting_too_long(o.received_on, today),
        }
        for o in selectors.opinions_of(access=access, state=state)
    ]
    return render(
        request,
        "ichou/voices/opinion_list.html",
        {
            "contract": access.contract,
            "rows": rows,
            "state": state,
            "filters": FILTERS,
            "can_edit": access.can(EDIT_VOICES),
        },
    )


def _participants(access: ContractAccess) -> list[tuple[str, str]] | None:
    if not selectors.can_see_participant(access):
        return None
    from itaku.ichou.participants.models import Participant

    people = list(Participant.objects.filter(contract=access.contract))
    people.sort(key=lambda p: (p.family_name_kana, p.given_name_kana, p.pk))
    return [(str(p.pk), f"{p.full_name}({p.full_name_kana})") for p in people]


@login_required
def opinion_add(request: HttpRequest, contract_id: int) -> HttpResponse:
    access = _access(request, contract_id)
    access.require(EDIT_VOICES)
    form = OpinionForm(
        request.POST or None,
        participants=_participants(access),
        initial={"received_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            opinion = services.opinion_create(
                actor=request.user, access=access, values=form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "ご意見・ご要望を受け付けました。")
            return redirect("ichou:voices-opinion", contract_id, opinion.pk)
    return render(
        request,
        "ichou/voices/opinion_form.html",
        {"contract": access.contract, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def opinion_detail(request: HttpRequest, contract_id: int, opinion_id: int) -> HttpResponse:
    access = _access(request, contract_id)
    opinion = selectors.opinion_get(access=access, opinion_id=opinion_id)
    can_edit = access.can(EDIT_VOICES)
    answer_form = None
    correction_form = None
    if opinion.state == Opinion.State.OPEN:
        answer_form = AnswerForm(
            request.POST or None, initial={"answered_on": timezone.localdate()}
        )
    else:
        correction_form = CorrectionForm(request.POST or None, initial={"answer": opinion.answer})
    if request.method == "POST":
        access.require(EDIT_VOICES)
        try:
            if answer_form is not None and answer_form.is_valid():
                services.opinion_answer(
                    actor=request.user,
                    access=access,
                    opinion=opinion,
                    answer=answer_form.cleaned_data["answer"],
                    answered_on=answer_form.cleaned_data["answered_on"],
                )
                messages.success(request, "回答を記録しました。")
                return redirect(request.path)
            if correction_form is not None and correction_form.is_valid():
                services.opinion_answer_correct(
                    actor=request.user,
                    access=access,
                    opinion=opinion,
                    answer=correction_form.cleaned_data["answer"],
                    reason=correction_form.cleaned_data["reason"],
                )
                messages.success(request, "回答を訂正しました。")
                return redirect(request.path)
        except ValidationError as error:
            apply_errors(answer_form or correction_form, error)
    form = answer_form or correction_form
    return render(
        request,
        "ichou/voices/opinion_detail.html",
        {
            "contract": access.contract,
            "opinion": opinion,
            "participant": selectors.opinion_participant(access=access, opinion=opinion),
            "corrections": selectors.opinion_corrections(access=access, opinion=opinion),
            "can_edit": can_edit,
            "answer_form": answer_form if can_edit else None,
            "correction_form": correction_form if can_edit else None,
        },
        status=400 if form is not None and form.errors else 200,
    )


@login_required
def opinion_report(request: HttpRequest, contract_id: int, opinion_id: int) -> HttpResponse:
    access = _access(request, contract_id)
    opinion = selectors.opinion_get(access=access, opinion_id=opinion_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    access.require(EDIT_VOICES)
    try:
        services.opinion_report(actor=request.user, access=access, opinion=opinion)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "区へ報告済みにしました。")
    return redirect("ichou:voices-opinion", contract_id, opinion.pk)
