"""Writes of the surveys and the opinions (IC-16), by the manager and the workers: each with its
audit record in the same transaction, which names the fields at most, never what was written.
Free texts are checked for a My Number (PI-11) and sealed."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from itaku.audit.services import audit_record
from itaku.core.access import ContractAccess
from itaku.ichou.participants.decl import VIEW_HEALTH
from itaku.ichou.voices import rules
from itaku.ichou.voices.decl import EDIT_VOICES, VIEW_VOICES
from itaku.ichou.voices.models import (
    Opinion,
    OpinionCorrection,
    Survey,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
)
from itaku.privacy.services import my_number_refuse

REQUIRED = "入力してください。"
TEXT_MAX = 4000


def _text(values: dict[str, Any], name: str) -> str:
    return str(values.get(name) or "").strip()


def _day(problems: dict[str, list[str]], values: dict[str, Any], name: str) -> date | None:
    day = values.get(name)
    if not isinstance(day, date):
        problems[name] = ["日付を入力してください。"]
        return None
    return day


def _activity(access: ContractAccess, value: Any) -> Any:
    from itaku.ichou.programme.models import Activity

    if value in (None, ""):
        return None
    if isinstance(value, Activity):
        value = value.pk
    activity = Activity.objects.filter(programme__contract=access.contract, pk=str(value)).first()
    if activity is None:
        raise ValidationError({"activity": ["この契約の活動を選んでください。"]})
    return activity


# Surveys ---------------------------------------------------------------------------------------


def survey_create(*, actor: Any, access: ContractAccess, values: dict[str, Any]) -> Survey:
    access.require(EDIT_VOICES)
    problems: dict[str, list[str]] = {}
    title = _text(values, "title")
    if not title:
        problems["title"] = [REQUIRED]
    if values.get("audience") not in Survey.Audience.values:
        problems["audience"] = ["対象を選んでください。"]
    start = _day(problems, values, "period_start")
    end = _day(problems, values, "period_end")
    if start and end and end < start:
        problems["period_end"] = ["実施期間の終わりは始めより後にしてください。"]
    try:
        activity = _activity(access, values.get("activity"))
    except ValidationError as error:
        problems.update(error.message_dict)
    if problems:
        raise ValidationError(problems)
    my_number_refuse(actor=actor, fields={"title": title}, contract=access.contract)
    with transaction.atomic():
        survey = Survey.objects.create(
            contract=access.contract,
            title=title,
            audience=values["audience"],
            period_start=values["period_start"],
            period_end=values["period_end"],
            activity=activity,
            created_by=actor,
        )
        audit_record(
            actor=actor, action="ic_survey.create", target=survey, contract=access.contract
        )
    return survey


def _locked_survey(access: ContractAccess, survey: Survey) -> Survey:
    return Survey.objects.select_for_update().get(pk=survey.pk, contract=access.contract)


def survey_question_add(
    *, actor: Any, access: ContractAccess, survey: Survey, text: str, kind: str
) -> SurveyQuestion:
    """A question at the end of the survey; only before any form is entered, so every response
    answers the same questions."""
    access.require(EDIT_VOICES)
    text = (text or "").strip()
    problems: dict[str, list[str]] = {}
    if not text:
        problems["text"] = [REQUIRED]
    if kind not in SurveyQuestion.Kind.values:
        problems["kind"] = ["設問の種類を選んでください。"]
    if problems:
        raise ValidationError(problems)
    my_number_refuse(actor=actor, fields={"text": text}, contract=access.contract)
    with transaction.atomic():
        survey = _locked_survey(access, survey)
        if survey.is_closed:
            raise ValidationError("締め切ったアンケートには設問を足せません。")
        if survey.responses.exists():
            raise ValidationError("回答を入力したあとは設問を足せません。")
        last = survey.questions.order_by("-order").values_list("order", flat=True).first() or 0
        question = SurveyQuestion.objects.create(
            survey=survey, order=last + 1, text=text, kind=kind
        )
        audit_record(
            actor=actor,
            action="ic_survey.question_add",
            target=survey,
            contract=access.contract,
            changes={"question": question.pk},
        )
    return question


def survey_close(*, actor: Any, access: ContractAccess, survey: Survey) -> Survey:
    """IC-16: a closed survey takes no more responses."""
    access.require(EDIT_VOICES)
    with transaction.atomic():
        survey = _locked_survey(access, survey)
        if survey.is_closed:
            raise ValidationError("このアンケートはもう締め切っています。")
        survey.closed_at = timezone.now()
        survey.save(update_fields=["closed_at"])
        audit_record(actor=actor, action="ic_survey.close", target=survey, contract=access.contract)
    return survey


def _answers_clean(
    questions: list[SurveyQuestion], answers: dict[int, Any]
) -> dict[int, int | str]:
    problems: dict[str, list[str]] = {}
    clean: dict[int, int | str] = {}
    for question in questions:
        value = answers.get(question.pk)
        if value in (None, ""):
            continue  # skipped
        if question.kind == SurveyQuestion.Kind.SCALE:
            try:
                point = int(str(value))
            except (TypeError, ValueError):
                point = 0
            if point not in rules.POINTS:
                problems[f"q{question.pk}"] = ["1〜5のどれかを選んでください。"]
            else:
                clean[question.pk] = point
        else:
            text = str(value).strip()
            if len(text) > TEXT_MAX:
                problems[f"q{question.pk}"] = [f"{TEXT_MAX}文字以内にしてください。"]
            elif text:
                clean[question.pk] = text
    if problems:
        raise ValidationError(problems)
    return clean


def survey_response_add(
    *,
    actor: Any,
    access: ContractAccess,
    survey: Survey,
    respondent: str,
    answers: dict[int, Any],
) -> SurveyResponse:
    """One paper form typed in (IC-16): anonymous; a skipped question is simply not stored. A
    closed survey, a respondent outside the survey's audience or an empty form are refused."""
    access.require(EDIT_VOICES)
    if not rules.respondent_allowed(survey.audience, respondent):
        raise ValidationError({"respondent": ["このアンケートの対象の回答者を選んでください。"]})
    questions = list(survey.questions.all())
    clean = _answers_clean(questions, answers)
    if not clean:
        raise ValidationError("どの設問にも回答がありません。回答用紙を確かめてください。")
    my_number_refuse(
        actor=actor,
        fields={f"q{pk}": v for pk, v in clean.items() if isinstance(v, str)},
        contract=access.contract,
    )
    with transaction.atomic():
        survey = _locked_survey(access, survey)
        if survey.is_closed:
            raise ValidationError("このアンケートは締め切っています。回答は入力できません。")
        response = SurveyResponse.objects.create(
            survey=survey, respondent=respondent, entered_by=actor
        )
        for question in questions:
            if question.pk not in clean:
                continue
            value = clean[question.pk]
            SurveyAnswer.objects.create(
                contract=access.contract,
                response=response,
                question=question,
                point=value if isinstance(value, int) else None,
                text=value if isinstance(value, str) else "",
            )
        audit_record(
            actor=actor,
            action="ic_survey.response_add",
            target=response,
            contract=access.contract,
            changes={"survey": survey.pk, "answered": len(clean)},
        )
    return response


