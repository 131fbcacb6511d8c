"""The world of the voices tests: the test world's contract as a いちょう学級 contract, a survey
with two scale questions and a free one, and opinions received by the manager."""

from __future__ import annotations

from datetime import date
from typing import Any

from itaku.ichou.programme.tests.helpers import make_ichou
from itaku.ichou.voices import services
from itaku.ichou.voices.models import Opinion, Survey, SurveyQuestion

TODAY = date(2026, 6, 15)


def survey_values(**change: Any) -> dict[str, Any]:
    return {
        "title": "参加者アンケート",
        "audience": "both",
        "period_start": date(2026, 6, 1),
        "period_end": date(2026, 6, 30),
        "activity": None,
    } | change


def survey(world: Any, **change: Any) -> tuple[Survey, list[SurveyQuestion]]:
    make_ichou(world)
    access = world.access(world.manager)
    s = services.survey_create(actor=world.manager, access=access, values=survey_values(**change))
    questions = [
        services.survey_question_add(
            actor=world.manager, access=access, survey=s, text=text, kind=kind
        )
        for text, kind in [
            ("楽しかったですか", "scale"),
            ("また来たいですか", "scale"),
            ("ご感想", "free"),
        ]
    ]
    return s, questions


def respond(world: Any, s: Survey, answers: dict[int, Any], respondent: str = "participant"):
    return services.survey_response_add(
        actor=world.worker,
        access=world.access(world.worker),
        survey=s,
        respondent=respondent,
        answers=answers,
    )


def opinion_values(**change: Any) -> dict[str, Any]:
    return {
        "received_on": date(2026, 6, 10),
        "source": "guardian",
        "channel": "phone",
        "participant": None,
        "content": "集合場所を分かりやすくしてほしい。",
        "ward_reported": False,
    } | change


def opinion(world: Any, **change: Any) -> Opinion:
    make_ichou(world)
    return services.opinion_create(
        actor=world.manager, access=world.access(world.manager), values=opinion_values(**change)
    )


def answered(world: Any, **change: Any) -> Opinion:
    o = opinion(world, **change)
    return services.opinion_answer(
        actor=world.manager,
        access=world.access(world.manager),
        opinion=o,
        answer="看板を出します。",
        answered_on=date(2026, 6, 12),
    )
