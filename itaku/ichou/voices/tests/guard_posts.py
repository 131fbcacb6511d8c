"""The voices part's form texts for the My Number guard walk (privacy/tests/test_guard.py).
A response's free texts are fields made from the survey's questions (not ``base_fields``);
their guard is tested in test_services.py."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from itaku.ichou.voices.forms import (
    AnswerForm,
    CorrectionForm,
    OpinionForm,
    QuestionForm,
    SurveyForm,
)
from itaku.ichou.voices.models import Opinion, OpinionCorrection, Survey, SurveyQuestion


def _survey(world: Any, field: str, text: str):
    from itaku.ichou.programme.tests.helpers import make_ichou

    make_ichou(world)
    data = {
        "title": text,
        "audience": "both",
        "period_start": "2026-06-01",
        "period_end": "2026-06-30",
    }
    url = reverse("ichou:voices-surveys", args=[world.contract.pk])
    return world.manager, url, data, Survey.objects.count


def _question(world: Any, field: str, text: str):
    from itaku.ichou.voices.tests.helpers import survey

    s, _ = survey(world)
    url = reverse("ichou:voices-survey", args=[world.contract.pk, s.pk])
    return world.manager, url, {"text": text, "kind": "scale"}, SurveyQuestion.objects.count


def _opinion(world: Any, field: str, text: str):
    from itaku.ichou.programme.tests.helpers import make_ichou

    make_ichou(world)
    data = {"received_on": "2026-06-10", "source": "guardian", "channel": "phone", "content": text}
    url = reverse("ichou:voices-opinion-add", args=[world.contract.pk])
    return world.manager, url, data, Opinion.objects.count


def _answer(world: Any, field: str, text: str):
    from itaku.ichou.voices.tests.helpers import opinion

    o = opinion(world)
    url = reverse("ichou:voices-opinion", args=[world.contract.pk, o.pk])
    data = {"answer": text, "answered_on": "2026-06-12"}
    return world.manager, url, data, Opinion.objects.filter(state="answered").count


def _correction(world: Any, field: str, text: str):
    from itaku.ichou.voices.tests.helpers import answered

    o = answered(world)
    url = reverse("ichou:voices-opinion", args=[world.contract.pk, o.pk])
    data = {"answer": "訂正した回答", "reason": "誤記"} | {field: text}
    return world.manager, url, data, OpinionCorrection.objects.count


STORED = {
    (SurveyForm, "title"): _survey,
    (QuestionForm, "text"): _question,
    (OpinionForm, "content"): _opinion,
    (AnswerForm, "answer"): _answer,
    (CorrectionForm, "answer"): _correction,
    (CorrectionForm, "reason"): _correction,
}