def survey_summary_download(*, actor: Any, access: ContractAccess, survey: Survey) -> bytes:
    """The summary as an Excel workbook, watermarked with who took it out; audited."""
    from itaku.documents.tables import table_xlsx
    from itaku.documents.watermark import Watermark
    from itaku.ichou.voices.selectors import survey_summary_of

    access.require(VIEW_VOICES)
    summary = survey_summary_of(access=access, survey=survey)
    watermark = Watermark(
        who=f"{actor.get_full_name() or actor.get_username()} (利用者ID {actor.pk})",
        at=timezone.now(),
        purpose="アンケートの集計",
        reference=f"アンケート #{survey.pk}",
    )
    data = table_xlsx(
        title="アンケート集計",
        columns=summary_columns(),
        rows=summary_rows(survey, summary),
        watermark=watermark,
    )
    with transaction.atomic():
        audit_record(
            actor=actor, action="ic_survey.download", target=survey, contract=access.contract
        )
    return data


def summary_columns() -> list[str]:
    return ["設問", "種類", "回答数", "1", "2", "3", "4", "5", "平均", "自由記述"]


def summary_rows(survey: Survey, summary: rules.Summary) -> list[list[object]]:
    labels = dict(SurveyQuestion.Kind.choices)
    rows: list[list[object]] = [
        [f"{survey.title}(回答 {summary.total}件)", "", summary.total, *[""] * 7],
    ]
    for respondent, label in SurveyResponse.Respondent.choices:
        rows.append([f"回答者: {label}", "", summary.by_respondent.get(respondent, 0), *[""] * 7])
    for q in summary.questions:
        if q.question.kind == rules.SCALE:
            average = "" if q.average is None else float(q.average)
            rows.append(
                [q.question.text, labels[q.question.kind], q.answered, *q.counts, average, ""]
            )
        else:
            rows.append(
                [
                    q.question.text,
                    labels[q.question.kind],
                    q.answered,
                    *[""] * 6,
                    "\n".join(q.texts),
                ]
            )
    return rows


# Opinions --------------------------------------------------------------------------------------


def _participant(access: ContractAccess, value: Any) -> Any:
    from itaku.ichou.participants.models import Participant

    if value in (None, ""):
        return None
    # The link to a participant is for those who may read the participants' contacts (the
    # manager and the nurses); for anyone else the field is not there.
    if not access.can(VIEW_HEALTH):
        raise ValidationError({"participant": ["参加者を結びつける権限がありません。"]})
    if isinstance(value, Participant):
        value = value.pk
    participant = Participant.objects.filter(contract=access.contract, pk=str(value)).first()
    if participant is None:
        raise ValidationError({"participant": ["この契約の参加者を選んでください。"]})
    return participant


