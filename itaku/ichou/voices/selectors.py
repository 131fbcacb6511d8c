"""Reads of the surveys and the opinions through the access rule (anything not allowed answers
404), the summary of a survey (``rules.survey_summary`` on what is stored) and the manager's
to-do of opinions waiting too long."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Min, QuerySet

from itaku.core.access import ContractAccess
from itaku.ichou.participants.decl import VIEW_HEALTH
from itaku.ichou.voices import rules
from itaku.ichou.voices.decl import EDIT_VOICES, VIEW_VOICES
from itaku.ichou.voices.models import Opinion, OpinionCorrection, Survey, SurveyAnswer
from itaku.web.lookup import get_or_404


def surveys_of(*, access: ContractAccess) -> QuerySet[Survey]:
    access.require(VIEW_VOICES)
    return (
        Survey.objects.filter(contract=access.contract)
        .select_related("activity")
        .annotate(response_count=Count("responses", distinct=True))
    )


def survey_get(*, access: ContractAccess, survey_id: Any) -> Survey:
    access.require(VIEW_VOICES)
    return get_or_404(
        Survey.objects.filter(contract=access.contract).select_related("activity"), pk=survey_id
    )


def survey_summary_of(*, access: ContractAccess, survey: Survey) -> rules.Summary:
    """IC-16: the survey's summary; three queries however many responses."""
    access.require(VIEW_VOICES)
    if survey.contract_id != access.contract.pk:
        from django.http import Http404

        raise Http404
    questions = [rules.Question(key=q.pk, text=q.text, kind=q.kind) for q in survey.questions.all()]
    answers: dict[int, dict[int, int | str | None]] = {}
    respondents: dict[int, str] = dict(survey.responses.values_list("pk", "respondent"))
    for pk in respondents:
        answers[pk] = {}
    for answer in SurveyAnswer.objects.filter(response__survey=survey).order_by("response", "pk"):
        answers.setdefault(answer.response_id, {})[answer.question_id] = (
            answer.point if answer.point is not None else answer.text
        )
    responses = [
        rules.Response(respondent=respondents[pk], answers=answers[pk])
        for pk in sorted(respondents)
    ]
    return rules.survey_summary(questions, responses)


def opinions_of(*, access: ContractAccess, state: str = "") -> QuerySet[Opinion]:
    """The contract's opinions, newest first; ``state`` "open" or "answered" filters."""
    access.require(VIEW_VOICES)
    rows = Opinion.objects.filter(contract=access.contract)
    if state in Opinion.State.values:
        rows = rows.filter(state=state)
    return rows


def opinion_get(*, access: ContractAccess, opinion_id: Any) -> Opinion:
    access.require(VIEW_VOICES)
    return get_or_404(
        Opinion.objects.filter(contract=access.contract).select_related("answered_by"),
        pk=opinion_id,
    )


def opinion_corrections(*, access: ContractAccess, opinion: Opinion) -> list[OpinionCorrection]:
    access.require(VIEW_VOICES)
    return list(
        OpinionCorrection.objects.filter(contract=access.contract, opinion=opinion).select_related(
            "corrected_by"
        )
    )


def can_see_participant(access: ContractAccess) -> bool:
    """Only those who may read the participants' contacts see an opinion's participant."""
    return access.can(VIEW_HEALTH)


def opinion_participant(*, access: ContractAccess, opinion: Opinion) -> Any:
    """The opinion's participant, or None for anyone who may not see the link."""
    if opinion.participant_id is None or not can_see_participant(access):
        return None
    from itaku.ichou.participants.selectors import participant_get

    return participant_get(access=access, participant_id=opinion.participant_id)


def voices_todos(user: Any, today: date, accesses: list[ContractAccess]) -> list[Any]:
    """IC-16: for the manager, the opinions open for more than 14 days, as a count per contract
    (never their content). One query however many contracts."""
    from django.urls import reverse

    from itaku.core.domain import Role
    from itaku.core.registry import TodoItem

    managing = {
        a.contract.pk: a for a in accesses if Role.MANAGER in a.roles and a.can(EDIT_VOICES)
    }
    if not managing:
        return []
    limit = today - timedelta(days=rules.OPINION_WAIT_DAYS)
    waiting = (
        Opinion.objects.filter(
            contract_id__in=managing, state=Opinion.State.OPEN, received_on__lt=limit
        )
        .values("contract_id")
        .annotate(n=Count("pk"), oldest=Min("received_on"))
        .order_by("contract_id")
    )
    items = []
    for row in waiting:
        access = managing[row["contract_id"]]
        items.append(
            TodoItem(
                access.contract,
                f"{rules.OPINION_WAIT_DAYS}日を過ぎても回答していないご意見・ご要望が"
                f"{row['n']}件あります。",
                row["oldest"],
                reverse("ichou:voices-opinions", args=[access.contract.pk]) + "?state=open",
                "ご意見・ご要望を見る",
            )
        )
    return items
