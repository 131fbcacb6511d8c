"""The pure rules of IC-16: the survey summary (no answers, all 5s, mixed, a skipped question,
free texts), who may answer a survey, and when an open opinion has waited too long."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from itaku.ichou.voices import rules
from itaku.ichou.voices.rules import FREE, SCALE, Question, Response

Q1 = Question(1, "楽しかったですか", SCALE)
Q2 = Question(2, "ご感想", FREE)


def _r(respondent: str = "participant", **answers: object) -> Response:
    return Response(respondent, {int(k[1:]): v for k, v in answers.items()})  # type: ignore[misc]


@pytest.mark.parametrize(
    ("responses", "counts", "average", "answered"),
    [
        pytest.param([], (0, 0, 0, 0, 0), None, 0, id="IC-16 no answers"),
        pytest.param(
            [_r(q1=5), _r(q1=5), _r(q1=5)], (0, 0, 0, 0, 3), Decimal("5.0"), 3, id="IC-16 all 5s"
        ),
        pytest.param(
            [_r(q1=1), _r(q1=4), _r(q1=5)],
            (1, 0, 0, 1, 1),
            Decimal("3.3"),
            3,
            id="IC-16 mixed, 10/3 to one decimal",
        ),
        pytest.param(
            [_r(q1=1), _r(q1=4), _r(q1=4), _r(q1=4)],
            (1, 0, 0, 3, 0),
            Decimal("3.3"),
            4,
            id="IC-16 13/4 is 3.25, a half rounded up",
        ),
        pytest.param(
            [_r(q1=2), _r(q1=3), _r(q1=3)],
            (0, 1, 2, 0, 0),
            Decimal("2.7"),
            3,
            id="IC-16 8/3 is 2.7",
        ),
        pytest.param(
            [_r(q1=3), _r(), _r(q1=None)],
            (0, 0, 1, 0, 0),
            Decimal("3.0"),
            1,
            id="IC-16 a skipped question counts for nothing",
        ),
        pytest.param(
            [_r(q1=0), _r(q1=6), _r(q1=True), _r(q1=2)],
            (0, 1, 0, 0, 0),
            Decimal("2.0"),
            1,
            id="IC-16 a point outside 1-5 is ignored",
        ),
    ],
)
def test_ic16_the_summary_counts_each_point_and_averages_to_one_decimal(
    responses, counts, average, answered
):
    summary = rules.survey_summary([Q1], responses)
    [q] = summary.questions
    assert (q.counts, q.average, q.answered) == (counts, average, answered)
    assert summary.total == len(responses)


def test_ic16_the_summary_counts_responses_by_respondent_type():
    summary = rules.survey_summary(
        [Q1], [_r("participant", q1=3), _r("guardian", q1=4), _r("guardian")]
    )
    assert summary.by_respondent == {"participant": 1, "guardian": 2}
    assert summary.total == 3


def test_ic16_no_responses_is_zero_of_each_respondent():
    summary = rules.survey_summary([Q1, Q2], [])
    assert summary.by_respondent == {"participant": 0, "guardian": 0}
    assert [q.answered for q in summary.questions] == [0, 0]
    assert summary.questions[1].texts == ()


def test_ic16_free_texts_are_listed_in_order_blank_ones_left_out():
    summary = rules.survey_summary(
        [Q1, Q2], [_r(q2=" 楽しかった "), _r(q2=""), _r(q1=4), _r(q2="また来たい")]
    )
    free = summary.questions[1]
    assert free.texts == ("楽しかった", "また来たい") and free.answered == 2
    assert summary.questions[0].answered == 1


@pytest.mark.parametrize(
    ("audience", "respondent", "ok"),
    [
        ("participants", "participant", True),
        ("participants", "guardian", False),
        ("guardians", "guardian", True),
        ("guardians", "participant", False),
        ("both", "participant", True),
        ("both", "guardian", True),
        ("both", "other", False),
        ("", "participant", False),
    ],
    ids=lambda v: f"IC-16 {v}" if isinstance(v, str) else str(v),
)
def test_ic16_a_survey_takes_forms_of_its_audience_only(audience, respondent, ok):
    assert rules.respondent_allowed(audience, respondent) is ok


@pytest.mark.parametrize(
    ("received_on", "late"),
    [
        pytest.param(date(2026, 6, 1), False, id="IC-16 14 days is not yet too long"),
        pytest.param(date(2026, 5, 31), True, id="IC-16 15 days is too long"),
        pytest.param(date(2026, 6, 15), False, id="IC-16 received today"),
    ],
)
def test_ic16_an_opinion_waits_too_long_after_14_days(received_on, late):
    assert rules.opinion_waiting_too_long(received_on, date(2026, 6, 15)) is late


def test_ic16_the_counts_read_point_by_point():
    summary = rules.survey_summary([Q1], [_r(q1=2), _r(q1=5), _r(q1=5)])
    assert summary.questions[0].per_point == [(1, 0), (2, 1), (3, 0), (4, 0), (5, 2)]