def opinion_create(*, actor: Any, access: ContractAccess, values: dict[str, Any]) -> Opinion:
    access.require(EDIT_VOICES)
    problems: dict[str, list[str]] = {}
    received_on = _day(problems, values, "received_on")
    if received_on and received_on > timezone.localdate():
        problems["received_on"] = ["受付日は今日以前にしてください。"]
    if values.get("source") not in Opinion.Source.values:
        problems["source"] = ["どなたからかを選んでください。"]
    if values.get("channel") not in Opinion.Channel.values:
        problems["channel"] = ["受付の方法を選んでください。"]
    content = _text(values, "content")
    if not content:
        problems["content"] = [REQUIRED]
    try:
        participant = _participant(access, values.get("participant"))
    except ValidationError as error:
        problems.update(error.message_dict)
    if problems:
        raise ValidationError(problems)
    my_number_refuse(actor=actor, fields={"content": content}, contract=access.contract)
    with transaction.atomic():
        opinion = Opinion.objects.create(
            contract=access.contract,
            received_on=values["received_on"],
            source=values["source"],
            channel=values["channel"],
            participant=participant,
            content=content,
            ward_reported=bool(values.get("ward_reported")),
            created_by=actor,
        )
        audit_record(
            actor=actor, action="ic_opinion.create", target=opinion, contract=access.contract
        )
    return opinion


def _locked_opinion(access: ContractAccess, opinion: Opinion) -> Opinion:
    return Opinion.objects.select_for_update().get(pk=opinion.pk, contract=access.contract)


def opinion_answer(
    *, actor: Any, access: ContractAccess, opinion: Opinion, answer: str, answered_on: Any
) -> Opinion:
    """IC-16: the answer given, recorded once; a second answer is a correction."""
    access.require(EDIT_VOICES)
    answer = (answer or "").strip()
    problems: dict[str, list[str]] = {}
    if not answer:
        problems["answer"] = [REQUIRED]
    day = _day(problems, {"answered_on": answered_on}, "answered_on")
    if day and day > timezone.localdate():
        problems["answered_on"] = ["回答日は今日以前にしてください。"]
    elif day and day < opinion.received_on:
        problems["answered_on"] = ["回答日は受付日より後にしてください。"]
    if problems:
        raise ValidationError(problems)
    my_number_refuse(actor=actor, fields={"answer": answer}, contract=access.contract)
    with transaction.atomic():
        opinion = _locked_opinion(access, opinion)
        if opinion.state != Opinion.State.OPEN:
            raise ValidationError("この回答はもう記録されています。直すときは「訂正」から。")
        opinion.answer = answer
        opinion.answered_on = day
        opinion.answered_by = actor
        opinion.state = Opinion.State.ANSWERED
        opinion.save(update_fields=["answer", "answered_on", "answered_by", "state"])
        audit_record(
            actor=actor, action="ic_opinion.answer", target=opinion, contract=access.contract
        )
    return opinion


def opinion_answer_correct(
    *, actor: Any, access: ContractAccess, opinion: Opinion, answer: str, reason: str
) -> Opinion:
    """IC-16: a recorded answer corrected, with the reason; the answer before is kept."""
    access.require(EDIT_VOICES)
    answer, reason = (answer or "").strip(), (reason or "").strip()
    problems: dict[str, list[str]] = {}
    if not answer:
        problems["answer"] = [REQUIRED]
    if not reason:
        problems["reason"] = ["訂正の理由を入力してください。"]
    if problems:
        raise ValidationError(problems)
    my_number_refuse(
        actor=actor, fields={"answer": answer, "reason": reason}, contract=access.contract
    )
    with transaction.atomic():
        opinion = _locked_opinion(access, opinion)
        if opinion.state != Opinion.State.ANSWERED:
            raise ValidationError("まだ回答が記録されていません。")
        if opinion.answer == answer:
            raise ValidationError({"answer": ["回答が前と同じです。"]})
        correction = OpinionCorrection.objects.create(
            contract=access.contract,
            opinion=opinion,
            previous_answer=opinion.answer,
            reason=reason,
            corrected_by=actor,
        )
        opinion.answer = answer
        opinion.save(update_fields=["answer"])
        audit_record(
            actor=actor,
            action="ic_opinion.correct",
            target=opinion,
            contract=access.contract,
            changes={"fields": ["answer"], "correction": correction.pk},
        )
    return opinion


def opinion_report(*, actor: Any, access: ContractAccess, opinion: Opinion) -> Opinion:
    """The opinion marked as reported to the ward."""
    access.require(EDIT_VOICES)
    with transaction.atomic():
        opinion = _locked_opinion(access, opinion)
        if opinion.ward_reported:
            raise ValidationError("このご意見はもう区へ報告済みです。")
        opinion.ward_reported = True
        opinion.save(update_fields=["ward_reported"])
        audit_record(
            actor=actor,
            action="ic_opinion.report",
            target=opinion,
            contract=access.contract,
            changes={"fields": ["ward_reported"]},
        )
    return opinion
